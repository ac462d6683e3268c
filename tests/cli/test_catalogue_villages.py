"""`catalogue villages`: the quarter's 村（居）务公开 table as JSON, and the .xlsx beside it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.paths import DataPaths
from app.services.catalogue.villages import VillageService
from app.services.context import open_data_folder
from tests.services.catalogue.village_seed import seed_village_items


@pytest.fixture
def folder(data_paths: DataPaths) -> Path:
    ctx = open_data_folder(data_paths)
    try:
        admin = ctx.accounts.create_first_admin("admin", "王管理", "admin-pass-1")
        items = seed_village_items(ctx)
        service = VillageService(ctx.sessions, ctx.attachments, ctx.calendar)
        village = service.add_village(admin, "东湖村").id
        service.add_village(admin, "城南社区", "社区")
        service.record_posting(admin, items.affairs, village, "2026Q1", date(2026, 1, 22), checked_by="李四")
    finally:
        ctx.close()
    return data_paths.root


def _run(folder: Path, *args: str) -> int:
    return main(
        ["--data-dir", str(folder), "catalogue", "villages", "--year", "2026", "--quarter", "1", *args]
    )


def test_the_table_as_json(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(folder, "--as-of", "2026-03-25", "--json") == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["title"] == "2026年第1季度村（居）务公开情况汇总表" and printed["as_of"] == "2026-03-25"
    assert [c["期次"] for c in printed["columns"]] == ["2026-01", "2026-02", "2026-03", "2026Q1"]
    first = printed["rows"][0]
    assert first["村（社区）"] == "东湖村"
    assert first["公示"][3] == {
        "期次": "2026Q1",
        "序号": "2",
        "状态": "逾期公开",
        "文字": "1月22日 逾期 2 个工作日",
        "公示日期": "2026-01-22",
        "逾期工作日": 2,
    }
    assert (first["应公示"], first["按时"], first["逾期"], first["未公示"]) == (3, 0, 1, 2)


def test_out_writes_the_xlsx_and_other_names_are_refused(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "汇总表.xlsx"
    assert _run(folder, "--as-of", "2026-03-25", "--out", str(out), "--json") == 0
    assert json.loads(capsys.readouterr().out)["file"] == str(out.resolve())
    assert load_workbook(out).active["A5"].value == "城南社区"
    assert _run(folder, "--out", str(tmp_path / "汇总表.csv")) == 2
    assert "不是 .xlsx 文件名" in capsys.readouterr().err
