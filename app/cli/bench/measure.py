"""Each measurement next to its baseline, taken in the same run so the ratio holds on a noisy machine.

Targets come from issue 12 (at 100,000 documents and 20,000 requests). Times are medians (or the 95th
percentile where named) of several runs after one warm-up, unless the name says cold.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from app.services.context import AppContext

LIST_FIRST_ROWS_MS = 50.0  # issue 24, at 1,000,000 documents (a jump to the end: measure_jump.py)
LIST_MEMORY_MB = 50.0
SEARCH_P95_MS = 20.0  # issue 24, at 1,000,000 documents (SQLite; PostgreSQL: 50 ms)
SEARCH_MAX_RATIO = 3.0
DEADLINE_MS = 200.0
VISIBLE_ROWS = 40  # what a maximised window shows before the first scroll
SCROLL_ROWS = 100_000  # scrolled row by row for the memory figure; beyond it the drag jumps measure
PAGE = 200  # the table model's page size
# Queries a clerk types: a very common character, rarer ones, and words that miss entirely.
QUERIES = {
    1: ("镇", "河", "疫", "燃", "税"),
    2: ("通知", "防汛", "垃圾", "补贴", "债务", "低保"),
    4: ("垃圾分类", "乡村振兴", "安全生产", "人居环境", "实施方案", "营养补贴"),
}
BROAD = ("镇", "工作", "通知")  # in nearly every document: counted up to query.COUNT_CAP, listed newest first


@dataclass(frozen=True)
class Measurement:
    name: str
    value: float
    unit: str
    baseline: float | None
    target: str  # the bound in words, e.g. 「≤ 100 ms」
    passed: bool | None  # None: no target
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None

    def as_json(self) -> dict[str, Any]:
        ratio = self.ratio
        return {
            "name": self.name,
            "value": _figure(self.value),
            "unit": self.unit,
            "baseline": None if self.baseline is None else _figure(self.baseline),
            "ratio": None if ratio is None else _figure(ratio),
            "target": self.target,
            "pass": self.passed,
            "note": self.note,
        }


def _figure(value: float) -> float:
    """Four significant digits: a 0.3 ms baseline stays 0.0003, not 0.0."""
    return float(f"{value:.4g}")


def timed(run: Callable[[], object], repeat: int = 5, warm: int = 1) -> list[float]:
    """Milliseconds of each run after `warm` unmeasured runs."""
    for _ in range(warm):
        run()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


# ---- the document list ---------------------------------------------------------------------------------


def _qt_core() -> None:
    from PySide6.QtCore import QCoreApplication

    if QCoreApplication.instance() is None:
        QCoreApplication(sys.argv[:1])


LIST_SQL = (
    "SELECT id, index_no, doc_number, title, written_on, disclosure, published_at "
    "FROM documents ORDER BY id DESC LIMIT ? OFFSET ?"
)
# The plain way to read the whole list page by page: each page continues below the last id (keyset).
KEYSET_SQL = (
    "SELECT id, index_no, doc_number, title, written_on, disclosure, published_at "
    "FROM documents WHERE id < ? ORDER BY id DESC LIMIT ?"
)


def list_measurements(ctx: AppContext) -> list[Measurement]:
    _qt_core()
    from app.services.documents.query import DocumentFilter
    from app.ui.models.document_table_model import COL_TITLE, HEADERS, DocumentTableModel

    def first_rows() -> None:
        model = DocumentTableModel(ctx.documents)
        model.set_filter(DocumentFilter())
        for row in range(VISIBLE_ROWS):
            for column in range(len(HEADERS)):
                model.data(model.index(row, column))

    database = sqlite3.connect(ctx.paths.database)

    def plain_page() -> None:
        database.execute("SELECT count(*) FROM documents").fetchone()
        database.execute(LIST_SQL, (PAGE, 0)).fetchall()

    value = statistics.median(timed(first_rows))
    base = statistics.median(timed(plain_page))
    total = database.execute("SELECT count(*) FROM documents").fetchone()[0]
    result = [
        Measurement(
            "list_first_rows",
            value,
            "ms",
            base,
            f"≤ {LIST_FIRST_ROWS_MS:g} ms",
            value <= LIST_FIRST_ROWS_MS,
            f"共 {total} 件，前 {VISIBLE_ROWS} 行",
        )
    ]

    model = DocumentTableModel(ctx.documents)
    model.set_filter(DocumentFilter())
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    start = time.perf_counter()
    scrolled = min(model.rowCount(), SCROLL_ROWS)
    for row in range(scrolled):
        model.data(model.index(row, COL_TITLE))
    scroll_ms = (time.perf_counter() - start) * 1000
    after, peak = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    base_before = tracemalloc.get_traced_memory()[0]
    everything = database.execute(LIST_SQL, (-1, 0)).fetchall()
    base_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del everything
    growth = (peak - before) / 2**20
    result.append(
        Measurement(
            "list_memory_growth",
            growth,
            "MB",
            (base_peak - base_before) / 2**20,
            f"≤ {LIST_MEMORY_MB:g} MB",
            growth <= LIST_MEMORY_MB,
            f"逐行滚过 {scrolled} 行的峰值增长（tracemalloc，{scroll_ms / 1000:.1f} s）；"
            f"之后保留 {(after - before) / 2**20:.1f} MB；基线为一次读出全部 {total} 行",
        )
    )
    start, last, read = time.perf_counter(), total + 2**62, 0
    while read < scrolled and (rows := database.execute(KEYSET_SQL, (last, PAGE)).fetchall()):
        last, read = rows[-1][0], read + len(rows)
    plain_scroll = (time.perf_counter() - start) * 1000
    result.append(
        Measurement(
            "list_scroll_to_end" if scrolled == total else "list_scroll_rows",
            scroll_ms,
            "ms",
            plain_scroll,
            "—",
            None,
            f"逐行读过 {scrolled} 行（含 tracemalloc 开销）；基线为按 id 接续分页读同样多行的 SQL",
        )
    )
    database.close()
    return result


# ---- search --------------------------------------------------------------------------------------------

LIKE_WHERE = (
    "FROM documents d WHERE d.title LIKE :p OR d.doc_number LIKE :p OR d.index_no LIKE :p "
    "OR d.publisher LIKE :p OR EXISTS (SELECT 1 FROM document_files f WHERE f.document_id = d.id "
    "AND f.text LIKE :p)"
)


def search_measurements(ctx: AppContext, repeat: int = 5) -> list[Measurement]:
    """What the 公文登记 search box does (the list's count, exact up to query.COUNT_CAP, + the first page:
    ranked by relevance, or newest first when more than search.MANY_MATCHES documents match), against a
    LIKE scan for the same matches (its exact count and newest page)."""
    from app.services.documents.query import DocumentFilter

    database = sqlite3.connect(ctx.paths.database)
    result = []
    groups = [(f"{length}char", queries) for length, queries in QUERIES.items()] + [("broad", BROAD)]
    for group, queries in groups:
        samples: list[float] = []
        counting: list[float] = []
        plain: list[float] = []
        hits = []
        for query in queries:
            flt = DocumentFilter(text=query)

            def service(flt: DocumentFilter = flt, counting: list[float] = counting) -> None:
                started = time.perf_counter()
                ctx.documents.list_count(flt)
                counting.append((time.perf_counter() - started) * 1000)
                ctx.documents.page(flt, 0, PAGE)

            def like(query: str = query) -> None:
                database.execute(f"SELECT count(*) {LIKE_WHERE}", {"p": f"%{query}%"}).fetchone()
                database.execute(
                    f"SELECT d.id {LIKE_WHERE} ORDER BY d.id DESC LIMIT {PAGE}", {"p": f"%{query}%"}
                ).fetchall()

            samples += timed(service, repeat)
            plain += timed(like, 2, warm=0)
            counted = ctx.documents.list_count(flt)
            hits.append(f"{query}:{'超过' if counted.more else ''}{counted.rows}")
        note = "命中 " + "，".join(hits) + f"；其中计数的中位数 {statistics.median(counting):.1f} ms"
        base50, base95 = statistics.median(plain), p95(plain)
        value95 = p95(samples)
        ok = value95 <= SEARCH_P95_MS and value95 <= SEARCH_MAX_RATIO * base95
        result.append(
            Measurement(f"search_p50_{group}", statistics.median(samples), "ms", base50, "—", None, note)
        )
        result.append(
            Measurement(
                f"search_p95_{group}",
                value95,
                "ms",
                base95,
                f"≤ {SEARCH_P95_MS:g} ms 且 ≤ {SEARCH_MAX_RATIO:g}× 基线",
                ok,
                "基线：LIKE 扫描标题、文号、索引号、发布机构和附件正文",
            )
        )
    database.close()
    return result


# ---- deadlines -----------------------------------------------------------------------------------------


def deadline_measurements(ctx: AppContext, actor: Any) -> list[Measurement]:
    from app.services.requests.deadlines import DeadlinePolicy, RequestEvents, recompute_all
    from app.services.requests.status import deadline_events
    from app.services.requests.types import OPEN_STATUSES

    database = sqlite3.connect(ctx.paths.database)
    statuses = [status.value for status in OPEN_STATUSES]
    marks = ",".join("?" * len(statuses))

    def plain() -> None:
        ids = [
            row[0]
            for row in database.execute(f"SELECT id FROM request_cases WHERE status IN ({marks})", statuses)
        ]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            database.execute(
                f"SELECT * FROM request_events WHERE case_id IN ({','.join('?' * len(chunk))})", chunk
            ).fetchall()

    open_cases = database.execute(
        f"SELECT count(*) FROM request_cases WHERE status IN ({marks})", statuses
    ).fetchone()[0]
    value = statistics.median(timed(lambda: ctx.requests.reflow_after_calendar_change(actor), 3))
    base = statistics.median(timed(plain, 3))
    result = [
        Measurement(
            "deadline_recompute",
            value,
            "ms",
            base,
            f"≤ {DEADLINE_MS:g} ms",
            value <= DEADLINE_MS,
            f"{open_cases} 件未办结申请，经服务重算并写回；基线为读出这些申请及其事件的 SQL",
        )
    ]

    from sqlalchemy import select

    from app.models.request import RequestCase, RequestEvent

    with ctx.sessions() as session:
        events: dict[int, list[RequestEvent]] = {}
        for event in session.scalars(select(RequestEvent).order_by(RequestEvent.on_date, RequestEvent.id)):
            events.setdefault(event.case_id, []).append(event)
        timelines: list[RequestEvents] = [
            deadline_events(case, events.get(case.id, [])) for case in session.scalars(select(RequestCase))
        ]
    calendar, policy, today = ctx.calendar.calendar(), DeadlinePolicy(), ctx.clock.today()
    value = statistics.median(timed(lambda: recompute_all(timelines, calendar, policy, today), 3))

    def calendar_days() -> None:
        for timeline in timelines:
            if timeline.arrived is not None:
                _ = timeline.arrived + timedelta(days=28)

    base = statistics.median(timed(calendar_days, 3))
    return [
        *result,
        Measurement(
            "deadline_recompute_all",
            value,
            "ms",
            base,
            f"≤ {DEADLINE_MS:g} ms",
            value <= DEADLINE_MS,
            f"全部 {len(timelines)} 件申请（按未办结计）用纯函数重算；基线为按自然日加 28 天",
        ),
    ]
