"""A posting's text as reportlab flowables: title, paragraphs with heading levels, tables, 落款 and QR."""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from app.services.formats.chinese import cn_date
from app.services.postings.layout import GLYPH_MIDDLE, GridParagraph, GridStyle, Run, char_width
from app.services.postings.page import (
    BODY_PT,
    CHARS_PER_LINE,
    LEVEL1,
    LEVEL2,
    NUMBER_CELL,
    QR_MM,
    TABLE_PT,
    TITLE_LEADING_LINES,
    TITLE_PT,
    Fonts,
    Geometry,
    PostingContent,
    period_sentence,
)


def split_blocks(body: str) -> list[str | list[list[str]]]:
    """Paragraph strings and tables (runs of tab-separated lines, first row = header)."""
    blocks: list[str | list[list[str]]] = []
    for raw in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if "\t" in raw:
            row = [cell.strip() for cell in raw.split("\t")]
            if blocks and isinstance(blocks[-1], list):
                blocks[-1].append(row)
            else:
                blocks.append([row])
            continue
        line = raw.strip()
        if line:
            blocks.append(line)
    return [_square(block) if isinstance(block, list) else block for block in blocks]


def _square(rows: list[list[str]]) -> list[list[str]]:
    """Pad short rows and drop columns that are empty everywhere at the right (Excel's trailing tabs)."""
    columns = max(len(row) for row in rows)
    rows = [row + [""] * (columns - len(row)) for row in rows]
    while columns > 1 and not any(row[columns - 1] for row in rows):
        columns -= 1
    return [row[:columns] for row in rows]


def _paragraph_runs(text: str, fonts: Fonts) -> list[Run]:
    """A level-1/2 heading's phrase (up to its first 「。」) in 黑体/楷体, the rest in 仿宋."""
    heading_font = fonts.hei if LEVEL1.match(text) else fonts.kai if LEVEL2.match(text) else None
    if heading_font is None:
        return [Run(text, fonts.body)]
    head, stop, rest = text.partition("。")
    if not stop or not rest:
        return [Run(text, heading_font)]
    return [Run(head + stop, heading_font), Run(rest, fonts.body)]


def _table(rows: list[list[str]], geometry: Geometry, fonts: Fonts) -> Table:
    size = TABLE_PT * geometry.scale
    cell_style = ParagraphStyle(
        "cell", fontName=fonts.body, fontSize=size, leading=size * 1.3, wordWrap="CJK"
    )
    head_style = ParagraphStyle("head", parent=cell_style, fontName=fonts.hei, alignment=1)
    number_style = ParagraphStyle("number", parent=cell_style, alignment=2)
    padding = 3 * geometry.scale
    weights = [
        min(max(max(_display_chars(row[col]) for row in rows), 2.0), 16.0) for col in range(len(rows[0]))
    ]
    widths = _column_widths(weights, geometry.block[2], 2 * padding + size)
    data = [[Paragraph(escape(cell), head_style) for cell in rows[0]]]
    for row in rows[1:]:
        data.append([Paragraph(escape(c), number_style if NUMBER_CELL.match(c) else cell_style) for c in row])
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6 * geometry.scale, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6E6E6")),
                ("LEFTPADDING", (0, 0), (-1, -1), padding),
                ("RIGHTPADDING", (0, 0), (-1, -1), padding),
                ("TOPPADDING", (0, 0), (-1, -1), padding),
                ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
            ]
        )
    )
    return table


def _column_widths(weights: list[float], width: float, narrowest: float) -> list[float]:
    """Widths by weight, each at least `narrowest` (its padding and one character): proportional widths alone
    gave a narrow column next to wide ones a negative width, and reportlab refused the table."""
    spare = max(width - narrowest * len(weights), 0.0)
    return [narrowest + spare * weight / sum(weights) for weight in weights]


def _display_chars(text: str) -> float:
    return sum(1.0 if ord(char) > 0x2E80 else 0.55 for char in text)


class _Signature(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """落款 centred over the 成文日期 (date 右空四字), with the optional QR code at the left."""

    def __init__(self, unit: str, day: date | None, qr_url: str, geometry: Geometry, fonts: Fonts) -> None:
        super().__init__()
        self.unit, self.day, self.qr_url, self.geometry, self.fonts = unit, day, qr_url, geometry, fonts
        self.size = BODY_PT * geometry.scale
        self.qr_side = geometry.pt(QR_MM) if qr_url else 0.0
        self.caption_size = 9 * geometry.scale

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        lines = 2 * self.geometry.leading
        self.height = max(lines, self.qr_side + self.caption_size * 1.6) if self.qr_url else lines
        return avail_width, self.height

    def _text_width(self, text: str) -> float:
        squeeze = self.geometry.pitch - self.size
        return sum(char_width(self.fonts.body, c) * self.size + squeeze for c in text) - squeeze

    def draw(self) -> None:
        canvas, leading = self.canv, self.geometry.leading
        squeeze = self.geometry.pitch - self.size

        def line(text: str, right: float, number: int) -> None:
            baseline = self.height - number * leading - leading / 2 - self.size * GLYPH_MIDDLE
            text_obj = canvas.beginText(right - self._text_width(text), baseline)
            text_obj.setFont(self.fonts.body, self.size)
            text_obj.setCharSpace(squeeze)
            text_obj.textOut(text)
            canvas.drawText(text_obj)

        date_text = cn_date(self.day) if self.day else ""
        date_right = self.width - 4 * self.geometry.pitch
        if self.unit:
            unit_width = self._text_width(self.unit)
            centre = (
                date_right - self._text_width(date_text) / 2 if date_text else date_right - unit_width / 2
            )
            line(self.unit, min(centre + unit_width / 2, self.width), 0)
        if date_text:
            line(date_text, date_right, 1 if self.unit else 0)
        if self.qr_url:
            widget = QrCodeWidget(self.qr_url, barLevel="M")
            x0, y0, x1, y1 = widget.getBounds()
            drawing = Drawing(
                self.qr_side,
                self.qr_side,
                transform=[self.qr_side / (x1 - x0), 0, 0, self.qr_side / (y1 - y0), 0, 0],
            )
            drawing.add(widget)
            bottom = self.caption_size * 1.6
            renderPDF.draw(drawing, canvas, 0, bottom)
            canvas.setFont(self.fonts.body, self.caption_size)
            canvas.drawCentredString(self.qr_side / 2, self.caption_size * 0.4, "扫码查看网上公开版本")


def story_for(content: PostingContent, geometry: Geometry, fonts: Fonts) -> list[Flowable]:
    size, leading, pitch = BODY_PT * geometry.scale, geometry.leading, geometry.pitch
    title_size = TITLE_PT * geometry.scale
    title_style = GridStyle(title_size, leading * TITLE_LEADING_LINES, title_size, 0, "center")
    body_style = GridStyle(size, leading, pitch)
    story: list[Flowable] = [
        GridParagraph([Run(content.title, fonts.title)], title_style),
        Spacer(1, leading),
    ]
    blocks = split_blocks(content.body)
    if content.period and "公示期为" not in content.body:
        blocks.append(period_sentence(*content.period))
    if content.phone and content.phone not in content.body:
        blocks.append(f"联系电话：{content.phone}")
    for number, block in enumerate(blocks):
        if isinstance(block, list):
            story += [Spacer(1, leading * 0.25), _table(block, geometry, fonts), Spacer(1, leading * 0.25)]
        elif number == 0 and block.endswith("：") and len(block) <= CHARS_PER_LINE:
            story.append(GridParagraph([Run(block, fonts.body)], GridStyle(size, leading, pitch, 0)))  # 称谓
        else:
            story.append(GridParagraph(_paragraph_runs(block, fonts), body_style))
    if content.unit or content.signed_on or content.qr_url:
        ending = [
            Spacer(1, leading),
            _Signature(content.unit, content.signed_on, content.qr_url, geometry, fonts),
        ]
        if isinstance(story[-1], GridParagraph):  # the 落款 page must carry text (GB/T 9704 §7.3.5.1)
            ending.insert(0, story.pop())
        story.append(KeepTogether(ending))
    return story
