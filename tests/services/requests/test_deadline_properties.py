"""Property tests over random dates 2005–2026, against a brute-force day-by-day count."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.services.requests.deadlines import Channel, DeadlinePolicy, Pause, RequestEvents, compute
from app.services.workdays.calendar import MissingYearError
from tests.calendar_support import package_calendar

DAYS = st.dates(min_value=date(2005, 1, 1), max_value=date(2026, 12, 31))
PAUSES = st.lists(
    st.tuples(st.integers(-10, 60), st.integers(0, 40)).map(lambda t: (t[0], t[0] + t[1])), max_size=3
)
TODAY = date(2005, 1, 1)
DEFAULT = DeadlinePolicy()


def brute_force(start: date, n: int, pauses: list[Pause], count_start: bool = False) -> date:
    """Independent oracle: walk day by day with chinesecalendar's own is_workday."""
    day, counted = start - timedelta(days=1) if count_start else start, 0
    while counted < n:
        day += timedelta(days=1)
        if chinese_calendar.is_workday(day) and not any(p.start < day <= p.end for p in pauses):
            counted += 1
    return day


def due(received: date, pauses: list[Pause], policy: DeadlinePolicy = DEFAULT) -> date:
    request = RequestEvents("x", Channel.IN_PERSON, arrived=received, pauses=tuple(pauses))
    try:
        result = compute(request, package_calendar(), policy, TODAY)
    except MissingYearError:
        assume(False)
        raise
    assert result.due is not None
    return result.due


def to_pauses(received: date, offsets: list[tuple[int, int]]) -> list[Pause]:
    return [Pause(received + timedelta(days=a), received + timedelta(days=b)) for a, b in offsets]


@settings(max_examples=300, deadline=None)
@given(DAYS, PAUSES)
def test_deadline_is_a_working_day_and_matches_brute_force(
    received: date, offsets: list[tuple[int, int]]
) -> None:
    pauses = to_pauses(received, offsets)
    result = due(received, pauses)
    assert package_calendar().is_working_day(result)
    assert result == brute_force(received, 20, pauses)


@settings(max_examples=300, deadline=None)
@given(DAYS, PAUSES, st.integers(-10, 60), st.integers(0, 40))
def test_adding_a_pause_never_makes_it_earlier(
    received: date, offsets: list[tuple[int, int]], a: int, length: int
) -> None:
    pauses = to_pauses(received, offsets)
    extra = Pause(received + timedelta(days=a), received + timedelta(days=a + length))
    assert due(received, [*pauses, extra]) >= due(received, pauses)


@settings(max_examples=300, deadline=None)
@given(DAYS, PAUSES)
def test_conservative_is_never_later(received: date, offsets: list[tuple[int, int]]) -> None:
    pauses = to_pauses(received, offsets)
    conservative = due(received, pauses, DeadlinePolicy(count_receipt_day=True))
    assert conservative <= due(received, pauses)
    assert conservative == brute_force(received, 20, pauses, count_start=True)
