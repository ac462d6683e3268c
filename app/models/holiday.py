"""The holiday calendar as data: 放假 and 调休上班 days, and the explicitly covered years."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base

KINDS = ("放假", "调休上班")
ORIGINS = ("chinesecalendar", "notice", "csv")


class HolidayEntry(Base):
    """One dated exception to the Monday–Friday rule, from a 国务院办公厅 notice."""

    __tablename__ = "holiday_entries"
    __table_args__ = (CheckConstraint("kind IN ('放假', '调休上班')", name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(60))  # e.g. 国庆节
    source: Mapped[str] = mapped_column(String(120))  # e.g. 国办发明电〔2023〕7号


class CalendarYear(Base):
    """A year whose arrangement is loaded; computations touching any other year refuse to guess."""

    __tablename__ = "calendar_years"
    __table_args__ = (CheckConstraint("origin IN ('chinesecalendar', 'notice', 'csv')", name="origin"),)

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    source: Mapped[str] = mapped_column(String(120))
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    origin: Mapped[str] = mapped_column(String(20))
