"""The measurement of provisional due dates against the real ones (figures pinned: a rule change shows)."""

from __future__ import annotations

from app.services.workdays.accuracy import (
    VARIANTS,
    PeriodStats,
    calendar_without,
    measure,
    render_summary,
    render_table,
    shifts,
)
from app.services.workdays.provisional import provisional_entries, statute_entries
from tests.calendar_support import D, package_calendar


def test_the_chosen_rule_on_2026() -> None:
    result = measure(provisional_entries, "C", years=[2026])
    assert result.overall == (
        PeriodStats(n=20, receipts=365, equal=363, later=1, max_earlier=1, max_later=1),
        PeriodStats(n=40, receipts=365, equal=361, later=3, max_earlier=3, max_later=1),
    )
    december = measure(provisional_entries, "C", years=[2026], december=True)
    assert december.overall == (
        PeriodStats(n=20, receipts=28, equal=28, later=0, max_earlier=0, max_later=0),
        PeriodStats(n=40, receipts=56, equal=53, later=3, max_earlier=0, max_later=1),
    )


def test_the_statute_alone_is_a_week_late_before_the_2025_spring_festival() -> None:
    result = measure(statute_entries, "B", years=[2025])
    expected = PeriodStats(n=20, receipts=365, equal=308, later=20, max_earlier=4, max_later=7)
    assert result.overall[0] == expected
    # Received 2024-12-30: the notice works Sunday 1/26, so the 20th working day is Monday 1/27;
    # without it the statute alone lands after the 春节 break.
    provisional = calendar_without(2025, statute_entries)
    assert package_calendar().nth_working_day_after(D("2024-12-30"), 20) == D("2025-01-27")
    assert provisional.nth_working_day_after(D("2024-12-30"), 20) == D("2025-02-03")


def test_population_is_the_receipts_whose_real_due_date_falls_in_the_year() -> None:
    real = package_calendar()
    assert real.nth_working_day_after(D("2025-12-03"), 20) == D("2025-12-31")  # not in the population
    assert real.nth_working_day_after(D("2025-12-04"), 20) == D("2026-01-04")  # Sunday 调休上班: the first in
    assert real.nth_working_day_after(D("2026-12-03"), 20) == D("2026-12-31")  # the last in
    assert len(shifts(2026, 20, provisional_entries)) == (D("2026-12-04") - D("2025-12-04")).days


def test_render_table() -> None:
    table = render_table(measure(provisional_entries, "C", years=[2026]))
    lines = table.splitlines()
    assert lines[0].startswith("| year | 20 WD equal % | 40 WD equal % |")
    assert lines[2] == "| 2026 | 99.5% | 98.9% | 3 | 1 | 4 / 730 |"
    assert lines[3] == "| all | 99.5% | 98.9% | 3 | 1 | 4 / 730 |"
    summary = render_summary([measure(VARIANTS["C B+调休原则"], "C B+调休原则", years=[2026])])
    assert summary.splitlines()[2] == "| C B+调休原则 | 99.5% | 98.9% | 3 | 1 | 4 / 730 |"
