"""上报导出: export history with the exact item list of each package (issue 8)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class ExportPackage(Base):
    """One package written for the district platform (only successful builds are recorded)."""

    __tablename__ = "exports"
    __table_args__ = (CheckConstraint("mode IN ('全部', '增量', '指定日期起')", name="mode"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    built_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    mode: Mapped[str] = mapped_column(String(10))
    since: Mapped[dt.datetime | None] = mapped_column(DateTime)
    file_name: Mapped[str] = mapped_column(String(1000))
    content_sha256: Mapped[str] = mapped_column(String(64))  # SHA-256 of its SHA256SUMS: names the content
    package_size: Mapped[int] = mapped_column(BigInteger)
    item_count: Mapped[int] = mapped_column(Integer)
    file_count: Mapped[int] = mapped_column(Integer)
    parts: Mapped[str] = mapped_column(String(200), default="")  # optional parts included, 、-separated
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    username: Mapped[str] = mapped_column(String(64))


class ExportItem(Base):
    """One catalogue item inside a package; item ids are plain integers (items live in several tables)."""

    __tablename__ = "export_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    export_id: Mapped[int] = mapped_column(ForeignKey("exports.id", ondelete="CASCADE"), index=True)
    item_kind: Mapped[str] = mapped_column(String(30))
    item_id: Mapped[int] = mapped_column(Integer, index=True)
    index_no: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(500))
    fingerprint: Mapped[str] = mapped_column(String(64))  # SHA-256 of the manifest entry: "changed since"
    file_count: Mapped[int] = mapped_column(Integer)
