"""工作要点 task ledger (issue 11): 科室, unit→科室 mapping, plans, items, tasks, notes and evidence."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TimestampMixin

TASK_STATUSES = ("未开始", "进行中", "已完成", "不适用")
EVIDENCE_KINDS = ("公文", "公开栏张贴", "决策事项", "上传文件", "网址", "其他")


class OfficeSection(Base):
    """One of the office's own 科室 (党政办公室, 经济发展办公室 …); other features may use it too."""

    __tablename__ = "office_sections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class UnitMapping(Base):
    """A unit name as plans write it (「预算科」「各相关科室单位」) and the 科室 the clerk chose for it."""

    __tablename__ = "unit_mappings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_name: Mapped[str] = mapped_column(String(100), unique=True)
    section_id: Mapped[int | None] = mapped_column(ForeignKey("office_sections.id"), default=None)


class WorkPlan(TimestampMixin, Base):
    __tablename__ = "work_plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    title: Mapped[str] = mapped_column(String(200))
    source_name: Mapped[str] = mapped_column(String(255), default="")
    preamble: Mapped[str] = mapped_column(Text, default="")


class WorkPlanItem(Base):
    """A numbered item of the plan, any level; `is_task` for the lowest-level items."""

    __tablename__ = "work_plan_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("work_plans.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("work_plan_items.id", ondelete="CASCADE"), default=None
    )
    position: Mapped[str] = mapped_column(String(40))  # e.g. 2.1.3
    sort_order: Mapped[int] = mapped_column(Integer)
    level: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    is_task: Mapped[bool] = mapped_column(Boolean, default=False)


class WorkTask(TimestampMixin, Base):
    """One dated instance of a task item (a quarterly item has four)."""

    __tablename__ = "work_tasks"
    __table_args__ = (
        CheckConstraint("status IN ('未开始', '进行中', '已完成', '不适用')", name="status"),
        Index("ix_work_tasks_year_status_due", "year", "status", "due"),
        # The list's sort orders within a year (0020).
        Index("ix_work_tasks_year_id", "year", "id"),
        Index("ix_work_tasks_year_title", "year", "title", "id"),
        Index("ix_work_tasks_year_due_id", "year", "due", "id"),
        # 状态 and 科室 are read range by range (one status or 科室 after another), 单位 directly (0021).
        Index("ix_work_tasks_year_status_id", "year", "status", "id"),
        Index("ix_work_tasks_year_section", "year", "section_id", "id"),
        Index("ix_work_tasks_year_units", "year", "lead_units", "responsible_units", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("work_plans.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("work_plan_items.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    sort_order: Mapped[int] = mapped_column(Integer)
    instance: Mapped[int] = mapped_column(Integer, default=1)
    instance_count: Mapped[int] = mapped_column(Integer, default=1)
    heading_path: Mapped[str] = mapped_column(Text, default="")  # 「二、… › （一）…」
    title: Mapped[str] = mapped_column(String(200))
    due: Mapped[dt.date | None] = mapped_column(Date, default=None)
    due_text: Mapped[str] = mapped_column(String(100), default="")
    frequency: Mapped[str] = mapped_column(String(50), default="")
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    review_note: Mapped[str] = mapped_column(Text, default="")
    lead_units: Mapped[str] = mapped_column(Text, default="")  # 、-separated as written in the plan
    responsible_units: Mapped[str] = mapped_column(Text, default="")
    cooperating_units: Mapped[str] = mapped_column(Text, default="")
    section_id: Mapped[int | None] = mapped_column(ForeignKey("office_sections.id"), default=None, index=True)
    assignee: Mapped[str] = mapped_column(String(50), default="")
    status: Mapped[str] = mapped_column(String(10), default="未开始")
    completed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)


class WorkTaskNote(Base):
    __tablename__ = "work_task_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("work_tasks.id", ondelete="CASCADE"), index=True)
    day: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(64))


class WorkTaskEvidence(Base):
    """Proof a task was done: a registered 公文, a posting, a decision item (by number), a file or a URL."""

    __tablename__ = "work_task_evidence"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('公文', '公开栏张贴', '决策事项', '上传文件', '网址', '其他')", name="kind"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("work_tasks.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    reference: Mapped[str] = mapped_column(String(300))  # 文号 / title / URL / file name
    ref_id: Mapped[int | None] = mapped_column(Integer, default=None)  # id in another feature's table, no FK
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id"), default=None)
    day: Mapped[dt.date] = mapped_column(Date)
    author: Mapped[str] = mapped_column(String(64))
