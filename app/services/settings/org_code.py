"""The 机构代码 as the office writes it: a 统一社会信用代码 is checked by its check digit, an older
组织机构代码 (12345678-9) by its own, and anything else (an internal code) is kept after the clerk confirms.

Pure functions: the settings service refuses a wrong check digit, the 设置 page and the first-run dialog ask
the question, and `office set` wants `--yes` for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# GB 32100-2015 §4: 18 characters from the digits and the capitals without I, O, Z, S, V.
CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_LENGTH = 18
# GB 32100-2015 §5: weight of position i (from 0) is 3^i mod 31; check = 31 − (Σ value×weight mod 31).
CREDIT_WEIGHTS = tuple(pow(3, i, 31) for i in range(CREDIT_LENGTH - 1))
# GB 11714-1997 §5: eight body characters weighted 3 7 9 10 5 8 4 2; check = 11 − (Σ mod 11), 10 → X.
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_FORM = re.compile(r"^([0-9A-Z]{8})-([0-9X])$")
_ALNUM_18 = re.compile(r"^[0-9A-Za-z]{18}$")


ASK = "仍要使用这个代码吗？"


@dataclass(frozen=True)
class OrgCodeCheck:
    code: str  # as saved (a credit code in capitals)
    problem: str  # a wrong check digit or character: refused
    doubt: str  # not a credit code: kept only when the clerk confirms

    @property
    def question(self) -> str:
        return f"{self.doubt}{ASK}" if self.doubt else ""


def credit_check_char(body: str) -> str:
    """The 18th character of a 统一社会信用代码 whose first 17 are `body` (GB 32100-2015 §5)."""
    total = sum(CREDIT_CHARS.index(char) * weight for char, weight in zip(body, CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARS[(31 - total % 31) % 31]


def org_check_char(body: str) -> str:
    """The check character of a 组织机构代码 whose body is `body` (GB 11714-1997 §5)."""
    total = sum(int(char, 36) * weight for char, weight in zip(body, ORG_WEIGHTS, strict=True))
    value = (11 - total % 11) % 11
    return "X" if value == 10 else str(value)


def check_org_code(raw: str) -> OrgCodeCheck:
    code = raw.strip()
    if _ALNUM_18.match(code):
        return _credit(code.upper())
    old = _ORG_FORM.match(code.upper())
    if old:
        body, given = old.groups()
        expected = org_check_char(body)
        if given != expected:
            return OrgCodeCheck(
                code,
                f"组织机构代码「{code}」的校验码不对：按 GB 11714 计算，最后一位应为「{expected}」。"
                "请对照证书或上级的通知核对后重新填写。",
                "",
            )
        return OrgCodeCheck(
            code.upper(),
            "",
            f"「{code}」是旧的组织机构代码，不是18位的统一社会信用代码。"
            "机关、事业单位一般已换发统一社会信用代码，索引号通常用它。",
        )
    return OrgCodeCheck(
        code,
        "",
        f"「{code}」不是18位的统一社会信用代码。如果这是上级分配的机构代码或内部编码，可以继续使用；"
        "索引号将以它开头。",
    )


def _credit(code: str) -> OrgCodeCheck:
    wrong = [(place, char) for place, char in enumerate(code, start=1) if char not in CREDIT_CHARS]
    if wrong:
        place, char = wrong[0]
        hint = {"O": "数字 0", "I": "数字 1", "Z": "数字 2", "S": "数字 5", "V": "字母 U 或 Y"}.get(char, "")
        return OrgCodeCheck(
            code,
            f"统一社会信用代码不使用字母 I、O、Z、S、V，但第{place}位是「{char}」"
            f"{f'（是否应为{hint}？）' if hint else ''}。请对照证书核对后重新填写。",
            "",
        )
    expected = credit_check_char(code[:-1])
    if code[-1] != expected:
        return OrgCodeCheck(
            code,
            f"统一社会信用代码「{code}」的校验码不对：按 GB 32100-2015 计算，第18位应为「{expected}」。"
            "多半是某一位抄错了，请对照证书核对后重新填写。",
            "",
        )
    return OrgCodeCheck(code, "", "")
