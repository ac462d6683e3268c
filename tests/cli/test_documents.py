"""`search` and `import/export documents` in a fresh process, as a clerk would run them."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import Workbook

from tests.cli.test_cli import run_main


def test_import_then_search(tmp_path: Path) -> None:
    data = tmp_path / "数据"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["标题", "文号", "发布机构", "成文日期", "公开日期", "索引号"])
    sheet.append(
        [
            "关于2024年镇级预算公开的通知",
            "赵府发〔2024〕3号",
            "赵巷镇人民政府",
            "2024-02-01",
            "2024-02-05",
            "A/2024-00001",
        ]
    )
    sheet.append(["坏日期", "", "赵巷镇人民政府", "2024-13-01", "", ""])
    book.save(tmp_path / "台账.xlsx")
    imported = run_main("--data-dir", str(data), "import", "documents", str(tmp_path / "台账.xlsx"), "--json")
    assert imported.returncode == 0, imported.stderr
    report = json.loads(imported.stdout)
    assert report["accepted"] == 1 and report["rejected"][0]["row"] == 3
    found = run_main("--data-dir", str(data), "search", "预算", "--json")
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)
    assert [hit["索引号"] for hit in hits] == ["A/2024-00001"] and "score" in hits[0]
    hostile = run_main("--data-dir", str(data), "search", '"NEAR(*', "--limit", "5")
    assert hostile.returncode == 0 and "共 0 条" in hostile.stdout


def test_import_with_publication_dates_acts_as_the_folders_administrator(tmp_path: Path) -> None:
    """Issue 19: history comes in only through the 管理员 path, and the command line says it took it."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["标题", "发布机构", "公开日期", "索引号"])
    sheet.append(["关于2024年镇级预算公开的通知", "赵巷镇人民政府", "2024-02-05", "A/2024-00001"])
    sheet.append(["关于未来公开的通知", "赵巷镇人民政府", "2099-01-01", "A/2099-00001"])
    book.save(tmp_path / "台账.xlsx")
    imported = run_main(
        "--data-dir", str(tmp_path / "数据"), "import", "documents", str(tmp_path / "台账.xlsx")
    )
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("以数据文件夹管理员（命令行）身份导入。已导入 1 行，1 行未导入。")
    assert "1 行按台账中的公开日期登记为「历史公开（线下审查）」" in imported.stdout
    assert "第3行：公开日期 2099-01-01 晚于今天" in imported.stdout
