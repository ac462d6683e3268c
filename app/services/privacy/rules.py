"""The personal-data detector's rules, as data: what each kind looks like written down, and the checks a
match must pass (GB 11643 check digit and birth date, Luhn, area codes) before it counts.

条例第十五条 (个人隐私不予公开). Patterns run on text folded by FOLD; `personal_data` applies them.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum


class Kind(StrEnum):
    ID_NUMBER = "身份证号"
    MOBILE = "手机号码"
    LANDLINE = "固定电话"
    BANK_CARD = "银行卡号"
    ADDRESS = "住址"


# --- folding: one character for one, so positions carry over ------------------------------------------
FOLD = str.maketrans(
    {
        **{chr(0xFF10 + n): str(n) for n in range(10)},  # ０-９ full-width digits
        "Ｘ": "X",
        "ｘ": "x",
        "＋": "+",
        "（": "(",
        "）": ")",
        **dict.fromkeys("\u3000\u00a0\u2002\u2003\u2009\u202f", " "),  # full-width and thin spaces
        **dict.fromkeys("－‐‑‒–—―−﹣﹘", "-"),  # dashes people type between digit groups
    }
)

# --- the number patterns (on folded text) --------------------------------------------------------------
# A stretch of text that may hold a number: ≥ 10 digits (full-width too: \d is Unicode) with separators and
# brackets between them; the rules below run on it only, folded, so a long text costs one quick pass.
_BETWEEN = r"[ \-()+\u3000\u00a0\u2002\u2003\u2009\u202f－‐‑‒–—―−﹣﹘（）＋]"
RUN = re.compile(rf"\d(?:{_BETWEEN}{{0,4}}\d){{9,}}[XxＸｘ]?")  # starts at a digit, so the scan is fast
LEADING = "+＋(（"  # may come just before a run's first digit: 「+86 …」「(021)…」
_SEP = r"[ \-]{0,3}"  # between digit groups: spaces and dashes, as in 「3101 0119…」 or 「138-1234-5678」
RULES: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    # GB 11643-1999 身份证号: 17 digits and a check digit or X, groups separated or not
    (Kind.ID_NUMBER, re.compile(rf"(?<!\d)\d(?:{_SEP}\d){{16}}{_SEP}[\dXx](?![\dXx])")),
    # the 15-digit 身份证号 issued before 1999 (6-digit region, YYMMDD, 3-digit sequence)
    (Kind.ID_NUMBER, re.compile(rf"(?<!\d)\d(?:{_SEP}\d){{14}}(?![\dXx])")),
    # bank card: 13–19 digits whose first digit is an issuer's (3 JCB/Amex, 4 Visa, 5 MC, 6 银联, 9 domestic)
    (Kind.BANK_CARD, re.compile(r"(?<!\d)[3-69](?:[ \-]{0,2}\d){12,18}(?!\d)")),
    # mobile 1[3-9]x xxxx xxxx, optionally after +86 / 0086 / 86 / (+86)
    (
        Kind.MOBILE,
        re.compile(rf"(?<![\d+])(?:\(?(?:\+|00)?86\)?{_SEP})?1[3-9]\d(?:{_SEP}\d){{8}}(?!\d)"),
    ),
    # landline with its area code: 0512-12345678, (021)5975 0000, 021 59750000, +86 21 5975 0000
    (
        Kind.LANDLINE,
        re.compile(
            r"(?<![\d+])(?:(?:\(?(?:\+|00)86\)?[ \-]{0,3}\(?0?)(?:10|2\d|[3-9]\d\d)\)?"
            r"|\(?0(?:10|2\d|[3-9]\d\d)\)?)"
            rf"{_SEP}[1-9]\d\d\d?{_SEP}\d{{4}}(?!\d)"
        ),
    ),
)
LANDLINE_AREA = re.compile(  # the area code with what comes before it: 「+86 (0)21」「(021)」「0512」
    r"^(?:\(?(?:\+|00)86\)?[ \-]*\(?0?|\(?0)(?P<area>10|2\d|[3-9]\d\d)\)?"
)
COUNTRY = re.compile(r"^\(?(?:\+|00)?86\)?[ \-]*")  # +86 before a mobile number
# GB/T 2260 province codes: the first two digits of a 身份证号 (71 台湾, 81 香港, 82 澳门, 83 台胞居住证)
_PROVINCES = frozenset(
    (*range(11, 16), *range(21, 24), *range(31, 38), *range(41, 47), *range(50, 55), *range(61, 66))
) | {71, 81, 82, 83}
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # GB 11643 ISO 7064 MOD 11-2
_ID_CHECK = "10X98765432"
_MAX_GROUPS = 6  # 「3101 0119 9001 0112 34」 has five; single digits spaced out are a table, not a number

# --- addresses: a place word, then numbered parts, at least one of 号/室/户 -----------------------------
_PLACE = r"(?:路|大街|街|巷|弄|胡同|大道|公路|村|组|队|社区|小区|新村|花园|家园|公寓|苑)"
_NUM = r"(?:\d{1,5}|[一二三四五六七八九十百零〇两]{1,4})"
ADDRESS = re.compile(
    # 「XX路100弄3号502室」「XX村3组15号」「XX小区5号楼2单元301室」: 室/户 only after Arabic digits
    rf"{_PLACE}(?:\s?{_NUM}\s?(?:号楼|号院|号|支弄|弄|组|队|栋|幢|楼|单元|层)|\s?\d{{1,5}}\s?(?:室|户))+"
)
HOUSE_UNITS = ("号", "室", "户")  # without one of these it is a lane or a group, not a house
# 「1号地块」「5号线」「3号文件」「15号前上报」: 号 that numbers a thing or a day, not a house
NOT_HOUSE_AFTER = re.compile(
    r"\s?(?:地块|线|桥|门|口|站|码头|泊位|井|闸|文|令|公告|通知|前|后|起|至|到|以前|之前)"
)
NOT_HOUSE_BEFORE = ("各", "每", "全")  # 「各村15号前」: many villages, so not one house
NAME_CHARS = re.compile(r"[\u4e00-\u9fff]{1,6}$")  # the street or village name shown with a finding
NAME_STOP = re.compile(r".*[住在于址是为的和及与、]")  # words that end the name on the left
MASKABLE_NUMERAL = frozenset("0123456789０１２３４５６７８９一二三四五六七八九十百零〇两")


def digits_of(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit() or ch in "Xx").upper()


def _groups_ok(number: str) -> bool:
    groups = [g for g in re.split(r"[ \-]+", number) if g]
    return len(groups) <= _MAX_GROUPS and all(len(g) >= 2 for g in groups[:-1])


def _birthday_ok(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return 1900 <= year <= 2100


def id18_ok(digits: str) -> bool:
    """GB 11643: province code, a real birth date, and the MOD 11-2 check digit."""
    if len(digits) != 18 or not digits[:17].isdigit() or int(digits[:2]) not in _PROVINCES:
        return False
    if not _birthday_ok(int(digits[6:10]), int(digits[10:12]), int(digits[12:14])):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == digits[17]


def id15_ok(digits: str) -> bool:
    """The 15-digit form (GB 11643-1989): province code and a real 19YY birth date."""
    return (
        len(digits) == 15
        and digits.isdigit()
        and int(digits[:2]) in _PROVINCES
        and _birthday_ok(1900 + int(digits[6:8]), int(digits[8:10]), int(digits[10:12]))
    )


def luhn_ok(digits: str) -> bool:
    """ISO/IEC 7812 Luhn check of a card number."""
    if not digits.isdigit() or len(set(digits)) == 1:
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def number_part(kind: Kind, text: str) -> str:
    """The digits that identify the person, without +86 or the area code's brackets."""
    if kind is Kind.MOBILE:
        return COUNTRY.sub("", text)
    return text


def valid(kind: Kind, folded: str) -> bool:
    part = number_part(kind, folded)
    if kind is not Kind.LANDLINE and not _groups_ok(part):
        return False
    digits = digits_of(part)
    if kind is Kind.ID_NUMBER:
        return id18_ok(digits) if len(digits) == 18 else id15_ok(digits)
    if kind is Kind.BANK_CARD:
        return 13 <= len(digits) <= 19 and luhn_ok(digits)
    return True  # phone patterns are specific enough on their own
