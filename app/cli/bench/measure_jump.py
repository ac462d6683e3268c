"""Dragging the register's scrollbar at scale (issue 24): a jump to the last row, or the middle, in each
sort order, next to one plain page of SQL."""

from __future__ import annotations

import sqlite3
import statistics

from app.cli.bench.measure import LIST_SQL, PAGE, Measurement, timed
from app.services.context import AppContext
from app.services.documents.query import DocumentFilter
from app.ui.models.document_table_model import DocumentTableModel

LIST_JUMP_MS = 50.0  # issue 24: at 1,000,000 documents
SORTS = ("", "index_no", "doc_number", "title", "written_on", "published_at")


def jump_measurements(ctx: AppContext) -> list[Measurement]:
    """Dragging the scrollbar: a fresh register (count + one page) jumps to the last row, or the middle,
    in each sort order; the baseline is one plain page of SQL (issue 24)."""
    database = sqlite3.connect(ctx.paths.database)
    try:
        base = statistics.median(timed(lambda: database.execute(LIST_SQL, (PAGE, 0)).fetchall()))
    finally:
        database.close()
    result = []
    for where in ("end", "middle"):
        samples: list[float] = []
        for sort in SORTS:
            flt = DocumentFilter(sort=sort)

            def jump(flt: DocumentFilter = flt, where: str = where) -> None:
                model = DocumentTableModel(ctx.documents)
                model.set_filter(flt)
                row = model.rowCount() - 1 if where == "end" else model.rowCount() // 2
                model.data(model.index(row, 0))

            samples += timed(jump, repeat=3)
        worst = max(samples)
        target = where == "end"
        result.append(
            Measurement(
                f"list_jump_to_{where}",
                worst,
                "ms",
                base,
                f"≤ {LIST_JUMP_MS:g} ms" if target else "—",
                worst <= LIST_JUMP_MS if target else None,
                f"新打开的公文列表（计数 + 一页）拖到{'最后一行' if target else '正中'}，"
                "六种排序中最慢的一次；基线为一页 SQL",
            )
        )
    return result
