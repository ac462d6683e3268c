"""Two clerks open the same record; the first saves, the second's save is refused and the first's survives.

Every versioned record kind beyond 公文 (tests/services/test_optimistic_locking.py): 依申请公开件 steps and
remedies, 保密审查单 signatures, 公开栏 postings, 决策事项 and their 决策过程. Runs on PostgreSQL too
(tests/postgres/test_on_pg_optimistic_locking.py).
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.errors import UserFacingError
from app.models.decision import Stage
from app.models.document import ReviewSignoff
from app.models.versioning import StaleRecordError
from app.services.accounts.service import actor_of
from app.services.context import AppContext
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor, Role
from app.services.postings.periods import PeriodPreset
from app.services.postings.types import PostingDraft
from tests.services.decision_support import FULL_FLOW, GateRecorder, draft, install_gate
from tests.services.request_support import registration
from tests.services.review_support import NONE_APPLY

STALE = "已被其他人修改"
TODAY = date(2024, 10, 8)


def _stale(what: str) -> object:
    return pytest.raises(StaleRecordError, match=f"这条{what}在您打开之后{STALE}")


# ---- 依申请公开件 ----------------------------------------------------------------------------------------


def test_request_steps_from_two_screens(office_ctx: AppContext, admin: Actor) -> None:
    requests = office_ctx.requests
    case_id = requests.register(admin, registration(date(2024, 9, 27)), TODAY).detail.id
    screen_a, screen_b = requests.detail(case_id, TODAY), requests.detail(case_id, TODAY)

    saved = requests.steps.assign(
        admin, case_id, "综合办", None, TODAY, TODAY, expected_version=screen_a.version
    ).detail
    assert saved.version > screen_a.version
    with _stale("依申请公开件"):
        requests.steps.consult(admin, case_id, True, "李四", TODAY, TODAY, expected_version=screen_b.version)
    after = requests.detail(case_id, TODAY)
    assert after.department == "综合办" and after.status == saved.status  # A's step intact, B's not added
    requests.steps.consult(admin, case_id, True, "李四", TODAY, TODAY, expected_version=after.version)
    assert requests.detail(case_id, TODAY).status == "征求意见中"


def test_a_step_that_only_adds_an_event_still_moves_the_version(office_ctx: AppContext, admin: Actor) -> None:
    requests = office_ctx.requests
    case_id = requests.register(admin, registration(date(2024, 9, 27)), TODAY).detail.id
    opened = requests.steps.consult(admin, case_id, True, "李四", TODAY, TODAY).detail
    second = requests.steps.consult(admin, case_id, False, "区财政局", TODAY, TODAY).detail
    assert second.status == opened.status and second.version > opened.version


def test_remedy_on_an_outdated_case_is_refused(office_ctx: AppContext, admin: Actor) -> None:
    requests = office_ctx.requests
    case_id = requests.register(admin, registration(date(2024, 9, 27)), TODAY).detail.id
    answered = requests.steps.answer(admin, case_id, "R3.1", TODAY, today=TODAY).detail
    stale = answered.version
    requests.remedies.add(
        admin, case_id, "复议", TODAY, "测试区人民政府", today=TODAY, expected_version=answered.version
    )
    with _stale("依申请公开件"):
        requests.remedies.add(
            admin, case_id, "未经复议直接起诉", TODAY, "测试区人民法院", today=TODAY, expected_version=stale
        )
    fresh = requests.detail(case_id, TODAY)
    assert [r.stage for r in fresh.remedies] == ["复议"]
    remedy = fresh.remedies[0]
    with _stale("依申请公开件"):
        requests.remedies.update(admin, remedy.id, "维持", TODAY, TODAY, expected_version=stale)
    requests.remedies.update(admin, remedy.id, "维持", TODAY, TODAY, expected_version=fresh.version)
    assert requests.detail(case_id, TODAY).remedies[0].result == "维持"


# ---- 保密审查单: two signers, two screens ----------------------------------------------------------------


def test_second_signature_from_an_outdated_screen_is_refused(office_ctx: AppContext, admin: Actor) -> None:
    document = office_ctx.documents.create(admin, DocumentInput("关于秋季防火的通知", "测试镇人民政府"))
    sheet = office_ctx.reviews.create_for_document(admin, document.id)
    office_ctx.reviews.answer_checks(admin, sheet.id, NONE_APPLY)  # issue 21: the points come first
    clerk_b = actor_of(
        office_ctx.accounts.create_account(
            admin, "zhangsan", "张三", "zhangsan-pass-1", frozenset({Role.CLERK})
        )
    )
    screen_a, screen_b = office_ctx.reviews.detail(sheet.id), office_ctx.reviews.detail(sheet.id)

    signed = office_ctx.reviews.sign(
        admin, sheet.id, True, "未发现涉密内容", expected_version=screen_a.version
    )
    assert signed.version > screen_a.version and len(signed.signoffs) == 1
    with _stale("保密审查单"):
        office_ctx.reviews.sign(clerk_b, sheet.id, True, "同意", expected_version=screen_b.version)
    with office_ctx.sessions() as session:
        count = session.scalar(select(func.count()).where(ReviewSignoff.sheet_id == sheet.id))
    after = office_ctx.reviews.detail(sheet.id)
    assert count == 1 and after.signoffs[0].signer_name == admin.display_name  # no silent double signature


# ---- 公开栏 postings ------------------------------------------------------------------------------------


def _posting(ctx: AppContext, admin: Actor, title: str) -> int:
    ctx.settings.save_boards(admin, ["镇政府公开栏"])
    value = PostingDraft(
        title=title,
        body="现予公示。",
        boards=("镇政府公开栏",),
        preset=PeriodPreset.DAYS_7.value,
        period_start=ctx.clock.today(),
        responsible="王敏",
        unit="测试镇人民政府",
        signed_on=ctx.clock.today(),
        phone="0512-0000000",
    )
    return ctx.postings.create(admin, value).id


def test_posting_edit_and_delete_from_an_outdated_screen(office_ctx: AppContext, admin: Actor) -> None:
    postings = office_ctx.postings
    posting_id = _posting(office_ctx, admin, "关于低保对象的公示")
    screen_a, screen_b = postings.get(posting_id), postings.get(posting_id)

    saved = postings.update(
        admin, posting_id, dataclasses.replace(screen_a.draft, title="甲改的标题"), screen_a.version
    )
    assert saved.version > screen_a.version
    with _stale("公开栏张贴"):
        postings.update(
            admin, posting_id, dataclasses.replace(screen_b.draft, title="乙改的标题"), screen_b.version
        )
    with _stale("公开栏张贴"):
        postings.delete(admin, posting_id, screen_b.version)
    assert postings.get(posting_id).title == "甲改的标题"
    fresh = postings.get(posting_id)
    postings.update(admin, posting_id, dataclasses.replace(fresh.draft, title="乙改的标题"), fresh.version)
    assert postings.get(posting_id).title == "乙改的标题"


# ---- 决策事项 and 决策过程 -------------------------------------------------------------------------------


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> GateRecorder:
    return install_gate(monkeypatch)


def test_decision_item_edit_from_an_outdated_screen(office_ctx: AppContext, admin: Actor) -> None:
    decisions = office_ctx.decisions
    decisions.create_directory(admin, 2025)
    item = decisions.add_item(admin, 2025, draft("老旧小区综合改造"))
    screen_a, screen_b = decisions.item(item.id), decisions.item(item.id)

    saved = decisions.update_item(admin, item.id, draft("甲改的名称"), screen_a.version)
    assert saved.version > screen_a.version
    with _stale("决策事项"):
        decisions.update_item(admin, item.id, draft("乙改的名称"), screen_b.version)
    with _stale("决策事项"):
        decisions.delete_item(admin, item.id, screen_b.version)
    assert decisions.item(item.id).name == "甲改的名称"
    decisions.update_item(admin, item.id, draft("乙改的名称"), decisions.item(item.id).version)
    assert decisions.item(item.id).name == "乙改的名称"


def test_published_item_adjust_and_withdraw_check_the_version(
    office_ctx: AppContext, admin: Actor, gate: GateRecorder
) -> None:
    decisions = office_ctx.decisions
    decisions.create_directory(admin, 2025)
    item = decisions.add_item(admin, 2025, draft("老旧小区综合改造"))
    decisions.publish_directory(admin, 2025, date(2025, 3, 20))
    stale = decisions.item(item.id)
    adjusted = decisions.adjust_item(
        admin, item.id, draft("老旧小区改造"), date(2025, 4, 1), "名称调整", stale.version
    )
    with _stale("决策事项"):
        decisions.withdraw_item(admin, item.id, date(2025, 4, 2), "不再实施", stale.version)
    assert decisions.item(item.id).status == adjusted.status
    decisions.withdraw_item(admin, item.id, date(2025, 4, 2), "不再实施", adjusted.version)
    assert decisions.item(item.id).status.value == "已撤销"


def test_process_stage_moves_the_item_version(
    office_ctx: AppContext, admin: Actor, gate: GateRecorder
) -> None:
    decisions = office_ctx.decisions
    decisions.create_directory(admin, 2025)
    item_id = decisions.add_item(admin, 2025, draft("老旧小区综合改造")).id
    decisions.publish_directory(admin, 2025, date(2025, 3, 20))
    screen_a, screen_b = decisions.process.record(item_id), decisions.process.record(item_id)

    saved = decisions.process.save_stage(admin, item_id, FULL_FLOW[0], expected_version=screen_a.item.version)
    assert saved.item.version > screen_a.item.version
    changed = dataclasses.replace(FULL_FLOW[0], result="乙的记录")
    with _stale("决策事项"):
        decisions.process.save_stage(admin, item_id, changed, expected_version=screen_b.item.version)
    info = decisions.process.record(item_id).view(Stage.START).info
    assert info is not None and info.record.result == FULL_FLOW[0].result  # A's record intact


def test_same_file_twice_on_one_stage_is_a_calm_message(
    office_ctx: AppContext, admin: Actor, gate: GateRecorder, tmp_path: Path
) -> None:
    decisions = office_ctx.decisions
    decisions.create_directory(admin, 2025)
    item_id = decisions.add_item(admin, 2025, draft("老旧小区综合改造")).id
    decisions.publish_directory(admin, 2025, date(2025, 3, 20))
    decisions.process.save_stage(admin, item_id, FULL_FLOW[0])
    minutes = tmp_path / "会议纪要.txt"
    minutes.write_text("镇长办公会纪要", encoding="utf-8")
    first = decisions.process.attach_file(admin, item_id, Stage.START, minutes)
    with pytest.raises(UserFacingError, match="这个文件已经附在本环节"):
        decisions.process.attach_file(admin, item_id, Stage.START, minutes, first.item.version)
    info = decisions.process.record(item_id).view(Stage.START).info
    assert info is not None and [a.name for a in info.attachments] == ["会议纪要.txt"]
    with _stale("决策事项"):  # removing from a screen opened before the attachment
        decisions.process.remove_attachment(
            admin, item_id, Stage.START, info.attachments[0].id, first.item.version - 1
        )
    decisions.process.remove_attachment(
        admin, item_id, Stage.START, info.attachments[0].id, first.item.version
    )
    after = decisions.process.record(item_id).view(Stage.START).info
    assert after is not None and after.attachments == ()


def test_version_is_returned_fresh_after_each_save(office_ctx: AppContext, admin: Actor) -> None:
    """Saving twice in a row from one screen works: each save hands back the version it produced."""
    postings = office_ctx.postings
    posting_id = _posting(office_ctx, admin, "关于拆迁补偿的公示")
    info = postings.get(posting_id)
    for title in ("第一次修改", "第二次修改", "第三次修改"):
        info = postings.update(admin, posting_id, dataclasses.replace(info.draft, title=title), info.version)
    assert postings.get(posting_id).title == "第三次修改" and info.version == postings.get(posting_id).version
