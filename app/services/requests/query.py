"""The 依申请公开 case list: filters, sort orders and one page of rows at a time (never every case)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, func, or_, select

from app.models.request import RequestCase
from app.services.requests.casefile.papers import cases_whose_papers_say
from app.services.requests.status import assumed_years
from app.services.requests.types import TIMED_STATUSES, CaseRow, CaseStatus

LIST_DESCRIPTION_CHARS = 80
DUE = ("即将到期", "已逾期")
SORTS = ("number", "received_on", "due_on", "applicant_name", "status", "department")


@dataclass(frozen=True)
class CaseFilter:
    status: str | None = None
    due: str | None = None  # 即将到期 / 已逾期
    year: int | None = None
    outcome: str | None = None  # a key (R3.3.1) or a group prefix (R3.3)
    applicant_type: str | None = None
    department: str | None = None
    text: str | None = None
    sort: str = "number"
    descending: bool = True


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def case_conditions(
    flt: CaseFilter, today: date, soon_cutoff: Callable[[date], date]
) -> list[ColumnElement[bool]]:
    """The WHERE clause of `flt`; `soon_cutoff` (the 即将到期 horizon) is asked only when needed."""
    conditions: list[ColumnElement[bool]] = []
    if flt.status:
        conditions.append(RequestCase.status == flt.status)
    else:  # voided cases (issue 21) only under their own status filter
        conditions.append(RequestCase.status != CaseStatus.VOIDED.value)
    if flt.due in DUE:
        conditions.append(RequestCase.status.in_([s.value for s in TIMED_STATUSES]))
        if flt.due == DUE[1]:
            conditions.append(RequestCase.due_on < today)
        else:
            conditions.append(RequestCase.due_on.between(today, soon_cutoff(today)))
    if flt.year:
        conditions.append(RequestCase.year == flt.year)
    if flt.outcome:
        conditions.append(
            or_(RequestCase.outcome == flt.outcome, RequestCase.outcome.like(flt.outcome + ".%"))
        )
    if flt.applicant_type:
        conditions.append(RequestCase.applicant_type == flt.applicant_type)
    if flt.department:
        conditions.append(RequestCase.department == flt.department)
    if flt.text and flt.text.strip():
        pattern = _like(flt.text.strip()[:100])
        conditions.append(
            or_(
                RequestCase.number.like(pattern, escape="\\"),
                RequestCase.applicant_name.like(pattern, escape="\\"),
                RequestCase.description.like(pattern, escape="\\"),
                RequestCase.id.in_(cases_whose_papers_say(pattern)),  # a word only in a scanned paper
            )
        )
    return conditions


def count_query(conditions: list[ColumnElement[bool]]) -> Select[int]:
    return select(func.count()).select_from(RequestCase).where(*conditions)


def page_query(
    flt: CaseFilter, conditions: list[ColumnElement[bool]], offset: int, limit: int, from_end: bool = False
) -> Select[RequestCase]:
    """With `from_end` the order is reversed (every key, the id too, so NULLs mirror exactly) and `offset`
    counts back from the last row: the caller reverses the rows it reads. The OFFSET picks ids only, over
    the sort's (key, id, status) index, so a jump into the middle never reads the rows it skips (issue 24)."""
    sort = flt.sort if flt.sort in SORTS else "number"
    keys = [RequestCase.year, RequestCase.seq] if sort == "number" else [getattr(RequestCase, sort)]
    backwards = flt.descending != from_end
    order = [key.desc() if backwards else key.asc() for key in [*keys, RequestCase.id]]
    ids = select(RequestCase.id).where(*conditions).order_by(*order).offset(offset).limit(limit)
    return select(RequestCase).where(RequestCase.id.in_(ids)).order_by(*order)


def case_row(c: RequestCase) -> CaseRow:
    return CaseRow(
        c.id,
        c.number,
        c.applicant_name,
        c.applicant_type,
        c.channel,
        c.received_on,
        c.status,
        c.due_on,
        c.department,
        c.outcome,
        c.closed_on,
        c.description[:LIST_DESCRIPTION_CHARS].replace("\n", " "),
        c.due_problem,
        assumed_years(c.due_assumed),
    )
