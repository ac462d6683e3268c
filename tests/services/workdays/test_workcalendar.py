"""WorkCalendar: weekends, 放假, 调休上班, explicit coverage, n-th working day strictly after a date."""

from __future__ import annotations

from datetime import date

import pytest

from app.services.workdays.calendar import DayEntry, DayKind, MissingYearError, WorkCalendar
from tests.calendar_support import D, app_calendar, package_calendar

NOTICE = "国办发明电〔2023〕7号"


def small_calendar() -> WorkCalendar:
    entries = [
        DayEntry(D("2024-10-01"), DayKind.REST, "国庆节", NOTICE),
        DayEntry(D("2024-10-12"), DayKind.WORK, "国庆节", NOTICE),
    ]
    return WorkCalendar(entries, [2024])


def test_working_day_rule() -> None:
    calendar = small_calendar()
    assert calendar.is_working_day(D("2024-09-30"))  # Monday
    assert not calendar.is_working_day(D("2024-10-01"))  # 放假 on a Tuesday
    assert calendar.is_working_day(D("2024-10-12"))  # Saturday 调休上班
    assert not calendar.is_working_day(D("2024-10-13"))  # Sunday


def test_reason_for() -> None:
    calendar = small_calendar()
    assert calendar.reason_for(D("2024-10-01")) == "国庆节"
    assert calendar.reason_for(D("2024-10-12")) == "调休上班"
    assert calendar.reason_for(D("2024-10-13")) == "周末"
    assert calendar.reason_for(D("2024-10-14")) == "工作日"
    assert calendar.entry_for(D("2024-10-12")) == DayEntry(D("2024-10-12"), DayKind.WORK, "国庆节", NOTICE)


def test_uncovered_year_never_guesses() -> None:
    calendar = small_calendar()
    with pytest.raises(MissingYearError, match="2025年放假安排未录入") as caught:
        calendar.is_working_day(D("2025-01-02"))
    assert caught.value.year == 2025
    with pytest.raises(MissingYearError, match="2025年放假安排未录入"):
        calendar.nth_working_day_after(D("2024-12-20"), 20)
    with pytest.raises(MissingYearError, match="2023年放假安排未录入"):
        calendar.working_days_between(D("2023-12-01"), D("2024-01-05"))


def test_gap_year_is_reported() -> None:
    calendar = WorkCalendar([], [2024, 2026])
    with pytest.raises(MissingYearError, match="2025年"):
        calendar.nth_working_day_after(D("2024-12-20"), 20)
    assert calendar.first_missing_year_after(D("2024-05-01")) == 2025


def test_nth_working_day_is_strictly_after_even_on_rest_days() -> None:
    calendar = package_calendar()
    # chinesecalendar.find_workday gets these one day late (PITFALLS); ours must not.
    assert calendar.nth_working_day_after(D("2024-09-28"), 20) == D("2024-10-30")
    assert calendar.nth_working_day_after(D("2026-02-15"), 20) == D("2026-03-20")
    assert calendar.nth_working_day_after(D("2024-09-27"), 1) == D("2024-09-29")  # Sunday 调休上班
    with pytest.raises(ValueError):
        calendar.nth_working_day_after(D("2024-09-27"), 0)


def test_working_days_between_counts_start_exclusive_end_inclusive() -> None:
    calendar = package_calendar()
    assert calendar.working_days_between(D("2024-10-08"), D("2024-10-29")) == 16  # RULES §10 rule 16
    assert calendar.working_days_between(D("2024-10-29"), D("2024-10-08")) == 0


def test_package_calendar_agrees_with_chinesecalendar_every_day() -> None:
    import chinese_calendar

    calendar = package_calendar()
    day = date(2004, 1, 1)
    while day.year <= 2026:
        assert calendar.is_working_day(day) == chinese_calendar.is_workday(day), day
        day = date.fromordinal(day.toordinal() + 1)


def test_a_provisional_year_is_counted_and_reported_as_assumed() -> None:
    calendar = app_calendar()
    assert not calendar.covers(2027) and calendar.has_provisional_rule
    assert not calendar.is_working_day(D("2027-01-01"))  # 元旦 (第二条)
    assert calendar.reason_for(D("2027-02-08")) == "春节"  # 正月初三 (lunar-python)
    entry = calendar.entry_for(D("2027-01-01"))
    assert entry is not None and "暂定" in entry.source
    assert calendar.nth_working_day_after(D("2026-12-10"), 20) == D("2027-01-08")
    assert calendar.assumed_years(D("2026-12-10"), D("2027-01-08")) == (2027,)
    assert calendar.assumed_years(D("2026-12-04"), D("2026-12-15")) == ()
    assert calendar.assumed_years(D("2026-12-31"), D("2029-01-05")) == (2027, 2028, 2029)
    assert calendar.working_days_between(D("2026-12-31"), D("2027-01-08")) == 5
    assert calendar.entries(2027) == () and calendar.assumed_entries(2027)
    assert calendar.assumed_entries(2026) == ()  # a loaded year is never assumed


def test_counting_across_several_missing_years_and_before_the_data() -> None:
    calendar = app_calendar()
    far = calendar.nth_working_day_after(D("2031-12-31"), 200)
    assert far.year == 2032 and calendar.assumed_years(D("2031-12-31"), far) == (2032,)
    assert calendar.nth_working_day_after(D("2003-12-31"), 1) == D(
        "2004-01-02"
    )  # 2003 provisional, 2004 loaded
    with pytest.raises(ValueError):
        calendar.nth_working_day_after(D("2026-01-01"), 10**6)
