"""Register from a file: propose 发文机关, 文号, 标题, 成文日期 and 公开属性 from a 公文's text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.errors import UserFacingError
from app.services.documents.rules import ON_REQUEST, PROACTIVE, WITHHELD
from app.services.formats.doc_numbers import suggest
from app.services.formats.text_extract import TEXT_SUFFIXES, extract_text

MAX_TITLE_LINES = 3
_NUMBER = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{1,20}\s*[〔\[【(（［]\s*\d{4}\s*[〕\]】)）］]\s*第?\s*\d{1,7}\s*号"
)
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_NOISE = re.compile(r"\[bookmark:[^\]]*\]")
# RULES §5.3: markings of the 公开属性 in the 附注 or the 信息公开选项 line.
MARKINGS = (
    ("此件公开发布", PROACTIVE),
    ("此件主动公开", PROACTIVE),
    ("此件依申请公开", ON_REQUEST),
    ("此件不予公开", WITHHELD),
    ("此件不公开", WITHHELD),
)
_OPTION = re.compile(r"(?:信息公开选项|公开属性|公开方式)\s*[:：]\s*(主动公开|依申请公开|不予公开|不公开)")


@dataclass(frozen=True)
class Proposal:
    """What the app read from the file; the clerk confirms or corrects each field."""

    publisher: str
    doc_number: str
    title: str
    written_on: date | None
    disclosure: str  # "" when the file carries no marking
    text: str


def _lines(text: str) -> list[str]:
    return [line for line in (_NOISE.sub("", raw).strip() for raw in text.splitlines()) if line]


def _date_line(lines: list[str]) -> tuple[int, date | None]:
    """The 成文日期: the last line that is only a date (not 「…印发」)."""
    for index in range(len(lines) - 1, -1, -1):
        match = _DATE.fullmatch(lines[index])
        if match:
            try:
                return index, date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                return index, None
    return -1, None


def _disclosure(text: str) -> str:
    option = _OPTION.search(text)
    if option:
        return WITHHELD if option[1] == "不公开" else option[1]
    for marking, value in MARKINGS:
        if marking in text:
            return value
    return ""


def propose(text: str) -> Proposal:
    lines = _lines(text)
    number, number_at = "", -1
    for index, line in enumerate(lines[:15]):
        match = _NUMBER.search(line)
        if match:
            number, number_at = suggest(match[0].replace(" ", "")) or "", index
            break
    date_at, written_on = _date_line(lines)
    publisher = ""
    if date_at > 0 and len(lines[date_at - 1]) <= 40 and not lines[date_at - 1].endswith(("。", "：")):
        publisher = lines[date_at - 1]
    elif number_at > 0 and lines[number_at - 1].endswith("文件"):
        publisher = lines[number_at - 1].removesuffix("文件")
    title_lines: list[str] = []
    for line in lines[number_at + 1 : number_at + 1 + MAX_TITLE_LINES]:
        if line.endswith(("：", ":")) or (title_lines and line.endswith("。")):
            break
        title_lines.append(line)
        if any(
            line.endswith(end)
            for end in ("通知", "意见", "办法", "报告", "决定", "要点", "公告", "通告", "函")
        ):
            break
    return Proposal(publisher, number, "".join(title_lines)[:500], written_on, _disclosure(text), text)


def propose_from_file(path: Path) -> Proposal:
    if path.suffix.lower() not in TEXT_SUFFIXES:
        raise UserFacingError(f"只能从 {'、'.join(TEXT_SUFFIXES)} 文件读取公文内容；其他文件请作为附件添加。")
    text = extract_text(path)
    if not text.strip():
        raise UserFacingError(f"没有从「{path.name}」中读到文字（可能是扫描件或已加密），请手工填写。")
    return propose(text)
