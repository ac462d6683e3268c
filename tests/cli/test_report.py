"""`report annual`: .docx and JSON from the data; exit 2 and the failed checks when the tables disagree."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from app.cli import main
from app.paths import DataPaths
from app.services.context import open_data_folder
from tests.conftest import TEST_OFFICE
from tests.services.report_support import Spec, build_case


@pytest.fixture
def folder(data_paths: DataPaths) -> Path:
    ctx = open_data_folder(data_paths)
    try:
        admin = ctx.accounts.create_first_admin("admin", "王管理", "admin-pass-1")
        ctx.settings.save_office(admin, TEST_OFFICE)
        specs = [
            Spec("自然人", date(2025, 3, 3), "R3.1", date(2025, 3, 10)),
            Spec("商业企业", date(2025, 4, 1), "R3.3.1", date(2025, 4, 20)),
            Spec("其他", date(2025, 12, 29)),
        ]
        for number, spec in enumerate(specs, start=1):
            build_case(ctx, admin, spec, number)
    finally:
        ctx.close()
    return data_paths.root


def test_report_annual_writes_docx_and_json(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, numbers = tmp_path / "报告" / "2025年报.docx", tmp_path / "2025年报.json"
    args = ["--data-dir", str(folder), "report", "annual", "--year", "2025", "--out", str(out)]
    assert main([*args, "--json", str(numbers)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["docx"] == str(out.resolve())
    data = json.loads(numbers.read_text(encoding="utf-8"))
    assert data["table3"]["一、本年新收政府信息公开申请数量"] == [1, 1, 0, 0, 0, 1, 3]
    assert data["table3"]["四、结转下年度继续办理"] == [0, 0, 0, 0, 0, 1, 1]
    assert any("2025年政府信息公开工作年度报告" in p.text for p in Document(str(out)).paragraphs)


def test_inconsistent_tables_exit_2_with_the_failed_check(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ctx = open_data_folder(DataPaths(folder))
    try:
        admin = ctx.accounts.authenticate("admin", "admin-pass-1")
        ctx.annual_report.save_prior_carryover(admin, 2025, [2, 0, 0, 0, 0, 0, 2])  # last year's paper 四
    finally:
        ctx.close()
    out = tmp_path / "年报.docx"
    assert main(["--data-dir", str(folder), "report", "annual", "--year", "2025", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "上年结转" in err and "不一致" in err and not out.exists()
    assert main(["--data-dir", str(folder), "report", "annual", "--year", "2099", "--out", str(out)]) == 2
    assert "年度应在" in capsys.readouterr().err


def test_report_annual_writes_the_checker_json_and_the_opening(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, checker = tmp_path / "2025年报.docx", tmp_path / "核查" / "2025年报.json"
    args = ["--data-dir", str(folder), "report", "annual", "--year", "2025", "--out", str(out), "--opening"]
    assert main([*args, "--checker-json", str(checker)]) == 0
    assert json.loads(capsys.readouterr().out)["checker_json"] == str(checker.resolve())
    sections = json.loads(checker.read_text(encoding="utf-8"))["sections"]
    assert len(sections) == 6 and sections[2]["tableData"]["total"]["newReceived"] == 3
    assert any(p.text.startswith("本报告根据") for p in Document(str(out)).paragraphs)
