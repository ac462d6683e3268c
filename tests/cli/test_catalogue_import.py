"""`catalogue import` prints every item with its parsed rule; `catalogue due` gives an item's due date."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import run_main
from tests.services.catalogue.sample import ITEMS, ONE_HEADER, write_rows, write_sample


def test_import_then_due(tmp_path: Path) -> None:
    data = str(tmp_path / "数据")
    sample = write_sample(tmp_path / "目录.xlsx")
    result = run_main("--data-dir", data, "catalogue", "import", str(sample), "--year", "2026", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["saved"] and out["result"]["added"] == 30 and out["problems"] == []
    items = {item["序号"]: item for item in out["items"]}
    assert len(items) == 30
    first = items["1"]
    assert (first["一级事项"], first["二级事项"], first["公开层级"]) == ("财政预决算", "财政预算", "镇级")
    assert first["公开渠道"] == ["政府网站", "公开查阅点"] and first["公开对象"] == "全社会"
    assert set(first["规则"]) >= {"kind", "days", "anchor", "period", "month", "day"}
    assert items["25"]["公开层级"] == "村级" and items["25"]["公开时限"] == ITEMS[24].time_limit
    assert items["19"]["规则"]["kind"] == "需人工确定" and items["19"]["规则说明"] == "需人工确定"
    due = run_main("--data-dir", data, "catalogue", "due", "--item", "19", "--formed", "2026-03-02", "--json")
    assert due.returncode == 0, due.stderr
    assert json.loads(due.stdout) == {"due": None, "provisional": False, "rule": "需人工确定"}
    # 20 working days across 国庆 2026 (10月1日—7日 off, Saturday 10月10日 worked).
    dated = run_main(
        "--data-dir", data, "catalogue", "due", "--item", "5", "--formed", "2026-09-25", "--json"
    )
    assert json.loads(dated.stdout) == {
        "due": "2026-10-29",
        "provisional": False,
        "rule": items["5"]["规则说明"],
    }
    missing = run_main("--data-dir", data, "catalogue", "due", "--item", "99", "--formed", "2026-03-02")
    assert missing.returncode == 2 and "2026年目录中没有序号为「99」的事项" in missing.stderr


def test_blocking_problems_exit_2_and_import_nothing(tmp_path: Path) -> None:
    data = str(tmp_path / "数据")
    rows: list[list[object]] = [
        [1, "财政", "预算", "", "", "每月10日前", "", "政府网站", "", "", "镇级"],
        [1, "财政", "决算", "", "", "每月10日前", "", "政府网站", "", "", "镇级"],
    ]
    path = write_rows(tmp_path / "重复.xlsx", ONE_HEADER, rows)
    result = run_main("--data-dir", data, "catalogue", "import", str(path), "--year", "2026", "--json")
    assert result.returncode == 2
    assert "第3行：序号「1」重复" in result.stderr
    out = json.loads(result.stdout)
    assert not out["saved"] and out["problems"] and len(out["items"]) == 2
