"""`bench`: the synthetic data is what the services expect, and a small run reports every figure.

No timing is asserted here (CI machines are noisy); the full-size figures live in the README.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from app.cli.bench.data import generate
from app.cli.bench.measure import Measurement
from app.cli.bench.report import table
from app.paths import DataPaths
from app.services.context import open_data_folder
from app.services.documents.query import DocumentFilter
from app.services.requests.query import CaseFilter
from app.services.storage.integrity import run_check
from tests.travel import python_command

ROOT = Path(__file__).resolve().parents[2]
NAMES = (
    "startup",
    "list_first_rows",
    "list_memory_growth",
    "search_p95_1char",
    "search_p95_2char",
    "search_p95_4char",
    "search_p95_broad",
    "deadline_recompute",
    "deadline_recompute_all",
    "annual_report",
    "posting_pdf_warm",
    "posting_batch_100",
    "export_throughput",
    "export_write_throughput",
    "import_10k",
    "database_size",
    "index_build",
    "peak_memory_measure",
)


def test_generated_data_reads_back_through_the_services(tmp_path: Path) -> None:
    data = generate(tmp_path / "数据", 300, 120)
    ctx = open_data_folder(DataPaths(data.paths.root))
    try:
        assert ctx.documents.count_all() == 300 + 4  # plus the demo's four, made by the services
        newest = ctx.documents.page(DocumentFilter(), 0, 1)[0]
        detail = ctx.documents.detail(newest.id)
        assert detail is not None
        hits = ctx.documents.search("通知")
        assert hits and all("通知" in hit.title or hit.score for hit in hits)
        assert ctx.requests.count(CaseFilter()) == 120 + 8
        case = ctx.requests.page(CaseFilter(), 0, 1)[0]
        assert ctx.requests.detail(case.id).events  # the timeline the services would have written
        years = set(ctx.requests.years())
        assert len(years) >= 3 and data.busiest_year in years
        statuses = {row.status for row in ctx.requests.page(CaseFilter(), 0, 200)}
        assert {"已归档", "已送达", "办理中"} <= statuses  # closed cases of past years and open ones
        assert ctx.postings.content(1).title
        report = run_check(ctx.sessions, ctx.attachments)  # every attachment file matches its SHA-256
        assert report.ok, report.as_json()
        assert data.export_since.date() <= ctx.clock.today()
    finally:
        ctx.close()


def test_table_shows_value_baseline_ratio_and_verdict() -> None:
    results = [
        Measurement("list_first_rows", 12.0, "ms", 3.0, "≤ 100 ms", True),
        Measurement("import_10k", 12.5, "s", 2.5, "≤ 10 s", False, "导入 10000 行"),
    ]
    text = table(results, {"documents": 10, "requests": 10, "generate_seconds": 1.0, "machine": "测试机"})
    assert "list_first_rows  12 ms" in text and "4 ×" in text and "通过" in text
    assert "未达标" in text and "import_10k：导入 10000 行" in text


def test_keep_folder_must_be_empty(tmp_path: Path) -> None:
    (tmp_path / "占用.txt").write_text("x", encoding="utf-8")
    result = subprocess.run(
        [
            *python_command(),
            str(ROOT / "main.py"),
            "--data-dir",
            str(tmp_path / "d"),
            "bench",
            "--keep",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 2 and "不是空的" in result.stderr


@pytest.mark.slow
def test_small_bench_reports_every_measurement_with_a_baseline(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [
            *python_command(),
            str(ROOT / "main.py"),
            "--data-dir",
            str(tmp_path / "d"),
            "bench",
            "--docs",
            "2000",
            "--requests",
            "500",
            "--json",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        cwd=ROOT,
        env=env,
    )
    assert result.returncode == 0, result.stderr  # a missed target is reported, not an error (see --strict)
    rows = json.loads(result.stdout)
    by_name = {row["name"]: row for row in rows}
    assert set(NAMES) <= set(by_name)
    for name in NAMES:
        row = by_name[name]
        assert set(row) >= {"name", "value", "unit", "baseline", "ratio", "target"}
        assert isinstance(row["value"], float | int) and row["value"] >= 0, row
        assert isinstance(row["baseline"], float | int) and row["baseline"] > 0, row
        assert row["ratio"] == pytest.approx(row["value"] / row["baseline"], rel=0.01, abs=0.002)
        assert row["target"]
    assert "导入 10000 行" in by_name["import_10k"]["note"]
    # Issue 24: the size of the office in time, disk and memory, beside what it holds and where it started.
    assert by_name["generate_data"]["value"] > 0 and "每秒" in by_name["generate_data"]["note"]
    size = by_name["database_size"]
    assert size["value"] > size["baseline"] and "检索索引" in size["note"]
    rebuilt = re.search(r"全部 (\d+) 个索引（(\d+) 行", by_name["index_build"]["note"])
    assert rebuilt and int(rebuilt[1]) >= 10 and int(rebuilt[2]) >= 2000  # the register and the 10k import
    assert by_name["peak_memory_generate"]["value"] > 0


def test_a_kept_folder_can_be_measured_again(tmp_path: Path) -> None:
    """`--keep` writes what the measurements need beside the data; `--reuse` reads it back (issue 24)."""
    from app.cli.bench import kept
    from app.errors import UserFacingError

    data = generate(tmp_path / "数据", 40, 20)
    kept.save(data)
    again = kept.load(tmp_path / "数据")
    assert (again.documents, again.requests, again.busiest_year) == (40, 20, data.busiest_year)
    assert again.export_since == data.export_since and again.paths.database == data.paths.database
    with pytest.raises(UserFacingError, match="不是用 bench --keep 保留的测试数据"):
        kept.load(tmp_path)
