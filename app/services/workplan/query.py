"""The read side of the 工作要点 ledger: filtered, paged task lists and one task's detail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import ColumnElement, ScalarSelect, Select, and_, case, func, or_, select
from sqlalchemy.orm import aliased

from app.errors import UserFacingError
from app.models.attachment import Attachment
from app.models.workplan import (
    OfficeSection,
    WorkPlan,
    WorkPlanItem,
    WorkTask,
    WorkTaskEvidence,
    WorkTaskNote,
)
from app.services.common import SessionFactory
from app.services.workplan.range_pages import list_ranges, page_ids

OPEN_STATUSES = ("未开始", "进行中")
UNASSIGNED = -1  # TaskFilter.section_id meaning 「未分配科室」
MAX_QUERY = 100


class TaskSort(StrEnum):
    PLAN = "plan"  # the plan's own order (tasks are stored in it)
    DUE = "due"  # undated ones last either way
    STATUS = "status"  # 未开始 → 进行中 → 已完成 → 不适用
    SECTION = "section"  # the office's 科室 order, unassigned last
    TITLE = "title"
    UNITS = "units"  # 牵头单位; then tasks with only a 责任单位, by it; those with neither last


@dataclass(frozen=True)
class TaskFilter:
    year: int
    status: str | None = None
    section_id: int | None = None  # UNASSIGNED for tasks without a 科室
    overdue_on: date | None = None  # only open tasks due before this day
    needs_review: bool = False
    text: str | None = None  # in the title, heading or full text, taken literally
    sort: TaskSort = TaskSort.PLAN
    descending: bool = False
    next_on: date | None = None  # a recurring task shows only its next occurrence from this day on


@dataclass(frozen=True)
class TaskRow:
    id: int
    plan_id: int
    heading_path: str
    title: str
    instance: int
    instance_count: int
    due: date | None
    status: str
    section: str | None
    units: str  # 牵头/负责 units as written in the plan
    needs_review: bool
    year: int = 0  # the plan's year

    @property
    def instance_label(self) -> str:
        return f"第{self.instance}/{self.instance_count}次" if self.instance_count > 1 else ""


@dataclass(frozen=True)
class NoteInfo:
    day: date
    text: str
    author: str


@dataclass(frozen=True)
class EvidenceInfo:
    id: int
    kind: str
    reference: str
    day: date
    author: str
    sha256: str | None  # set for an uploaded file
    ref_id: int | None = None  # the linked 公文 / 张贴 / 决策事项 when picked from its register


@dataclass(frozen=True)
class TaskDetail:
    row: TaskRow
    text: str  # the item's full text
    plan_title: str
    lead_units: str
    responsible_units: str
    cooperating_units: str
    due_text: str
    frequency: str
    review_note: str
    assignee: str
    completed_on: date | None
    notes: tuple[NoteInfo, ...]
    evidence: tuple[EvidenceInfo, ...]


@dataclass(frozen=True)
class PlanInfo:
    id: int
    year: int
    title: str
    source_name: str
    tasks: int


def like_pattern(text: str) -> str:
    """The clerk's words taken literally: % and _ are escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _row(task: WorkTask, section: str | None) -> TaskRow:
    units = task.lead_units or task.responsible_units
    return TaskRow(
        task.id,
        task.plan_id,
        task.heading_path,
        task.title,
        task.instance,
        task.instance_count,
        task.due,
        task.status,
        section,
        units,
        task.needs_review,
        task.year,
    )


def next_occurrence(day: date) -> ScalarSelect[int]:
    """The one instance of WorkTask's item that stands for a recurring task (「每月…」「每季度…」) on `day`:
    the first open one due on or after it; when none is, the latest open one (overdue or undated);
    when all are done, the last one. Correlated to the outer WorkTask row."""
    other = aliased(WorkTask)
    still_open = other.status.in_(OPEN_STATUSES)
    upcoming = and_(still_open, other.due.is_not(None), other.due >= day)
    rank = case((upcoming, 0), (still_open, 1), else_=2)
    order = case((upcoming, other.instance), else_=-other.instance)
    return (
        select(other.id)
        .where(other.item_id == WorkTask.item_id)
        .order_by(rank, order, other.id)
        .limit(1)
        .correlate(WorkTask)
        .scalar_subquery()
    )


class WorkplanQueries:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    def sections(self) -> list[str]:
        with self._sessions() as session:
            query = select(OfficeSection.name).where(OfficeSection.active).order_by(OfficeSection.sort_order)
            return list(session.scalars(query))

    def section_ids(self) -> dict[str, int]:
        with self._sessions() as session:
            query = select(OfficeSection.name, OfficeSection.id).where(OfficeSection.active)
            return {name: id_ for name, id_ in session.execute(query.order_by(OfficeSection.sort_order))}

    def years(self) -> list[int]:
        with self._sessions() as session:
            return list(session.scalars(select(WorkPlan.year).distinct().order_by(WorkPlan.year.desc())))

    def plans(self, year: int) -> list[PlanInfo]:
        with self._sessions() as session:
            counts = select(WorkTask.plan_id, func.count().label("n")).group_by(WorkTask.plan_id).subquery()
            rows = session.execute(
                select(WorkPlan, func.coalesce(counts.c.n, 0))
                .outerjoin(counts, counts.c.plan_id == WorkPlan.id)
                .where(WorkPlan.year == year)
                .order_by(WorkPlan.id)
            )
            return [PlanInfo(p.id, p.year, p.title, p.source_name, n) for p, n in rows]

    def _where(self, flt: TaskFilter) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = [WorkTask.year == flt.year]
        if flt.status:
            conditions.append(WorkTask.status == flt.status)
        if flt.section_id == UNASSIGNED:
            conditions.append(WorkTask.section_id.is_(None))
        elif flt.section_id is not None:
            conditions.append(WorkTask.section_id == flt.section_id)
        if flt.overdue_on is not None:
            conditions += [WorkTask.due < flt.overdue_on, WorkTask.status.in_(OPEN_STATUSES)]
        if flt.needs_review:
            conditions.append(WorkTask.needs_review.is_(True))
        if flt.next_on is not None:
            conditions.append(or_(WorkTask.instance_count <= 1, WorkTask.id == next_occurrence(flt.next_on)))
        if flt.text:
            if len(flt.text) > MAX_QUERY:
                raise UserFacingError(f"查找的文字太长，请控制在 {MAX_QUERY} 个字以内。")
            pattern = like_pattern(flt.text)
            conditions.append(
                or_(
                    WorkTask.title.like(pattern, escape="\\"),
                    WorkTask.heading_path.like(pattern, escape="\\"),
                    WorkTask.lead_units.like(pattern, escape="\\"),
                    WorkTask.responsible_units.like(pattern, escape="\\"),
                )
            )
        return conditions

    def count_tasks(self, flt: TaskFilter) -> int:
        with self._sessions() as session:
            return session.scalar(select(func.count()).select_from(WorkTask).where(*self._where(flt))) or 0

    def _select(self) -> Select[WorkTask, str]:
        return select(WorkTask, OfficeSection.name).outerjoin(
            OfficeSection, WorkTask.section_id == OfficeSection.id
        )

    def page_tasks(self, flt: TaskFilter, offset: int, limit: int, from_end: bool = False) -> list[TaskRow]:
        """In `flt.sort` order, sorted over indexes (range_pages); the id breaks ties so pages never overlap.
        With `from_end` the offset counts back from the last row. Only the page's ids walk the OFFSET;
        its 200 rows are then read by id."""
        with self._sessions() as session:
            ranges = list_ranges(session, flt.sort.value, flt.descending)
            ids = page_ids(session, self._where(flt), ranges, (flt.descending, from_end, offset, limit))
            found = session.execute(self._select().where(WorkTask.id.in_(ids)))
            rows = {task.id: _row(task, section) for task, section in found}
        ordered = [rows[task_id] for task_id in ids if task_id in rows]
        return ordered[::-1] if from_end else ordered

    def all_tasks(self, year: int) -> list[TaskRow]:
        """A year's tasks for reports (hundreds, not 100,000: one office's plans)."""
        with self._sessions() as session:
            query = self._select().where(WorkTask.year == year).order_by(WorkTask.id)
            return [_row(task, section) for task, section in session.execute(query)]

    def task_detail(self, task_id: int) -> TaskDetail:
        with self._sessions() as session:
            found = session.execute(self._select().where(WorkTask.id == task_id)).first()
            if found is None:
                raise UserFacingError("这项任务已被删除，请刷新列表后再试。")
            task, section = found
            item = session.get(WorkPlanItem, task.item_id)
            plan = session.get(WorkPlan, task.plan_id)
            notes = session.scalars(
                select(WorkTaskNote)
                .where(WorkTaskNote.task_id == task_id)
                .order_by(WorkTaskNote.day, WorkTaskNote.id)
            )
            evidence = session.execute(
                select(WorkTaskEvidence, Attachment.sha256)
                .outerjoin(Attachment, WorkTaskEvidence.attachment_id == Attachment.id)
                .where(WorkTaskEvidence.task_id == task_id)
                .order_by(WorkTaskEvidence.id)
            )
            return TaskDetail(
                _row(task, section),
                item.text if item else "",
                plan.title if plan else "",
                task.lead_units,
                task.responsible_units,
                task.cooperating_units,
                task.due_text,
                task.frequency,
                task.review_note,
                task.assignee,
                task.completed_on,
                tuple(NoteInfo(n.day, n.text, n.author) for n in notes),
                tuple(
                    EvidenceInfo(e.id, e.kind, e.reference, e.day, e.author, sha, e.ref_id)
                    for e, sha in evidence
                ),
            )
