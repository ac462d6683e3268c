from __future__ import annotations

import pytest

from app.errors import UserFacingError
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.settings.registry import BY_KEY
from app.services.settings.service import OfficeInfo


def test_office_profile_saved_trimmed(ctx: AppContext, admin: Actor) -> None:
    assert ctx.settings.office() is None
    ctx.settings.save_office(
        admin, OfficeInfo("  赵巷镇人民政府 ", " 11310118mb2f40001n ", "镇中路100号", "021-1")
    )
    assert ctx.settings.office() == OfficeInfo("赵巷镇人民政府", "11310118MB2F40001N", "镇中路100号", "021-1")


@pytest.mark.parametrize(
    ("name", "code", "message"),
    [
        ("", "ABC123", "请填写单位名称"),
        ("镇" * 101, "ABC123", "太长"),
        ("赵巷镇", "../../x", "机构代码只能"),
        ("赵巷镇", "代码'; DROP TABLE", "机构代码只能"),
    ],
)
def test_bad_office_input_is_refused_and_nothing_saved(
    ctx: AppContext, admin: Actor, name: str, code: str, message: str
) -> None:
    with pytest.raises(UserFacingError, match=message):
        ctx.settings.save_office(admin, OfficeInfo(name, code))
    assert ctx.settings.office() is None


def test_boards_keep_order_and_refuse_duplicates(ctx: AppContext, admin: Actor) -> None:
    ctx.settings.save_boards(admin, ["镇政府公开栏", " ", "赵巷村公开栏"])
    assert ctx.settings.boards() == ["镇政府公开栏", "赵巷村公开栏"]
    with pytest.raises(UserFacingError, match="重复"):
        ctx.settings.save_boards(admin, ["甲", "甲"])
    assert ctx.settings.boards() == ["镇政府公开栏", "赵巷村公开栏"]
    ctx.settings.save_boards(admin, ["赵巷村公开栏", "镇政府公开栏"])
    assert ctx.settings.boards() == ["赵巷村公开栏", "镇政府公开栏"]


def test_settings_defaults_and_typed_values(ctx: AppContext, admin: Actor) -> None:
    assert ctx.settings.get("deadline.count_receipt_day") is False
    assert ctx.settings.get("register.index_template") == "{机构代码}/{YYYY}-{seq:05}"
    assert ctx.settings.get("report.annual_due") == "01-31"
    ctx.settings.set(admin, "deadline.count_receipt_day", True)
    assert ctx.settings.get("deadline.count_receipt_day") is True
    with pytest.raises(UserFacingError, match="类型不正确"):
        ctx.settings.set(admin, "deadline.answer_working_days", "二十")
    assert ctx.settings.all_values().keys() == BY_KEY.keys()
