"""基层政务公开标准目录 (issue 23): the office's catalogue per year, what satisfies each item, villages.

RULES.md §6: 序号 | 一级事项 | 二级事项 | 公开内容（要素） | 公开依据 | 公开时限 | 公开主体 | 公开渠道和载体 |
公开对象 | 公开方式 | 公开层级 (镇级 / 村级).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TimestampMixin

TIERS = ("镇级", "村级")
LINK_SOURCES = ("公文", "公开栏", "决策", "村务")
VILLAGE_KINDS = ("村", "社区")
# Covering index of the compliance check's ordered read of a year's links (migration 0019).
CHECK_READS = ("item_id", "formed_on", "id", "source_kind", "source_id", "due_override")


class CatalogueItem(TimestampMixin, Base):
    """One 公开事项 of one year's catalogue; next year's catalogue is a copy, adjusted (动态调整)."""

    __tablename__ = "catalogue_items"
    __table_args__ = (
        UniqueConstraint("year", "seq", name="year_seq"),
        CheckConstraint("tier IN ('镇级', '村级')", name="tier"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    seq: Mapped[str] = mapped_column(String(20))  # 序号 as the catalogue prints it
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    level1: Mapped[str] = mapped_column(String(100))  # 一级事项
    level2: Mapped[str] = mapped_column(String(200), default="")  # 二级事项
    content: Mapped[str] = mapped_column(Text, default="")  # 公开内容（要素）
    basis: Mapped[str] = mapped_column(Text, default="")  # 公开依据
    time_limit: Mapped[str] = mapped_column(Text, default="")  # 公开时限, the catalogue's own words
    rule: Mapped[str] = mapped_column(Text, default="")  # the parsed (or corrected) rule, JSON
    rule_corrected: Mapped[bool] = mapped_column(Boolean, default=False)  # set by the clerk, not parsed
    subject: Mapped[str] = mapped_column(String(200), default="")  # 公开主体
    channels: Mapped[str] = mapped_column(String(300), default="")  # 公开渠道和载体, 、-separated
    audience: Mapped[str] = mapped_column(String(50), default="")  # 公开对象
    mode: Mapped[str] = mapped_column(String(20), default="")  # 公开方式 (主动 / 依申请公开)
    tier: Mapped[str] = mapped_column(String(4), default="镇级")  # 公开层级
    voided_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    void_reason: Mapped[str] = mapped_column(Text, default="")


class CatalogueLink(TimestampMixin, Base):
    """A piece of information (公文, posting, decision, village posting) that answers a catalogue item."""

    __tablename__ = "catalogue_links"
    __table_args__ = (
        UniqueConstraint("item_id", "source_kind", "source_id", name="item_source"),
        CheckConstraint("source_kind IN ('公文', '公开栏', '决策', '村务')", name="source_kind"),
        Index("ix_catalogue_links_source", "source_kind", "source_id"),
        Index("ix_catalogue_links_item_formed", *CHECK_READS),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("catalogue_items.id", ondelete="CASCADE"), index=True)
    source_kind: Mapped[str] = mapped_column(String(4))
    source_id: Mapped[int] = mapped_column(Integer)  # no FK: the sources live in different tables
    formed_on: Mapped[dt.date] = mapped_column(Date)  # 信息形成（变更）之日: the clock starts here
    due_override: Mapped[dt.date | None] = mapped_column(Date, default=None)  # for 「需人工确定」 items
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(64), default="")


class CataloguePublication(TimestampMixin, Base):
    """A publication on a channel the app cannot see itself (政务新媒体, 公开查阅点 …), with its evidence."""

    __tablename__ = "catalogue_publications"
    __table_args__ = (  # covering: the check's first day per link and channel (migration 0019)
        Index("ix_catalogue_publications_link_channel", "link_id", "channel", "published_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    link_id: Mapped[int] = mapped_column(ForeignKey("catalogue_links.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(30))
    published_on: Mapped[dt.date] = mapped_column(Date)
    evidence: Mapped[str] = mapped_column(Text, default="")  # 网址, 说明
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id"), default=None)  # 截图
    recorded_by: Mapped[str] = mapped_column(String(64), default="")


class Village(Base):
    """A 村 or 社区 of the town: a unit with its own 公示栏 (村（居）务公开)."""

    __tablename__ = "villages"
    __table_args__ = (CheckConstraint("kind IN ('村', '社区')", name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    kind: Mapped[str] = mapped_column(String(2), default="村")
    board_id: Mapped[int | None] = mapped_column(ForeignKey("board_locations.id"), default=None)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class VillagePosting(TimestampMixin, Base):
    """One village's posting of a 村级 item for one period (「2026Q1」, 「2026-03」, 「2026」), as checked."""

    __tablename__ = "village_postings"
    __table_args__ = (
        UniqueConstraint("item_id", "village_id", "period", name="item_village_period"),
        Index("ix_village_postings_period", "period"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("catalogue_items.id", ondelete="CASCADE"), index=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    period: Mapped[str] = mapped_column(String(10))
    posted_on: Mapped[dt.date] = mapped_column(Date)
    photo_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id"), default=None)
    checked_by: Mapped[str] = mapped_column(String(50), default="")  # who saw it on the board
    note: Mapped[str] = mapped_column(Text, default="")
