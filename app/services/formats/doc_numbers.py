"""文号 (发文字号): parse and validate 「机关代字〔年份〕序号号」 (GB/T 9704-2012 §7.2.4)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.errors import UserFacingError
from app.services.formats.chinese import doc_number as format_doc_number

MIN_YEAR, MAX_YEAR = 1949, 2100
_VALID = re.compile(
    r"^(?P<agency>[\u4e00-\u9fffA-Za-z0-9]{1,20})〔(?P<year>\d{4})〕(?P<number>[1-9]\d{0,5})号$"
)
# Common ways the year brackets are mistyped: [] 【】 () （） 〈〉 ［］ ｛｝.
_LOOSE = re.compile(
    r"^\s*(?P<agency>[\u4e00-\u9fffA-Za-z0-9]{1,20})\s*[\[【(（〈［〔{｛]\s*(?P<year>\d{4})\s*[\]】)）〉］〕}｝]"
    r"\s*第?\s*(?P<number>\d{1,7})\s*号?\s*$"
)
EXAMPLE = "泰财办〔2021〕2号"


@dataclass(frozen=True)
class DocNumber:
    agency: str  # 机关代字, e.g. 泰财办
    year: int
    number: int

    def text(self) -> str:
        return format_doc_number(self.agency, self.year, self.number)


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UserFacingError(f"文号中的年份 {year} 不像真实年份，请检查。")


def suggest(text: str) -> str | None:
    """The standard form of a loosely typed 文号 (「泰财办[2021]第02号」 → 「泰财办〔2021〕2号」), if any."""
    match = _LOOSE.match(text)
    if match is None or int(match["number"]) == 0:
        return None
    return format_doc_number(match["agency"], int(match["year"]), int(match["number"]))


def parse_doc_number(text: str) -> DocNumber:
    """Strictly parse a 文号; the message says what is wrong and shows the corrected form when possible."""
    value = text.strip()
    match = _VALID.match(value)
    if match is not None:
        year = int(match["year"])
        _check_year(year)
        return DocNumber(match["agency"], year, int(match["number"]))
    if not value:
        raise UserFacingError(f"请填写文号，例如「{EXAMPLE}」。")
    fixed = suggest(value)
    problems: list[str] = []
    if "第" in value:
        problems.append("序号前不加「第」")
    if re.search(r"[〕\]】)）]\s*0\d", value):
        problems.append("序号不编虚位（不写前导 0）")
    if "〔" not in value or "〕" not in value:
        problems.append("年份用六角括号〔〕括起")
    if not value.endswith("号"):
        problems.append("以「号」结尾")
    reason = "、".join(problems) or "格式应为「机关代字〔年份〕序号号」"
    hint = f"，应写作「{fixed}」" if fixed else f"，例如「{EXAMPLE}」"
    raise UserFacingError(f"文号「{value[:40]}」不规范：{reason}{hint}。")


def normalize_doc_number(text: str) -> str:
    """Empty stays empty (not every item has a 文号); anything else must be a valid 文号."""
    value = text.strip()
    return parse_doc_number(value).text() if value else ""
