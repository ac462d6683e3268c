"""公文登记 (documents, attachments links, 政策解读), 主题分类/体裁分类 and the 保密审查单 (issue 5)."""

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
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TimestampMixin
from app.models.versioning import VersionedMixin

ACTIVE = sql_text("voided_at IS NULL")  # the register lists only documents not voided
VOIDED = sql_text("voided_at IS NOT NULL")


class Document(VersionedMixin, TimestampMixin, Base):
    """One registered 公文 (or other government information item) of the office."""

    __tablename__ = "documents"
    __table_args__ = (
        CheckConstraint("disclosure IN ('主动公开', '依申请公开', '不予公开')", name="disclosure"),
        CheckConstraint("validity IN ('有效', '废止', '失效')", name="validity"),
        # The register's sort orders over the active (not voided) documents: one indexed read a page (0020).
        # Only sqlite_where here: postgresql_where would load the PostgreSQL dialect at every start;
        # migrations 0020 and 0021 give PostgreSQL the same partial indexes.
        # voided_at last: SQLite reads a partial index alone only when it holds every column named (0021).
        Index("ix_documents_list_id", "id", "voided_at", sqlite_where=ACTIVE),
        *(
            Index(f"ix_documents_list_{column}", column, "id", "voided_at", sqlite_where=ACTIVE)
            for column in ("index_no", "doc_number", "title", "written_on", "published_at")
        ),
        Index("ix_documents_updated_at", "updated_at"),
        # Only the few voided ones: a full index on voided_at lured SQLite's planner away from the above.
        Index("ix_documents_voided", "voided_at", sqlite_where=VOIDED),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    index_no: Mapped[str] = mapped_column(String(64), unique=True)  # 索引号: issued once, never changed
    doc_number: Mapped[str] = mapped_column(String(60), index=True, default="")  # 文号, may be empty
    title: Mapped[str] = mapped_column(String(500))
    publisher: Mapped[str] = mapped_column(String(100))  # 发布机构
    issuer: Mapped[str] = mapped_column(String(100), default="", server_default="")  # 发文机关 (红头)
    addressee: Mapped[str] = mapped_column(String(300), default="", server_default="")  # 主送机关
    written_on: Mapped[dt.date | None] = mapped_column(Date, index=True)  # 成文日期
    changed_on: Mapped[dt.date | None] = mapped_column(Date)  # 变更日期 (restarts the art. 26 clock)
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)  # 公开时间
    disclosure: Mapped[str] = mapped_column(String(10), index=True)  # 公开属性
    withhold_reason: Mapped[str] = mapped_column(Text, default="")  # 不公开理由
    withhold_basis: Mapped[str] = mapped_column(String(20), default="")  # 条例 14 / 15 / 16¶1 / 16¶2
    topic: Mapped[str] = mapped_column(String(100), default="")  # 主题分类 「大类\小类」
    genre: Mapped[str] = mapped_column(String(20), default="")  # 体裁分类
    normative: Mapped[bool] = mapped_column(Boolean, default=False)  # 行政规范性文件
    validity: Mapped[str] = mapped_column(String(4), default="有效")
    validity_date: Mapped[dt.date | None] = mapped_column(Date)  # 废止/失效日期
    channels: Mapped[str] = mapped_column(String(200), default="")  # 公开方式, 、-separated
    interprets_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )  # this record is the 政策解读 of that document
    publish_limit_days: Mapped[int | None] = mapped_column(Integer)  # per-item 公开时限 (working days)
    next_review_on: Mapped[dt.date | None] = mapped_column(Date)  # periodic review (条例 art. 18)
    history_note: Mapped[str] = mapped_column(String(300), default="")  # 「历史公开（线下审查）」 evidence
    # A publication from before the app (reviewed on paper), imported by 管理员: what it covered, so an
    # edit after the import puts the document back to 待审查 (issue 19). Empty for everything else.
    history_fingerprint: Mapped[str] = mapped_column(String(64), default="")
    history_content: Mapped[str] = mapped_column(Text, default="")
    # When it last stopped being 主动公开: reviews approved before then no longer clear it (issue 19, G4).
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    # 作废 (issue 21): a wrong registration others depend on; it leaves the lists, the 年报 and exports.
    voided_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)  # indexed: VOIDED
    void_reason: Mapped[str] = mapped_column(Text, default="")


class DocumentPublication(Base):
    """One publication of a document (issue 21): a correction after publishing ends it, with the reason;
    the corrected version, once reviewed again, is a new row. `Document.published_at` keeps the first."""

    __tablename__ = "document_publications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    published_at: Mapped[dt.datetime] = mapped_column(DateTime)
    channels: Mapped[str] = mapped_column(String(200), default="")
    sheet_number: Mapped[str] = mapped_column(String(40), default="")  # the 保密审查单 that cleared it
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    end_reason: Mapped[str] = mapped_column(Text, default="")


class DocumentFile(Base):
    """An attachment of a document, with the text extracted for search."""

    __tablename__ = "document_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachments.id"))
    text: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class IndexCounter(Base):
    """Next 索引号 sequence per scope (e.g. 「机构代码/2025」); only ever incremented."""

    __tablename__ = "index_counters"

    scope: Mapped[str] = mapped_column(String(100), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class TaxonomyTerm(Base):
    """主题分类 (two levels) and 体裁分类 values: seeded once, editable by the office."""

    __tablename__ = "taxonomy_terms"
    __table_args__ = (
        CheckConstraint("kind IN ('主题', '体裁')", name="kind"),
        UniqueConstraint("kind", "parent_id", "name", name="uq_taxonomy_terms_kind_parent_name"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(4))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("taxonomy_terms.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(60))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ReviewSheet(VersionedMixin, TimestampMixin, Base):
    """保密审查单: one per item to be published (一事一审)."""

    __tablename__ = "review_sheets"
    __table_args__ = (CheckConstraint("status IN ('草稿', '审查中', '已通过', '未通过')", name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)  # 审查单编号
    item_kind: Mapped[str] = mapped_column(String(30), index=True)  # document / posting / …
    item_id: Mapped[int] = mapped_column(Integer, index=True)  # no FK: items live in several tables
    item_title: Mapped[str] = mapped_column(String(500))
    doc_number: Mapped[str] = mapped_column(String(60), default="")
    unit: Mapped[str] = mapped_column(String(100), default="")  # 拟公开单位/承办科室
    carrier: Mapped[str] = mapped_column(String(10), default="公文类")  # 载体形式
    disclosure: Mapped[str] = mapped_column(String(10), default="主动公开")
    withhold_reason: Mapped[str] = mapped_column(Text, default="")
    channels: Mapped[str] = mapped_column(String(200), default="")  # 拟公开方式
    planned_on: Mapped[dt.date | None] = mapped_column(Date)  # 拟公开时间
    filled_on: Mapped[dt.date] = mapped_column(Date)  # 填表日期
    checks_json: Mapped[str] = mapped_column(Text, default="{}")  # 审查要点: name → 是/否; absent: unanswered
    check_notes_json: Mapped[str] = mapped_column(Text, default="{}")  # 审查要点 answered 是: name → note
    steps: Mapped[str] = mapped_column(String(200))  # the sign-off chain when the sheet was made, 、-sep.
    status: Mapped[str] = mapped_column(String(6), index=True, default="草稿")
    conclusion: Mapped[str] = mapped_column(String(20), default="")
    approved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    # What was reviewed (issue 19): the item's content when the sheet was made, as canonical JSON, and its
    # SHA-256. The gate clears the item only while its current content has this fingerprint.
    content_fingerprint: Mapped[str] = mapped_column(String(64), default="")
    content_json: Mapped[str] = mapped_column(Text, default="")


class ReviewSignoff(Base):
    """One step of a sheet's chain: opinion, signer and time, signed in the app or recorded from paper."""

    __tablename__ = "review_signoffs"
    __table_args__ = (
        UniqueConstraint("sheet_id", "step_no", name="uq_review_signoffs_sheet_step"),
        CheckConstraint("source IN ('系统内', '纸质')", name="source"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("review_sheets.id", ondelete="CASCADE"), index=True)
    step_no: Mapped[int] = mapped_column(Integer)
    step: Mapped[str] = mapped_column(String(20))
    agreed: Mapped[bool] = mapped_column(Boolean)
    opinion: Mapped[str] = mapped_column(Text, default="")
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    signer_name: Mapped[str] = mapped_column(String(50))  # the real signer, also for a paper step
    signed_at: Mapped[dt.datetime] = mapped_column(DateTime)  # when the step took effect in the app
    source: Mapped[str] = mapped_column(String(6), default="系统内")  # 系统内 / 纸质
    signer_role: Mapped[str] = mapped_column(String(50), default="")
    paper_signed_on: Mapped[dt.date | None] = mapped_column(Date)  # the date written on the paper sheet
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))  # the clerk, paper steps only
    recorded_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    scan_attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id"))
