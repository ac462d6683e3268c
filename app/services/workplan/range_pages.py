"""Which tasks are on one page of the list, read over indexes only (issue 24).

Some task orders are not one index order: undated tasks last whichever way (到期日), tasks without a
牵头单位 after the others (单位), the fixed 状态 order, the office's own 科室 order. Each is a few index
ranges read one after another — the dated tasks by due date, then the undated ones by id; the 未开始 ones
by id, then the 进行中 ones… A page counts the ranges before it (each a seek and a count over its index)
and reads its ids with an OFFSET into the range it starts in. Sorting the whole year instead cost
0.3–0.6 s at 200,000 tasks. Only ids are read here, so every OFFSET walks an index, never the table; the
caller reads the page's 200 rows by id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select, true
from sqlalchemy.orm import Session

from app.models.workplan import TASK_STATUSES, OfficeSection, WorkTask


@dataclass(frozen=True)
class Range:
    """Tasks matching `condition`, ordered by `keys` (the id last); each is one index range."""

    condition: ColumnElement[bool]
    keys: tuple[Any, ...]


def list_ranges(session: Session, sort: str, descending: bool) -> list[Range]:
    """The ranges of the list sorted by `sort` (a TaskSort value), in the list's order for `descending`."""
    if sort == "due":  # undated last whichever way
        return [Range(WorkTask.due.is_not(None), (WorkTask.due, WorkTask.id)), _by_id(WorkTask.due.is_(None))]
    if sort == "units":  # by 牵头单位; then tasks with only a 责任单位, by it; those with neither last
        unled, unnamed = WorkTask.lead_units == "", WorkTask.responsible_units == ""
        return [
            Range(WorkTask.lead_units != "", (WorkTask.lead_units, WorkTask.responsible_units, WorkTask.id)),
            Range(and_(unled, WorkTask.responsible_units != ""), (WorkTask.responsible_units, WorkTask.id)),
            _by_id(and_(unled, unnamed)),
        ]
    if sort == "status":  # 未开始 → 进行中 → 已完成 → 不适用
        ranges = [_by_id(WorkTask.status == name) for name in TASK_STATUSES]
        return ranges[::-1] if descending else ranges
    if sort == "section":  # the office's 科室 order (科室 sharing a place read together), unassigned last
        groups: dict[int, list[int]] = {}
        for section_id, place in session.execute(select(OfficeSection.id, OfficeSection.sort_order)):
            groups.setdefault(place, []).append(section_id)
        ranges = [_by_id(WorkTask.section_id.in_(ids)) for _place, ids in sorted(groups.items())]
        return [*(ranges[::-1] if descending else ranges), _by_id(WorkTask.section_id.is_(None))]
    keys = (WorkTask.title,) if sort == "title" else ()
    return [Range(true(), (*keys, WorkTask.id))]  # the plan's order is the id's


def _by_id(condition: ColumnElement[bool]) -> Range:
    return Range(condition, (WorkTask.id,))


def page_ids(
    session: Session,
    where: Sequence[ColumnElement[bool]],
    ranges: Sequence[Range],
    page: tuple[bool, bool, int, int],
) -> list[int]:
    """Ids of one page of `ranges` (already in ascending list order, fixed ranges such as the undated last);
    `page` is (descending, from_end, offset, limit). From the end the ids come back read backwards (the
    caller turns them round)."""
    descending, from_end, offset, limit = page
    ordered = list(reversed(ranges)) if from_end else list(ranges)
    backwards = descending != from_end
    start, skip = 0, max(offset, 0)
    while skip > 0 and start < len(ordered) - 1:
        counted = select(func.count()).select_from(WorkTask).where(*where, ordered[start].condition)
        size = int(session.scalar(counted) or 0)
        if skip < size:
            break
        skip -= size
        start += 1
    ids: list[int] = []
    for part in ordered[start:]:
        order = [key.desc() if backwards else key.asc() for key in part.keys]
        query = select(WorkTask.id).where(*where, part.condition).order_by(*order)
        ids += session.scalars(query.offset(skip).limit(limit - len(ids)))
        skip = 0
        if len(ids) >= limit:
            break
    return ids
