"""How far a provisional due date is from the real one (issue 18 item 4).

For each year Y the notice of Y is "forgotten": the calendar holds chinesecalendar's real days for every
other year and a variant's provisional days for Y. Population, per period n (20 and 40 working days):
every calendar day d from (Y−1)-11-01 to Y-12-31 (requests arrive by post and online on any day) whose
REAL n-th working day after d falls in Y — exactly the receipts whose deadline the app marks 暂定 while
Y's notice is missing. Windows that never reach Y are left out (both calendars agree there; they would
only inflate the share). The "December" population keeps only d < Y-01-01: the weeks before the notice
usually comes out. A shift is provisional − real in calendar days; later (> 0) is the dangerous direction.

Run `python -m app.services.workdays.accuracy` to print every variant's tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from app.services.workdays.calendar import DayEntry, DayKind, MissingYearError, WorkCalendar
from app.services.workdays.provisional import (
    PRINCIPLES_FROM,
    principle_entries,
    provisional_entries,
    statute_entries,
    statutory_days,
    statutory_entries,
)

Variant = Callable[[int], tuple[DayEntry, ...]]
YEARS = range(2010, 2027)
PERIODS = (20, 40)
SAFE_RADIUS = 10  # every worked weekend day 2009–2026 lies within 10 days of a holiday (but 2015-09-06)


@dataclass(frozen=True, slots=True)
class PeriodStats:
    """One period length (20 or 40 WD) over a set of receipt days."""

    n: int
    receipts: int
    equal: int
    later: int  # receipts whose provisional due date is after the real one
    max_earlier: int  # calendar days, ≥ 0
    max_later: int  # calendar days, ≥ 0

    @property
    def share_equal(self) -> float:
        return self.equal / self.receipts if self.receipts else 1.0


@dataclass(frozen=True, slots=True)
class YearAccuracy:
    year: int
    periods: tuple[PeriodStats, ...]


@dataclass(frozen=True, slots=True)
class Accuracy:
    variant: str
    years: tuple[YearAccuracy, ...]
    overall: tuple[PeriodStats, ...]


def guessed_work_entries(year: int) -> tuple[DayEntry, ...]:
    """Variant D: the statute's rest days (B) plus only the WORK days of the principles (C): the half of
    a 调休 guess that can only move a deadline earlier."""
    work = tuple(entry for entry in principle_entries(year) if entry.kind is DayKind.WORK)
    return (*statute_entries(year), *work)


def cautious_entries(year: int) -> tuple[DayEntry, ...]:
    """Variant S: 第二条's days rest, and every weekend day within SAFE_RADIUS days of one is worked."""
    holidays = {day for day, _ in statutory_days(year)}
    near = {day + timedelta(days=k) for day in holidays for k in range(-SAFE_RADIUS, SAFE_RADIUS + 1)}
    work = sorted(d for d in near if d.year == year and d.weekday() >= 5 and d not in holidays)
    return (*statutory_entries(year), *(DayEntry(d, DayKind.WORK, "暂按上班", "测量用") for d in work))


VARIANTS: dict[str, Variant] = {
    "A 周末+第二条": statutory_entries,
    "B A+第六条补假": statute_entries,
    "C B+调休原则": principle_entries,
    "D B+调休上班日": guessed_work_entries,
    "S 节日前后周末暂按上班": cautious_entries,
    "本程序（2025年前 B，起 C）": provisional_entries,
}


@cache
def _real_entries() -> tuple[DayEntry, ...]:
    from app.services.workdays.service import package_arrangements  # heavy (SQLAlchemy): only when measuring

    return tuple(entry for arrangement in package_arrangements() for entry in arrangement.entries)


@cache
def _real_years() -> tuple[int, ...]:
    return tuple(sorted({entry.day.year for entry in _real_entries()}))


@cache
def real_calendar() -> WorkCalendar:
    return WorkCalendar(_real_entries(), _real_years())


def calendar_without(year: int, variant: Variant) -> WorkCalendar:
    """Real data for every year but `year`, whose days come from `variant`."""
    kept = [entry for entry in _real_entries() if entry.day.year != year]
    return WorkCalendar([*kept, *variant(year)], _real_years())


def _real_due(day: date, n: int) -> date | None:
    try:
        return real_calendar().nth_working_day_after(day, n)
    except MissingYearError:  # December of the last loaded year: that due date is not in the year anyway
        return None


def shifts(year: int, n: int, variant: Variant, december: bool = False) -> list[int]:
    """provisional − real (days) for every receipt day of the population of `year` and period `n`."""
    provisional = calendar_without(year, variant)
    day, last, found = date(year - 1, 11, 1), date(year - 1 if december else year, 12, 31), []
    while day <= last:
        due = _real_due(day, n)
        if due is not None and due.year == year:
            found.append((provisional.nth_working_day_after(day, n) - due).days)
        day += timedelta(days=1)
    return found


def _stats(n: int, found: Sequence[int]) -> PeriodStats:
    return PeriodStats(
        n=n,
        receipts=len(found),
        equal=sum(1 for shift in found if shift == 0),
        later=sum(1 for shift in found if shift > 0),
        max_earlier=max([0, *(-shift for shift in found)]),
        max_later=max([0, *found]),
    )


def measure(variant: Variant, label: str, years: Iterable[int] = YEARS, december: bool = False) -> Accuracy:
    pooled: dict[int, list[int]] = {n: [] for n in PERIODS}
    rows: list[YearAccuracy] = []
    for year in years:
        per_n = {n: shifts(year, n, variant, december) for n in PERIODS}
        rows.append(YearAccuracy(year, tuple(_stats(n, found) for n, found in per_n.items())))
        for n, found in per_n.items():
            pooled[n] += found
    return Accuracy(label, tuple(rows), tuple(_stats(n, found) for n, found in pooled.items()))


def _row(label: str, periods: Sequence[PeriodStats]) -> str:
    shares = " | ".join(f"{p.share_equal:.1%}" for p in periods)
    earlier = max(p.max_earlier for p in periods)
    later = max(p.max_later for p in periods)
    count = sum(p.later for p in periods)
    receipts = sum(p.receipts for p in periods)
    return f"| {label} | {shares} | {earlier} | {later} | {count} / {receipts} |"


HEADER = (
    "| {first} | 20 WD equal % | 40 WD equal % | max earlier (days) | max later (days) | n later / n |\n"
    "|---|---|---|---|---|---|"
)


def render_table(accuracy: Accuracy) -> str:
    """Markdown, one row a year and an "all" row; max and n later cover both periods."""
    lines = [HEADER.format(first="year"), *(_row(str(row.year), row.periods) for row in accuracy.years)]
    lines.append(_row("all", accuracy.overall))
    return "\n".join(lines)


def render_summary(results: Sequence[Accuracy]) -> str:
    """One "all" row per variant (the comparison table)."""
    return "\n".join([HEADER.format(first="variant"), *(_row(a.variant, a.overall) for a in results)])


def main() -> None:
    recent = range(PRINCIPLES_FROM, YEARS.stop)
    for title, years, december in (
        ("2010–2026, receipts all year", YEARS, False),
        ("2010–2026, December receipts", YEARS, True),
        (f"{recent.start}–{recent.stop - 1} (under the 调休 principles), all year", recent, False),
        (f"{recent.start}–{recent.stop - 1}, December receipts", recent, True),
    ):
        print(f"\n### {title}\n")
        print(render_summary([measure(v, label, years, december) for label, v in VARIANTS.items()]))
    for label, variant in VARIANTS.items():
        print(f"\n### {label}, per year (all-year receipts)\n")
        print(render_table(measure(variant, label)))


if __name__ == "__main__":
    main()
