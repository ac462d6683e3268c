"""Issue 24: a page read from the end (`from_end`) is exactly the list read backwards, for every list and
sort order, NULL dates and ties included. tests/postgres re-runs this on PostgreSQL, whose NULLs sort
the other way round."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from app.services.audit.query import AuditFilter, AuditQueryService
from app.services.context import AppContext
from app.services.documents.query import SORTS as DOCUMENT_SORTS
from app.services.documents.query import DocumentFilter
from app.services.permissions import SYSTEM
from app.services.postings.types import PostingFilter
from app.services.requests.query import SORTS as REQUEST_SORTS
from app.services.requests.query import CaseFilter
from app.services.workplan.query import TaskFilter, TaskSort
from tests.ui.paged_rows import fill_lists

ROWS = 450
LIMIT = 200
Page = Callable[[AppContext, int, int, bool], list[Any]]


@dataclass(frozen=True)
class Listing:
    name: str
    page: Page

    def __str__(self) -> str:
        return self.name


def _documents(flt: DocumentFilter) -> Page:
    return lambda ctx, offset, limit, from_end: ctx.documents.page(flt, offset, limit, from_end)


def _requests(flt: CaseFilter) -> Page:
    return lambda ctx, offset, limit, from_end: ctx.requests.page(
        flt, offset, limit, ctx.clock.today(), from_end
    )


def _tasks(flt: TaskFilter) -> Page:
    return lambda ctx, offset, limit, from_end: ctx.workplan.page_tasks(flt, offset, limit, from_end)


def _postings(ctx: AppContext, offset: int, limit: int, from_end: bool) -> list[Any]:
    return ctx.postings.page(PostingFilter(date(2026, 11, 23)), offset, limit, from_end)


def _audit(ctx: AppContext, offset: int, limit: int, from_end: bool) -> list[Any]:
    service = AuditQueryService(ctx.sessions)
    return service.page(SYSTEM, service.snapshot(SYSTEM, AuditFilter()), offset, limit, from_end)


def _listings() -> list[Listing]:
    found = [Listing("postings", _postings), Listing("audit", _audit)]
    for descending in (False, True):
        way = "desc" if descending else "asc"
        found += [
            Listing(f"documents-{key}-{way}", _documents(DocumentFilter(sort=key, descending=descending)))
            for key in DOCUMENT_SORTS
        ]
        found += [
            Listing(f"requests-{key}-{way}", _requests(CaseFilter(sort=key, descending=descending)))
            for key in REQUEST_SORTS
        ]
        found += [
            Listing(f"tasks-{key}-{way}", _tasks(TaskFilter(2026, sort=key, descending=descending)))
            for key in TaskSort
        ]
    return found


@pytest.mark.parametrize("listing", _listings(), ids=str)
def test_a_page_from_the_end_is_the_list_read_backwards(ctx: AppContext, listing: Listing) -> None:
    fill_lists(ctx.engine, ROWS)
    everything = [row.id for row in listing.page(ctx, 0, 10 * ROWS, False)]
    total = len(everything)
    assert total > LIMIT
    for back in (0, 1, 37, total - LIMIT, total - 5):
        page = [row.id for row in listing.page(ctx, back, LIMIT, True)]
        assert page == everything[max(total - back - LIMIT, 0) : total - back], back
    for offset in (LIMIT - 3, total // 2):  # read from the top, across page boundaries
        page = [row.id for row in listing.page(ctx, offset, LIMIT, False)]
        assert page == everything[offset : offset + LIMIT], offset


@pytest.mark.parametrize("descending", [False, True])
def test_tasks_by_due_date_keep_the_undated_last_on_every_page(ctx: AppContext, descending: bool) -> None:
    fill_lists(ctx.engine, ROWS)
    flt = TaskFilter(2026, sort=TaskSort.DUE, descending=descending)
    rows = [row for offset in range(0, ROWS, 64) for row in ctx.workplan.page_tasks(flt, offset, 64)]
    dated = sorted((row for row in rows if row.due), key=lambda row: (row.due, row.id), reverse=descending)
    undated = sorted((row for row in rows if row.due is None), key=lambda row: row.id, reverse=descending)
    assert undated and [row.id for row in rows] == [row.id for row in dated + undated]
