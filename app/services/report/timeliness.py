"""按时办结率 and 平均办理时长 of a year's requests, from ONE set of cases and ONE clock (issue 21).

Both figures count the cases closed in the year (the cases of table 三's 「本年度办理结果」) whose answer
period had started; each case's handling time is counted the way its deadline is counted (条例第三十三条):
working days from the day the period starts (收到申请之日, or 收到补正申请之日, 条例第三十条) to the day it
was answered or otherwise closed, without the time that does not count towards the deadline (征求意见,
条例第三十三条第三款; by setting the 收费 period). So a case is on time exactly when its handling time is
within its allowed working days (20, plus an approved extension), and the two figures cannot contradict.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.request import RequestCase, RequestEvent
from app.services.requests.deadlines import DeadlinePolicy, Pause, compute
from app.services.requests.status import deadline_events
from app.services.requests.types import CaseStatus
from app.services.workdays.calendar import WorkCalendar

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Timeliness:
    counted: int  # closed in the year with a started answer period: the base of both figures
    on_time: int  # closed on or before the answer deadline (extension included)
    working_days: int  # the counted cases' handling time, summed
    not_counted: int  # closed without a started period (withdrawn before 补正, 视为放弃 …)

    @property
    def late(self) -> int:
        return self.counted - self.on_time

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.counted if self.counted else None

    @property
    def average_working_days(self) -> float | None:
        return self.working_days / self.counted if self.counted else None


NONE_COUNTED = Timeliness(0, 0, 0, 0)


def handling_days(calendar: WorkCalendar, counted_from: date, closed: date, pauses: Iterable[Pause]) -> int:
    """Working days d with counted_from < d ≤ closed that lie in no pause (start, end] — the deadline's own
    rule (requests/deadlines.count_with_pauses), so on time ⇔ handling days ≤ allowed days."""
    days = calendar.working_days_between(counted_from, closed)
    for pause in pauses:
        low, high = max(pause.start, counted_from), min(pause.end, closed)
        days -= calendar.working_days_between(low, high)
    return max(days, 0)


def _events_by_case(session: Session, case_ids: Sequence[int]) -> dict[int, list[RequestEvent]]:
    grouped: dict[int, list[RequestEvent]] = {case_id: [] for case_id in case_ids}
    for start in range(0, len(case_ids), 500):  # well under SQLite's variable limit
        query = (
            select(RequestEvent)
            .where(RequestEvent.case_id.in_(case_ids[start : start + 500]))
            .order_by(RequestEvent.on_date, RequestEvent.id)
        )
        for event in session.scalars(query):
            grouped[event.case_id].append(event)
    return grouped


def year_timeliness(
    session: Session, year: int, calendar: WorkCalendar, policy: DeadlinePolicy
) -> Timeliness:
    """Both figures over the cases closed in `year` (RequestCase.closed_on, as table 三 counts them)."""
    cases = list(
        session.scalars(
            select(RequestCase)
            .where(
                RequestCase.closed_on.between(date(year, 1, 1), date(year, 12, 31)),
                RequestCase.status != CaseStatus.VOIDED.value,  # 作废: a wrong registration (issue 21)
            )
            .order_by(RequestCase.id)
        )
    )
    events = _events_by_case(session, [case.id for case in cases])
    counted = on_time = total = skipped = 0
    for case in cases:
        closed = case.closed_on
        assert closed is not None
        try:
            result = compute(deadline_events(case, events[case.id]), calendar, policy, closed)
        except UserFacingError:  # a deadline the engine cannot compute (shown on the case): not counted
            skipped += 1
            continue
        if result.start is None or result.due is None:
            skipped += 1
            continue
        counted_from = result.start - ONE_DAY if policy.count_receipt_day else result.start
        counted += 1
        on_time += closed <= result.due
        total += handling_days(calendar, counted_from, closed, result.pauses)
    return Timeliness(counted, on_time, total, skipped)


def definition(policy: DeadlinePolicy) -> str:
    """How both figures are counted, printed with them in the report."""
    first_day = "当日" if policy.count_receipt_day else "次日"
    fee = "、信息处理费缴纳期间" if policy.exclude_fee_period else ""
    return (
        "按时办结率和平均办理时长按同一批申请计算，即本年度办结（作出答复或处理决定）且答复期限已起算的申请；"
        f"办理时长自收到申请之日（经补正的，自收到补正申请之日）{first_day}起算，至办结之日止，按工作日计算，"
        f"征求第三方或其他机关意见{fee}等依法不计入答复期限的时间不计入；"
        "在答复期限（含依法延长的期限）内办结的为按时办结。"
    )


def percent(rate: float) -> str:
    return f"{rate * 100:.1f}%".replace(".0%", "%")


def timeliness_sentence(figures: Timeliness, policy: DeadlinePolicy) -> str:
    """The report's sentence: both figures, then their one definition."""
    if not figures.counted:
        return "本年度没有答复期限已起算的办结申请，不计算按时办结率和平均办理时长。"
    rate, average = figures.on_time_rate, figures.average_working_days
    assert rate is not None and average is not None
    base = f"答复期限已起算的{figures.counted}件" if figures.not_counted else ""
    return (
        f"其中{base}按时办结{figures.on_time}件、逾期办结{figures.late}件，"
        f"按时办结率{percent(rate)}，平均办理时长{average:.1f}个工作日"
        f"（统计口径：{definition(policy)}）。"
    )
