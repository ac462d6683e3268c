"""`request casefile --number 受理编号 --out FILE.pdf` (issue 22 point 5) and `request casefiles --year`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.requests.casefile import build
from tests.services.requests.casefile.casefile_support import case_with_six_papers


@pytest.fixture(autouse=True)
def _no_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build, "find_soffice", lambda: None)  # text letters: quick and the same everywhere


def test_casefile_of_one_case(
    office_ctx: AppContext, admin: Actor, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id = case_with_six_papers(office_ctx, admin, tmp_path / "纸件")
    number = office_ctx.requests.detail(case_id).number
    target = tmp_path / "输出" / "案卷.pdf"
    data = str(office_ctx.paths.root)
    assert main(["--data-dir", data, "request", "casefile", "--number", number, "--out", str(target)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["number"] == number and out["pages"] == len(PdfReader(str(target)).pages) == 12
    assert out["letters"].startswith("文字版")
    assert [row["页号"] for row in out["toc"]] == [3, 5, 6, 8, 9, 10, 11, 12]


def test_casefiles_of_a_year(
    office_ctx: AppContext, admin: Actor, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case_with_six_papers(office_ctx, admin, tmp_path / "纸件")
    folder = tmp_path / "2024年案卷"
    data = str(office_ctx.paths.root)
    assert main(["--data-dir", data, "request", "casefiles", "--year", "2024", "--out-dir", str(folder)]) == 0
    assert "已生成 2024 年 1 件申请的案卷" in capsys.readouterr().out
    assert len(list(folder.glob("*.pdf"))) == 1


def test_refusals_are_one_chinese_line(
    office_ctx: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(office_ctx.paths.root)
    out = str(tmp_path / "案卷.pdf")
    assert main(["--data-dir", data, "request", "casefile", "--number", "2099-999", "--out", out]) == 2
    assert capsys.readouterr().err.strip() == "找不到受理编号为「2099-999」的申请，请核对编号。"
    assert main(["--data-dir", data, "request", "casefile", "--number", "x", "--out", "案卷.docx"]) == 2
    assert "不是 .pdf 文件名" in capsys.readouterr().err
