"""The posting page in GB/T 9704-2012 terms (RULES §8, §10 rule 35): paper, geometry, fonts, content.

A4: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm, 22 lines × 28 characters; title 2号 (22 pt) 小标宋,
body 3号 (16 pt) 仿宋, 「一、」黑体 「（一）」楷体; 页码 「— 1 —」 4号宋体 7 mm below the 版心, odd pages
right, even pages left. A3 (posters) is the same page enlarged by √2, so a clerk can switch paper
without re-editing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from reportlab.lib.units import mm

from app.errors import UserFacingError
from app.services.formats.chinese import cn_date
from app.services.formats.fonts import FontRole, register_pdf_font

# GB/T 9704-2012 §5.2.1–5.2.2, §7.5 (RULES §8).
A4_MM = (210.0, 297.0)
TOP_MM, LEFT_MM, BLOCK_W_MM, BLOCK_H_MM = 37.0, 28.0, 156.0, 225.0
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
TITLE_PT, BODY_PT, PAGE_NUMBER_PT, TABLE_PT = 22.0, 16.0, 14.0, 12.0  # 2号, 3号, 4号, 小4号
PAGE_NUMBER_GAP_MM = 7.0
TITLE_LEADING_LINES = 1.2
QR_MM = 20.0
MAX_TITLE, MAX_BODY, MAX_FIELD, MAX_URL = 200, 100_000, 100, 500
# The 版心 is 156 mm wide: 20 columns still give every cell room for one 小4号 character (posting_story
# keeps that minimum); an 80-column table used to crash the layout and every later export (issue 19).
MAX_TABLE_COLUMNS = 20

LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
LEVEL2 = re.compile(r"^（[一二三四五六七八九十]+）")
NUMBER_CELL = re.compile(r"^[-+]?[\d,，]+(\.\d+)?%?$")


class Paper(StrEnum):
    A4 = "A4"
    A3 = "A3"


@dataclass(frozen=True)
class PostingContent:
    """Everything printed on one posting."""

    title: str
    body: str  # one paragraph a line; tab-separated lines (pasted from Excel) become a table
    unit: str = ""  # 落款
    signed_on: date | None = None  # 成文日期
    period: tuple[date, date] | None = None  # 公示期, both days included
    phone: str = ""
    qr_url: str = ""
    paper: Paper = Paper.A4
    reviewed: bool = False  # its 保密审查 approves exactly this text; else printed 「未经保密审查 不得张贴」


def validate_content(content: PostingContent) -> PostingContent:
    title = " ".join(content.title.split())
    if not title:
        raise UserFacingError("请填写张贴件的标题，例如「关于2025年第三季度低保对象的公示」。")
    if len(title) > MAX_TITLE:
        raise UserFacingError(f"标题太长（{len(title)} 个字），请控制在 {MAX_TITLE} 个字以内。")
    if len(content.body) > MAX_BODY:
        raise UserFacingError(
            f"正文太长（{len(content.body)} 个字），请控制在 {MAX_BODY} 个字以内或分成几件张贴。"
        )
    if len(content.unit) > MAX_FIELD or len(content.phone) > MAX_FIELD:
        raise UserFacingError(f"「落款」和「联系电话」都不超过 {MAX_FIELD} 个字。")
    url = content.qr_url.strip()
    if url and (len(url) > MAX_URL or not re.match(r"^https?://\S+$", url)):
        raise UserFacingError(
            "「二维码」应填写以 http:// 或 https:// 开头的网址（不超过 500 个字符），或者留空。"
        )
    if content.period and content.period[1] < content.period[0]:
        raise UserFacingError("公示期的结束日期（「至」）早于开始日期（「自」），请改正。")
    columns = widest_table(content.body)
    if columns > MAX_TABLE_COLUMNS:
        raise UserFacingError(
            f"正文中的表格有 {columns} 列，一页宽度最多排 {MAX_TABLE_COLUMNS} 列。请拆成几张不超过 "
            f"{MAX_TABLE_COLUMNS} 列的表，表与表之间写一行文字（如「续表：7—12月」），或删去不必张贴的列。"
        )
    return PostingContent(
        title,
        content.body,
        content.unit.strip(),
        content.signed_on,
        content.period,
        content.phone.strip(),
        url,
        Paper(content.paper),
        content.reviewed,
    )


def widest_table(body: str) -> int:
    """Columns of the widest table in `body`, counted as posting_story.split_blocks lays it out: tab-separated
    lines, empty cells at the right end not counted."""
    widest = 0
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if "\t" in line:
            cells = [cell.strip() for cell in line.split("\t")]
            while len(cells) > 1 and not cells[-1]:
                cells.pop()
            widest = max(widest, len(cells))
    return widest


def period_sentence(start: date, end: date) -> str:
    return f"公示期为{cn_date(start)}至{cn_date(end)}。"


@dataclass(frozen=True)
class Geometry:
    """The page in points; A3 is A4 scaled by √2 (297/210)."""

    scale: float

    @classmethod
    def of(cls, paper: Paper) -> Geometry:
        return cls(1.0 if paper is Paper.A4 else 297.0 / 210.0)

    def pt(self, millimetres: float) -> float:
        return float(millimetres * mm * self.scale)

    @property
    def page(self) -> tuple[float, float]:
        return self.pt(A4_MM[0]), self.pt(A4_MM[1])

    @property
    def block(self) -> tuple[float, float, float, float]:
        """x, y (bottom), width, height of the 版心."""
        width, height = self.pt(BLOCK_W_MM), self.pt(BLOCK_H_MM)
        return self.pt(LEFT_MM), self.page[1] - self.pt(TOP_MM) - height, width, height

    @property
    def leading(self) -> float:
        return self.block[3] / LINES_PER_PAGE

    @property
    def pitch(self) -> float:
        return self.block[2] / CHARS_PER_LINE


@dataclass(frozen=True)
class Fonts:
    title: str
    body: str
    hei: str
    kai: str
    song: str

    @classmethod
    def load(cls) -> Fonts:
        """Registered once per process (fonts.register_pdf_font caches), subset-embedded by reportlab."""
        return cls(
            *(
                register_pdf_font(role)
                for role in (
                    FontRole.XIAOBIAOSONG,
                    FontRole.FANGSONG,
                    FontRole.HEI,
                    FontRole.KAI,
                    FontRole.SONG,
                )
            )
        )
