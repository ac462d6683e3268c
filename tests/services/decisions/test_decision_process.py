"""Each decision's full-process record: required stages, statutory periods, blocks, feedback due, alerts."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import UserFacingError
from app.models import AuditEntry
from app.models.decision import Stage
from app.services.alerts import Urgency
from app.services.context import AppContext
from app.services.decisions.stages import StageRecord, required_stages
from app.services.decisions.types import Procedures
from app.services.permissions import Actor
from tests.services.decision_support import ALL_PROCEDURES, FULL_FLOW, GateRecorder, draft, install_gate


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> GateRecorder:
    return install_gate(monkeypatch)


def _published_item(ctx: AppContext, admin: Actor, procedures: Procedures = ALL_PROCEDURES) -> int:
    ctx.decisions.create_directory(admin, 2025)
    item = ctx.decisions.add_item(admin, 2025, draft("赵巷镇老旧小区综合改造实施方案", procedures=procedures))
    ctx.decisions.publish_directory(admin, 2025, date(2025, 3, 20))
    return item.id


def _save_until(ctx: AppContext, admin: Actor, item_id: int, last: Stage) -> None:
    for record in FULL_FLOW:
        ctx.decisions.process.save_stage(admin, item_id, record)
        if record.stage is last:
            return


def test_required_stages_follow_the_procedure_flags() -> None:
    assert required_stages(Procedures(False, False, False, False, False, False)) == (
        Stage.START,
        Stage.PUBLISH,
    )
    assert required_stages(Procedures()) == (
        Stage.START,
        Stage.CONSULT,
        Stage.LEGALITY,
        Stage.MEETING,
        Stage.PUBLISH,
        Stage.FEEDBACK,
    )
    assert len(required_stages(ALL_PROCEDURES)) == 9  # every stage except 执行 and 决策后评估


def test_full_flow_to_publication_and_feedback(
    office_ctx: AppContext, admin: Actor, gate: GateRecorder
) -> None:
    ctx = office_ctx
    item_id = _published_item(ctx, admin)
    record = ctx.decisions.process.record(item_id)
    assert record.missing == (
        Stage.START,
        Stage.CONSULT,
        Stage.HEARING,
        Stage.EXPERT,
        Stage.RISK,
        Stage.LEGALITY,
        Stage.MEETING,
    )
    _save_until(ctx, admin, item_id, Stage.MEETING)
    record = ctx.decisions.process.record(item_id)
    assert record.missing == () and record.decision_date == date(2025, 9, 29)
    # 10 working days after Mon 2025-09-29, across 国庆+中秋 (10/1–10/8) and the 调休上班 Saturday 10/11.
    assert record.feedback_due == date(2025, 10, 20)
    assert record.view(Stage.CONSULT).note == "征求意见 30 日"
    assert record.view(Stage.LEGALITY).note == "审查时间 7 个工作日"
    assert record.view(Stage.FEEDBACK).note == "应于 2025-10-20 前反馈"
    _save_until(ctx, admin, item_id, Stage.FEEDBACK)
    record = ctx.decisions.process.record(item_id)
    assert record.published and record.missing == ()
    assert [kind for kind, _id, _when in gate.calls] == [
        "decision_directory",
        "decision_result",
        "decision_feedback",
    ]
    assert record.view(Stage.PUBLISH).info is not None
    assert record.view(Stage.PUBLISH).info.recorded_by == "王管理"


def test_feedback_due_follows_the_setting(office_ctx: AppContext, admin: Actor, gate: GateRecorder) -> None:
    office_ctx.settings.set(admin, "decision.feedback_working_days", 5)
    item_id = _published_item(office_ctx, admin)
    _save_until(office_ctx, admin, item_id, Stage.MEETING)
    assert office_ctx.decisions.process.record(item_id).feedback_due == date(2025, 10, 13)


def test_short_consultation_needs_a_reason(office_ctx: AppContext, admin: Actor, gate: GateRecorder) -> None:
    ctx = office_ctx
    item_id = _published_item(ctx, admin)
    _save_until(ctx, admin, item_id, Stage.START)
    short = dataclasses.replace(FULL_FLOW[1], done_on=date(2025, 6, 4))
    with pytest.raises(UserFacingError, match="期限为 29 日，少于 30 日"):
        ctx.decisions.process.save_stage(admin, item_id, short)
    assert ctx.decisions.process.record(item_id).view(Stage.CONSULT).info is None
    ctx.decisions.process.save_stage(
        admin, item_id, dataclasses.replace(short, exception_reason="汛期排水设施改造情况紧急")
    )
    assert ctx.decisions.process.record(item_id).view(Stage.CONSULT).done


def test_legality_review_time_is_counted_in_working_days_over_national_day(
    office_ctx: AppContext, admin: Actor, gate: GateRecorder
) -> None:
    ctx = office_ctx
    item_id = _published_item(ctx, admin)
    _save_until(ctx, admin, item_id, Stage.START)
    sent = StageRecord(Stage.LEGALITY, date(2025, 10, 10), started_on=date(2025, 9, 26), result="合法")
    # 9/28 (Sun, 调休上班), 9/29, 9/30, 10/9, 10/10 = 5 working days: 国庆+中秋 does not count.
    with pytest.raises(UserFacingError, match="审查时间为 5 个工作日"):
        ctx.decisions.process.save_stage(admin, item_id, sent)
    ctx.decisions.process.save_stage(admin, item_id, dataclasses.replace(sent, done_on=date(2025, 10, 13)))
    assert ctx.decisions.process.record(item_id).view(Stage.LEGALITY).note == "审查时间 7 个工作日"


def test_meeting_needs_a_legality_opinion_and_publication_lists_what_is_missing(
    office_ctx: AppContext, admin: Actor, gate: GateRecorder
) -> None:
    ctx = office_ctx
    item_id = _published_item(ctx, admin)
    process = ctx.decisions.process
    meeting = next(r for r in FULL_FLOW if r.stage is Stage.MEETING)
    publish = next(r for r in FULL_FLOW if r.stage is Stage.PUBLISH)
    with pytest.raises(UserFacingError, match="请先登记「决策启动」"):
        process.save_stage(admin, item_id, meeting)
    process.save_stage(admin, item_id, FULL_FLOW[0])
    with pytest.raises(UserFacingError, match="须先取得合法性审查意见"):
        process.save_stage(admin, item_id, meeting)
    with pytest.raises(
        UserFacingError,
        match="还缺少必经环节：公开征求意见、听证、专家论证、风险评估、合法性审查、集体讨论决定",
    ):
        process.save_stage(admin, item_id, publish)
    assert gate.calls == [("decision_directory", gate.calls[0][1], gate.calls[0][2])]  # no result gate call


def test_hearing_materials_must_reach_participants_seven_days_before(
    office_ctx: AppContext, admin: Actor, gate: GateRecorder
) -> None:
    item_id = _published_item(office_ctx, admin)
    _save_until(office_ctx, admin, item_id, Stage.CONSULT)
    late = dataclasses.replace(FULL_FLOW[2], started_on=date(2025, 6, 13))
    with pytest.raises(UserFacingError, match="听证会前 5 日送达"):
        office_ctx.decisions.process.save_stage(admin, item_id, late)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"opinions_adopted": 13}, "多于收到的 12 条"),
        ({"not_adopted_reasons": ""}, "3 条意见未采纳"),
        ({"channels": "  "}, "请填写「公开渠道」"),
        ({"started_on": None}, "请填写「征求意见开始日期」"),
        ({"started_on": date(2025, 6, 6)}, "早于"),
        ({"done_on": date(2099, 1, 1)}, "晚于今天"),
        ({"channels": "网" * 201}, "太长"),
    ],
)
def test_bad_stage_records_are_refused(
    office_ctx: AppContext, admin: Actor, gate: GateRecorder, change: dict[str, object], message: str
) -> None:
    item_id = _published_item(office_ctx, admin)
    _save_until(office_ctx, admin, item_id, Stage.START)
    with pytest.raises(UserFacingError, match=message):
        office_ctx.decisions.process.save_stage(admin, item_id, dataclasses.replace(FULL_FLOW[1], **change))
    assert office_ctx.decisions.process.record(item_id).view(Stage.CONSULT).info is None


def test_publication_needs_a_published_directory_and_the_gate(
    office_ctx: AppContext, admin: Actor, gate: GateRecorder
) -> None:
    ctx = office_ctx
    flags = Procedures(False, False, False, False, False, False)
    item_id = _published_item(ctx, admin, flags)
    ctx.decisions.process.save_stage(admin, item_id, FULL_FLOW[0])
    gate.refuse = "这件决策结果还没有保密审查单。"
    publish = next(r for r in FULL_FLOW if r.stage is Stage.PUBLISH)
    with pytest.raises(UserFacingError, match="还没有保密审查单"):
        ctx.decisions.process.save_stage(admin, item_id, publish)
    assert not ctx.decisions.process.record(item_id).published


def test_stage_changes_are_audited_with_their_fields(
    office_ctx: AppContext, admin: Actor, gate: GateRecorder
) -> None:
    ctx = office_ctx
    item_id = _published_item(ctx, admin)
    ctx.decisions.process.save_stage(admin, item_id, FULL_FLOW[0])
    ctx.decisions.process.save_stage(
        admin, item_id, dataclasses.replace(FULL_FLOW[0], result="镇党委会同意启动")
    )
    with ctx.sessions() as session:
        entries = list(session.scalars(select(AuditEntry).where(AuditEntry.entity == "决策过程")))
    assert [e.action for e in entries] == ["新建", "修改"]
    details = json.loads(entries[-1].details_json)
    assert details["changes"] == {"启动决定（会议或文件）": ["镇长办公会决定启动", "镇党委会同意启动"]}
    assert details["阶段"] == "决策启动"


def test_attachments_belong_to_a_recorded_stage(
    office_ctx: AppContext, admin: Actor, gate: GateRecorder, tmp_path: Path
) -> None:
    ctx = office_ctx
    item_id = _published_item(ctx, admin)
    minutes = tmp_path / "常务会议纪要.txt"
    minutes.write_text("会议纪要", encoding="utf-8")
    with pytest.raises(UserFacingError, match="请先保存「决策启动」"):
        ctx.decisions.process.attach_file(admin, item_id, Stage.START, minutes)
    ctx.decisions.process.save_stage(admin, item_id, FULL_FLOW[0])
    record = ctx.decisions.process.attach_file(admin, item_id, Stage.START, minutes)
    info = record.view(Stage.START).info
    assert info is not None and [a.name for a in info.attachments] == ["常务会议纪要.txt"]


def test_alerts_for_feedback_and_missing_stages(
    office_ctx: AppContext, admin: Actor, gate: GateRecorder
) -> None:
    ctx = office_ctx
    item_id = _published_item(ctx, admin)
    _save_until(ctx, admin, item_id, Stage.MEETING)
    titles = {a.urgency: a.title for a in ctx.decisions.alerts(date(2025, 9, 29))}
    assert titles[Urgency.WAITING].endswith("意见采纳情况反馈还剩 10 个工作日")
    soon = [a for a in ctx.decisions.alerts(date(2025, 10, 15)) if "反馈" in a.title]
    assert [(a.urgency, a.due) for a in soon] == [(Urgency.DUE_SOON, date(2025, 10, 20))]
    late = [a for a in ctx.decisions.alerts(date(2025, 10, 21)) if a.urgency is Urgency.OVERDUE]
    assert {a.title for a in late} == {
        "「赵巷镇老旧小区综合改造实施方案」意见采纳情况反馈已逾期",
        "「赵巷镇老旧小区综合改造实施方案」超过计划完成时间",
    }
    _save_until(ctx, admin, item_id, Stage.FEEDBACK)
    assert ctx.decisions.alerts(date(2025, 10, 21)) == []


def test_withdrawn_items_take_no_more_records(
    office_ctx: AppContext, admin: Actor, gate: GateRecorder
) -> None:
    item_id = _published_item(office_ctx, admin)
    office_ctx.decisions.withdraw_item(admin, item_id, date(2025, 5, 1), "纳入区级统一实施")
    with pytest.raises(UserFacingError, match="已从目录中撤销"):
        office_ctx.decisions.process.save_stage(admin, item_id, FULL_FLOW[0])
