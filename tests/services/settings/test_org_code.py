"""Issue 21 point 8: the 机构代码 is checked against the 统一社会信用代码 check digit (GB 32100-2015), an old
组织机构代码 against GB 11714; other codes are kept once the clerk confirms."""

from __future__ import annotations

import pytest

from app.errors import UserFacingError
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.settings.org_code import (
    OrgCodeCheck,
    check_org_code,
    credit_check_char,
    org_check_char,
)
from app.services.settings.service import OfficeInfo

# Real codes from published registrations (their check digits as printed on the certificates).
VALID_CREDIT_CODES = ("91350100M000100Y43", "11310118MB2F40001N", "91110000600037341L")


@pytest.mark.parametrize("code", VALID_CREDIT_CODES)
def test_valid_credit_codes_pass_without_a_question(code: str) -> None:
    assert credit_check_char(code[:17]) == code[17]
    assert check_org_code(f" {code.lower()} ") == OrgCodeCheck(code, "", "")  # saved in capitals


def test_a_wrong_check_digit_is_refused_naming_the_right_one(ctx: AppContext, admin: Actor) -> None:
    checked = check_org_code("11310118MB2F40001X")
    assert "第18位应为「N」" in checked.problem and "GB 32100-2015" in checked.problem
    with pytest.raises(UserFacingError, match="第18位应为「N」"):
        ctx.settings.save_office(admin, OfficeInfo("赵巷镇人民政府", "11310118MB2F40001X"))
    assert ctx.settings.office() is None


def test_a_letter_the_standard_leaves_out_is_named() -> None:
    problem = check_org_code("91350100MOOO100Y43").problem
    assert "第10位是「O」（是否应为数字 0？）" in problem


def test_an_old_organisation_code_is_checked_by_gb_11714_then_asked_about() -> None:
    assert org_check_char("12345678") == "8" and org_check_char("D2143569") == "X"
    assert "最后一位应为「8」" in check_org_code("12345678-9").problem
    valid = check_org_code("12345678-8")
    assert valid.problem == "" and "旧的组织机构代码" in valid.question and "仍要使用" in valid.question


@pytest.mark.parametrize("code", ("11320000-0001", "TEST-01", "11320000TEST0001X"))
def test_other_codes_are_kept_after_a_question(ctx: AppContext, admin: Actor, code: str) -> None:
    checked = check_org_code(code)
    assert checked.problem == "" and "不是18位的统一社会信用代码" in checked.question
    assert ctx.settings.save_office(admin, OfficeInfo("赵巷镇人民政府", code)).org_code == code
