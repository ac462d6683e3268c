"""What every fuzz test checks: a calm Chinese refusal or a clean report, nothing saved behind its back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from hypothesis import event
from sqlalchemy import text

from app.errors import UserFacingError
from app.services.context import AppContext
from tests.fuzz.hostile import CHINESE

T = TypeVar("T")


def saved_state(ctx: AppContext) -> dict[str, int]:
    """Rows in every table (the audit log included), in one query."""
    with ctx.sessions() as session:
        names = [
            row[0]
            for row in session.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            )
        ]
        union = " UNION ALL ".join(f"SELECT '{name}', COUNT(*) FROM \"{name}\"" for name in names)
        return {str(name): int(count) for name, count in session.execute(text(union))}


def changed(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {name: after.get(name, 0) - count for name, count in before.items() if after.get(name, 0) != count}


def refused_calmly(error: UserFacingError) -> None:
    """One specific Chinese sentence, not a Python message."""
    message = error.message
    assert CHINESE.search(message), message
    assert "Traceback" not in message and "Error" not in message, message


def outcome(call: Callable[[], T]) -> T | UserFacingError:
    """The call's result, or the UserFacingError it raised (anything else fails the test). The refusal's
    first words are an event, so `--hypothesis-show-statistics` shows which defences the files reached."""
    try:
        result = call()
    except UserFacingError as error:
        refused_calmly(error)
        event(f"refused: {error.message[:12]}")
        return error
    event(f"passed: {getattr(call, '__name__', 'call')}")
    return result


def save(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path
