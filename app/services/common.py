"""Small types every service shares."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from app.errors import CancelledError

SessionFactory = sessionmaker[Session]
Progress = Callable[[int, str], None]
IsCancelled = Callable[[], bool]


def no_progress(_percent: int, _message: str) -> None:
    """Default progress callback for callers that do not show progress."""


def never_cancelled() -> bool:
    return False


def check_cancel(is_cancelled: IsCancelled) -> None:
    if is_cancelled():
        raise CancelledError()
