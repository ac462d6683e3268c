"""The 案卷's own pages drawn with reportlab: cover, 卷内目录, text pages, images on A4, page stamps."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from app.services.formats.fonts import FontRole, register_pdf_font

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
MARGIN = 20 * MM
IMAGE_MARGIN = 12 * MM  # a scan keeps most of the page; the stamps sit in the strip above and below


@dataclass(frozen=True)
class CoverFacts:
    office: str
    number: str  # 受理编号
    applicant: str  # already masked
    received_on: date | None
    answered_on: date | None
    closed_on: date | None
    outcome: str
    items: int
    pages: int
    made_on: date


@dataclass(frozen=True)
class TocRow:
    seq: int
    on_date: date
    title: str
    number: str  # 文号 of a letter, EMS number of a mailing
    page: int
    note: str


def _fonts() -> tuple[str, str]:
    return register_pdf_font(FontRole.SONG), register_pdf_font(FontRole.HEI)


def _day(value: date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else "—"


def cover_pdf(facts: CoverFacts) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    body, heading = _fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    width, height = A4
    canvas.setFont(heading, 26)
    canvas.drawCentredString(width / 2, height - 70 * MM, "政府信息公开申请办理案卷")
    canvas.setFont(body, 14)
    canvas.drawCentredString(width / 2, height - 82 * MM, facts.office)
    lines = (
        ("受理编号", facts.number),
        ("申 请 人", facts.applicant),
        ("收到申请日期", _day(facts.received_on)),
        ("答复日期", _day(facts.answered_on)),
        ("办结日期", _day(facts.closed_on)),
        ("办理结果", facts.outcome or "—"),
        ("卷内文件", f"{facts.items} 件，共 {facts.pages} 页（含封面和卷内目录）"),
        ("立卷日期", _day(facts.made_on)),
    )
    y = height - 112 * MM
    for label, value in lines:
        canvas.setFont(heading, 13)
        canvas.drawString(42 * MM, y, label)
        canvas.setFont(body, 13)
        canvas.drawString(82 * MM, y, value[:34])
        canvas.line(80 * MM, y - 2.5 * MM, width - 36 * MM, y - 2.5 * MM)
        y -= 13 * MM
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def toc_pdf(rows: Sequence[TocRow]) -> bytes:
    """卷内目录: 序号、日期、题名、文号或单号、页号、备注, repeated header on every page."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    body, heading = _fonts()
    cell = ParagraphStyle("cell", fontName=body, fontSize=10.5, leading=14, wordWrap="CJK")
    title = ParagraphStyle("title", fontName=heading, fontSize=20, leading=28, alignment=1, spaceAfter=12)
    header = ["序号", "日期", "题名", "文号或单号", "页号", "备注"]
    data: list[list[object]] = [list(header)]
    for row in rows:
        data.append(
            [
                str(row.seq),
                row.on_date.isoformat(),
                Paragraph(escape(row.title), cell),
                Paragraph(escape(row.number), cell),
                str(row.page),
                Paragraph(escape(row.note), cell),
            ]
        )
    widths = [11 * MM, 24 * MM, 50 * MM, 38 * MM, 12 * MM, 35 * MM]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), heading, 11),
                ("FONT", (0, 1), (-1, -1), body, 10.5),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                ("ALIGN", (0, 1), (1, -1), "CENTER"),
                ("ALIGN", (4, 1), (4, -1), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=25 * MM, bottomMargin=25 * MM
    )
    doc.build([Paragraph("卷内目录", title), table])
    return buffer.getvalue()


def text_pdf(heading_text: str, lines: Sequence[str], footnote: str = "") -> bytes:
    """A letter as text pages (no LibreOffice), or the record of a paper that has no scan."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    body, heading = _fonts()
    style = ParagraphStyle("body", fontName=body, fontSize=12, leading=20, wordWrap="CJK", spaceAfter=4)
    head = ParagraphStyle("head", fontName=heading, fontSize=16, leading=24, alignment=1, spaceAfter=14)
    small = ParagraphStyle(
        "small", fontName=body, fontSize=9, leading=12, textColor="#555555", wordWrap="CJK"
    )
    story: list[object] = [Paragraph(escape(heading_text), head)]
    story += [Paragraph(escape(line) or "&nbsp;", style) for line in lines]
    if footnote:
        story += [Spacer(1, 10 * MM), Paragraph(escape(footnote), small)]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=28 * MM, rightMargin=26 * MM, topMargin=30 * MM, bottomMargin=30 * MM
    )
    doc.build(story)
    return buffer.getvalue()


def images_pdf(path: Path) -> bytes:
    """Every frame of a photo or scan (a multi-page TIFF has several) fitted on its own A4 page."""
    from PIL import Image, ImageOps, ImageSequence
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    width, height = A4
    with Image.open(path) as image:
        for frame in ImageSequence.Iterator(image):
            picture = ImageOps.exif_transpose(frame.convert("RGB"))  # phone photos stand upright
            box_w, box_h = width - 2 * IMAGE_MARGIN, height - 2 * IMAGE_MARGIN - 8 * MM
            scale = min(box_w / picture.width, box_h / picture.height)
            draw_w, draw_h = picture.width * scale, picture.height * scale
            x, y = (width - draw_w) / 2, IMAGE_MARGIN + (box_h - draw_h) / 2
            canvas.drawImage(ImageReader(picture), x, y, draw_w, draw_h)
            canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def stamps_pdf(sizes: Sequence[tuple[float, float]], firsts: dict[int, str]) -> bytes:
    """One overlay page per page of the 案卷: 「第 N 页」 at the foot (not on the cover) and, on each item's
    first page, 「卷内第 k 件」 at the head — what the 目录's 页号 points to."""
    from reportlab.pdfgen.canvas import Canvas

    body, _ = _fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for index, (width, height) in enumerate(sizes):
        canvas.setPageSize((width, height))
        if index > 0:
            canvas.setFont(body, 10)
            canvas.drawCentredString(width / 2, 7 * MM, f"第 {index + 1} 页")
        label = firsts.get(index)
        if label:
            canvas.setFont(body, 9)
            canvas.drawRightString(width - 8 * MM, height - 8 * MM, label)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
