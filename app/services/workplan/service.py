"""工作要点台账: import a plan into a year's tasks, map units to 科室, track status, notes and evidence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.workplan import (
    EVIDENCE_KINDS,
    TASK_STATUSES,
    OfficeSection,
    UnitMapping,
    WorkPlan,
    WorkPlanItem,
    WorkTask,
    WorkTaskEvidence,
    WorkTaskNote,
)
from app.services.alerts import Alert
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.common import IsCancelled, Progress, SessionFactory, clock_for, never_cancelled, no_progress
from app.services.permissions import Actor, Perm, require
from app.services.storage.attachments import AttachmentStore
from app.services.workplan import report as workplan_report
from app.services.workplan.evidence import EvidenceCandidate, find_candidates, linked
from app.services.workplan.imports import (
    NO_EDITS,
    ImportPreview,
    ImportResult,
    TaskEdits,
    UnitSuggestion,
    add_item,
    check_edits,
    check_year,
    suggest,
    write_mapping,
)
from app.services.workplan.parser import detect_year, parse_plan, read_plan_file
from app.services.workplan.query import TaskDetail, WorkplanQueries

MAX_SECTION = 50
MAX_NOTE = 2000
MAX_REFERENCE = 300
MAX_ASSIGNEE = 50
PLAN_ENTITY, TASK_ENTITY = "工作要点", "工作要点任务"


@dataclass(frozen=True)
class TaskEdit:
    status: str
    due: date | None
    section: str | None
    assignee: str


class WorkplanService(WorkplanQueries):
    def __init__(self, sessions: SessionFactory, attachments: AttachmentStore) -> None:
        super().__init__(sessions)
        self._attachments, self._clock = attachments, clock_for(sessions)

    # ---- 科室 and the unit mapping ---------------------------------------------------------------

    def save_sections(self, actor: Actor, names: Iterable[str]) -> list[str]:
        """Replace the 科室 list (order kept); removed ones stay on old tasks but are hidden."""
        require(actor, Perm.REGISTER)
        clean = [name.strip() for name in names if name.strip()]
        if len(set(clean)) != len(clean):
            raise UserFacingError("科室名称有重复，请删除重复的名称后再保存。")
        if any(len(name) > MAX_SECTION for name in clean):
            raise UserFacingError(f"科室名称不超过 {MAX_SECTION} 个字。")
        with self._sessions.begin() as session:
            existing = {row.name: row for row in session.scalars(select(OfficeSection))}
            before = [r.name for r in sorted(existing.values(), key=lambda r: r.sort_order) if r.active]
            for row in existing.values():
                row.active = False
            for order, name in enumerate(clean):
                row = existing.get(name) or OfficeSection(name=name)
                row.active, row.sort_order = True, order
                session.add(row)
            if before != clean:
                changes = {"科室": ("、".join(before), "、".join(clean))}
                audit.record(session, actor, Action.UPDATE, "科室", "", changes)
        return clean

    def mapping(self) -> dict[str, str | None]:
        with self._sessions() as session:
            rows = session.execute(
                select(UnitMapping.unit_name, OfficeSection.name).outerjoin(
                    OfficeSection, UnitMapping.section_id == OfficeSection.id
                )
            )
            return {unit: section for unit, section in rows}

    def save_mapping(self, actor: Actor, choices: dict[str, str | None]) -> None:
        require(actor, Perm.REGISTER)
        with self._sessions.begin() as session:
            write_mapping(session, actor, choices)

    # ---- import ---------------------------------------------------------------------------------

    def preview_file(self, path: Path, year: int | None = None) -> ImportPreview:
        text = read_plan_file(path)
        return self.preview_text(text, year, path.name)

    def preview_text(
        self, text: str, year: int | None = None, source_name: str = "粘贴的文本"
    ) -> ImportPreview:
        plan_year = check_year(year if year is not None else detect_year(text) or self._clock.today().year)
        plan = parse_plan(text, plan_year)
        sections, remembered = self.sections(), self.mapping()
        counts: dict[str, int] = {}
        for item in plan.tasks():
            for name in dict.fromkeys(m.name for m in item.units):
                counts[name] = counts.get(name, 0) + 1
        units = tuple(
            UnitSuggestion(unit, *suggest(unit, sections, remembered), n) for unit, n in counts.items()
        )
        tasks = plan.tasks()
        return ImportPreview(
            plan,
            units,
            len(tasks),
            sum(len(item.schedule.dues) for item in tasks),
            sum(1 for item in tasks if item.schedule.needs_review),
            source_name[:255],
        )

    def import_plan(
        self,
        actor: Actor,
        preview: ImportPreview,
        choices: dict[str, str | None] | None = None,
        excluded: frozenset[str] = frozenset(),
        edits: TaskEdits = NO_EDITS,
    ) -> ImportResult:
        """Save the plan, its items and one task per instance, and remember the unit mapping — atomically."""
        require(actor, Perm.REGISTER)
        plan = preview.plan
        check_edits(preview, edits, self.sections())
        decided = {u.unit: u.section for u in preview.units} | (choices or {})
        with self._sessions.begin() as session:
            write_mapping(session, actor, decided)
            section_ids = {row.name: row.id for row in session.scalars(select(OfficeSection))}
            row = WorkPlan(year=plan.year, title=plan.title or "工作要点", source_name=preview.source_name)
            row.preamble = plan.preamble
            session.add(row)
            session.flush()
            counter = {"items": 0, "tasks": 0, "instances": 0, "undated": 0}
            for item in plan.items:
                add_item(session, row, item, None, decided, section_ids, excluded, counter, edits)
            audit.record(
                session,
                actor,
                Action.IMPORT,
                PLAN_ENTITY,
                row.id,
                year=plan.year,
                title=row.title,
                file=preview.source_name,
                count=counter["instances"],
                edited=len(edits),
            )
            return ImportResult(
                row.id, plan.year, row.title, counter["tasks"], counter["instances"], counter["undated"]
            )

    def delete_plan(self, actor: Actor, plan_id: int) -> None:
        require(actor, Perm.REGISTER)
        with self._sessions.begin() as session:
            row = session.get(WorkPlan, plan_id)
            if row is None:
                raise UserFacingError("这份工作要点已被删除，请刷新后再试。")
            audit.record(session, actor, Action.DELETE, PLAN_ENTITY, plan_id, year=row.year, title=row.title)
            for model in (WorkTask, WorkPlanItem):
                session.execute(delete(model).where(model.plan_id == plan_id))
            session.delete(row)

    # ---- the ledger -----------------------------------------------------------------------------

    def update_task(
        self, actor: Actor, task_id: int, edit: TaskEdit, today: date | None = None
    ) -> TaskDetail:
        require(actor, Perm.REGISTER)
        if edit.status not in TASK_STATUSES:
            raise UserFacingError(f"状态只能是{'、'.join(TASK_STATUSES)}之一。")
        if len(edit.assignee.strip()) > MAX_ASSIGNEE:
            raise UserFacingError(f"责任人不超过 {MAX_ASSIGNEE} 个字。")
        with self._sessions.begin() as session:
            task = _task(session, task_id)
            section_id = None
            if edit.section:
                section_id = session.scalar(
                    select(OfficeSection.id).where(OfficeSection.name == edit.section)
                )
                if section_id is None:
                    raise UserFacingError(f"没有名为「{edit.section}」的科室，请先在科室列表中添加。")
            before = _fields(session, task)
            if edit.status == "已完成" and task.status != "已完成":
                task.completed_on = today or self._clock.today()
            elif edit.status != "已完成":
                task.completed_on = None
            task.status, task.due, task.section_id = edit.status, edit.due, section_id
            task.assignee = edit.assignee.strip()
            if edit.due is not None or edit.status in ("已完成", "不适用"):
                task.needs_review = False  # nothing left for the clerk to decide about its date
            changes = audit.diff(before, _fields(session, task))
            if changes:
                action = Action.STATUS if set(changes) == {"状态", "完成日期"} else Action.UPDATE
                audit.record(session, actor, action, TASK_ENTITY, task_id, changes)
        return self.task_detail(task_id)

    def set_status(self, actor: Actor, task_id: int, status: str, today: date | None = None) -> TaskDetail:
        current = self.task_detail(task_id)
        edit = TaskEdit(status, current.row.due, current.row.section, current.assignee)
        return self.update_task(actor, task_id, edit, today)

    def add_note(self, actor: Actor, task_id: int, day: date, text: str) -> TaskDetail:
        require(actor, Perm.REGISTER)
        clean = text.strip()
        if not clean:
            raise UserFacingError("请填写进展情况，例如「已在政府网站发布年度报告」。")
        if len(clean) > MAX_NOTE:
            raise UserFacingError(f"进展情况太长（{len(clean)} 字），请控制在 {MAX_NOTE} 字以内。")
        with self._sessions.begin() as session:
            task = _task(session, task_id)
            session.add(WorkTaskNote(task_id=task.id, day=day, text=clean, author=actor.display_name))
            audit.record(session, actor, Action.CREATE, "工作要点进展", task_id, day=day, text=clean)
        return self.task_detail(task_id)

    def evidence_candidates(self, kind: str, text: str = "") -> list[EvidenceCandidate]:
        """公文 / 公开栏张贴 / 决策事项 to pick as evidence, newest first, matching `text`."""
        with self._sessions() as session:
            return find_candidates(session, kind, text)

    def add_evidence(
        self,
        actor: Actor,
        task_id: int,
        kind: str,
        reference: str,
        day: date,
        file: Path | None = None,
        ref_id: int | None = None,
    ) -> TaskDetail:
        """Link a 公文/张贴/决策 picked from its register (ref_id) or by number or title, a URL, or an
        uploaded file (kept in the data folder)."""
        require(actor, Perm.REGISTER)
        if kind not in EVIDENCE_KINDS:
            raise UserFacingError(f"佐证类型只能是{'、'.join(EVIDENCE_KINDS)}之一。")
        clean = reference.strip()
        if ref_id is not None:
            with self._sessions() as session:
                found = linked(session, kind, ref_id)  # still there, and of a kind that can be linked
            clean = clean or found.label[:MAX_REFERENCE]
        if file is None and not clean:
            raise UserFacingError("请填写佐证材料的文号、标题或网址，或选择一个文件。")
        if len(clean) > MAX_REFERENCE:
            raise UserFacingError(f"佐证说明不超过 {MAX_REFERENCE} 个字。")
        attachment_id = None
        if file is not None:
            info = self._attachments.add_file(file)
            attachment_id, clean = info.id, clean or info.original_name
        with self._sessions.begin() as session:
            task = _task(session, task_id)
            session.add(
                WorkTaskEvidence(
                    task_id=task.id,
                    kind=kind,
                    reference=clean,
                    attachment_id=attachment_id,
                    ref_id=ref_id,
                    day=day,
                    author=actor.display_name,
                )
            )
            audit.record(
                session,
                actor,
                Action.CREATE,
                "工作要点佐证",
                task_id,
                kind=kind,
                reference=clean,
                ref_id=ref_id,
            )
        return self.task_detail(task_id)

    def attachment_path(self, sha256: str) -> Path:
        return self._attachments.path_of(sha256)

    def alerts(self, today: date) -> list[Alert]:
        """Overdue and due-soon tasks, and undated ones, for the 工作台."""
        return workplan_report.task_alerts(self._sessions, today)

    def report_summary(self, year: int) -> str:
        """落实上级年度政务公开工作要点情况 for the annual report's 六、其他需要报告的事项."""
        return workplan_report.report_summary(self._sessions, self, year)

    def export_xlsx(
        self,
        actor: Actor,
        year: int,
        path: Path,
        progress: Progress = no_progress,
        is_cancelled: IsCancelled = never_cancelled,
    ) -> int:
        return workplan_report.export_xlsx(self._sessions, self, actor, year, path, progress, is_cancelled)

    def export_docx(
        self, actor: Actor, year: int, path: Path, office: str, today: date | None = None
    ) -> Path:
        return workplan_report.export_docx(
            self._sessions, self, actor, year, path, office, today or self._clock.today()
        )


def _task(session: Session, task_id: int) -> WorkTask:
    task = session.get(WorkTask, task_id)
    if task is None:
        raise UserFacingError("这项任务已被删除，请刷新列表后再试。")
    return task


def _fields(session: Session, task: WorkTask) -> dict[str, object]:
    section = session.get(OfficeSection, task.section_id) if task.section_id else None
    return {
        "状态": task.status,
        "完成日期": task.completed_on,
        "到期日": task.due,
        "科室": section.name if section else None,
        "责任人": task.assignee,
    }
