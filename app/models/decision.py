"""重大行政决策事项目录 and each decision's procedure records (issue 10)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TimestampMixin
from app.models.versioning import VersionedMixin


class Stage(StrEnum):
    """The stages of a 重大行政决策 as `decision_stages.stage` stores them (RULES §4.2, 国务院令第713号)."""

    START = "决策启动"
    CONSULT = "公开征求意见"
    HEARING = "听证"
    EXPERT = "专家论证"
    RISK = "风险评估"
    LEGALITY = "合法性审查"
    MEETING = "集体讨论决定"
    PUBLISH = "决策公布"
    FEEDBACK = "意见采纳情况反馈"
    EXECUTION = "执行"
    EVALUATION = "决策后评估"


# 履行程序: DecisionItem's boolean columns and their labels, in the directory's order (令第713号 arts. 14–30).
PROCEDURE_LABELS: dict[str, str] = {
    "public_participation": "公众参与",
    "expert_review": "专家论证",
    "risk_assessment": "风险评估",
    "legality_review": "合法性审查",
    "collective_decision": "集体讨论决定",
    "hearing": "听证",
}


def procedures_text(flags: Mapping[str, bool]) -> str:
    """「公众参与、合法性审查、集体讨论决定」 for the procedures that are set; 「—」 for none."""
    return "、".join(label for key, label in PROCEDURE_LABELS.items() if flags.get(key)) or "—"


DIRECTORY_STATUSES = ("编制中", "已公布")
ITEM_STATUSES = ("有效", "已撤销")
ADJUSTMENT_KINDS = ("增补", "调整", "撤销")


class DecisionDirectory(TimestampMixin, Base):
    """One year's 重大行政决策事项目录 (国务院令第713号 art. 3 ¶3)."""

    __tablename__ = "decision_directories"
    __table_args__ = (CheckConstraint("status IN ('编制中', '已公布')", name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    status: Mapped[str] = mapped_column(String(10), default="编制中")
    published_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    doc_number: Mapped[str] = mapped_column(String(60), default="")  # the notice that published it


class DecisionItem(VersionedMixin, TimestampMixin, Base):
    """A catalogued decision; 履行程序 flags say which procedure stages it must go through."""

    __tablename__ = "decision_items"
    __table_args__ = (
        CheckConstraint("status IN ('有效', '已撤销')", name="status"),
        UniqueConstraint("directory_id", "seq", name="uq_decision_items_directory_seq"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    directory_id: Mapped[int] = mapped_column(ForeignKey("decision_directories.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(100))  # 决策主体
    undertaker: Mapped[str] = mapped_column(String(100))  # 承办单位
    basis: Mapped[str] = mapped_column(Text, default="")  # 法律政策依据
    public_participation: Mapped[bool] = mapped_column(Boolean, default=True)
    expert_review: Mapped[bool] = mapped_column(Boolean, default=False)
    risk_assessment: Mapped[bool] = mapped_column(Boolean, default=False)
    legality_review: Mapped[bool] = mapped_column(Boolean, default=True)
    collective_decision: Mapped[bool] = mapped_column(Boolean, default=True)
    hearing: Mapped[bool] = mapped_column(Boolean, default=False)
    planned_on: Mapped[dt.date] = mapped_column(Date)  # 计划完成时间
    status: Mapped[str] = mapped_column(String(10), default="有效")


class DecisionAdjustment(Base):
    """动态调整 of a published directory: 增补 / 调整 / 撤销, with date and reason (the history)."""

    __tablename__ = "decision_adjustments"
    __table_args__ = (CheckConstraint("kind IN ('增补', '调整', '撤销')", name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    directory_id: Mapped[int] = mapped_column(ForeignKey("decision_directories.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("decision_items.id"))
    kind: Mapped[str] = mapped_column(String(10))
    adjusted_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text, default="")  # what changed, e.g. 「计划完成时间：…→…」
    recorded_by: Mapped[str] = mapped_column(String(64))


class DecisionStage(TimestampMixin, Base):
    """One procedure stage of one item (RULES §4.2); which fields matter depends on the stage."""

    __tablename__ = "decision_stages"
    __table_args__ = (UniqueConstraint("item_id", "stage", name="uq_decision_stages_item_stage"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("decision_items.id"), index=True)
    stage: Mapped[str] = mapped_column(String(20))
    started_on: Mapped[dt.date | None] = mapped_column(Date, default=None)  # 征求意见开始 / 送审 / 材料送达
    done_on: Mapped[dt.date | None] = mapped_column(Date, default=None)  # the stage's own date
    channels: Mapped[str] = mapped_column(String(200), default="")
    people: Mapped[str] = mapped_column(Text, default="")
    opinions_received: Mapped[int | None] = mapped_column(Integer, default=None)
    opinions_adopted: Mapped[int | None] = mapped_column(Integer, default=None)
    not_adopted_reasons: Mapped[str] = mapped_column(Text, default="")
    exception_reason: Mapped[str] = mapped_column(Text, default="")  # why a statutory period was shorter
    result: Mapped[str] = mapped_column(Text, default="")
    dissent: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    document_id: Mapped[int | None] = mapped_column(Integer, default=None)  # 公文/政策解读 (issue 5), no FK
    recorded_by: Mapped[str] = mapped_column(String(64), default="")


class DecisionStageAttachment(Base):
    __tablename__ = "decision_stage_attachments"
    __table_args__ = (
        UniqueConstraint("stage_id", "attachment_id", name="uq_decision_stage_attachments_stage_attachment"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stage_id: Mapped[int] = mapped_column(ForeignKey("decision_stages.id"), index=True)
    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachments.id"))
