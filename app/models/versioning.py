"""Optimistic locking for records several clerks may edit at once (server mode, issue 14).

SQLAlchemy adds `AND version = :loaded` to every UPDATE and bumps the number, so a write based on a stale
row fails instead of silently overwriting; services also compare the version the clerk's screen loaded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Integer
from sqlalchemy.orm import Mapped, Session, declared_attr, mapped_column
from sqlalchemy.orm.exc import StaleDataError

from app.errors import UserFacingError

VERSIONED_TABLES = ("documents", "request_cases", "review_sheets", "postings", "decision_items")


class VersionedMixin:
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}


RECORD_NAMES = {
    "documents": "公文",
    "request_cases": "依申请公开件",
    "review_sheets": "保密审查单",
    "postings": "公开栏张贴",
    "decision_items": "决策事项",
}
STALE_MESSAGE = (
    "这条{what}在您打开之后已被其他人修改。为避免覆盖别人的修改，这次保存没有执行；"
    "请刷新后核对最新内容，再重新修改。"
)


class StaleRecordError(UserFacingError):
    """An edit based on an outdated copy of a record: refused, never silently overwritten."""

    def __init__(self, table: str = "") -> None:
        super().__init__(STALE_MESSAGE.format(what=RECORD_NAMES.get(table, "记录")))


def check_version(table: str, current: int, expected: int | None) -> None:
    """`expected` is the version the clerk's screen loaded (None: the caller has no opinion)."""
    if expected is not None and expected != current:
        raise StaleRecordError(table)


class GuardedSession(Session):
    """Turns SQLAlchemy's StaleDataError (the version check failing at flush) into the clerk's message."""

    def flush(self, objects: Sequence[Any] | None = None) -> None:
        try:
            super().flush(objects)
        except StaleDataError as error:
            match = re.search(r"table '(\w+)'", str(error))
            raise StaleRecordError(match.group(1) if match else "") from None
