"""The one clock: every "today" and "now" in the program comes from a `Clock` (issue 18).

The application context owns one (`AppContext.clock`); services receive it, the UI and the CLI read it
from the context, and a unit of work carries it in `session.info` for helpers that only hold a session
(the audit log, timeline events). Nothing else reads the wall clock, so tests and the demo can set the date.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from typing import Any

SESSION_KEY = "clock"  # where a session factory keeps its context's clock (session.info)


class Clock:
    """The machine's clock, in local time (the office's day: 收到申请之日 is a local calendar day)."""

    def now(self) -> datetime:
        return datetime.now()  # the only read of the wall clock in the program

    def today(self) -> date:
        return self.now().date()

    def stamp(self) -> datetime:
        """`now()` to the second, as stored in audit and timeline records."""
        return self.now().replace(microsecond=0)


class SetClock(Clock):
    """A clock set to a chosen moment that then runs on (like `faketime -f @…`), or stands still.

    Tests set the date they need with it; `set` and `advance` move it (crossing midnight, a new year).
    """

    def __init__(self, start: datetime | date, *, running: bool = True) -> None:
        self._running = running
        self.set(start)

    def set(self, moment: datetime | date) -> None:
        if not isinstance(moment, datetime):
            moment = datetime(moment.year, moment.month, moment.day, 9, 0)
        self._start, self._since = moment, time.monotonic()

    def advance(self, delta: timedelta) -> None:
        self.set(self.now() + delta)

    def now(self) -> datetime:
        if not self._running:
            return self._start
        return self._start + timedelta(seconds=time.monotonic() - self._since)


SYSTEM_CLOCK = Clock()


def clock_of(info: dict[str, Any]) -> Clock:
    """The clock a session (factory) carries; the machine's clock for a bare session built by hand."""
    found = info.get(SESSION_KEY)
    return found if isinstance(found, Clock) else SYSTEM_CLOCK
