"""Due dates of catalogue items on the real working-day calendar (调休 and provisional years included).

Periodic items: each calendar period (month, quarter, half, year) is one slot, and the slot's window
(start…end) is that period — the posting made in it answers it, by the due day inside it. A wording
such as 「每季度首月20日前」 customarily reports the quarter before (the 20 January posting carries the
Q4 figures), but the clerk checks the board per period: 「2026年第1季度」 is the posting made in Q1, due
by 20 January; made on 10 February it is late; made in April it answers Q2. Windows never overlap, so
every publication answers exactly one slot. A month-end due on a Sunday (31 May 2026) moves to Monday
1 June (民法典第二百零三条): May's window then runs to 1 June and June's starts on 2 June.
"""

from __future__ import annotations

import calendar as months
from datetime import date, timedelta

from app.services.catalogue.types import Due, Period, PeriodSlot, Rule, RuleKind
from app.services.workdays.calendar import WorkCalendar

MONTHS_IN = {Period.MONTH: 1, Period.QUARTER: 3, Period.HALF: 6, Period.YEAR: 12}
_HALVES = ("上半年", "下半年")
MOVE_SPAN = timedelta(days=12)  # no run of rest days is this long (the longest, 春节 2020, ran ten)
SLOT_MEMO_LIMIT = 10_000  # slots of a few hundred periodic rules over a few years
_SLOTS: dict[tuple[Rule, int, int], tuple[WorkCalendar, PeriodSlot]] = {}


def item_due(rule: Rule, formed: date, calendar: WorkCalendar) -> Due | None:
    """The date information formed (changed, approved, decided) on `formed` must be published by; None when
    the rule fixes no date (长期公开, 需人工确定)."""
    if rule.kind is RuleKind.WORKING_DAYS and rule.days >= 1:
        # 条例第二十六条 counts 工作日 like requests: the day after 形成 is day 1 (民法典第二百零一条).
        day = calendar.nth_working_day_after(formed, rule.days)
        return Due(day, calendar.assumed_years(formed, day))
    if rule.kind is RuleKind.CALENDAR_DAYS and rule.days >= 1:
        # 民法典第二百零一条: the start day is not counted; 第二百零三条: a last day on a rest day moves on.
        return _on_working_day(formed + timedelta(days=rule.days), calendar)
    if rule.kind is RuleKind.PERIODIC and rule.period is not None:
        # The period containing `formed`; when its posting was due before the information existed
        # (formed 10 February, 「每季度首月20日前」), the next period's posting carries it.
        year, first = _period_of(rule.period, formed)
        due = _due(rule, year, first, calendar)
        return due if due.day >= formed else _due(rule, *_next(rule.period, year, first), calendar)
    return None


def period_slots(rule: Rule, year: int, calendar: WorkCalendar) -> list[PeriodSlot]:
    """The year's slots of a periodic rule (12 months, 4 quarters, 2 halves or the year); [] for others."""
    if rule.kind is not RuleKind.PERIODIC or rule.period is None:
        return []
    length = MONTHS_IN[rule.period]
    return [_slot(rule, rule.period, year, first, calendar) for first in range(1, 13, length)]


def slot_for(rule: Rule, day: date, calendar: WorkCalendar) -> PeriodSlot:
    """The slot a publication on `day` answers: the one whose window contains it."""
    if rule.kind is not RuleKind.PERIODIC or rule.period is None:
        raise ValueError(f"slot_for needs a periodic rule, not {rule.kind.value}")
    year, first = _period_of(rule.period, day)
    slot = _slot(rule, rule.period, year, first, calendar)
    if day < slot.start:  # the days the previous period's due was moved into
        slot = _slot(rule, rule.period, *_previous(rule.period, year, first), calendar)
    return slot


def _period_of(period: Period, day: date) -> tuple[int, int]:
    """(year, first month) of the period containing `day`."""
    length = MONTHS_IN[period]
    return day.year, (day.month - 1) // length * length + 1


def _previous(period: Period, year: int, first: int) -> tuple[int, int]:
    length = MONTHS_IN[period]
    return (year, first - length) if first > length else (year - 1, 13 - length)


def _next(period: Period, year: int, first: int) -> tuple[int, int]:
    length = MONTHS_IN[period]
    return (year, first + length) if first + length <= 12 else (year + 1, 1)


def _slot(rule: Rule, period: Period, year: int, first: int, calendar: WorkCalendar) -> PeriodSlot:
    """The period's slot, remembered: a compliance check asks for it once per publication (50,000)."""
    key = (rule, year, first)
    known = _SLOTS.get(key)
    if known is not None and known[0] is calendar:  # a re-imported calendar is a new object: computed anew
        return known[1]
    if len(_SLOTS) >= SLOT_MEMO_LIMIT:
        _SLOTS.clear()
    slot = _new_slot(rule, period, year, first, calendar)
    _SLOTS[key] = (calendar, slot)
    return slot


def _new_slot(rule: Rule, period: Period, year: int, first: int, calendar: WorkCalendar) -> PeriodSlot:
    """Its window is the period, stretched to a due moved past its last day (民法典第二百零三条: a posting
    on that working day is on time), so the next window starts the day after."""
    length = MONTHS_IN[period]
    due = _due(rule, year, first, calendar)
    start = date(year, first, 1)
    previous = _previous(period, year, first)
    if start - _nominal(rule, *previous) < MOVE_SPAN:  # only a due this late can move into this period
        start = max(start, _due(rule, *previous, calendar).day + timedelta(days=1))
    key, label = _names(period, year, first)
    return PeriodSlot(
        key=key,
        label=label,
        start=start,
        end=max(_month_day(year, first + length - 1, 0), due.day),
        due=due,
    )


def _nominal(rule: Rule, year: int, first: int) -> date:
    """Day `rule.day` of month `rule.month` of the period that begins with month `first`, as written."""
    length = MONTHS_IN[rule.period] if rule.period is not None else 1
    return _month_day(year, first + min(max(rule.month, 1), length) - 1, rule.day)


def _due(rule: Rule, year: int, first: int, calendar: WorkCalendar) -> Due:
    return _on_working_day(_nominal(rule, year, first), calendar)


def _names(period: Period, year: int, first: int) -> tuple[str, str]:
    """2026-03 / 2026年3月, 2026Q1 / 2026年第1季度, 2026H1 / 2026年上半年, 2026 / 2026年."""
    if period is Period.MONTH:
        return f"{year}-{first:02d}", f"{year}年{first}月"
    if period is Period.QUARTER:
        quarter = (first - 1) // 3 + 1
        return f"{year}Q{quarter}", f"{year}年第{quarter}季度"
    if period is Period.HALF:
        half = (first - 1) // 6 + 1
        return f"{year}H{half}", f"{year}年{_HALVES[half - 1]}"
    return f"{year}", f"{year}年"


def _month_day(year: int, month: int, day: int) -> date:
    """Day `day` of the month; 0 — or a day the month has not (「每月31日前」 in February) — is its last."""
    length = months.monthrange(year, month)[1]
    return date(year, month, day if 1 <= day <= length else length)


def _on_working_day(day: date, calendar: WorkCalendar) -> Due:
    """民法典第二百零三条: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日 — so a due
    date on a rest day (weekend or 放假) moves to the next working day; a 调休上班 Saturday stays."""
    moved = day if calendar.is_working_day(day) else calendar.nth_working_day_after(day, 1)
    return Due(moved, calendar.assumed_years(day - timedelta(days=1), moved))
