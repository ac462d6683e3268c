"""The working-day calendar: weekends, 放假 and 调休上班 days, and n-th working day arithmetic.

Loaded once into memory (a sorted array of working-day ordinals, searched with bisect), never queried per
day. A year that is not explicitly covered raises `MissingYearError` — the calendar never guesses.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from app.errors import UserFacingError

WEEKDAYS = "一二三四五六日"
NTH_MEMO_LIMIT = 50_000  # bounds the memo (a day × a period length); ten years of days × a few periods fit


class DayKind(StrEnum):
    REST = "放假"
    WORK = "调休上班"


@dataclass(frozen=True, slots=True)
class DayEntry:
    day: date
    kind: DayKind
    name: str  # e.g. 国庆节
    source: str  # e.g. 国办发明电〔2023〕7号


class MissingYearError(UserFacingError):
    """A computation needs a year whose 放假安排 has not been loaded."""

    def __init__(self, year: int) -> None:
        super().__init__(
            f"{year}年放假安排未录入，无法计算这个期限。"
            f"请管理员在「设置 → 节假日」导入国务院办公厅关于{year}年部分节假日安排的通知后再计算。"
        )
        self.year = year


def weekday_name(day: date) -> str:
    return "星期" + WEEKDAYS[day.weekday()]


class WorkCalendar:
    """Immutable working-day calendar over an explicit set of covered years."""

    __slots__ = ("_entries", "_nth", "_ordinals", "_runs", "_years")

    def __init__(self, entries: Iterable[DayEntry], covered_years: Iterable[int]) -> None:
        self._years: frozenset[int] = frozenset(covered_years)
        self._entries: dict[date, DayEntry] = {entry.day: entry for entry in entries}
        ordinals: list[int] = []
        for year in sorted(self._years):
            day, end = date(year, 1, 1), date(year, 12, 31)
            while day <= end:
                if self._is_working(day):
                    ordinals.append(day.toordinal())
                day += timedelta(days=1)
        self._ordinals: tuple[int, ...] = tuple(ordinals)
        runs: list[tuple[int, int]] = []  # ordinal ranges of consecutive covered years
        for year in sorted(self._years):
            low, high = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
            if runs and runs[-1][1] + 1 == low:
                runs[-1] = (runs[-1][0], high)
            else:
                runs.append((low, high))
        self._runs: tuple[tuple[int, int], ...] = tuple(runs)
        # Memo of nth_working_day_after: many cases share a receipt day, so a re-flow repeats lookups.
        self._nth: dict[tuple[int, int], date] = {}

    @property
    def covered_years(self) -> tuple[int, ...]:
        return tuple(sorted(self._years))

    def covers(self, year: int) -> bool:
        return year in self._years

    def entries(self, year: int | None = None) -> tuple[DayEntry, ...]:
        chosen = (e for e in self._entries.values() if year is None or e.day.year == year)
        return tuple(sorted(chosen, key=lambda entry: entry.day))

    def entry_for(self, day: date) -> DayEntry | None:
        return self._entries.get(day)

    def _is_working(self, day: date) -> bool:
        entry = self._entries.get(day)
        if entry is not None:
            return entry.kind is DayKind.WORK
        return day.weekday() < 5

    def _require_years(self, first: int, last: int) -> None:
        for year in range(first, last + 1):
            if year not in self._years:
                raise MissingYearError(year)

    def _require_span(self, first_ordinal: int, last_ordinal: int) -> None:
        """Every day in [first, last] must lie in a covered year (fast path: one contiguous run)."""
        for low, high in self._runs:
            if low <= first_ordinal and last_ordinal <= high:
                return
        first = date.fromordinal(first_ordinal).year
        self._require_years(first, date.fromordinal(last_ordinal).year)
        raise AssertionError("unreachable: a span outside every run has a missing year")

    def is_working_day(self, day: date) -> bool:
        self._require_years(day.year, day.year)
        return self._is_working(day)

    def reason_for(self, day: date) -> str:
        """工作日 / 周末 / the holiday's name (国庆节) / 调休上班."""
        self._require_years(day.year, day.year)
        entry = self._entries.get(day)
        if entry is not None:
            return entry.name if entry.kind is DayKind.REST else DayKind.WORK.value
        return "工作日" if day.weekday() < 5 else "周末"

    def nth_working_day_after(self, start: date, n: int) -> date:
        """The n-th working day strictly after `start` (n ≥ 1); `start` itself is never counted."""
        if n < 1:
            raise ValueError("n must be at least 1")
        ordinals, first = self._ordinals, start.toordinal() + 1
        known = self._nth.get((first, n))
        if known is not None:
            return known
        index = bisect_right(ordinals, first - 1) + n - 1
        if index >= len(ordinals):
            raise MissingYearError(self.first_missing_year_after(date.fromordinal(first)))
        result = ordinals[index]
        self._require_span(first, result)
        if len(self._nth) >= NTH_MEMO_LIMIT:
            self._nth.clear()
        answer = self._nth[(first, n)] = date.fromordinal(result)
        return answer

    def working_days_between(self, start: date, end: date) -> int:
        """Number of working days d with start < d ≤ end (0 when end ≤ start)."""
        first, last = start.toordinal() + 1, end.toordinal()
        if last < first:
            return 0
        self._require_span(first, last)
        ordinals = self._ordinals
        return bisect_right(ordinals, last) - bisect_right(ordinals, first - 1)

    def first_missing_year_after(self, day: date) -> int:
        year = day.year
        while year in self._years:
            year += 1
        return year
