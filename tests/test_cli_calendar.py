"""`calendar …` and `fee …` commands in a fresh process (needs app/cli.py registration of cli_calendar)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import run_main

NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
国办发明电〔2026〕9号
一、元旦：1月1日放假，与周末连休。
"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("日历") / "数据"


def test_deadline_json(data_dir: Path) -> None:
    result = run_main(
        "--data-dir", str(data_dir), "calendar", "deadline", "--received", "2024-09-27", "--json"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["due"] == "2024-10-30" and data["correction_notice_due"] == "2024-10-12"
    assert "2024-10-12 星期六  第7个工作日  调休上班（国庆节，国办发明电〔2023〕7号）" in data["explanation"]


def test_deadline_extended_and_paused(data_dir: Path) -> None:
    result = run_main(
        "--data-dir",
        str(data_dir),
        "calendar",
        "deadline",
        "--received",
        "2024-09-27",
        "--extended",
        "--json",
    )
    assert json.loads(result.stdout)["due"] == "2024-11-27"
    result = run_main(
        "--data-dir",
        str(data_dir),
        "calendar",
        "deadline",
        "--received",
        "2024-09-27",
        "--pause",
        "2024-10-08",
        "2024-10-29",
        "--json",
    )
    assert json.loads(result.stdout)["due"] == "2024-11-21"


def test_unloaded_year_exits_2_then_import_fixes_it(data_dir: Path, tmp_path: Path) -> None:
    refused = run_main(
        "--data-dir", str(data_dir), "calendar", "deadline", "--received", "2026-12-10", "--json"
    )
    assert refused.returncode == 2
    assert "2027年放假安排未录入" in refused.stderr and refused.stderr.strip().count("\n") == 0
    notice = tmp_path / "2027年通知.txt"
    notice.write_text(NOTICE_2027, encoding="gbk")
    imported = run_main("--data-dir", str(data_dir), "calendar", "import", str(notice))
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["year"] == 2027
    status = json.loads(run_main("--data-dir", str(data_dir), "calendar", "status").stdout)
    assert status["covered_years"][0] == 2004 and status["covered_years"][-1] == 2027
    computed = run_main(
        "--data-dir", str(data_dir), "calendar", "deadline", "--received", "2026-12-10", "--json"
    )
    assert json.loads(computed.stdout)["due"] == "2027-01-08"


@pytest.mark.parametrize(
    ("args", "amount"),
    [
        (("--by-count", "--ordinal", "35"), 200),
        (("--by-count", "--count", "35"), 3000),
        (("--by-pages", "250"), 4700),
    ],
)
def test_fee(data_dir: Path, args: tuple[str, ...], amount: int) -> None:
    result = run_main("--data-dir", str(data_dir), "fee", *args)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["amount"] == amount


def test_fee_refuses_both_methods(data_dir: Path) -> None:
    result = run_main("--data-dir", str(data_dir), "fee", "--by-count", "--ordinal", "3", "--by-pages", "40")
    assert result.returncode == 2 and "按件或按量" in result.stderr
