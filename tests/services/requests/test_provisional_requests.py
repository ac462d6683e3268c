"""Issue 18: a request received in December gets a 暂定 deadline at once; importing the notice corrects it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app.models.audit import AuditEntry
from app.services.alerts import Urgency
from app.services.context import AppContext
from app.services.dashboard.collect_alerts import calendar_alerts
from app.services.permissions import Actor
from app.services.requests.query import CaseFilter
from app.services.requests.reflow import reflow_requests
from app.services.workdays.holiday_notice import parse_notice
from tests.calendar_support import D
from tests.conftest import set_today
from tests.services.request_support import registration

# A synthetic notice for 2027, shaped like the real ones (weekdays checked); NOT the State Council's text.
# It differs from the provisional guess at 春节 (break from 初一, not 除夕), so one due date must move.
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
国办发明电〔2026〕99号
一、元旦：1月1日至3日放假，共3天。
二、春节：2月6日至13日放假调休，共8天。2月14日（星期日）、2月20日（星期六）上班。
三、清明节：4月3日至5日放假，共3天。
四、劳动节：5月1日至5日放假调休，共5天。4月25日（星期日）、5月8日（星期六）上班。
五、端午节：6月9日放假。
六、中秋节：9月15日放假。
七、国庆节：10月1日至7日放假调休，共7天。9月26日（星期日）、10月9日（星期六）上班。
"""


def _register(ctx: AppContext, admin: Actor, day: str) -> int:
    set_today(ctx, datetime.fromisoformat(f"{day} 10:30"))
    return ctx.requests.register(admin, registration(D(day))).detail.id


def test_a_december_request_gets_a_provisional_deadline_the_day_it_arrives(
    office_ctx: AppContext, admin: Actor
) -> None:
    case_id = _register(office_ctx, admin, "2026-12-04")
    detail = office_ctx.requests.detail(case_id)
    deadline = detail.deadline
    assert deadline is not None and not detail.due_problem
    assert deadline.correction_notice_due == D("2026-12-15") and deadline.correction_provisional_years == ()
    assert detail.due_on == D("2027-01-04") and deadline.provisional_years == (2027,)
    assert "结果：2027年1月4日（星期一）（暂定）" in detail.explanation
    assert "暂定：2027年放假安排尚未录入" in detail.explanation
    row = office_ctx.requests.page(CaseFilter(), 0, 10)[0]
    assert row.due_is_provisional and row.due_assumed == (2027,)
    alerts = calendar_alerts(office_ctx, D("2026-12-04"), admin)
    assert [(a.urgency, a.title) for a in alerts] == [(Urgency.OVERDUE, "2027年放假安排未录入")]
    assert "已有 1 件在办申请" in alerts[0].detail


def test_the_notice_alert_starts_on_1_november_and_stays_calm_without_dependent_cases(
    office_ctx: AppContext, admin: Actor
) -> None:
    assert calendar_alerts(office_ctx, D("2026-10-31"), admin) == []
    alerts = calendar_alerts(office_ctx, D("2026-11-01"), admin)
    assert [(a.urgency, a.title) for a in alerts] == [(Urgency.REMINDER, "2027年放假安排未录入")]
    in_2027 = calendar_alerts(office_ctx, D("2027-03-01"), admin)  # still missing in March: this year's
    assert [a.title for a in in_2027] == ["2027年放假安排未录入"]


def test_importing_the_notice_moves_the_dates_clears_the_flags_and_audits(
    office_ctx: AppContext, admin: Actor
) -> None:
    confirmed = _register(office_ctx, admin, "2026-12-04")  # 元旦 as assumed: date stands
    moved = _register(office_ctx, admin, "2027-01-20")  # across 春节: the notice moves it a day
    assert office_ctx.requests.detail(moved).due_on == D("2027-02-23")
    office_ctx.calendar.save_arrangement(admin, parse_notice(NOTICE_2027))
    message = reflow_requests(office_ctx.requests, admin)
    assert message is not None
    assert "1 件申请的答复期限已按新的放假安排重新计算：\n2027-001：2027年2月23日 → 2027年2月22日" in message
    assert "1 件申请的暂定答复期限经核对没有变化，已去掉「暂定」标记。" in message
    for case_id, due in ((confirmed, D("2027-01-04")), (moved, D("2027-02-22"))):
        detail = office_ctx.requests.detail(case_id)
        assert detail.due_on == due and detail.deadline is not None
        assert detail.deadline.provisional_years == ()
    assert not any(row.due_is_provisional for row in office_ctx.requests.page(CaseFilter(), 0, 10))
    assert calendar_alerts(office_ctx, D("2027-01-20"), admin) == []
    with office_ctx.sessions() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.entity_id == "2027-001")).all()
    reflowed = [e.details_json for e in entries if "节假日安排变更" in e.details_json]
    assert len(reflowed) == 1 and "2027-02-23" in reflowed[0] and "2027-02-22" in reflowed[0]
    assert reflow_requests(office_ctx.requests, admin) is None  # nothing left to correct
