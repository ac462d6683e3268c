"""`catalogue report`: the 自查自纠 .xlsx or .docx and a JSON summary; other file kinds refused in Chinese."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from app.cli import main
from app.paths import DataPaths
from app.services.catalogue.selfcheck.service import SelfCheckService
from app.services.context import open_data_folder
from tests.conftest import TEST_OFFICE
from tests.services.catalogue.selfcheck_rows import ROWS, FixedCheck, add_catalogue


@pytest.fixture
def folder(data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch) -> Path:
    ctx = open_data_folder(data_paths)
    try:
        admin = ctx.accounts.create_first_admin("admin", "王管理", "admin-pass-1")
        ctx.settings.save_office(admin, TEST_OFFICE)
        add_catalogue(ctx)
    finally:
        ctx.close()
    check = FixedCheck(ROWS)  # the compliance check's own tests cover the rows; here, what the command does
    monkeypatch.setattr(SelfCheckService, "_source", lambda _self: check)
    return data_paths.root


def _run(folder: Path, *args: str) -> int:
    return main(["--data-dir", str(folder), "catalogue", "report", "--year", "2026", *args])


def test_xlsx_with_json_summary(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "自查" / "2026年自查自纠.xlsx"
    assert _run(folder, "--as-of", "2026-11-23", "--out", str(out), "--json") == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["file"] == str(out.resolve()) and printed["as_of"] == "2026-11-23"
    assert printed["title"] == "测试镇2026年基层政务公开标准目录自查自纠情况报告"
    total = printed["total"]
    assert (total["事项数"], total["应公开"], total["按时公开"], total["按时率"]) == (6, 6, 2, 0.3333)
    assert [gap["状态"] for gap in printed["gaps"]][:2] == ["未公开且已逾期", "渠道缺失"]
    assert printed["paragraph"].startswith("对照本镇2026年基层政务公开标准目录6个事项开展自查")
    assert load_workbook(out).sheetnames == ["汇总", "问题清单"]


def test_docx_for_one_quarter(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "第四季度.DOCX"
    assert _run(folder, "--quarter", "4", "--as-of", "2026-11-23", "--out", str(out)) == 0
    assert "已生成测试镇2026年第四季度基层政务公开标准目录自查自纠情况报告" in capsys.readouterr().out
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert texts[0] == "测试镇2026年第四季度基层政务公开标准目录自查自纠情况报告"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "报告.pdf"], "请保存为 .xlsx 或 .docx 文件"),
        (["--out", "报告"], "请保存为 .xlsx 或 .docx 文件"),
        (["--quarter", "5", "--out", "报告.xlsx"], "季度「5」应在 1～4 之间"),
        (["--as-of", "2026/11/23", "--out", "报告.xlsx"], "应写成 2025-01-24 的形式"),
    ],
)
def test_refusals_are_one_chinese_line(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    args = [str(tmp_path / arg) if arg.startswith("报告") else arg for arg in args]
    with pytest.raises(SystemExit) as parse_error:
        code = _run(folder, *args)
        raise SystemExit(code)
    assert parse_error.value.code == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("报告*"))


def test_a_folder_or_a_year_without_catalogue_is_refused(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(folder, "--out", str(tmp_path)) == 2
    assert "请保存为 .xlsx 或 .docx" in capsys.readouterr().err
    taken = tmp_path / "已有.xlsx"
    taken.mkdir()
    assert _run(folder, "--out", str(taken)) == 2
    assert "是一个文件夹" in capsys.readouterr().err
    out = tmp_path / "2025.xlsx"
    assert main(["--data-dir", str(folder), "catalogue", "report", "--year", "2025", "--out", str(out)]) == 2
    assert "2025年还没有标准目录" in capsys.readouterr().err and not out.exists()
