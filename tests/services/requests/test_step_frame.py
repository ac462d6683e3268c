"""The one frame every change to a case runs in: the same refusal wherever the case is missing, and the
settings it reads (issue 20)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from app.errors import UserFacingError
from app.models import Setting
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.settings import registry
from tests.calendar_support import D
from tests.services.request_support import LEADER, registration

MISSING = "找不到这件申请，可能已被删除，请刷新列表。"


def test_every_change_to_a_deleted_case_says_to_refresh_the_list(
    office_ctx: AppContext, admin: Actor
) -> None:
    """Remedies said only 「找不到这件申请。」, where steps and registration edits say what to do."""
    requests, day = office_ctx.requests, D("2024-10-08")
    attempts: list[Callable[[], object]] = [
        lambda: requests.steps.assign(admin, 9999, "综合办", None, day, today=day),
        lambda: requests.remedies.add(admin, 9999, "复议", day, "青浦区人民政府", today=day),
        lambda: requests.edit_registration(admin, 9999, registration(day), today=day),
    ]
    for attempt in attempts:
        with pytest.raises(UserFacingError, match=MISSING):
            attempt()


def test_the_extension_limit_is_the_offices_setting_never_above_the_statute(
    office_ctx: AppContext, admin: Actor
) -> None:
    requests, day = office_ctx.requests, D("2024-10-08")
    case = requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    office_ctx.settings.set(admin, registry.EXTENSION_WORKING_DAYS, 10)
    with pytest.raises(UserFacingError, match="1～10 个工作日"):
        requests.steps.extend(LEADER, case.id, 15, "张镇长", day, "需调取档案", today=day)
    with office_ctx.sessions.begin() as session:  # an older version let 设置 store more than 20
        session.merge(Setting(key="deadline.extension_working_days", value_json=json.dumps(30)))
    with pytest.raises(UserFacingError, match="1～20 个工作日"):  # 条例第三十三条第二款
        requests.steps.extend(LEADER, case.id, 25, "张镇长", day, "需调取档案", today=day)
    extended = requests.steps.extend(LEADER, case.id, 20, "张镇长", day, "需调取档案", today=day)
    assert extended.detail.due_on == D("2024-11-27")
