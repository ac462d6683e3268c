"""The verdict on one occasion of an item (a linked piece of information, a period, a village's period):
small pure functions over dates, so the compliance check, the village table and the report agree."""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple, Protocol

from app.services.catalogue.types import Status

MEMO_LIMIT = 100_000  # (due, day) pairs: a year's check asks a few thousand


class CountsWorkingDays(Protocol):
    """What a verdict needs of the calendar (a WorkCalendar, or the memo below)."""

    def working_days_between(self, start: date, end: date) -> int: ...


class WorkingDayMemo:
    """A calendar's working_days_between remembered per (due, day): fifty thousand occasions of one check
    share a few thousand pairs."""

    __slots__ = ("_calendar", "_known")

    def __init__(self, calendar: CountsWorkingDays) -> None:
        self._calendar = calendar
        self._known: dict[tuple[date, date], int] = {}

    def working_days_between(self, start: date, end: date) -> int:
        key = (start, end)
        known = self._known.get(key)
        if known is None:
            if len(self._known) >= MEMO_LIMIT:
                self._known.clear()
            known = self._known[key] = self._calendar.working_days_between(start, end)
        return known


class Verdict(NamedTuple):  # a tuple: a year's check makes tens of thousands of them
    status: Status
    published_on: date | None = None  # the last required channel's date: the item is done then
    days_late: int = 0  # working days after the due date (to publication, or to the day judged)
    done: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


def late_by(calendar: CountsWorkingDays, due: date, day: date) -> int:
    """Working days after the due date (条例第二十六条 counts 工作日 like the request deadlines)."""
    return calendar.working_days_between(due, day) if day > due else 0


def judge(
    due: date | None,
    required: tuple[str, ...],
    days: dict[str, date],
    as_of: date,
    calendar: CountsWorkingDays,
    standing: bool = False,
) -> Verdict:
    """已按时公开 / 逾期公开 / 渠道缺失 / 未公开且已逾期 / 待公开 / 未定期限 for one occasion.

    `required` are the item's channels (empty: the catalogue names none, so any channel answers);
    `standing` is 长期公开: published at all is on time, never published is 未定期限 (no date to miss)."""
    # This runs for every one of a year's fifty thousand occasions: one plain loop for the usual case
    # (every required channel carried it, so `done` is `required` itself), comprehensions only for a gap.
    published_on: date | None = None  # the last required channel's day, once all of them carried it
    if required:
        for channel in required:
            day = days.get(channel)
            if day is None:
                done = tuple([channel for channel in required if channel in days])
                missing = tuple([channel for channel in required if channel not in days])
                published_on = None
                break
            if published_on is None or day > published_on:
                published_on = day
        else:
            done, missing = required, ()
    else:
        done, missing = tuple(days), ()
        published_on = max(days.values()) if days else None
    if standing:
        first = min(days.values()) if days else None
        return Verdict(Status.ON_TIME if days else Status.UNDATED, published_on or first, 0, done, missing)
    if due is None:
        return Verdict(Status.UNDATED, published_on, 0, done, missing)
    if published_on is not None:
        if published_on <= due:
            return Verdict(Status.ON_TIME, published_on, 0, done, missing)
        late = calendar.working_days_between(due, published_on)
        return Verdict(Status.LATE, published_on, late, done, missing)
    overdue = late_by(calendar, due, as_of)
    if done:
        return Verdict(Status.CHANNEL_GAP, None, overdue, done, missing)
    return Verdict(Status.OVERDUE if as_of > due else Status.PENDING, None, overdue, done, missing)


def judge_village(due: date, posted_on: date | None, as_of: date, calendar: CountsWorkingDays) -> Verdict:
    """A village's posting of a 村级 item for one period, as the town checked it on the board."""
    if posted_on is not None and posted_on <= as_of:
        late = late_by(calendar, due, posted_on)
        return Verdict(Status.LATE if posted_on > due else Status.ON_TIME, posted_on, late)
    return Verdict(Status.OVERDUE if as_of > due else Status.PENDING, None, late_by(calendar, due, as_of))


def quarter_end(year: int, quarter: int) -> date:
    return date(year, 12, 31) if quarter == 4 else date(year, quarter * 3 + 1, 1) - timedelta(days=1)


def slots_in_view(dues: list[date], as_of: date, until: date | None) -> list[bool]:
    """Which of a year's periods to show: those already due by `as_of`, and the next one (待公开), none after
    `until` (the end of the quarter asked)."""
    shown, next_taken = [], False
    for due in dues:
        keep = due <= as_of or not next_taken
        next_taken = next_taken or due > as_of
        shown.append(keep and (until is None or due <= until))
    return shown
