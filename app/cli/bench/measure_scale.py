"""What a large office costs in time and space (issue 24): generating the data, the database on disk, the
time to build the register's indexes again, and the process's peak memory — each beside a baseline."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from app.cli.bench.data import BenchData
from app.cli.bench.measure import Measurement

_MB = 1024 * 1024
# The register's own words: what the database holds beyond them is indexes and bookkeeping.
_TEXT_SQL = (
    "SELECT (SELECT coalesce(sum(length(CAST(title AS BLOB)) + length(CAST(doc_number AS BLOB))"
    " + length(CAST(index_no AS BLOB)) + length(CAST(publisher AS BLOB))), 0) FROM documents)"
    " + (SELECT coalesce(sum(length(CAST(text AS BLOB))), 0) FROM document_files)"
)


def generation(data: BenchData, reused: bool = False) -> Measurement:
    rows = data.documents + data.requests
    again = "（--reuse：生成时的用时；此前测量导入的 3 万行还在，也进入上报数据包的测量）" if reused else ""
    return Measurement(
        "generate_data",
        data.seconds,
        "s",
        None,
        "—",
        None,
        f"{data.documents} 件公文、{data.requests} 件依申请公开及其审查单、附件、检索索引：每秒 "
        f"{rows / max(data.seconds, 1e-9):.0f} 件（其中检索索引 {data.search_index_seconds:.0f} s）{again}",
    )


def _parts_mb(database: sqlite3.Connection) -> dict[str, float]:
    """Size of the register (table + its indexes), the search index and everything else, from dbstat."""
    indexes = {
        name for (name,) in database.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'documents'")
    }
    parts = {"公文表及其索引": 0.0, "检索索引": 0.0, "其他": 0.0}
    for name, size in database.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
        key = (
            "公文表及其索引"
            if name in indexes
            else "检索索引"
            if name.startswith("document_search")
            else "其他"
        )
        parts[key] += size / _MB
    return parts


def storage(database_file: Path) -> list[Measurement]:
    """The file on disk against the bytes of text it holds; then rebuilding every index of the register
    (what adding one costs an office that upgrades) against one full read of the same table."""
    size_mb = sum(p.stat().st_size for p in database_file.parent.glob(database_file.name + "*")) / _MB
    database = sqlite3.connect(database_file)
    try:
        text_mb = float(database.execute(_TEXT_SQL).fetchone()[0]) / _MB
        try:
            parts = "，".join(f"{k} {v:.0f} MB" for k, v in _parts_mb(database).items())
        except sqlite3.OperationalError:  # an SQLite built without dbstat
            parts = "（本机 SQLite 不能分项统计）"
        count = int(database.execute("SELECT count(*) FROM documents").fetchone()[0])
        started = time.perf_counter()
        database.execute("SELECT sum(length(title)), max(updated_at) FROM documents NOT INDEXED").fetchone()
        scan = time.perf_counter() - started
        index_count = int(
            database.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'documents'"
            ).fetchone()[0]
        )
        started = time.perf_counter()
        database.execute("REINDEX documents")
        database.commit()
        reindex = time.perf_counter() - started
    finally:
        database.close()
    return [
        Measurement(
            "database_size",
            size_mb,
            "MB",
            text_mb,
            "—",
            None,
            f"数据库文件（含 WAL）；基线为其中公文的文字（标题、文号、索引号、发布机构、附件文字）。{parts}",
        ),
        Measurement(
            "index_build",
            reindex,
            "s",
            scan,
            "—",
            None,
            f"重建公文表的全部 {index_count} 个索引（{count} 行，升级时新增索引的代价）；基线为整表读一遍",
        ),
    ]


def memory(
    start_mb: float | None, generate_peak_mb: float | None, peaks: dict[str, float]
) -> list[Measurement]:
    """Peak resident memory of generating and of measuring (the highest step named: some steps' baselines
    read a whole table at once), against the process right after start-up."""
    result = []
    if generate_peak_mb is not None:
        result.append(
            Measurement(
                "peak_memory_generate", generate_peak_mb, "MB", start_mb, "—", None,
                "生成数据时进程的内存峰值；基线为刚启动（已导入程序）时",
            )
        )  # fmt: skip
    if peaks:
        top = sorted(peaks.items(), key=lambda item: -item[1])
        steps = "，".join(f"{label} {peak:.0f} MB" for label, peak in top)
        result.append(
            Measurement(
                "peak_memory_measure", top[0][1], "MB", start_mb, "—", None,
                f"各项测量中进程的内存峰值（各步：{steps}）；基线为刚启动（已导入程序）时",
            )
        )  # fmt: skip
    return result
