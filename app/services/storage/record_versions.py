"""Optimistic locking helpers for services that change a versioned record (issue 14).

Every change that matters to a clerk bumps the record's `version`, even when it only adds a child row
(a timeline event, a signature, a photo), so a screen opened before it is refused instead of overwriting.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import object_session
from sqlalchemy.orm.attributes import flag_modified

from app.models.versioning import check_version
from app.services.common import session_clock


class Versioned(Protocol):
    version: int
    updated_at: datetime


def guard(table: str, row: Versioned, expected_version: int | None) -> None:
    """Refuse when the clerk's screen loaded another version (None: the caller has no opinion)."""
    check_version(table, row.version, expected_version)


def touch(row: Versioned) -> None:
    """Force an UPDATE of the row so the mapper bumps its version (and checks the loaded one)."""
    session = object_session(row)
    row.updated_at = session_clock(session).now() if session is not None else row.updated_at
    flag_modified(row, "updated_at")
