"""`catalogue check --as-of … --json`: the compliance rows of the year as of the day given (never the
machine's clock)."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from app.cli import main
from app.paths import DataPaths
from app.services.catalogue.links import LinkService
from app.services.context import AppContext
from app.services.permissions import Actor
from tests.services.catalogue.seed import QUARTERLY_20TH, add_document, add_item, add_package


def run(capsys: pytest.CaptureFixture[str], data_paths: DataPaths, *args: str) -> tuple[int, str, str]:
    try:
        code = main(["--data-dir", str(data_paths.root), *args])
    except SystemExit as stop:  # argparse refusals end the process
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def seeded(ctx: AppContext, admin: Actor, data_paths: DataPaths) -> DataPaths:
    item = add_item(ctx, "3", "预算公开", channels="政府网站、政务新媒体")
    document = add_document(ctx, "关于2026年财政预算的公告", date(2026, 3, 2), "测府发〔2026〕3号")
    LinkService(ctx.sessions, ctx.calendar).link(admin, item, "公文", document, date(2026, 3, 2))
    add_package(ctx, datetime(2026, 4, 8, 9, 0), ("document", document))
    add_item(ctx, "12", "财政收支情况", QUARTERLY_20TH)
    return data_paths


def test_check_prints_each_occasion_with_its_status(
    capsys: pytest.CaptureFixture[str], seeded: DataPaths
) -> None:
    code, out, err = run(capsys, seeded, "catalogue", "check", "--as-of", "2026-04-10", "--json")

    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["as_of"] == "2026-04-10"
    assert data["rows"][0] == {
        "序号": "3",
        "一级事项": "财政信息",
        "二级事项": "预算公开",
        "状态": "渠道缺失",
        "期限": "2026-03-30",
        "公开日期": None,
        "逾期工作日": 8,
        "期间": "",
        "村（居）": "",
        "来源": "公文",
        "来源标题": "测府发〔2026〕3号 关于2026年财政预算的公告",
        "缺少渠道": ["政务新媒体"],
    }
    assert [(r["期间"], r["状态"]) for r in data["rows"][1:]] == [
        ("2026Q1", "未公开且已逾期"),
        ("2026Q2", "待公开"),
    ]
    assert data["counts"] == {"渠道缺失": 1, "未公开且已逾期": 1, "待公开": 1}


def test_the_day_judged_is_the_one_given(capsys: pytest.CaptureFixture[str], seeded: DataPaths) -> None:
    code, out, _err = run(
        capsys, seeded, "catalogue", "check", "--as-of", "2026-03-20", "--year", "2026", "--json"
    )
    assert code == 0
    assert [r["状态"] for r in json.loads(out)["rows"]] == ["待公开", "未公开且已逾期", "待公开"]
    code, out, _err = run(capsys, seeded, "catalogue", "check", "--as-of", "2026-04-10", "--quarter", "1")
    assert code == 0
    assert "2026年第1季度标准目录公开情况（按 2026-04-10 检查）" in out
    assert "2026Q2" not in out and "逾期 8 个工作日，缺少：政务新媒体" in out


def test_a_wrong_quarter_is_refused_in_chinese(capsys: pytest.CaptureFixture[str], seeded: DataPaths) -> None:
    code, _out, err = run(capsys, seeded, "catalogue", "check", "--as-of", "2026-04-10", "--quarter", "5")
    assert code == 2 and "季度「5」应在 1～4 之间" in err
