"""Shared helpers for the calendar, deadline and holiday tests (no database needed)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from app.models.audit import AuditEntry, AuditHead
from app.models.base import Base
from app.models.holiday import CalendarYear, HolidayEntry
from app.services.workdays.calendar import WorkCalendar
from app.services.workdays.provisional import provisional_entries
from app.services.workdays.service import package_arrangements


@lru_cache(maxsize=1)
def package_calendar() -> WorkCalendar:
    """chinesecalendar's 2004–2026 data as an in-memory calendar, built directly from entries."""
    arrangements = package_arrangements()
    return WorkCalendar([e for a in arrangements for e in a.entries], [a.year for a in arrangements])


@lru_cache(maxsize=1)
def app_calendar() -> WorkCalendar:
    """The calendar as the application builds it: the package's years, every other year provisional."""
    arrangements = package_arrangements()
    entries = [e for a in arrangements for e in a.entries]
    return WorkCalendar(entries, [a.year for a in arrangements], provisional_entries)


def D(text: str) -> date:
    return date.fromisoformat(text)


def memory_sessions() -> tuple[Engine, sessionmaker[Session]]:
    """An in-memory SQLite with just the calendar and audit tables (independent of migration order)."""
    engine = create_engine("sqlite://")
    tables = [HolidayEntry.__table__, CalendarYear.__table__, AuditEntry.__table__, AuditHead.__table__]
    Base.metadata.create_all(engine, tables=tables)  # only these tables
    return engine, sessionmaker(bind=engine, expire_on_commit=False)
