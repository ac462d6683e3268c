"""The fields of a 红头文件 read from its OCR text: 发文机关, 文号, 标题, 主送, 成文日期, 发布机构.

GB/T 9704-2012 fixes where each sits: the 发文机关标志 (「XX镇人民政府文件」) on top, the 发文字号 right under
it, then the 标题, the 主送机关 line ending in a colon, the body, and at the end the 署名 and 成文日期.
Only those places are read, so a 文号 the body quotes is never taken for the document's own.
OCR noise handled: spaces inside lines, full-/half-width mixups, 〔〕 read as [] 【】 （）, 、 read as 丶,
page-number lines (「— 2 —」) between pages, and 〇 read as O/○/零 in a Chinese-numeral date.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from app.services.formats.chinese import DateError, parse_date
from app.services.formats.doc_numbers import suggest

HEADER_SPAN = 4  # the 发文机关标志 is the first thing on the page; a stray OCR line or two may precede it
NUMBER_SPAN = 3  # the 文号 follows it (a red rule OCR'd as dashes may sit between)
MAX_TITLE_LINES = 3
MAX_NAME = 30  # longer than any 机关 name: a sentence, not a header or a 署名
_HEADER = re.compile(r"^(?P<issuer>[\u4e00-\u9fff（）()、]{2,30}?)文件$")
_NUMBER = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{1,20}[〔\[【(（［{｛<〈][0-9]{4}[〕\]】)）］}｝>〉]第?[0-9]{1,7}号"
)
_SIGNER = re.compile(r"签发人[:：].*$")
# A 文号 line OCR could not read whole (a seal or a fold over it): still not the title's first line.
_AGENCY = re.compile(r"^[\u4e00-\u9fff]{1,6}[发函字]")  # 机关代字 (「赵府发」「青府办函」)
MAX_NUMBER_LINE = 16
_BRACKETS = "〔〕[]【】［］"
_RULE = re.compile(r"^[-—－_─━=＝·.\s★☆]*$")  # the red rule, or nothing readable
_PAGE_NUMBER = re.compile(r"^[-—－一~\s]*[0-9]{1,3}[-—－一~\s]*$")  # 「— 2 —」 at a page's foot
_SPACES = re.compile(r"[ \t\u3000]+")
_SENTENCE = ("。", "；", "，")


@dataclass(frozen=True)
class RedHeader:
    issuer: str  # 发文机关: the header line without 「文件」
    doc_number: str  # standard form 「X府发〔2026〕12号」, "" when unreadable
    title: str
    addressee: str  # 主送机关, without its colon
    written_on: date | None
    publisher: str  # 发布机构: the 署名 above the date, else the issuer (a sealed page often has no 署名)


def ocr_lines(text: str) -> list[str]:
    """Non-empty lines without the spaces OCR puts between characters, 丶 as 、, page numbers dropped."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = _SPACES.sub("", raw).replace("丶", "、")
        if line and not _RULE.fullmatch(line) and not _PAGE_NUMBER.fullmatch(line):
            lines.append(line)
    return lines


def _chinese_punctuation(value: str) -> str:
    """A Chinese title or 主送 line keeps full-width punctuation even where OCR read it half-width."""
    return value.replace("(", "（").replace(")", "）").replace(":", "：").replace(",", "，")


def _header(lines: list[str]) -> tuple[int, str]:
    for index, line in enumerate(lines[:HEADER_SPAN]):
        match = _HEADER.fullmatch(_chinese_punctuation(line))
        if match:
            return index, match["issuer"]
    return -1, ""


def _number(lines: list[str], start: int) -> tuple[int, str]:
    """The 文号 line under the header: the number alone, or beside 签发人 (an 上行文)."""
    for index in range(start, min(start + NUMBER_SPAN, len(lines))):
        line = unicodedata.normalize("NFKC", _SIGNER.sub("", lines[index]))
        match = _NUMBER.search(line)
        if match and len(line) - len(match[0]) <= 2:  # a sentence quoting a 文号 is much longer
            return index, suggest(match[0]) or ""
    return -1, ""


def _unreadable_number(line: str) -> bool:
    """Where the 文号 stands but OCR read no 〔年〕号 in it: short, with a bracket, 「号」 or 「X府发」."""
    if line.startswith("关于") or len(line) > MAX_NUMBER_LINE:
        return False
    return any(mark in line for mark in _BRACKETS) or line.endswith("号") or bool(_AGENCY.match(line))


def _addressee_at(lines: list[str], start: int) -> int:
    """The 主送 line: the first one ending in a colon, within reach of the title."""
    for index in range(start, min(start + MAX_TITLE_LINES + 2, len(lines))):
        line = lines[index]
        if line.endswith(_SENTENCE) or "。" in line or "如下" in line:  # 「现将有关事项公告如下：」
            return -1
        if line.endswith(("：", ":")):
            return index
    return -1


def _addressee(lines: list[str], at: int) -> tuple[int, str]:
    """The 主送 line, with the line before it when that one ended in 、 (the list wrapped)."""
    first = at
    while first > 0 and lines[first - 1].endswith(("、", "，", ",")) and at - first < 2:
        first -= 1
    value = _chinese_punctuation("".join(lines[first : at + 1])).removesuffix("：")
    return first, value


def _title(lines: list[str], start: int, end: int) -> str:
    """The title: every line between the 文号 and the 主送 (it may wrap), else the first line there."""
    if end > start:
        return _chinese_punctuation("".join(lines[start : min(end, start + MAX_TITLE_LINES)]))[:500]
    if start < len(lines) and not lines[start].endswith(_SENTENCE):
        return _chinese_punctuation(lines[start])[:500]
    return ""


def _date(lines: list[str]) -> tuple[int, date | None]:
    """The 成文日期: the last line that is only a date (not 「2026年8月4日印发」)."""
    for index in range(len(lines) - 1, -1, -1):
        try:
            return index, parse_date(lines[index])
        except DateError:
            continue
    return -1, None


def _signature(lines: list[str], date_at: int, issuer: str) -> str:
    if date_at > 0:
        above = _chinese_punctuation(lines[date_at - 1])
        if len(above) <= MAX_NAME and not above.endswith(_SENTENCE + ("：",)) and "。" not in above:
            return above
    return issuer


def read_red_header(text: str) -> RedHeader | None:
    """The proposal for a 红头文件's OCR text, or None when the text has no 「…文件」 header."""
    lines = ocr_lines(text)
    header_at, issuer = _header(lines)
    if header_at < 0:
        return None
    number_at, number = _number(lines, header_at + 1)
    title_from = (number_at if number_at >= 0 else header_at) + 1
    if number_at < 0 and title_from < len(lines) and _unreadable_number(lines[title_from]):
        title_from += 1
    addressee_at = _addressee_at(lines, title_from)
    addressee_from, addressee = _addressee(lines, addressee_at) if addressee_at >= 0 else (-1, "")
    title = _title(lines, title_from, addressee_from)
    date_at, written_on = _date(lines)
    if date_at <= max(addressee_at, title_from):
        date_at, written_on = -1, None  # a date in the header area is not the 成文日期
    return RedHeader(issuer, number, title, addressee, written_on, _signature(lines, date_at, issuer))
