"""`calendar …` and `fee …` commands in a fresh process (needs app/cli.py registration of cli_calendar)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import run_main

NOTICES = Path(__file__).resolve().parents[1] / "data" / "holiday_notices"

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


def test_an_unloaded_year_gives_a_provisional_date_until_the_notice_is_imported(
    data_dir: Path, tmp_path: Path
) -> None:
    """Issue 18 「Done when」: a due date with "provisional": true and exit 0; the import confirms it."""
    from chinese_calendar import constants

    if any(day.year == 2027 for day in constants.holidays):
        pytest.skip("this chinesecalendar release already carries 2027")
    for received, due in (("2026-12-10", "2027-01-08"), ("2026-12-20", "2027-01-18")):
        provisional = run_main(
            "--data-dir", str(data_dir), "calendar", "deadline", "--received", received, "--json"
        )
        assert provisional.returncode == 0, provisional.stderr
        data = json.loads(provisional.stdout)
        assert (data["due"], data["provisional"], data["provisional_years"]) == (due, True, [2027])
        assert data["correction_notice_due_provisional"] is False
        assert "暂定：2027年放假安排尚未录入" in data["explanation"]
    notice = tmp_path / "2027年通知.txt"
    notice.write_text(NOTICE_2027, encoding="gbk")
    imported = run_main("--data-dir", str(data_dir), "calendar", "import", str(notice), "--yes")  # 元旦 only
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["year"] == 2027
    status = json.loads(run_main("--data-dir", str(data_dir), "calendar", "status").stdout)
    assert status["covered_years"][0] == 2004 and status["covered_years"][-1] == 2027
    computed = run_main(
        "--data-dir", str(data_dir), "calendar", "deadline", "--received", "2026-12-10", "--json"
    )
    data = json.loads(computed.stdout)
    assert (data["due"], data["provisional"], data["provisional_years"]) == ("2027-01-08", False, [])


def test_a_far_year_is_provisional_whatever_the_package_covers(data_dir: Path) -> None:
    result = run_main("--data-dir", str(data_dir), "calendar", "deadline", "--received", "2098-12-20")
    assert result.returncode == 0, result.stderr
    assert "答复期限：2099-01-18（暂定：2098年、2099年放假安排尚未录入" in result.stdout


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


def test_import_of_a_real_notice_matching_the_data_needs_no_confirmation(tmp_path: Path) -> None:
    imported = run_main("--data-dir", str(tmp_path / "数据"), "calendar", "import", str(NOTICES / "2024.txt"))
    assert imported.returncode == 0, imported.stderr
    report = json.loads(imported.stdout)
    assert report["saved"] is True and report["warnings"] == [] and report["changes"] == []


def test_import_that_changes_loaded_days_is_refused_without_yes(tmp_path: Path) -> None:
    data_dir, notice = str(tmp_path / "数据"), tmp_path / "2017年通知.txt"
    real = (NOTICES / "2017.txt").read_text(encoding="utf-8")
    notice.write_text(real.replace("1月1日放假，1月2日（星期一）补休。", "1月1日放假。"), encoding="utf-8")
    refused = run_main("--data-dir", data_dir, "calendar", "import", str(notice))
    assert refused.returncode == 2
    assert "--yes" in refused.stderr and refused.stderr.strip().count("\n") == 0
    report = json.loads(refused.stdout)
    assert report["saved"] is False and report["changed_days"] == []
    assert report["changes"] == ["2017-01-02（星期一）：原为 放假（元旦），导入后为 工作日"]
    saved = run_main("--data-dir", data_dir, "calendar", "import", str(notice), "--yes")
    assert saved.returncode == 0 and json.loads(saved.stdout)["changed_days"] == ["2017-01-02"]
    restored = run_main("--data-dir", data_dir, "calendar", "import", str(NOTICES / "2017.txt"), "--confirm")
    assert restored.returncode == 0 and json.loads(restored.stdout)["saved"] is True
