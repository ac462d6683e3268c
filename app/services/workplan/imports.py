"""Importing a 工作要点: the preview (units → 科室 suggestions) and the rows one import writes.

Split out of `workplan.py`; `WorkplanService.preview_text` / `import_plan` call these in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.workplan import OfficeSection, UnitMapping, WorkPlan, WorkPlanItem, WorkTask
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.permissions import Actor
from app.services.workplan.parser import ParsedPlan, PlanItem
from app.services.workplan.terms import UnitRole, units_by_role

MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True)
class TaskEdits:
    """What the clerk corrected in the preview, by task key; a key that is absent keeps the parsed value.

    `dues`: the due date of a once-only task (None = 待定). `sections`: the 科室 of every instance of the
    task (None = no 科室), instead of the one its 牵头/责任 unit maps to.
    """

    dues: Mapping[str, date | None] = field(default_factory=dict)
    sections: Mapping[str, str | None] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(set(self.dues) | set(self.sections))


NO_EDITS = TaskEdits()


@dataclass(frozen=True)
class UnitSuggestion:
    unit: str  # as written in the plan
    section: str | None  # the 科室 it maps to; None = no 科室 (上级部门, 各科室 …)
    remembered: bool  # chosen by the clerk before (else guessed from the name)
    tasks: int  # how many task items name it


@dataclass(frozen=True)
class ImportPreview:
    plan: ParsedPlan
    units: tuple[UnitSuggestion, ...]
    task_items: int
    instances: int
    undated: int
    source_name: str


@dataclass(frozen=True)
class ImportResult:
    plan_id: int
    year: int
    title: str
    task_items: int
    instances: int
    undated: int


def check_year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UserFacingError(f"年份「{year}」不正确，请填写 {MIN_YEAR}～{MAX_YEAR} 之间的年份。")
    return year


def suggest(unit: str, sections: list[str], remembered: dict[str, str | None]) -> tuple[str | None, bool]:
    """The clerk's earlier choice, else the one 科室 whose name equals or contains the unit's."""
    if unit in remembered:
        return remembered[unit], True
    if unit in sections:
        return unit, False
    matches = [name for name in sections if unit in name or name in unit]
    return (matches[0], False) if len(matches) == 1 else (None, False)


def task_units(item: PlanItem) -> dict[UnitRole, list[str]]:
    return units_by_role(item.units)


def write_mapping(session: Session, actor: Actor, choices: dict[str, str | None]) -> None:
    sections = {row.name: row.id for row in session.scalars(select(OfficeSection))}
    existing = {row.unit_name: row for row in session.scalars(select(UnitMapping))}
    names = {row.id: row.name for row in session.scalars(select(OfficeSection))}
    changes: audit.Changes = {}
    for unit, section in choices.items():
        unit_name = unit.strip()[:100]
        if not unit_name:
            continue
        if section is not None and section not in sections:
            raise UserFacingError(f"没有名为「{section}」的科室，请先在科室列表中添加。")
        row = existing.get(unit_name)
        old = names.get(row.section_id) if row and row.section_id else None
        new_id = sections[section] if section else None
        if row is None:
            session.add(UnitMapping(unit_name=unit_name, section_id=new_id))
            changes[unit_name] = (None, section or "（不对应科室）")
        elif row.section_id != new_id:
            row.section_id = new_id
            changes[unit_name] = (old or "（不对应科室）", section or "（不对应科室）")
    if changes:
        audit.record(session, actor, Action.UPDATE, "单位对应科室", "", changes)


def add_item(
    session: Session,
    plan: WorkPlan,
    item: PlanItem,
    parent_id: int | None,
    decided: dict[str, str | None],
    section_ids: dict[str, int],
    excluded: frozenset[str],
    counter: dict[str, int],
    edits: TaskEdits = NO_EDITS,
) -> None:
    is_task = item.is_task and item.key not in excluded
    row = WorkPlanItem(
        plan_id=plan.id,
        parent_id=parent_id,
        position=item.key,
        sort_order=counter["items"],
        level=item.level,
        label=item.label,
        title=item.title[:200],
        text=item.text,
        is_task=is_task,
    )
    counter["items"] += 1
    session.add(row)
    session.flush()
    if is_task:
        counter["tasks"] += 1
        add_tasks(session, plan, item, row.id, decided, section_ids, counter, edits)
    for child in item.children:
        add_item(session, plan, child, row.id, decided, section_ids, excluded, counter, edits)


def add_tasks(
    session: Session,
    plan: WorkPlan,
    item: PlanItem,
    item_id: int,
    decided: dict[str, str | None],
    section_ids: dict[str, int],
    counter: dict[str, int],
    edits: TaskEdits = NO_EDITS,
) -> None:
    units = task_units(item)
    owner = next(
        (
            decided.get(name)
            for name in units[UnitRole.LEAD] + units[UnitRole.RESPONSIBLE]
            if decided.get(name)
        ),
        None,
    )
    if item.key in edits.sections:
        owner = edits.sections[item.key]
    schedule = item.schedule
    dues, needs_review = schedule.dues, schedule.needs_review
    if item.key in edits.dues:  # the clerk read the text and decided: no longer 待定
        dues = (edits.dues[item.key],)
        needs_review = dues[0] is None
    for number, due in enumerate(dues, start=1):
        counter["instances"] += 1
        counter["undated"] += due is None
        session.add(
            WorkTask(
                plan_id=plan.id,
                item_id=item_id,
                year=plan.year,
                sort_order=counter["instances"],
                instance=number,
                instance_count=len(dues),
                heading_path=" › ".join(item.path),
                title=item.heading[:200],
                due=due,
                due_text=schedule.due_text[:100],
                frequency=schedule.frequency[:50],
                needs_review=needs_review,
                review_note="\n".join(schedule.notes),
                lead_units="、".join(units[UnitRole.LEAD]),
                responsible_units="、".join(units[UnitRole.RESPONSIBLE]),
                cooperating_units="、".join(units[UnitRole.COOPERATE]),
                section_id=section_ids.get(owner) if owner else None,
                status="未开始",
            )
        )


def check_edits(preview: ImportPreview, edits: TaskEdits, sections: list[str]) -> None:
    """Refuse an edit the import could not apply, before anything is written."""
    tasks = {item.key: item for item in preview.plan.tasks()}
    for key, due in edits.dues.items():
        item = tasks.get(key)
        if item is None:
            raise UserFacingError("要修改到期日的条目不在这次解析的结果中，请重新解析后再改。")
        if len(item.schedule.dues) > 1:
            raise UserFacingError(
                f"「{item.heading[:30]}」要完成 {len(item.schedule.dues)} 次，"
                "请保存后在台账中逐次修改到期日。"
            )
        if due is not None and not MIN_YEAR <= due.year <= MAX_YEAR:
            raise UserFacingError(f"「{item.heading[:30]}」的到期日 {due.isoformat()} 不正确，请重新选择。")
    for key, section in edits.sections.items():
        if key not in tasks:
            raise UserFacingError("要指定科室的条目不在这次解析的结果中，请重新解析后再改。")
        if section is not None and section not in sections:
            raise UserFacingError(f"没有名为「{section}」的科室，请先在科室列表中添加。")
