"""`import requests` / `export requests` headless, with --json and the one-line refusal (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.cli import main
from app.paths import DataPaths
from app.services.requests.ledger_rows import HEADERS


def test_import_then_export_requests(
    data_paths: DataPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(HEADERS))
    sheet.append(
        [
            "2024-001",
            "2024-03-01",
            "当面",
            "自然人",
            "张三",
            "",
            "",
            "低保名单",
            "2024-03-10",
            "予以公开",
            "",
            "",
        ]
    )
    sheet.append(["2024-002", "2024-13-01", "当面", "自然人", "李四", "", "", "名单", "", "", "", ""])
    source = tmp_path / "台账.xlsx"
    book.save(source)
    root = ["--data-dir", str(data_paths.root)]
    assert main([*root, "import", "requests", str(source), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["accepted"] == 1
    assert report["rejected"] == ["第3行：收到申请日期“2024-13-01”不是有效日期，应写成 2025-01-24。"]
    target = tmp_path / "导出.xlsx"
    assert main([*root, "export", "requests", str(target)]) == 0
    assert target.is_file() and "已导出 1 件" in capsys.readouterr().out
    assert main([*root, "import", "requests", str(tmp_path / "没有.xlsx")]) == 2
    assert "找不到文件" in capsys.readouterr().err


def test_the_ledger_export_masks_id_numbers_and_phones_unless_full_is_asked(
    data_paths: DataPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(HEADERS))
    sheet.append(["2024-001", "2024-03-01", "当面", "自然人", "张三", "11010519491231002X", "13912345678",
                  "低保名单", "2024-03-10", "予以公开", "", ""])  # fmt: skip
    source = tmp_path / "台账.xlsx"
    book.save(source)
    root = ["--data-dir", str(data_paths.root)]
    assert main([*root, "import", "requests", str(source)]) == 0

    def cells(name: str, *full: str) -> str:
        target = tmp_path / name
        assert main([*root, "export", "requests", str(target), *full]) == 0
        book = load_workbook(target, read_only=True)
        try:
            sheet = book.active
            assert sheet is not None
            return " ".join(str(value) for row in sheet.iter_rows(values_only=True) for value in row)
        finally:
            book.close()

    masked = cells("遮盖.xlsx")
    assert "11010519491231002X" not in masked and "13912345678" not in masked
    full = cells("完整.xlsx", "--full")
    assert "11010519491231002X" in full and "13912345678" in full
    capsys.readouterr()
