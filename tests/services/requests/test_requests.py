"""依申请公开 registration and lifecycle: the RULES §10 dates, refusals, letters and the timeline."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from app.errors import UserFacingError
from app.models import AuditEntry
from app.models.request import RequestCase
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.requests.query import CaseFilter
from app.services.requests.types import CaseStatus, EventKind, LetterKind
from app.services.requests.validation import id_check_warning
from tests.calendar_support import D
from tests.services.request_support import LEADER, VALID_ID, letter_text, registration


def _cases(ctx: AppContext) -> int:
    with ctx.sessions() as session:
        return session.scalar(select(func.count()).select_from(RequestCase)) or 0


def test_in_person_request_deadlines_and_number(office_ctx: AppContext, admin: Actor) -> None:
    result = office_ctx.requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27"))
    detail = result.detail
    assert detail.number == "2024-001"
    assert detail.received_on == D("2024-09-27")
    assert detail.due_on == D("2024-10-30")  # RULES §10 rule 4
    assert detail.deadline is not None and detail.deadline.correction_notice_due == D("2024-10-12")  # rule 6
    assert detail.status == CaseStatus.PROCESSING
    assert "第20个工作日" in detail.explanation and "2024年10月30日" in detail.explanation
    assert detail.id_number_masked.startswith("1101") and "*" in detail.id_number_masked
    assert result.warnings == ()
    second = office_ctx.requests.register(admin, registration(D("2024-09-28")), today=D("2024-09-28"))
    assert second.detail.number == "2024-002"
    assert second.detail.due_on == D("2024-10-30")  # rule 7: received on a rest day
    assert any("此前已有 1 件申请" in w for w in second.warnings)  # returning applicant by ID number


def test_extension_rules(office_ctx: AppContext, admin: Actor) -> None:
    case = office_ctx.requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    steps = office_ctx.requests.steps
    with pytest.raises(UserFacingError, match="批准延期答复"):
        steps.extend(admin, case.id, 20, "张镇长", D("2024-10-20"), "需调档", today=D("2024-10-21"))
    with pytest.raises(UserFacingError, match="1～20"):
        steps.extend(LEADER, case.id, 21, "张镇长", D("2024-10-20"), "需调档", today=D("2024-10-21"))
    with pytest.raises(UserFacingError, match="已过"):
        steps.extend(LEADER, case.id, 20, "张镇长", D("2024-10-31"), "需调档", today=D("2024-10-31"))
    extended = steps.extend(LEADER, case.id, 20, "张镇长", D("2024-10-21"), "需调档", today=D("2024-10-21"))
    assert extended.detail.due_on == D("2024-11-27")  # rule 5
    with pytest.raises(UserFacingError, match="只能延长一次"):
        steps.extend(LEADER, case.id, 5, "张镇长", D("2024-10-22"), "再延", today=D("2024-10-22"))
    assert office_ctx.requests.detail(case.id, D("2024-10-22")).due_on == D("2024-11-27")


def test_ordinary_mail_needs_confirmation(office_ctx: AppContext, admin: Actor) -> None:
    reg = registration(D("2025-01-22"), channel="平信")
    case = office_ctx.requests.register(admin, reg, today=D("2025-01-22")).detail
    assert case.status == CaseStatus.UNCONFIRMED and case.due_on is None
    assert "期限未起算" in case.explanation
    steps = office_ctx.requests.steps
    with pytest.raises(UserFacingError, match="不能早于"):
        steps.confirm(admin, case.id, D("2025-01-21"), today=D("2025-01-24"))
    with pytest.raises(UserFacingError, match="晚于今天"):
        steps.confirm(admin, case.id, D("2025-01-25"), today=D("2025-01-24"))
    confirmed = steps.confirm(admin, case.id, D("2025-01-24"), today=D("2025-01-24"))
    assert confirmed.detail.received_on == D("2025-01-24")
    assert confirmed.detail.due_on == D("2025-02-27")  # rule 10
    assert any("当日" in w for w in confirmed.warnings)


def test_received_date_before_arrival_or_in_future_is_refused(office_ctx: AppContext, admin: Actor) -> None:
    with pytest.raises(UserFacingError, match="不能早于"):
        office_ctx.requests.register(
            admin, registration(D("2025-01-24"), received_on=D("2025-01-23")), today=D("2025-01-24")
        )
    with pytest.raises(UserFacingError, match="晚于今天"):
        office_ctx.requests.register(
            admin, registration(D("2025-01-24"), received_on=D("2025-01-27")), today=D("2025-01-24")
        )
    assert _cases(office_ctx) == 0


def test_correction_cycle(office_ctx: AppContext, admin: Actor) -> None:
    case = office_ctx.requests.register(admin, registration(D("2025-01-24")), today=D("2025-01-24")).detail
    assert case.deadline is not None and case.deadline.correction_notice_due == D("2025-02-10")  # rule 9
    steps = office_ctx.requests.steps
    noticed = steps.notify_correction(
        admin, case.id, D("2025-02-05"), "请写明危房改造的村名和年份", D("2025-02-20"), today=D("2025-02-05")
    )
    assert noticed.detail.status == CaseStatus.CORRECTION and noticed.detail.due_on is None
    with pytest.raises(UserFacingError, match="不能早于补正告知日期"):
        steps.receive_correction(admin, case.id, D("2025-02-04"), today=D("2025-02-10"))
    received = steps.receive_correction(admin, case.id, D("2025-02-10"), today=D("2025-02-10"))
    assert received.detail.due_on == D("2025-03-10")  # fresh 20 WD from the 补正 (rule 9)
    assert received.detail.status == CaseStatus.PROCESSING
    with pytest.raises(UserFacingError):
        steps.notify_correction(
            admin, case.id, D("2025-02-11"), "再补", D("2025-02-20"), today=D("2025-02-11")
        )
    letter = office_ctx.requests.letters.issue(admin, case.id, LetterKind.CORRECTION, today=D("2025-02-10"))
    text = letter_text(office_ctx, letter)
    assert "请写明危房改造的村名和年份" in text and "2025年2月20日" in text and "补正告知书" in text


def test_correction_lapses(office_ctx: AppContext, admin: Actor) -> None:
    case = office_ctx.requests.register(admin, registration(D("2025-01-24")), today=D("2025-01-24")).detail
    steps = office_ctx.requests.steps
    steps.notify_correction(
        admin, case.id, D("2025-02-05"), "写明年份", D("2025-02-20"), today=D("2025-02-05")
    )
    with pytest.raises(UserFacingError, match="尚未届满"):
        steps.correction_lapsed(admin, case.id, today=D("2025-02-20"))
    closed = steps.correction_lapsed(admin, case.id, today=D("2025-02-21")).detail
    assert closed.outcome == "R3.6.1" and closed.status == CaseStatus.CLOSED


def test_third_party_consultation_pauses_the_clock(office_ctx: AppContext, admin: Actor) -> None:
    case = office_ctx.requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    steps = office_ctx.requests.steps
    consulting = steps.consult(
        admin, case.id, True, "赵巷建筑公司", D("2024-10-08"), today=D("2024-10-08")
    ).detail
    assert consulting.status == CaseStatus.CONSULTING
    assert consulting.deadline is not None
    assert consulting.deadline.consultation_reply_dues == (D("2024-10-28"),)  # 15 WD (10-12 调休上班)
    letter = office_ctx.requests.letters.issue(admin, case.id, LetterKind.THIRD_PARTY, today=D("2024-10-08"))
    text = letter_text(office_ctx, letter)
    assert "赵巷建筑公司" in text and "2024年10月28日" in text and "第三十二条" in text
    replied = steps.consult_reply(
        admin, case.id, "赵巷建筑公司", D("2024-10-29"), "不同意", today=D("2024-10-29")
    )
    assert replied.detail.due_on == D("2024-11-21")  # rule 16
    assert replied.detail.status == CaseStatus.PROCESSING


def test_fee_notice_left_unpaid_closes_as_r362(office_ctx: AppContext, admin: Actor) -> None:
    case = office_ctx.requests.register(admin, registration(D("2025-01-20")), today=D("2025-01-20")).detail
    steps = office_ctx.requests.steps
    with pytest.raises(UserFacingError, match="正整数"):
        steps.fee_notice(admin, case.id, D("2025-01-24"), 0, "按件", "", today=D("2025-01-24"))
    noticed = steps.fee_notice(
        admin, case.id, D("2025-01-24"), 200, "按件", "本月第35件", today=D("2025-01-24")
    )
    assert noticed.detail.deadline is not None
    assert noticed.detail.deadline.fee_payment_due == D("2025-02-27")  # rule 19
    with pytest.raises(UserFacingError, match="缴费"):
        steps.answer(admin, case.id, "R3.1", D("2025-01-25"), today=D("2025-01-25"))
    letter = office_ctx.requests.letters.issue(admin, case.id, LetterKind.FEE, today=D("2025-01-24"))
    assert "200元" in letter_text(office_ctx, letter) and "2025年2月27日" in letter_text(office_ctx, letter)
    with pytest.raises(UserFacingError, match="尚未届满"):
        steps.fee_lapsed(admin, case.id, today=D("2025-02-27"))
    closed = steps.fee_lapsed(admin, case.id, today=D("2025-02-28")).detail
    assert closed.outcome == "R3.6.2" and closed.status == CaseStatus.CLOSED


def test_answer_needs_an_outcome_and_refusal_letter_says_review_first(
    office_ctx: AppContext, admin: Actor
) -> None:
    case = office_ctx.requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    steps = office_ctx.requests.steps
    with pytest.raises(UserFacingError, match="21 种情形"):
        steps.answer(admin, case.id, None, D("2024-10-10"), today=D("2024-10-10"))
    with pytest.raises(UserFacingError, match="说明理由"):
        steps.answer(admin, case.id, "R3.3.4", D("2024-10-10"), today=D("2024-10-10"))
    assert office_ctx.requests.detail(case.id).status == CaseStatus.PROCESSING
    office_ctx.settings.set(admin, "request.review_body", "青浦区人民政府")
    answered = steps.answer(
        admin,
        case.id,
        "R3.3.4",
        D("2024-10-10"),
        "名单含个人身份证号和住址，第三方不同意公开。",
        today=D("2024-10-10"),
    ).detail
    assert answered.status == CaseStatus.ANSWERED and answered.closed_on == D("2024-10-10")
    letter = office_ctx.requests.letters.issue(admin, case.id, LetterKind.ANSWER, today=D("2024-10-10"))
    text = letter_text(office_ctx, letter)
    assert "第十五条" in text and "名单含个人身份证号" in text
    assert "60日内向青浦区人民政府申请行政复议" in text and "应当先申请行政复议" in text
    assert "6个月内" not in text
    assert letter.number == "依申请〔2024〕1号"
    with pytest.raises(UserFacingError, match="送达"):
        steps.archive(admin, case.id, D("2024-10-11"), today=D("2024-10-11"))
    with pytest.raises(UserFacingError, match="邮件号"):
        steps.serve(admin, case.id, "邮政EMS", D("2024-10-11"), today=D("2024-10-11"))
    steps.serve(
        admin, case.id, "邮政EMS", D("2024-10-11"), D("2024-10-14"), "EA123456789CN", today=D("2024-10-14")
    )
    archived = steps.archive(admin, case.id, D("2024-10-15"), today=D("2024-10-15")).detail
    assert archived.status == CaseStatus.ARCHIVED
    kinds = [e.kind for e in archived.events]
    assert kinds[0] == EventKind.REGISTERED and kinds[-1] == EventKind.ARCHIVED


def test_released_answer_offers_review_or_suit(office_ctx: AppContext, admin: Actor) -> None:
    case = office_ctx.requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    office_ctx.requests.steps.answer(
        admin, case.id, "R3.1", D("2024-09-27"), on_the_spot=True, today=D("2024-09-27")
    )
    letter = office_ctx.requests.letters.issue(admin, case.id, LetterKind.ANSWER, today=D("2024-09-27"))
    text = letter_text(office_ctx, letter)
    assert "现予以公开" in text and "6个月内" in text and "应当先申请" not in text
    again = office_ctx.requests.letters.issue(admin, case.id, LetterKind.SERVICE, today=D("2024-09-27"))
    assert again.number == "依申请〔2024〕2号"  # never reused, per year
    assert letter.number in letter_text(office_ctx, again)


def test_on_the_spot_only_for_in_person_same_day(office_ctx: AppContext, admin: Actor) -> None:
    case = office_ctx.requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-30")).detail
    with pytest.raises(UserFacingError, match="当场答复"):
        office_ctx.requests.steps.answer(
            admin, case.id, "R3.1", D("2024-09-30"), on_the_spot=True, today=D("2024-09-30")
        )


def test_bad_id_warns_and_huge_description_is_refused(office_ctx: AppContext, admin: Actor) -> None:
    assert id_check_warning("居民身份证", VALID_ID) is None
    wrong = VALID_ID[:-1] + "1"
    result = office_ctx.requests.register(
        admin, registration(D("2025-01-24"), id_number=wrong), today=D("2025-01-24")
    )
    assert any("校验位应为 X" in w for w in result.warnings)  # saved, with a warning
    with pytest.raises(UserFacingError, match="太长"):
        office_ctx.requests.register(
            admin, registration(D("2025-01-24"), description="公" * 5_000_000), today=D("2025-01-24")
        )
    with pytest.raises(UserFacingError, match="联系方式"):
        office_ctx.requests.register(
            admin, registration(D("2025-01-24"), contact="  "), today=D("2025-01-24")
        )
    assert _cases(office_ctx) == 1


def test_every_step_is_audited(office_ctx: AppContext, admin: Actor) -> None:
    with office_ctx.sessions() as session:
        before = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    case = office_ctx.requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    office_ctx.requests.steps.assign(
        admin, case.id, "农业农村办", D("2024-10-15"), D("2024-09-27"), today=D("2024-09-27")
    )
    with office_ctx.sessions() as session:
        rows = list(session.scalars(select(AuditEntry).where(AuditEntry.id > before)))
    assert [r.action for r in rows] == ["新建", "状态变更", "状态变更"]
    assert all(r.entity_id == case.number for r in rows)


def test_list_filters_and_search(office_ctx: AppContext, admin: Actor) -> None:
    requests = office_ctx.requests
    a = requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    requests.register(
        admin,
        registration(D("2024-10-25"), name="100%_“引号”公司", applicant_type="商业企业"),
        today=D("2024-10-25"),
    )
    assert requests.count(CaseFilter(due="已逾期"), today=D("2024-10-31")) == 1
    assert requests.count(CaseFilter(due="即将到期"), today=D("2024-10-28")) == 1
    assert requests.count(CaseFilter(text="100%_“引号"), today=D("2024-10-31")) == 1
    assert requests.count(CaseFilter(text="%"), today=D("2024-10-31")) == 1
    assert requests.count(CaseFilter(applicant_type="商业企业")) == 1
    rows = requests.page(CaseFilter(sort="received_on", descending=False), 0, 10)
    assert [r.id for r in rows][0] == a.id
    alerts = requests.alerts(D("2024-10-31"))
    assert alerts[0].title == f"{a.number} 答复已逾期"


def test_reflow_after_calendar_change(office_ctx: AppContext, admin: Actor) -> None:
    from app.services.workdays.calendar import DayEntry, DayKind
    from app.services.workdays.holiday_notice import ParsedArrangement

    today = D("2024-10-08")
    case = office_ctx.requests.register(admin, registration(D("2024-09-27")), today=today).detail
    old = office_ctx.calendar.calendar().entries(2024)
    extra = DayEntry(D("2024-10-15"), DayKind.REST, "测试假日", "测试通知")
    changed = office_ctx.calendar.save_arrangement(
        admin, ParsedArrangement(2024, "测试通知", (*old, extra), origin="notice")
    )
    assert changed == [D("2024-10-15")]
    moved = office_ctx.requests.reflow_after_calendar_change(admin, today)
    assert [(m.number, m.old_due, m.new_due) for m in moved] == [
        (case.number, D("2024-10-30"), D("2024-10-31"))
    ]
    assert office_ctx.requests.detail(case.id, today).due_on == D("2024-10-31")


def test_returning_applicant_monthly_count(office_ctx: AppContext, admin: Actor) -> None:
    for day in ("2025-01-06", "2025-01-07", "2025-02-03"):
        office_ctx.requests.register(admin, registration(D(day)), today=D(day))
    detail = office_ctx.requests.detail(office_ctx.requests.find_id("2025-001") or 0)
    assert office_ctx.requests.monthly_count(detail.applicant_id, D("2025-01-31")) == 2
    assert office_ctx.requests.find_applicant(VALID_ID.lower()) is not None


def test_proactive_proposal_for_repeated_information(office_ctx: AppContext, admin: Actor) -> None:
    requests = office_ctx.requests
    ids = []
    for name, number in (("王小明", VALID_ID), ("李四", "110105194912310037")):
        reg = registration(D("2024-09-27"), name=name, id_number=number)
        case = requests.register(admin, reg, today=D("2024-09-27")).detail
        requests.steps.answer(admin, case.id, "R3.1", D("2024-09-30"), today=D("2024-09-30"))
        ids.append(case.id)
    proposal = requests.proactive_proposal_for(ids[0])
    assert proposal is not None and set(proposal.case_ids) == set(ids)
    assert "第四十四条" in proposal.reason


def test_number_template_from_settings(office_ctx: AppContext, admin: Actor) -> None:
    office_ctx.settings.set(admin, "request.number_template", "{机构代码}-依-{YYYY}-{seq:04}")
    reg = replace(registration(D("2025-03-03")), arrived_at=datetime(2025, 3, 3, 9, 0))
    detail = office_ctx.requests.register(admin, reg, today=date(2025, 3, 3)).detail
    assert detail.number == "11320000TEST0001X-依-2025-0001"
