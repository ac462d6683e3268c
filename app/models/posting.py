"""公开栏 postings: boards, 公示期, status, evidence photos (issue 7)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TimestampMixin
from app.models.versioning import VersionedMixin


class Posting(VersionedMixin, TimestampMixin, Base):
    """One notice put up on one or more boards. 「到期待撤」 is derived: 张贴中 and the 公示期 is over."""

    __tablename__ = "postings"
    __table_args__ = (
        CheckConstraint("status IN ('待张贴', '张贴中', '已撤除存档')", name="status"),
        CheckConstraint(
            "source_kind IN ('free', 'document', 'decision_directory', 'request_release')", name="source_kind"
        ),
        CheckConstraint("paper IN ('A4', 'A3')", name="paper"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    source_kind: Mapped[str] = mapped_column(String(30), default="free")
    source_id: Mapped[int | None] = mapped_column(Integer)  # no FK: documents/decisions/requests are separate
    unit: Mapped[str] = mapped_column(String(100), default="")  # 落款
    signed_on: Mapped[dt.date | None] = mapped_column(Date)  # 成文日期
    phone: Mapped[str] = mapped_column(String(100), default="")
    qr_url: Mapped[str] = mapped_column(String(500), default="")
    paper: Mapped[str] = mapped_column(String(2), default="A4")
    period_preset: Mapped[str] = mapped_column(String(20))
    period_start: Mapped[dt.date] = mapped_column(Date, index=True)
    period_end: Mapped[dt.date] = mapped_column(Date, index=True)  # last day of the 公示期 (included)
    responsible: Mapped[str] = mapped_column(String(50), default="")
    status: Mapped[str] = mapped_column(String(6), index=True, default="待张贴")
    posted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    clearance: Mapped[str] = mapped_column(String(100), default="")  # the 保密审查单 that allowed posting
    removed_on: Mapped[dt.date | None] = mapped_column(Date)
    early_removal_reason: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))


class PostingBoard(Base):
    """Which boards a posting goes up on."""

    __tablename__ = "posting_boards"
    __table_args__ = (UniqueConstraint("posting_id", "board_id", name="uq_posting_boards_posting_board"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    posting_id: Mapped[int] = mapped_column(ForeignKey("postings.id", ondelete="CASCADE"), index=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("board_locations.id"), index=True)


class PostingPhoto(TimestampMixin, Base):
    """Evidence photo (上墙拍照存档) at posting or at removal; the file lives in the attachment store."""

    __tablename__ = "posting_photos"
    __table_args__ = (CheckConstraint("stage IN ('张贴', '撤除')", name="stage"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    posting_id: Mapped[int] = mapped_column(ForeignKey("postings.id", ondelete="CASCADE"), index=True)
    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachments.id"))
    stage: Mapped[str] = mapped_column(String(2))
    board_id: Mapped[int | None] = mapped_column(ForeignKey("board_locations.id"))
    taken_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # from EXIF when the camera wrote it
    taken_source: Mapped[str] = mapped_column(String(10), default="")  # 「照片EXIF」 or 「登记时间」
