"""Issue 21 point 8: `office set` checks the 统一社会信用代码 check digit (GB 32100-2015) and wants `--yes`
for a code that is not a credit code; the refusal is one Chinese line, exit code 2, nothing saved."""

from __future__ import annotations

import pytest

from app.paths import DataPaths
from tests.cli.test_office import run, saved_office

NAME = ["--name", "赵巷镇人民政府"]


def test_a_wrong_check_digit_is_refused_even_with_yes(
    capsys: pytest.CaptureFixture[str], data_paths: DataPaths
) -> None:
    code, out, err = run(capsys, data_paths, "office", "set", *NAME, "--code", "11310118MB2F40001X", "--yes")
    assert (code, out) == (2, "") and len(err.strip().splitlines()) == 1
    assert "第18位应为「N」" in err and saved_office(data_paths) is None


def test_a_valid_credit_code_needs_no_confirmation(
    capsys: pytest.CaptureFixture[str], data_paths: DataPaths
) -> None:
    code, out, _err = run(capsys, data_paths, "office", "set", *NAME, "--code", "11310118MB2F40001N")
    assert code == 0 and "机构代码 11310118MB2F40001N" in out


def test_another_code_needs_yes_once(capsys: pytest.CaptureFixture[str], data_paths: DataPaths) -> None:
    code, out, err = run(capsys, data_paths, "office", "set", *NAME, "--code", "12345678-8")
    assert (code, out) == (2, "") and len(err.strip().splitlines()) == 1
    assert "旧的组织机构代码" in err and "加 --yes 再运行一次" in err and saved_office(data_paths) is None
    assert run(capsys, data_paths, "office", "set", *NAME, "--code", "12345678-8", "--yes")[0] == 0
    renamed = run(capsys, data_paths, "office", "set", "--name", "赵巷镇政府", "--code", "12345678-8")
    office = saved_office(data_paths)
    assert renamed[0] == 0 and office is not None  # the saved code is not asked about again
    assert (office.name, office.org_code) == ("赵巷镇政府", "12345678-8")


def test_an_old_code_with_a_wrong_check_digit_is_refused(
    capsys: pytest.CaptureFixture[str], data_paths: DataPaths
) -> None:
    code, _out, err = run(capsys, data_paths, "office", "set", *NAME, "--code", "12345678-9", "--yes")
    assert code == 2 and "GB 11714" in err and "最后一位应为「8」" in err
