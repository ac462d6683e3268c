"""Word documents in the official layout of GB/T 9704-2012 (letters, postings, forms).

A4; 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; body 3号仿宋 (16 pt), 22 lines of 28 characters;
title 2号小标宋 (22 pt) centred; levels 「一、」黑体, 「（一）」楷体; page numbers 「— 1 —」 in 4号宋体.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from app.services.formats.atomic import atomic_write
from app.services.formats.chinese import cn_date
from app.services.formats.fonts import FontRole, apply_docx_east_asian_font, resolve_font

BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
PAGE_NUMBER_PT = 14  # 4号
LINE_PT = 28.95  # 22 lines fill the 225 mm 版心 (225 mm ÷ 22 ≈ 29 pt)
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
        section.footer_distance = Mm(28)  # page number 7 mm below the 版心
        normal = self.document.styles["Normal"]
        apply_docx_east_asian_font(normal, _family(FontRole.FANGSONG), BODY_PT)
        paragraph_format = normal.paragraph_format
        paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph_format.line_spacing = Pt(LINE_PT)
        paragraph_format.space_before = paragraph_format.space_after = Pt(0)
        self._add_page_number()

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
        """落款 and 成文日期, right-aligned four characters in from the edge (seal position)."""
        self.blank()
        self._paragraph(organisation, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=4)
        self._paragraph(cn_date(day), align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=4)

    def note(self, text: str) -> None:
        """附注 (e.g. 「（此件公开发布）」): left, two characters in, in parentheses."""
        shown = text if text.startswith("（") else f"（{text}）"
        self._paragraph(shown, indent_chars=2)

    def table(self, headers: list[str], rows: list[list[str]], widths_mm: list[float] | None = None) -> Table:
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
            for row in table.rows:
                for cell, width in zip(row.cells, widths_mm, strict=True):
                    cell.width = Mm(width)
        return table

    def _add_page_number(self) -> None:
        """「— 1 —」 in 4号宋体 in the footer (GB/T 9704 页码)."""
        footer = self.document.sections[0].footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        family = _family(FontRole.SONG)
        for text, field in (("— ", None), (None, "PAGE"), (" —", None)):
            run = footer.add_run(text or "")
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

    def save(self, target: Path) -> Path:
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(target, prefix=".writing-", suffix=".docx") as temp:
            self.document.save(str(temp))
        return target
