"""Every list at scale (issue 24): a freshly opened list (its count and one page) showing its first row,
its last row or the row in the middle, in each sort order, next to one plain page of SQL of its table."""

from __future__ import annotations

import sqlite3
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from app.cli.bench.measure import PAGE, Measurement, timed
from app.services.context import AppContext

LIST_JUMP_MS = 50.0  # issue 24: the first rows and the end, at 1,000,000 documents
WHERE = {"first": "第一行", "end": "最后一行", "middle": "正中"}


@dataclass(frozen=True)
class ListSpec:
    name: str  # the measurement's prefix
    label: str
    table: str
    make: Callable[[AppContext], Any]  # a fresh table model
    columns: tuple[int | None, ...]  # the headers clicked (None: the list's own order)


def _specs() -> list[ListSpec]:
    from app.services.audit.query import AuditQueryService
    from app.services.permissions import SYSTEM
    from app.ui.models import document_table_model as documents
    from app.ui.models import request_table_model as requests
    from app.ui.models import workplan_table_model as tasks
    from app.ui.models.audit_table_model import AuditTableModel
    from app.ui.models.posting_table_model import PostingTableModel

    first_column: dict[object, int] = {}  # one header per sort key (次数 and 所属标题 both: the plan's order)
    for column, key in tasks.SORT_BY_COLUMN.items():
        first_column.setdefault(key, column)
    task_columns = tuple(first_column.values())
    return [
        ListSpec("list", "公文", "documents", lambda c: documents.DocumentTableModel(c.documents),
                 (None, *documents.SORT_KEYS)),
        ListSpec("requests_list", "依申请公开", "request_cases",
                 lambda c: requests.RequestTableModel(c.requests, c.clock), (None, *requests.SORT_KEYS)),
        ListSpec("postings_list", "公开栏", "postings",
                 lambda c: PostingTableModel(c.postings, c.clock), (None,)),
        ListSpec("tasks_list", "工作要点任务", "work_tasks",
                 lambda c: tasks.WorkplanTableModel(c.workplan, c.clock), (None, *task_columns)),
        ListSpec("audit_list", "操作日志", "audit_entries",
                 lambda c: AuditTableModel(AuditQueryService(c.sessions), SYSTEM), (None,)),
    ]  # fmt: skip


def jump_measurements(ctx: AppContext) -> list[Measurement]:
    """For each list: first row, last row, middle row — the slowest sort order (median of three each)."""
    _qt_core()
    result = []
    for spec in _specs():
        base = _plain_page(ctx, spec.table)
        for where in WHERE:
            if spec.name == "list" and where == "first":
                continue  # the register's first rows: list_first_rows (measure.py)
            worst, size, sorts = _slowest_order(ctx, spec, where)
            result.append(_measurement(spec, where, worst, base, size, sorts))
    return result


def _slowest_order(ctx: AppContext, spec: ListSpec, where: str) -> tuple[float, int, int]:
    """(the slowest order's median ms, the list's rows, how many orders were timed)."""
    from PySide6.QtCore import Qt

    orders: list[tuple[int | None, Qt.SortOrder]] = [(None, Qt.SortOrder.DescendingOrder)]  # one direction
    orders += [(c, o) for c in spec.columns if c is not None for o in Qt.SortOrder]
    sizes: list[int] = []

    def jump(column: int | None, order: Qt.SortOrder) -> None:
        model = spec.make(ctx)
        if column is not None:
            model.sort(column, order)
        size = model.reload()
        model.data(model.index({"first": 0, "end": size - 1, "middle": size // 2}[where], 0))
        sizes.append(size)

    medians = [statistics.median(timed(partial(jump, column, order), repeat=3)) for column, order in orders]
    return max(medians), sizes[-1], len(orders)


def _measurement(spec: ListSpec, where: str, worst: float, base: float, size: int, sorts: int) -> Measurement:
    target = where != "middle"
    return Measurement(
        f"{spec.name}_jump_to_{where}" if spec.name == "list" else f"{spec.name}_{where}",
        worst,
        "ms",
        base,
        f"≤ {LIST_JUMP_MS:g} ms" if target else "—",
        worst <= LIST_JUMP_MS if target else None,
        f"新打开的{spec.label}列表（共 {size} 行；计数 + 一页）显示{WHERE[where]}，"
        f"{sorts} 种排序中最慢的（各取三次中位数）；基线为该表一页 SQL",
    )


def _plain_page(ctx: AppContext, table: str) -> float:
    """One page of the table's rows by id, in plain SQL: what no list can beat."""
    database = sqlite3.connect(ctx.paths.database)
    try:
        sql = f"SELECT * FROM {table} ORDER BY id DESC LIMIT ?"  # a fixed table name
        return statistics.median(timed(lambda: database.execute(sql, (PAGE,)).fetchall()))
    finally:
        database.close()


def _qt_core() -> None:
    from PySide6.QtCore import QCoreApplication

    if QCoreApplication.instance() is None:
        QCoreApplication(sys.argv[:1])
