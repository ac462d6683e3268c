"""Issue 24: every list serves any row in one page read, at 200,000 rows, for each sortable column.

Dragging the scrollbar to the end used to OFFSET through the whole sorted list (2.76 s at 20,000 rows);
now the far half is read from the end, over an index, so the last row costs what the first one does. A
jump into the middle walked table rows (requests 0.13 s, tasks by 状态/科室/单位 0.3–0.6 s at 200,000): now
its OFFSET walks an index alone (migration 0021) and the page's rows are read by id.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from PySide6.QtCore import Qt

from app.clock import SetClock
from app.paths import DataPaths
from app.services.audit.query import AuditQueryService
from app.services.context import AppContext, open_data_folder
from app.services.permissions import SYSTEM
from app.ui.models import document_table_model as documents
from app.ui.models import request_table_model as requests
from app.ui.models import workplan_table_model as tasks
from app.ui.models.audit_table_model import AuditTableModel
from app.ui.models.paged_table_model import MAX_CACHED_PAGES, PAGE_SIZE, PagedTableModel
from app.ui.models.posting_table_model import PostingTableModel
from tests.conftest import TEST_NOW
from tests.ui.paged_rows import fill_lists

pytestmark = pytest.mark.slow  # 200,000 rows in five lists: 25–65 s to build on the shared 2-core machine

ROWS = 200_000
ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
AnyModel = PagedTableModel[Any, Any]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[AppContext]:
    """200,000 documents, requests, postings, tasks and audit entries (bulk inserts, about 15 s)."""
    paths = DataPaths(tmp_path_factory.mktemp("二十万") / "数据")
    paths.root.mkdir(parents=True)
    shutil.copyfile(sqlite_template, paths.database)
    context = open_data_folder(paths, clock=SetClock(TEST_NOW, running=False))
    fill_lists(context.engine, ROWS)
    yield context
    context.close()


@dataclass(frozen=True)
class ListCase:
    name: str
    make: Callable[[AppContext], AnyModel]
    column: int | None  # the header clicked; None: the list's own order
    order: Qt.SortOrder = DESC

    def open(self, ctx: AppContext) -> AnyModel:
        model = self.make(ctx)
        if self.column is not None:
            model.sort(self.column, self.order)
        model.reload()  # as the page does on opening (a click on the current order reads nothing)
        return model

    def __str__(self) -> str:
        return f"{self.name}-{self.column}-{'desc' if self.order == DESC else 'asc'}"


def _cases() -> list[ListCase]:
    makers: list[tuple[str, Callable[[AppContext], AnyModel], list[int | None]]] = [
        ("documents", lambda c: documents.DocumentTableModel(c.documents), [None, *documents.SORT_KEYS]),
        ("requests", lambda c: requests.RequestTableModel(c.requests, c.clock), [None, *requests.SORT_KEYS]),
        ("postings", lambda c: PostingTableModel(c.postings, c.clock), [None]),
        ("tasks", lambda c: tasks.WorkplanTableModel(c.workplan, c.clock), [None, *_task_columns()]),
        ("audit", lambda c: AuditTableModel(AuditQueryService(c.sessions), SYSTEM), [None]),
    ]
    cases = []
    for name, make, columns in makers:
        for column in columns:
            orders = [DESC] if column is None else [ASC, DESC]
            cases += [ListCase(name, make, column, order) for order in orders]
    return cases


def _task_columns() -> list[int]:
    """One header per sort key (次数 and 所属标题 both mean the plan's order)."""
    first: dict[object, int] = {}
    for column, key in tasks.SORT_BY_COLUMN.items():
        first.setdefault(key, column)
    return list(first.values())


# Task orders read as index ranges one after another (range_pages): a page deeper down first counts the
# ranges it passes — at most one count per range (4 statuses; 3 科室 + the unassigned).
RANGED = {tasks.COL_DUE: 1, tasks.COL_STATUS: 3, tasks.COL_SECTION: 3, tasks.COL_UNITS: 2}
# Lists whose OFFSET read every row it skipped (their indexes lacked a column the list filters on).
WALKED_ROWS = ("documents", "requests", "tasks")
# The task list's orders in plain SQL, as the list promised them before it read ranges: the oracle.
TASK_ORDER_SQL = {
    None: "t.id {d}",
    tasks.COL_DUE: "t.due IS NULL, t.due {d}, t.id {d}",
    tasks.COL_STATUS: "CASE t.status WHEN '未开始' THEN 0 WHEN '进行中' THEN 1 WHEN '已完成' THEN 2 "
    "ELSE 3 END {d}, t.id {d}",
    tasks.COL_SECTION: "s.sort_order IS NULL, s.sort_order {d}, t.id {d}",
    tasks.COL_TITLE: "t.title {d}, t.id {d}",
    tasks.COL_TIMES: "t.id {d}",
    tasks.COL_UNITS: "t.lead_units = '', t.lead_units {d}, t.lead_units = '' AND t.responsible_units = '', "
    "t.responsible_units {d}, t.id {d}",
}


class Statements:
    """Every SQL statement the engine runs while counting."""

    def __init__(self, ctx: AppContext) -> None:
        self.seen: list[tuple[str, Any]] = []
        self._engine = ctx.engine

    def _remember(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        self.seen.append((statement, parameters))

    def __enter__(self) -> Statements:
        event.listen(self._engine, "before_cursor_execute", self._remember)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self._engine, "before_cursor_execute", self._remember)


def _shown_id(model: AnyModel, row: int) -> Any:
    return model.data(model.index(row, 0), Qt.ItemDataRole.UserRole)


def _sorted_query_id(model: AnyModel, row: int) -> Any:
    """The id at `row` of the sorted query read from the top (OFFSET), as the list read it before."""
    page = model._fetch(model.current_filter, row, 1, False)
    return page[0].id


@pytest.mark.parametrize("case", _cases(), ids=str)
def test_scrolling_to_the_end_reads_one_page_and_shows_the_last_row(
    qapp: Any, big: AppContext, case: ListCase
) -> None:
    model = case.open(big)
    total = model.rowCount()
    assert total > ROWS * 0.7  # voided documents and requests are not listed
    with Statements(big) as first:
        _shown_id(model, 0)
    with Statements(big) as end:
        last_shown = _shown_id(model, total - 1)

    assert len(end.seen) == len(first.seen), "the end should cost what the first page costs"
    page_read, parameters = next(seen for seen in end.seen if "LIMIT" in seen[0])
    assert "OFFSET ?" in page_read and parameters[-1] < PAGE_SIZE, "skipped the list"
    assert last_shown == _sorted_query_id(model, total - 1)
    before_last_page = total - PAGE_SIZE - 3  # in the page before the last one
    assert _shown_id(model, before_last_page) == _sorted_query_id(model, before_last_page)
    _assert_indexed(big, page_read, parameters)


@pytest.mark.parametrize("case", _cases(), ids=str)
def test_a_jump_into_the_middle_reads_one_page_over_an_index_and_shows_the_row_there(
    qapp: Any, big: AppContext, case: ListCase
) -> None:
    model = case.open(big)
    total = model.rowCount()
    with Statements(big) as first:
        _shown_id(model, 0)
    row = total // 2 + 7
    with Statements(big) as middle:
        shown = _shown_id(model, row)

    counts = [seen for seen in middle.seen if seen[0].lstrip().upper().startswith("SELECT COUNT")]
    assert len(middle.seen) - len(counts) == len(first.seen), "the middle should cost one page's reads"
    ranged = case.name == "tasks" and case.column is not None
    assert len(counts) <= (RANGED.get(case.column, 0) if ranged and case.column is not None else 0)
    for statement, parameters in middle.seen:
        if "OFFSET ?" in statement:
            details = _assert_indexed(big, statement, parameters)
            if case.name in WALKED_ROWS:
                assert "COVERING INDEX" in details, f"the OFFSET reads the rows it skips: {details}"
    assert shown == _expected_id(big, case, model, row)
    assert _shown_id(model, row + PAGE_SIZE) == _expected_id(big, case, model, row + PAGE_SIZE)


def _expected_id(ctx: AppContext, case: ListCase, model: AnyModel, row: int) -> Any:
    """The id at `row`: for tasks from the plain-SQL order, else the sorted query read from the top."""
    if case.name != "tasks":
        return _sorted_query_id(model, row)
    way = "DESC" if case.order == DESC else "ASC"
    order = TASK_ORDER_SQL[case.column].format(d=way if case.column is not None else "ASC")
    sql = (
        "SELECT t.id FROM work_tasks t LEFT JOIN office_sections s ON s.id = t.section_id "
        f"WHERE t.year = ? ORDER BY {order} LIMIT 1 OFFSET ?"
    )
    with ctx.engine.connect() as connection:
        return connection.exec_driver_sql(sql, (model.current_filter.year, row)).scalar()


def _assert_indexed(ctx: AppContext, page_read: str, parameters: Any) -> str:
    """The page read walks an index in list order: SQLite does not sort the whole list first. Where the
    OFFSET picks ids in a subquery, only the page's own rows (`id IN (…)`, top level) may be sorted."""
    with ctx.engine.connect() as connection:
        plan = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + page_read, parameters).all()
    details = " | ".join(str(step[3]) for step in plan)
    by_ids = "LIST SUBQUERY" in details
    for _node, parent, _unused, detail in plan:
        if "TEMP B-TREE FOR ORDER BY" in str(detail):
            assert by_ids and parent == 0, details
    return details


def test_memory_stays_flat_however_far_the_clerk_scrolls(qapp: Any, big: AppContext) -> None:
    model = documents.DocumentTableModel(big.documents)
    model.sort(documents.COL_TITLE, ASC)
    total = model.rowCount()
    for row in range(0, total, total // 60):  # sixty jumps down the scrollbar
        assert _shown_id(model, row) is not None
        assert model.cached_pages <= MAX_CACHED_PAGES
    assert model.cached_pages == MAX_CACHED_PAGES


def test_the_register_count_leaves_out_voided_documents(qapp: Any, big: AppContext) -> None:
    model = documents.DocumentTableModel(big.documents)
    model.reload()
    with big.engine.connect() as connection:
        active = connection.execute(text("SELECT count(*) FROM documents WHERE voided_at IS NULL")).scalar()
    assert model.rowCount() == active < ROWS
