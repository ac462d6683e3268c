"""Declarative base with a constraint naming convention (Alembic batch mode needs stable names)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, MetaData, event, func
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from app.clock import clock_of

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TimestampMixin:
    """Stamped from the session's clock at flush (local time, as every date the clerk sees); the database
    defaults only cover bulk INSERT/UPDATE statements that bypass the ORM."""

    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )


@event.listens_for(Session, "before_flush")
def _stamp_times(session: Session, _context: object, _instances: object) -> None:
    """The one clock (app/clock.py) dates every row: a test or the demo on a chosen day sees that day."""
    now: datetime | None = None
    for row in (*session.new, *session.dirty):
        if not isinstance(row, TimestampMixin):
            continue
        if row in session.dirty and not session.is_modified(row):
            continue
        now = now or clock_of(session.info).now()
        if row in session.new and row.__dict__.get("created_at") is None:  # unless given explicitly
            row.created_at = now
        row.updated_at = now
