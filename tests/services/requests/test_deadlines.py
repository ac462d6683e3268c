"""RULES.md §10: every calendar/deadline rule (2, 4–19) with the dates given there. Fees: test_fees.py."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import UserFacingError
from app.services.requests.deadline_explain import explain, render_all
from app.services.requests.deadlines import (
    Channel,
    Consultation,
    DeadlinePolicy,
    DeadlineResult,
    Extension,
    Pause,
    RequestEvents,
    Status,
    compute,
    recompute_all,
    reply_due,
)
from app.services.workdays.calendar import DayEntry, DayKind, MissingYearError, WorkCalendar
from tests.calendar_support import D, app_calendar, package_calendar

DEFAULT = DeadlinePolicy()
CONSERVATIVE = DeadlinePolicy(count_receipt_day=True)
TODAY = D("2024-01-02")


def run(
    received: str, policy: DeadlinePolicy = DEFAULT, today: date = TODAY, **events: object
) -> DeadlineResult:
    request = RequestEvents("申-1", Channel.IN_PERSON, arrived=D(received), **events)  # type: ignore[arg-type]
    return compute(request, package_calendar(), policy, today)


def test_rule_2_receipt_day_by_channel() -> None:
    calendar = package_calendar()
    for channel in (Channel.ORDINARY_MAIL, Channel.ONLINE, Channel.FAX):
        pending = compute(RequestEvents("x", channel, arrived=D("2024-09-27")), calendar, DEFAULT, TODAY)
        assert pending.due is None and pending.status is Status.NOT_STARTED
        confirmed = RequestEvents("x", channel, arrived=D("2024-09-26"), confirmed=D("2024-09-27"))
        assert compute(confirmed, calendar, DEFAULT, TODAY).due == D("2024-10-30")
    signed = RequestEvents("x", Channel.REGISTERED_MAIL, arrived=D("2024-09-27"))
    assert compute(signed, calendar, DEFAULT, TODAY).received == D("2024-09-27")


def test_rule_4_standard_deadline_and_conservative_setting() -> None:
    assert run("2024-09-27").due == D("2024-10-30")
    assert run("2024-09-27", CONSERVATIVE).due == D("2024-10-29")


def test_rule_5_extension() -> None:
    assert run("2024-09-27", extensions=(Extension(20, "王主任", D("2024-10-25")),)).due == D("2024-11-27")


def test_rule_6_correction_notice_due_on_a_saturday_makeup_day() -> None:
    assert run("2024-09-27").correction_notice_due == D("2024-10-12")


def test_rule_7_received_on_a_rest_day() -> None:
    assert run("2024-09-28").due == D("2024-10-30")


def test_rule_8_across_new_year_and_spring_festival() -> None:
    assert run("2024-12-31").due == D("2025-02-05")


def test_rule_9_correction_restarts_the_clock() -> None:
    assert run("2025-01-24").correction_notice_due == D("2025-02-10")
    restarted = run("2025-01-24", correction_sent=D("2025-01-27"), correction_received=D("2025-02-10"))
    assert restarted.due == D("2025-03-10")
    waiting = run("2025-01-24", correction_sent=D("2025-01-27"))
    assert waiting.due is None and waiting.status is Status.NOT_STARTED


def test_rule_10_no_correction() -> None:
    assert run("2025-01-24").due == D("2025-02-27")


def test_rule_11_spring_festival_2026() -> None:
    assert run("2026-02-13").due == D("2026-03-19")
    assert run("2026-02-14").due == D("2026-03-20")


def test_rule_12_autumn_2026() -> None:
    assert run("2026-09-18").due == D("2026-10-22")


def test_rule_13_a_calendar_without_a_provisional_rule_refuses() -> None:
    """The bare calculator (no provisional rule) still never guesses; the application always has a rule."""
    with pytest.raises(MissingYearError, match="2027年放假安排未录入"):
        run("2026-12-10")
    reflow = recompute_all(
        [RequestEvents("申-9", Channel.IN_PERSON, arrived=D("2026-12-10"))],
        package_calendar(),
        DEFAULT,
        TODAY,
    )
    assert "2027年放假安排未录入" in reflow.problems["申-9"]
    assert "申-9" not in reflow.results


def test_rule_13_unloaded_year_gives_a_provisional_date() -> None:
    """RULES §10 rule 13: 2026-12-10 → 2027-01-08, marked 暂定 with the year it assumed."""
    events = RequestEvents("x", Channel.IN_PERSON, arrived=D("2026-12-10"))
    result = compute(events, app_calendar(), DEFAULT, TODAY)
    assert result.due == D("2027-01-08") and result.provisional_years == (2027,)
    assert result.correction_notice_due == D("2026-12-21") and result.correction_provisional_years == ()


def test_a_correction_deadline_inside_a_loaded_year_is_not_provisional() -> None:
    """Issue 18: received 2026-12-04, the 7-working-day 补正 deadline 2026-12-15 lies wholly in 2026."""
    events = RequestEvents("x", Channel.IN_PERSON, arrived=D("2026-12-04"))
    result = compute(events, app_calendar(), DEFAULT, D("2026-12-04"))
    assert result.correction_notice_due == D("2026-12-15") and result.correction_provisional_years == ()
    assert result.due is not None and result.due.year == 2027 and result.provisional_years == (2027,)
    assert result.all_provisional_years == (2027,)
    fee = RequestEvents("y", Channel.IN_PERSON, arrived=D("2026-11-02"), fee_notice=D("2026-12-20"))
    assert compute(fee, app_calendar(), DEFAULT, D("2026-12-20")).fee_provisional_years == (2027,)


def test_rule_13_loading_2027_makes_it_computable() -> None:
    base = package_calendar()
    entries = [*(e for y in base.covered_years for e in base.entries(y))]
    entries.append(DayEntry(D("2027-01-01"), DayKind.REST, "元旦", "测试用通知"))
    extended = WorkCalendar(entries, [*base.covered_years, 2027])
    result = compute(RequestEvents("x", Channel.IN_PERSON, arrived=D("2026-12-10")), extended, DEFAULT, TODAY)
    assert result.due == D("2027-01-08")


def test_rule_14_extension_limits() -> None:
    with pytest.raises(UserFacingError, match="最长不得超过20个工作日"):
        run("2024-09-27", extensions=(Extension(21, "王主任"),))
    with pytest.raises(UserFacingError, match="负责人同意"):
        run("2024-09-27", extensions=(Extension(20, " "),))
    with pytest.raises(UserFacingError, match="只能延长一次"):
        run("2024-09-27", extensions=(Extension(10, "王主任"), Extension(10, "王主任")))


def test_rule_15_third_party_reply_deadline_and_exclusion() -> None:
    assert reply_due(package_calendar(), D("2025-09-30")) == D("2025-10-28")
    plain = run("2025-09-26")
    consulted = run("2025-09-26", consultations=(Consultation(D("2025-09-30")),))
    assert consulted.consultation_reply_dues == (D("2025-10-28"),)
    assert package_calendar().working_days_between(plain.due, consulted.due) == 15  # (9-30, 10-28] excluded


def test_rule_16_consultation_interval_excluded() -> None:
    assert run("2024-09-27", pauses=(Pause(D("2024-10-08"), D("2024-10-29"), "征求第三方意见"),)).due == D(
        "2024-11-21"
    )
    replied = run("2024-09-27", consultations=(Consultation(D("2024-10-08"), D("2024-10-29")),))
    assert replied.due == D("2024-11-21")


def test_rule_17_proactive_publication() -> None:
    # 条例第二十六条: 20 WD from 形成或者变更, same counting as the answer period.
    assert package_calendar().nth_working_day_after(D("2025-09-26"), 20) == D("2025-10-30")


def test_rule_18_correction_not_made_means_abandoned() -> None:
    result = run(
        "2025-01-24",
        today=D("2025-02-21"),
        correction_sent=D("2025-01-27"),
        correction_period_end=D("2025-02-20"),
    )
    assert result.status is Status.ABANDONED and "视为放弃申请" in result.note


def test_rule_19_fee_payment_deadline_and_pause() -> None:
    result = run("2025-01-20", fee_notice=D("2025-01-24"))
    assert result.fee_payment_due == D("2025-02-27")
    unpaid = run("2025-01-20", today=D("2025-02-28"), fee_notice=D("2025-01-24"))
    assert unpaid.status is Status.ABANDONED
    paid = run("2025-01-20", fee_notice=D("2025-01-24"), fee_paid=D("2025-02-05"))
    not_excluded = run(
        "2025-01-20",
        DeadlinePolicy(exclude_fee_period=False),
        fee_notice=D("2025-01-24"),
        fee_paid=D("2025-02-05"),
    )
    assert (
        package_calendar().working_days_between(not_excluded.due, paid.due) == 3
    )  # (1-24, 2-5]: 1-26, 1-27, 2-5


def test_status_by_remaining_working_days() -> None:
    assert run("2024-09-27", today=D("2024-10-08")).status is Status.NORMAL
    soon = run("2024-09-27", today=D("2024-10-25"))  # 10-28, 10-29, 10-30 remain
    assert soon.status is Status.DUE_SOON and soon.remaining_working_days == 3
    assert run("2024-09-27", today=D("2024-10-30")).status is Status.DUE_SOON
    late = run("2024-09-27", today=D("2024-10-31"))
    assert late.status is Status.OVERDUE and late.remaining_working_days == -1


def test_policy_from_settings() -> None:
    policy = DeadlinePolicy.from_settings(
        {"deadline.count_receipt_day": True, "deadline.warning_working_days": 5}
    )
    assert policy == DeadlinePolicy(count_receipt_day=True, warning_working_days=5)


def test_explanation_lists_each_day() -> None:
    request = RequestEvents(
        "x",
        Channel.IN_PERSON,
        arrived=D("2024-09-27"),
        consultations=(Consultation(D("2024-10-08"), D("2024-10-29")),),
    )
    answer, correction = explain(request, package_calendar(), DEFAULT)
    assert answer.due == D("2024-11-21") and correction.due == D("2024-10-12")
    kinds = {step.day: step for step in answer.steps}
    assert (
        kinds[D("2024-09-29")].count == 1
        and "调休上班（国庆节，国办发明电〔2023〕7号）" in kinds[D("2024-09-29")].reason
    )
    assert kinds[D("2024-10-03")].kind == "跳过" and "国庆节" in kinds[D("2024-10-03")].reason
    assert kinds[D("2024-09-28")].reason == "周末"
    assert kinds[D("2024-10-09")].kind == "暂停"
    assert [s.count for s in answer.steps if s.count][-1] == 20
    text = render_all((answer, correction))
    assert "2024-10-12 星期六  第7个工作日  调休上班" in text and "结果：2024年11月21日（星期四）" in text
    assert "征求第三方意见" in text


def test_recompute_all_reports_moved_cases() -> None:
    cases = [RequestEvents(f"申-{i}", Channel.IN_PERSON, arrived=D("2024-09-27")) for i in range(3)]
    previous = {"申-0": D("2024-10-30"), "申-1": D("2024-10-31")}
    reflow = recompute_all(cases, package_calendar(), DEFAULT, TODAY, previous)
    assert [m.case_id for m in reflow.moved] == ["申-1"]
    assert reflow.moved[0].new_due == D("2024-10-30") and len(reflow.results) == 3
