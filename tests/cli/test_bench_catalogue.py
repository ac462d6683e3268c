"""`bench --catalogue-links N` (issue 23): 300 items with mixed rules and N links that the compliance check
reads as an office's year — mostly on time, some late, a few missing — and the figures with their baselines.

No timing is asserted (CI machines are noisy); the full-size figures are in the lead's report.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import pytest

from app.cli.bench.catalogue_data import ITEMS, generate_catalogue
from app.cli.bench.command import _arguments
from app.cli.bench.data import generate
from app.cli.bench.report import as_json
from app.cli.bench.run import catalogue_section
from app.errors import UserFacingError
from app.paths import DataPaths
from app.services.catalogue.compliance import ComplianceService
from app.services.catalogue.types import Status
from app.services.context import open_data_folder

NAMES = ["catalogue_check_ms", "catalogue_check_first_ms", "catalogue_report_s"]


@pytest.fixture(scope="module")
def bench_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("bench") / "数据", 40, 10).paths.root


def test_catalogue_links_is_off_unless_asked() -> None:
    parser = argparse.ArgumentParser()
    _arguments(parser)
    assert parser.parse_args([]).catalogue_links == 0  # the default bench stays as it was
    assert parser.parse_args(["--catalogue-links", "50000"]).catalogue_links == 50_000


def test_generated_catalogue_reads_as_an_office_year(bench_folder: Path, tmp_path: Path) -> None:
    copy = tmp_path / "数据"
    _copy_folder(bench_folder, copy)
    ctx = open_data_folder(DataPaths(copy))
    try:
        data = generate_catalogue(ctx, 2000)
        assert (data.items, data.links) == (ITEMS, 2000) and data.publications > 0
        today = ctx.clock.today()
        rows = ComplianceService(ctx.sessions, ctx.calendar).check(today, today.year)
        statuses = Counter(row.status for row in rows)
        assert statuses[Status.ON_TIME] > len(rows) // 2  # an office that mostly keeps its deadlines …
        assert {Status.LATE, Status.CHANNEL_GAP} <= set(statuses)  # … with the gaps a 自查 finds
        assert any(row.village for row in rows)  # 村级 items per village
        with pytest.raises(UserFacingError, match="请加大 --docs"):
            generate_catalogue(ctx, 10_000_000)
    finally:
        ctx.close()


def test_section_reports_each_figure_with_its_baseline(bench_folder: Path, tmp_path: Path) -> None:
    copy = tmp_path / "数据"
    _copy_folder(bench_folder, copy)
    said: list[str] = []
    rows = {row["name"]: row for row in json.loads(as_json(catalogue_section(copy, 1500, said.append)))}
    assert list(rows) == NAMES
    for row in rows.values():
        assert row["value"] > 0 and row["baseline"] and row["baseline"] > 0
    assert (
        rows["catalogue_check_ms"]["target"] == "≤ 200 ms" and rows["catalogue_report_s"]["target"] == "≤ 2 s"
    )
    assert "1500 条关联" in rows["catalogue_check_ms"]["note"]
    assert any("标准目录：300 个事项、1500 条关联" in line for line in said)


def _copy_folder(source: Path, target: Path) -> None:
    import shutil

    shutil.copytree(source, target)
