"""Chinese text as clerks and their tools write it: dates in every common form, the encodings of Chinese
Windows, and how dates and 文号 are printed in letters and documents (GB/T 9704-2012)."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, timedelta

from app.errors import UserFacingError

MIN_YEAR, MAX_YEAR = 1900, 2100  # a year outside is a typo (0202, 20255), never a real 成文日期
EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system, as its serial numbers count
SERIALS = range((date(1990, 1, 1) - EXCEL_EPOCH).days, (date(MAX_YEAR, 12, 31) - EXCEL_EPOCH).days + 1)
CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0, "o": 0}

_SEPARATED = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_SERIAL = re.compile(r"\d{5}")
_CN_SMALL = "([一二三四五六七八九十]{1,3})"
_CN_NUMERALS = re.compile(rf"([〇零○Oo一二三四五六七八九]{{4}})\s*年\s*{_CN_SMALL}\s*月\s*{_CN_SMALL}\s*日")
_TIME = re.compile(r"(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")  # a date cell that also holds a time


class DateError(UserFacingError):
    """A cell or field that is not a date; the message names the field and shows what was written."""


def parse_date(value: object, label: str = "日期") -> date:
    """The one reading of a date for every importer: 2025-01-24, 2025/1/24, 2025.1.24, 2025年1月24日,
    20250124, 二〇二五年一月二十四日, full-width digits, a trailing time, an Excel date cell or serial number.
    An impossible day (2025-02-30) or anything else raises DateError."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        parts = _from_serial(value)
    else:
        parts = _parts(_TIME.sub("", unicodedata.normalize("NFKC", text)).strip())
    try:
        if parts is None or not MIN_YEAR <= parts[0] <= MAX_YEAR:
            raise ValueError
        return date(*parts)
    except ValueError:
        raise DateError(f"{label}「{text[:20]}」不是有效日期，应写成 2025-01-24") from None


def _parts(text: str) -> tuple[int, int, int] | None:
    if match := _SEPARATED.fullmatch(text) or _COMPACT.fullmatch(text):
        year, month, day = (int(group) for group in match.groups())
        return year, month, day
    if match := _CN_NUMERALS.fullmatch(text):
        cn_month, cn_day = cn_number(match[2]), cn_number(match[3])
        if cn_month is None or cn_day is None:
            return None
        return int("".join(str(CN_DIGITS[c]) for c in match[1])), cn_month, cn_day
    if _SERIAL.fullmatch(text):
        return _from_serial(int(text))
    return None


def _from_serial(value: float) -> tuple[int, int, int] | None:
    """An Excel serial number (a date column formatted as 常规 shows 45681 for 2025-01-24)."""
    if not math.isfinite(value) or int(value) not in SERIALS:  # a number that is no plausible date
        return None
    day = EXCEL_EPOCH + timedelta(days=int(value))
    return day.year, day.month, day.day


def cn_number(text: str) -> int | None:
    """「一」…「九」「十」「十二」「二十」「三十一」 → 1…99; None for anything else (「十十」, 「二二」)."""
    tens, ten, ones = text.partition("十")
    if not ten:
        return CN_DIGITS.get(text) or None  # 「〇」 alone is no month or day
    high = CN_DIGITS.get(tens) if tens else 1
    low = CN_DIGITS.get(ones) if ones else 0
    if high is None or low is None or len(tens) > 1 or len(ones) > 1 or high == 0:
        return None
    return high * 10 + low


def decode_text(data: bytes, *, lossy: bool = False) -> str:
    """Text as Chinese Windows tools save it: UTF-8 with or without BOM, UTF-16 with its BOM (or without it,
    when every other byte is 0), else GB18030 (a superset of GBK). When nothing fits: with `lossy` (text
    for search) UTF-8 with U+FFFD for the bad bytes, otherwise a UserFacingError the clerk can act on."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)  # the BOM tells the byte order and is dropped
    elif data.count(b"\x00") * 4 > len(data):  # UTF-16 without its BOM, mostly ASCII: every other byte is 0
        encodings = ("utf-16-le",) if data[1::2].count(0) > data[::2].count(0) else ("utf-16-be",)
    else:  # UTF-8 and GBK text has no 0 bytes; with a few, mostly-Chinese UTF-16 as Windows writes it
        encodings = ("utf-8-sig", "gb18030", *(("utf-16-le",) if b"\x00" in data else ()))
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if lossy:
        return data.decode("utf-8", errors="replace")
    raise UserFacingError(
        "无法识别这个文件的文字编码（不是 UTF-8、GBK 或 UTF-16）。"
        "请用记事本打开，「另存为」时把编码选为 UTF-8，再重新导入。"
    )


def cn_date(day: date) -> str:
    """GB/T 9704 成文日期: Arabic numerals, full year, no leading zeros — 2025年1月24日."""
    return f"{day.year}年{day.month}月{day.day}日"


def doc_number(agency_code: str, year: int, number: int) -> str:
    """GB/T 9704 发文字号: 机关代字〔2025〕12号 — 六角括号, no 「第」, no leading zeros."""
    return f"{agency_code}〔{year}〕{number}号"
