"""`search` and `import/export documents` in a fresh process, as a clerk would run them."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import Workbook

from tests.test_cli import run_main


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
