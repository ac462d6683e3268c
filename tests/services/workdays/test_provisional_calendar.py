"""Provisional holiday days for a year without its notice: the statute's days, 补假, the 调休 principles."""

from __future__ import annotations

from datetime import date

import pytest

from app.services.workdays.calendar import DayEntry, DayKind, WorkCalendar
from app.services.workdays.provisional import (
    PROVISIONAL_RULE,
    STATUTE_RULE,
    principle_entries,
    provisional_entries,
    provisional_rule,
    statute_entries,
    statutory_days,
    statutory_entries,
)
from tests.calendar_support import D, package_calendar


def festival(year: int, name: str) -> list[date]:
    return [day for day, found in statutory_days(year) if found == name]


def rest_days(entries: tuple[DayEntry, ...]) -> set[date]:
    return {entry.day for entry in entries if entry.kind is DayKind.REST}


def weekday_rests_and_work(entries: tuple[DayEntry, ...] | list[DayEntry]) -> set[tuple[date, DayKind]]:
    """What changes working-day counts: rest on a weekday, work on a weekend day."""
    return {(e.day, e.kind) for e in entries if (e.kind is DayKind.REST) == (e.day.weekday() < 5)}


@pytest.mark.parametrize("year", range(2010, 2027))
def test_statutory_days_are_rest_days_in_the_real_data(year: int) -> None:
    real = package_calendar()
    assert [day for day, _ in statutory_days(year) if real.is_working_day(day)] == []


@pytest.mark.parametrize("year", range(2010, 2027))
def test_make_up_days_are_rest_days_except_where_a_notice_departed_from_article_6(year: int) -> None:
    # 2012: 端午 on Saturday 6/23 was made up on Friday 6/22; 2015: 中秋 on Sunday 9/27 had no 补休.
    departures = {D("2012-06-25"), D("2015-09-28")}
    real = package_calendar()
    working = {day for day in rest_days(statute_entries(year)) if real.is_working_day(day)}
    assert working == {day for day in departures if day.year == year}


@pytest.mark.parametrize(
    ("year", "name", "expected"),
    [
        (2020, "春节", ["2020-01-25", "2020-01-26", "2020-01-27"]),
        (2021, "清明节", ["2021-04-04"]),
        (2022, "端午节", ["2022-06-03"]),
        (2023, "中秋节", ["2023-09-29"]),
        (2024, "春节", ["2024-02-10", "2024-02-11", "2024-02-12"]),
        (2025, "春节", ["2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"]),
        (2025, "劳动节", ["2025-05-01", "2025-05-02"]),
        (2025, "中秋节", ["2025-10-06"]),
        (2026, "春节", ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19"]),
        (2026, "清明节", ["2026-04-05"]),
        (2026, "端午节", ["2026-06-19"]),
        (2026, "国庆节", ["2026-10-01", "2026-10-02", "2026-10-03"]),
    ],
)
def test_festival_dates(year: int, name: str, expected: list[str]) -> None:
    assert festival(year, name) == [D(text) for text in expected]


def test_eras_of_the_statute() -> None:
    assert festival(2013, "春节")[0] == D("2013-02-09")  # 2007 text: 除夕、初一、初二
    assert festival(2013, "春节") == [D("2013-02-09"), D("2013-02-10"), D("2013-02-11")]
    assert festival(2014, "春节") == [D("2014-01-31"), D("2014-02-01"), D("2014-02-02")]  # 2013 text: no 除夕
    assert D("2014-01-30") not in {day for day, _ in statutory_days(2014)}
    assert festival(2024, "劳动节") == [D("2024-05-01")]
    assert festival(2025, "春节")[0] == D("2025-01-28")  # 2024 text: 除夕 again
    assert festival(2025, "劳动节") == [D("2025-05-01"), D("2025-05-02")]
    assert festival(2007, "劳动节") == [D("2007-05-01"), D("2007-05-02"), D("2007-05-03")]  # 1999 text
    assert festival(2007, "清明节") == []
    assert [len(statutory_days(year)) for year in (2007, 2013, 2014, 2025)] == [10, 11, 11, 13]


def test_2027_statutory_days() -> None:
    names = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
    named = {name: festival(2027, name) for name in names}
    assert named == {
        "元旦": [D("2027-01-01")],
        "春节": [D("2027-02-05"), D("2027-02-06"), D("2027-02-07"), D("2027-02-08")],
        "清明节": [D("2027-04-05")],
        "劳动节": [D("2027-05-01"), D("2027-05-02")],
        "端午节": [D("2027-06-09")],
        "中秋节": [D("2027-09-15")],
        "国庆节": [D("2027-10-01"), D("2027-10-02"), D("2027-10-03")],
    }


def test_2027_make_up_days_of_article_6() -> None:
    extra = {e.day: e.name for e in statute_entries(2027) if e.name.endswith("补假")}
    assert extra == {
        D("2027-02-09"): "春节补假",  # 除夕 Fri, 初一 Sat, 初二 Sun, 初三 Mon → two days owed
        D("2027-02-10"): "春节补假",
        D("2027-05-03"): "劳动节补假",  # 5/1 Saturday, 5/2 Sunday
        D("2027-05-04"): "劳动节补假",
        D("2027-10-04"): "国庆节补假",  # 10/2 Saturday, 10/3 Sunday
        D("2027-10-05"): "国庆节补假",
    }
    sources = {e.source for e in statute_entries(2027) if e.day in extra}
    assert sources == {"《全国年节及纪念日放假办法》第六条（暂定）"}


def test_overlap_of_mid_autumn_and_national_day_gives_one_entry_and_no_make_up_on_a_weekday() -> None:
    entries = statutory_entries(2020)
    assert [e.name for e in entries if e.day == D("2020-10-01")] == ["国庆节、中秋节"]
    assert len({e.day for e in entries}) == len(entries)
    october = {e.day: e.name for e in statute_entries(2020) if e.day.month == 10}
    assert october == {  # 10/3 Saturday owes one day; the shared Thursday owes none
        D("2020-10-01"): "国庆节、中秋节",
        D("2020-10-02"): "国庆节",
        D("2020-10-03"): "国庆节",
        D("2020-10-05"): "国庆节补假",
    }
    make_up_2028 = {e.day: e.name for e in statute_entries(2028) if e.name.endswith("补假")}
    assert make_up_2028 == {  # 10/3 Tuesday is 国庆节 and 中秋节: no day owed for the overlap
        D("2028-01-03"): "元旦补假",
        D("2028-05-29"): "端午节补假",
        D("2028-10-04"): "国庆节补假",  # for Sunday 10/1
    }


def test_overlap_on_a_weekend_owes_one_day_per_date() -> None:
    october = {e.day: e.name for e in statute_entries(2039) if e.day.month == 10}
    assert october == {  # 中秋节 on Sunday 10/2, shared with 国庆节
        D("2039-10-01"): "国庆节",
        D("2039-10-02"): "国庆节、中秋节",
        D("2039-10-03"): "国庆节",
        D("2039-10-04"): "国庆节补假",
        D("2039-10-05"): "国庆节补假",
    }


def test_principles_reproduce_the_2025_notice_and_2026_but_one_weekend_swap() -> None:
    real = package_calendar().entries
    assert weekday_rests_and_work(principle_entries(2025)) == weekday_rests_and_work(real(2025))
    model, notice = weekday_rests_and_work(principle_entries(2026)), weekday_rests_and_work(real(2026))
    assert model - notice == {(D("2026-02-15"), DayKind.WORK)}  # 2026 worked Saturday 2/14 and
    assert notice - model == {(D("2026-02-14"), DayKind.WORK)}  # rested Sunday 2/15 (a 9-day 春节)


def test_2027_provisional_entries() -> None:
    entries = provisional_entries(2027)
    assert entries == principle_entries(2027)
    assert [e.day for e in entries] == sorted({e.day for e in entries})
    assert all(e.day.year == 2027 for e in entries)
    assert sorted(e.day for e in entries if e.kind is DayKind.WORK) == [
        D("2027-01-31"),
        D("2027-02-13"),
        D("2027-05-08"),
        D("2027-09-26"),
        D("2027-10-09"),
    ]
    weekday_rest = sorted(d for d in rest_days(entries) if d.weekday() < 5)
    assert weekday_rest == [
        D(text)
        for text in (
            "2027-01-01",
            *("2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11", "2027-02-12"),
            "2027-04-05",
            *("2027-05-03", "2027-05-04", "2027-05-05"),
            "2027-06-09",
            "2027-09-15",
            *("2027-10-01", "2027-10-04", "2027-10-05", "2027-10-06", "2027-10-07"),
        )
    ]
    assert rest_days(statute_entries(2027)) <= rest_days(entries)  # every day the statute gives stays off


def test_deadline_on_a_provisional_year() -> None:
    real = package_calendar()
    kept = [e for year in real.covered_years for e in real.entries(year)]
    calendar = WorkCalendar([*kept, *provisional_entries(2027)], [*real.covered_years, 2027])
    assert calendar.nth_working_day_after(D("2026-12-10"), 20) == D("2027-01-08")  # RULES §10 rule 13
    assert calendar.nth_working_day_after(D("2027-01-22"), 5) == D("2027-01-29")
    assert calendar.nth_working_day_after(D("2027-01-29"), 1) == D("2027-01-31")  # Sunday 调休上班 (暂定)
    assert calendar.reason_for(D("2027-02-09")) == "春节补假"


def test_rule_sentence_for_the_ui() -> None:
    assert provisional_rule(2027) == PROVISIONAL_RULE
    assert "调休原则" in PROVISIONAL_RULE and "全国年节及纪念日放假办法" in PROVISIONAL_RULE
    assert provisional_rule(2024) == STATUTE_RULE
    assert provisional_entries(2024) == statute_entries(2024)
    assert all(e.kind is DayKind.REST for e in provisional_entries(2024))
