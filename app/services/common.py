"""Small types every service shares."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from app.clock import Clock, clock_of
from app.errors import CancelledError

SessionFactory = sessionmaker[Session]
Progress = Callable[[int, str], None]
IsCancelled = Callable[[], bool]


def clock_for(sessions: SessionFactory) -> Clock:
    """The application context's clock, which its session factory carries (app/clock.py)."""
    return clock_of(sessions.kw.get("info") or {})


def session_clock(session: Session) -> Clock:
    """The clock of the unit of work, for helpers that only hold a session (audit, timeline events)."""
    return clock_of(session.info)


def no_progress(_percent: int, _message: str) -> None:
    """Default progress callback for callers that do not show progress."""


def never_cancelled() -> bool:
    return False


def check_cancel(is_cancelled: IsCancelled) -> None:
    if is_cancelled():
        raise CancelledError()
