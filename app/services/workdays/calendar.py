"""The working-day calendar: weekends, 放假 and 调休上班 days, and n-th working day arithmetic.

Each year's working days are a sorted array of ordinals, built on first use and searched with bisect.
A year whose notice is loaded uses its entries. A year without one either raises `MissingYearError`
(a calendar built without a provisional rule: the calculator in tests) or, in the application, is
**provisional**: weekends and the statutory days of 《全国年节及纪念日放假办法》, marked as assumed in
every result (`assumed_years`) and replaced the moment the notice is imported (issue 18).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from app.errors import UserFacingError

WEEKDAYS = "一二三四五六日"
NTH_MEMO_LIMIT = 50_000  # bounds the memo (a day × a period length); ten years of days × a few periods fit
MAX_YEARS_AHEAD = 100  # no statutory period runs longer; a count that would is a bug, not a date


class DayKind(StrEnum):
    REST = "放假"
    WORK = "调休上班"


@dataclass(frozen=True, slots=True)
class DayEntry:
    day: date
    kind: DayKind
    name: str  # e.g. 国庆节
    source: str  # e.g. 国办发明电〔2023〕7号


ProvisionalRule = Callable[[int], Iterable[DayEntry]]  # a year → its assumed entries


class MissingYearError(UserFacingError):
    """A computation needs a year whose 放假安排 has not been loaded (and no provisional rule is set)."""

    def __init__(self, year: int) -> None:
        super().__init__(
            f"{year}年放假安排未录入，无法计算这个期限。"
            f"请管理员在「设置 → 节假日」导入国务院办公厅关于{year}年部分节假日安排的通知后再计算。"
        )
        self.year = year


def weekday_name(day: date) -> str:
    return "星期" + WEEKDAYS[day.weekday()]


def _year_after(day: date) -> int:
    """The year of the day after `day`."""
    return day.year + 1 if day.month == 12 and day.day == 31 else day.year


class WorkCalendar:
    """Immutable as seen from outside: loaded years, plus assumed years built on demand by `provisional`."""

    __slots__ = ("_assumed", "_entries", "_nth", "_provisional", "_working", "_years")

    def __init__(
        self,
        entries: Iterable[DayEntry],
        covered_years: Iterable[int],
        provisional: ProvisionalRule | None = None,
    ) -> None:
        self._years: frozenset[int] = frozenset(covered_years)
        self._entries: dict[date, DayEntry] = {
            entry.day: entry for entry in entries if entry.day.year in self._years
        }
        self._provisional = provisional
        self._assumed: dict[int, dict[date, DayEntry]] = {}  # provisional year → its rest days (a cache)
        self._working: dict[int, tuple[int, ...]] = {}  # year → working-day ordinals (a cache)
        # Memo of nth_working_day_after: many cases share a receipt day, so a re-flow repeats lookups.
        self._nth: dict[tuple[int, int], date] = {}

    @property
    def covered_years(self) -> tuple[int, ...]:
        return tuple(sorted(self._years))

    @property
    def has_provisional_rule(self) -> bool:
        return self._provisional is not None

    def covers(self, year: int) -> bool:
        """True when the year's notice is loaded (a provisional year is not covered)."""
        return year in self._years

    def entries(self, year: int | None = None) -> tuple[DayEntry, ...]:
        """The loaded entries (of one year); a provisional year has none here, see `assumed_entries`."""
        chosen = (e for e in self._entries.values() if year is None or e.day.year == year)
        return tuple(sorted(chosen, key=lambda entry: entry.day))

    def assumed_entries(self, year: int) -> tuple[DayEntry, ...]:
        """The provisional rest days of a year without its notice (empty for a loaded year)."""
        if year in self._years or self._provisional is None:
            return ()
        return tuple(sorted(self._special(year).values(), key=lambda entry: entry.day))

    def entry_for(self, day: date) -> DayEntry | None:
        if day.year in self._years:
            return self._entries.get(day)
        return self._special(day.year).get(day) if self._provisional is not None else None

    def _special(self, year: int) -> dict[date, DayEntry]:
        """The year's 放假/调休上班 days: loaded, else provisional (MissingYearError without a rule)."""
        if year in self._years:
            return {d: e for d, e in self._entries.items() if d.year == year}
        if self._provisional is None:
            raise MissingYearError(year)
        known = self._assumed.get(year)
        if known is None:
            known = self._assumed[year] = {e.day: e for e in self._provisional(year) if e.day.year == year}
        return known

    def assumed_years(self, after: date, until: date) -> tuple[int, ...]:
        """The provisional years a count over the days (after, until] relies on; () when all are loaded."""
        if until <= after:
            return ()
        low = _year_after(after)
        if low == until.year:  # the usual case, kept cheap: a re-flow asks this for every date of every case
            return () if low in self._years else (low,)
        return tuple(year for year in range(low, until.year + 1) if year not in self._years)

    # ---- the working days of one year ------------------------------------------------------------

    def _days_of(self, year: int) -> tuple[int, ...]:
        known = self._working.get(year)
        if known is not None:
            return known
        special = self._special(year)
        day, end, ordinals = date(year, 1, 1), date(year, 12, 31), []
        while day <= end:
            entry = special.get(day)
            if (entry.kind is DayKind.WORK) if entry is not None else day.weekday() < 5:
                ordinals.append(day.toordinal())
            day += timedelta(days=1)
        result = self._working[year] = tuple(ordinals)  # two threads may both build it: same value
        return result

    def is_working_day(self, day: date) -> bool:
        days = self._days_of(day.year)
        index = bisect_left(days, day.toordinal())
        return index < len(days) and days[index] == day.toordinal()

    def reason_for(self, day: date) -> str:
        """工作日 / 周末 / the holiday's name (国庆节) / 调休上班."""
        self._days_of(day.year)  # a year without data (and no rule) raises here
        entry = self.entry_for(day)
        if entry is not None:
            return entry.name if entry.kind is DayKind.REST else DayKind.WORK.value
        return "工作日" if day.weekday() < 5 else "周末"

    # ---- counting ----------------------------------------------------------------------------------

    def nth_working_day_after(self, start: date, n: int) -> date:
        """The n-th working day strictly after `start` (n ≥ 1); `start` itself is never counted."""
        if n < 1:
            raise ValueError("n must be at least 1")
        first = start.toordinal() + 1
        known = self._nth.get((first, n))
        if known is not None:
            return known
        year, remaining = _year_after(start), n
        days = self._days_of(year)
        index = bisect_left(days, first)
        while len(days) - index < remaining:
            remaining -= len(days) - index
            year += 1
            if year > start.year + MAX_YEARS_AHEAD:
                raise ValueError(f"{n} working days after {start} lie beyond {MAX_YEARS_AHEAD} years")
            days, index = self._days_of(year), 0
        if len(self._nth) >= NTH_MEMO_LIMIT:
            self._nth.clear()
        answer = self._nth[(first, n)] = date.fromordinal(days[index + remaining - 1])
        return answer

    def working_days_between(self, start: date, end: date) -> int:
        """Number of working days d with start < d ≤ end (0 when end ≤ start)."""
        low, high = start.toordinal() + 1, end.toordinal()
        if high < low:
            return 0
        first_year = _year_after(start)
        if first_year == end.year:  # the usual case, kept cheap
            days = self._days_of(first_year)
            return bisect_right(days, high) - bisect_left(days, low)
        total = 0
        for year in range(first_year, end.year + 1):
            days = self._days_of(year)
            begin = bisect_left(days, low) if year == first_year else 0
            stop = bisect_right(days, high) if year == end.year else len(days)
            total += stop - begin
        return total

    def first_missing_year_after(self, day: date) -> int:
        year = day.year
        while year in self._years:
            year += 1
        return year
