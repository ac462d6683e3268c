"""The office profile (one row), its 公开栏 locations, and the key/value settings store."""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TimestampMixin


class OfficeProfile(TimestampMixin, Base):
    __tablename__ = "office_profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    org_code: Mapped[str] = mapped_column(String(40))
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")


class BoardLocation(Base):
    """A physical 公开栏 (bulletin board) the office posts on."""

    __tablename__ = "board_locations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(default=True)


class Setting(Base):
    """A configurable rule or preference; values are JSON text, declared in services.settings_registry."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text)
