"""Word documents in the official layout of GB/T 9704-2012 (letters, postings, forms).

A4; 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; body 3号仿宋 (16 pt) on a document grid of 22 lines of
28 characters; title 2号小标宋 (22 pt) centred; levels 「一、」黑体, 「（一）」楷体; page numbers 「— 1 —」 in
4号半角宋体 7 mm below the 版心, odd pages right and even pages left, one character in (GB/T 9704 §7.5).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length, Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from app.services.formats.atomic import atomic_write
from app.services.formats.chinese import cn_date
from app.services.formats.fonts import FontRole, apply_docx_east_asian_font, resolve_font

BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
PAGE_NUMBER_PT = 14  # 4号
LINE_PT = 28.95  # 22 lines fill the 225 mm 版心 (225 mm ÷ 22 ≈ 29 pt)
TEXT_WIDTH_MM, TEXT_HEIGHT_MM, TOP_MM, BOTTOM_MM = 156, 225, 37, 35  # 版心 and 天头 (GB/T 9704 §5.2.2)
CHARS_PER_LINE, LINES_PER_PAGE = 28, 22  # GB/T 9704 §5.2.3
PAGE_NUMBER_GAP_MM = 7  # 一字线上距版心下边缘7mm (GB/T 9704 §7.5)
# Word's footer distance runs from the paper's edge to the foot of the page-number line (exactly 4号 high);
# the 一字线 sits at the line's middle, so the line's foot is half a line below the 7 mm mark.
FOOTER_DISTANCE_MM = BOTTOM_MM - PAGE_NUMBER_GAP_MM - PAGE_NUMBER_PT * 25.4 / 72 / 2
LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
LEVEL2 = re.compile(r"^（[一二三四五六七八九十]+）")


def _family(role: FontRole) -> str:
    return resolve_font(role).docx_family_name


class OfficialDocument:
    """Build a document top to bottom, then `save()` it (temp name, then rename)."""

    def __init__(self) -> None:
        self.document = Document()
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.left_margin = Mm(37), Mm(28)
        section.bottom_margin, section.right_margin = Mm(35), Mm(26)
        section.footer_distance = Mm(FOOTER_DISTANCE_MM)
        _set_grid(section._sectPr)
        normal = self.document.styles["Normal"]
        apply_docx_east_asian_font(normal, _family(FontRole.FANGSONG), BODY_PT)
        paragraph_format = normal.paragraph_format
        paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph_format.line_spacing = Pt(LINE_PT)
        paragraph_format.space_before = paragraph_format.space_after = Pt(0)
        paragraph_format.widow_control = False  # 每面排22行并撑满版心: no page left a line short
        _fit_28_characters(normal.element)
        self._add_page_number()

    @property
    def last_paragraph(self) -> Paragraph | None:
        paragraphs = self.document.paragraphs
        return paragraphs[-1] if paragraphs else None

    def _paragraph(
        self,
        text: str = "",
        *,
        align: WD_ALIGN_PARAGRAPH | None = None,
        role: FontRole | None = None,
        size: float | None = None,
        indent_chars: int = 0,
        right_chars: int = 0,
    ) -> Paragraph:
        paragraph = self.document.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        if indent_chars:
            paragraph.paragraph_format.first_line_indent = Pt(BODY_PT * indent_chars)
        if right_chars:
            paragraph.paragraph_format.right_indent = Pt(BODY_PT * right_chars)
        if text:
            run = paragraph.add_run(text)
            if role is not None or size is not None:
                apply_docx_east_asian_font(run, _family(role or FontRole.FANGSONG), size)
        return paragraph

    def blank(self, lines: int = 1) -> None:
        for _ in range(lines):
            self._paragraph()

    def doc_number(self, number: str) -> None:
        """发文字号, centred (上行文 would sit left; letters here are 下行/平行)."""
        self._paragraph(number, align=WD_ALIGN_PARAGRAPH.CENTER)

    def title(self, text: str) -> None:
        self._paragraph(text, align=WD_ALIGN_PARAGRAPH.CENTER, role=FontRole.XIAOBIAOSONG, size=TITLE_PT)
        self.blank()

    def addressee(self, text: str) -> None:
        """主送机关 / the applicant: top line, no indent, ends with a full-width colon."""
        self._paragraph(text if text.endswith("：") else text + "：")

    def body(self, text: str) -> None:
        """One paragraph per line; 「一、」 in 黑体, 「（一）」 in 楷体; each line indented two characters."""
        for line in (part.strip() for part in text.splitlines()):
            if not line:
                continue
            role = FontRole.HEI if LEVEL1.match(line) else FontRole.KAI if LEVEL2.match(line) else None
            self._paragraph(line, role=role, size=BODY_PT if role else None, indent_chars=2)

    def attachments(self, names: list[str]) -> None:
        """附件说明: 「附件：1.××」, no end punctuation."""
        if not names:
            return
        self.blank()
        if len(names) == 1:
            self._paragraph(f"附件：{names[0]}", indent_chars=2)
            return
        self._paragraph(f"附件：1.{names[0]}", indent_chars=2)
        for index, name in enumerate(names[1:], start=2):
            self._paragraph(f"{index}.{name}", indent_chars=5)

    def signature(self, organisation: str, day: date) -> None:
        """成文日期 右空四字; 发文机关署名 centred over it (GB/T 9704 §7.3.5.1, 加盖印章的公文).

        Both lines are centred on one vertical line, so the 署名 stays centred over the date whatever
        width the printer's font gives the digits; that line sits where a date in 仿宋 (half-width
        digits) ends four characters from the right. The last body paragraph, the blank line and the
        署名 keep with the next paragraph: the 署名 and the date never stand alone on a page.
        """
        before = self.last_paragraph
        if before is not None and before.text.strip():
            before.paragraph_format.keep_with_next = True
        self.blank()
        self.last_paragraph.paragraph_format.keep_with_next = True  # type: ignore[union-attr]
        written = cn_date(day)
        line = Mm(TEXT_WIDTH_MM)
        centre = line - Pt(BODY_PT * (4 + text_width(written) / 2))
        if Pt(BODY_PT * text_width(organisation) / 2) > line - centre:  # a long name: flush right
            name = self._paragraph(organisation, align=WD_ALIGN_PARAGRAPH.RIGHT)
        else:
            name = self._centred_at(organisation, centre)
        name.paragraph_format.keep_with_next = True
        self._centred_at(written, centre)

    def _centred_at(self, text: str, centre: int) -> Paragraph:
        """Centred in a box reaching from `centre` to the right margin and as far to the left."""
        paragraph = self._paragraph(text, align=WD_ALIGN_PARAGRAPH.CENTER)
        half = Mm(TEXT_WIDTH_MM) - centre
        paragraph.paragraph_format.left_indent = Length(centre - half)
        return paragraph

    def note(self, text: str) -> None:
        """附注 (e.g. 「（此件公开发布）」): left, two characters in, in parentheses."""
        shown = text if text.startswith("（") else f"（{text}）"
        self._paragraph(shown, indent_chars=2)

    def table(
        self,
        headers: list[str],
        rows: list[list[str]],
        widths_mm: list[float] | None = None,
        min_heights_mm: dict[int, float] | None = None,
    ) -> Table:
        """A ruled table; `min_heights_mm` maps a body row's index (0 = first row after the header) to the
        least height it keeps, e.g. room for a handwritten signature."""
        table: Table = self.document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, header in zip(table.rows[0].cells, headers, strict=True):
            cell.text = header
            apply_docx_east_asian_font(cell.paragraphs[0].runs[0], _family(FontRole.HEI), 12)
        for values in rows:
            cells = table.add_row().cells  # type: ignore[no-untyped-call]
            for cell, value in zip(cells, values, strict=True):
                cell.text = value
                if cell.paragraphs[0].runs:
                    apply_docx_east_asian_font(cell.paragraphs[0].runs[0], _family(FontRole.FANGSONG), 12)
        if widths_mm:
            table.autofit = False
            for column, width in zip(table.columns, widths_mm, strict=True):
                column.width = Mm(width)  # the grid LibreOffice reads; Word and WPS read the cells
            for row in table.rows:
                for cell, width in zip(row.cells, widths_mm, strict=True):
                    cell.width = Mm(width)
        for index, height in (min_heights_mm or {}).items():
            row = table.rows[index + 1]
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            row.height = Mm(height)
        return table

    def _add_page_number(self) -> None:
        """「— 1 —」 in 4号宋体: odd pages 居右空一字, even pages 居左空一字 (their own footers)."""
        self.document.settings.odd_and_even_pages_header_footer = True
        section = self.document.sections[0]
        one_char = Pt(PAGE_NUMBER_PT)  # 一字 of the page number's own size
        for footer, align in (
            (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
            (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
        ):
            paragraph = footer.paragraphs[0]
            paragraph.alignment = align
            layout = paragraph.paragraph_format
            layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            layout.line_spacing = Pt(PAGE_NUMBER_PT)
            layout.first_line_indent = Pt(0)
            if align == WD_ALIGN_PARAGRAPH.RIGHT:
                layout.right_indent = one_char
            else:
                layout.left_indent = one_char
            _no_snap(paragraph._p.get_or_add_pPr())
            _page_number_runs(paragraph)

    def save(self, target: Path) -> Path:
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(target, prefix=".writing-", suffix=".docx") as temp:
            self.document.save(str(temp))
        return target


def text_width(text: str) -> float:
    """Width in characters of the body font: Chinese full-width, Arabic digits and Latin half-width."""
    return sum(0.5 if ord(char) < 0x2E80 else 1.0 for char in text)


PPR_AFTER_SNAP: tuple[str, ...] = (
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
)
PPR_AFTER_SNAP += ("w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId")
PPR_AFTER_SNAP += ("w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
RPR_AFTER_SPACING: tuple[str, ...] = (
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
)
RPR_AFTER_SPACING += ("w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang")
RPR_AFTER_SPACING += ("w:eastAsianLayout", "w:specVanish", "w:oMath")
CONDENSED_TWIPS = -6  # 16 pt − 0.3 pt = 15.7 pt a character: 28 of them fit the 156 mm line


def _no_snap(ppr: BaseOxmlElement) -> None:
    """w:snapToGrid off, in its schema position (Word refuses elements out of order)."""
    element = OxmlElement("w:snapToGrid")
    element.set(qn("w:val"), "0")
    ppr.insert_element_before(element, *PPR_AFTER_SNAP)


def _fit_28_characters(style: BaseOxmlElement) -> None:
    """Body text does not snap to the character grid but is condensed to the grid's pitch instead.

    Word squeezes 3号 characters into the grid's 15.79 pt cells, but LibreOffice (and so its PDF export)
    gives every 16 pt character two cells, leaving 14 characters a line. Condensed by 0.3 pt and off the
    grid, each renderer sets 28 characters a line; the exact 28.95 pt line spacing keeps 22 lines a page.
    """
    _no_snap(style.get_or_add_pPr())
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CONDENSED_TWIPS))
    style.get_or_add_rPr().insert_element_before(spacing, *RPR_AFTER_SPACING)


def _set_grid(section: BaseOxmlElement) -> None:
    """w:docGrid linesAndChars: 22 lines a page, 28 characters a line (GB/T 9704 §5.2.3).

    charSpace is the change of the character pitch against the 3号 body size, in 1/4096 pt; the pitch is
    rounded down a little so that 28 pitches never exceed the 156 mm line.
    """
    pitch_pt = TEXT_WIDTH_MM * 72 / 25.4 / CHARS_PER_LINE
    grid = section.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(round(LINE_PT * 20)))
    grid.set(qn("w:charSpace"), str(int((pitch_pt - BODY_PT) * 4096) - 1))


def _page_number_runs(paragraph: Paragraph) -> None:
    family = _family(FontRole.SONG)
    for text, field in (("— ", None), (None, "PAGE"), (" —", None)):
        run = paragraph.add_run(text or "")
        apply_docx_east_asian_font(run, family, PAGE_NUMBER_PT)
        if field:
            for kind, content in (("begin", None), (None, f" {field} "), ("end", None)):
                if kind:
                    element = OxmlElement("w:fldChar")
                    element.set(qn("w:fldCharType"), kind)
                else:
                    element = OxmlElement("w:instrText")
                    element.set(qn("xml:space"), "preserve")
                    element.text = content
                run._r.append(element)
