"""`decisions list/export/alerts` over the demo data, in-process (main() with arguments)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document

from app.cli import main
from app.paths import DataPaths
from app.services.context import open_data_folder
from app.services.demo.seed_demo import seed_demo


@pytest.fixture
def demo_folder(data_paths: DataPaths) -> Path:
    ctx = open_data_folder(data_paths)
    try:
        seed_demo(ctx)
    finally:
        ctx.close()
    return data_paths.root


def test_list_export_and_alerts(
    demo_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(demo_folder), "decisions", "list", "--year", "2025", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert listing["status"] == "已公布" and listing["published_on"] == "2025-03-20"
    assert [item["seq"] for item in listing["items"]] == [1, 2, 3, 4]
    assert listing["items"][0]["feedback_due"] == "2025-10-20" and listing["items"][0]["missing"] == []
    target = tmp_path / "导出" / "目录.docx"
    assert (
        main(["--data-dir", str(demo_folder), "decisions", "export", "--year", "2025", "--out", str(target)])
        == 0
    )
    assert Document(str(target)).paragraphs[0].text == "赵巷镇2025年重大行政决策事项目录"
    capsys.readouterr()
    assert main(["--data-dir", str(demo_folder), "decisions", "alerts", "--today", "2025-10-21"]) == 0
    titles = [alert["title"] for alert in json.loads(capsys.readouterr().out)]
    assert "「赵巷镇老旧小区综合改造实施方案」意见采纳情况反馈已逾期" in titles


def test_bad_requests_get_one_chinese_line(demo_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(demo_folder), "decisions", "list", "--year", "2031"]) == 2
    assert capsys.readouterr().err.strip() == "还没有2031年的决策事项目录。"
    out = ["--out", str(demo_folder / "目录.pdf")]
    assert main(["--data-dir", str(demo_folder), "decisions", "export", "--year", "2025", *out]) == 2
    assert "请以 .docx 或 .xlsx 结尾" in capsys.readouterr().err
