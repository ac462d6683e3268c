"""`office set` / `office show` (issue 20): a data folder set up without the window, with the first-run
dialog's validation and audit entry."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.cli import main
from app.models import AuditEntry
from app.paths import DataPaths
from app.services.context import open_data_folder
from app.services.settings.service import OfficeInfo

OFFICE = ["--name", "赵巷镇人民政府", "--code", "11310118-0001", "--yes"]  # not a credit code: confirmed


def run(capsys: pytest.CaptureFixture[str], data_paths: DataPaths, *args: str) -> tuple[int, str, str]:
    """`python main.py --data-dir … ARGS` in this process: exit code, stdout, stderr."""
    try:
        code = main(["--data-dir", str(data_paths.root), *args])
    except SystemExit as stop:  # argparse refusals end the process
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def saved_office(data_paths: DataPaths) -> OfficeInfo | None:
    ctx = open_data_folder(data_paths)
    try:
        return ctx.settings.office()
    finally:
        ctx.close()


def office_audit(data_paths: DataPaths) -> list[AuditEntry]:
    ctx = open_data_folder(data_paths)
    try:
        with ctx.sessions() as session:
            return list(session.scalars(select(AuditEntry).where(AuditEntry.entity == "单位信息")))
    finally:
        ctx.close()


def test_set_then_show_round_trip(capsys: pytest.CaptureFixture[str], data_paths: DataPaths) -> None:
    code, out, err = run(
        capsys,
        data_paths,
        "office",
        "set",
        *OFFICE,
        "--address",
        " 赵巷镇人民路 1 号 ",
        "--phone",
        "021-5976",
    )
    assert (code, err) == (0, "")
    assert out.strip() == "已保存单位信息：赵巷镇人民政府，机构代码 11310118-0001。"
    code, out, _err = run(capsys, data_paths, "office", "show", "--json")
    assert code == 0
    assert json.loads(out) == {
        "name": "赵巷镇人民政府",
        "org_code": "11310118-0001",
        "address": "赵巷镇人民路 1 号",  # trimmed, as the dialog saves it
        "phone": "021-5976",
    }
    code, out, _err = run(capsys, data_paths, "office", "show")
    assert code == 0 and out.splitlines()[:2] == ["单位名称：赵巷镇人民政府", "机构代码：11310118-0001"]


def test_omitted_address_and_phone_keep_what_was_saved(
    capsys: pytest.CaptureFixture[str], data_paths: DataPaths
) -> None:
    assert run(capsys, data_paths, "office", "set", *OFFICE, "--phone", "021-5976")[0] == 0
    assert (
        run(capsys, data_paths, "office", "set", "--name", "赵巷镇人民政府（新）", "--code", "11310118-0001")[
            0
        ]
        == 0
    )
    assert saved_office(data_paths) == OfficeInfo("赵巷镇人民政府（新）", "11310118-0001", "", "021-5976")
    code, out, _err = run(capsys, data_paths, "office", "show")
    assert code == 0 and "地址：（未填写）" in out.splitlines()


@pytest.mark.parametrize(
    ("name", "code", "words"),
    [
        ("   ", "11310118-0001", "请填写单位名称"),
        ("赵巷镇人民政府", "赵巷-01", "机构代码只能由字母、数字和连字符组成"),
        ("赵巷镇人民政府", "1", "机构代码只能由字母、数字和连字符组成"),
        ("镇" * 101, "11310118-0001", "单位名称太长"),
    ],
    ids=["blank name", "Chinese in code", "one-character code", "101-character name"],
)
def test_a_refusal_is_one_chinese_line_and_saves_nothing(
    capsys: pytest.CaptureFixture[str], data_paths: DataPaths, name: str, code: str, words: str
) -> None:
    exit_code, out, err = run(capsys, data_paths, "office", "set", "--name", name, "--code", code)
    assert exit_code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and words in err
    assert saved_office(data_paths) is None and office_audit(data_paths) == []


def test_a_refusal_leaves_the_saved_office_as_it_was(
    capsys: pytest.CaptureFixture[str], data_paths: DataPaths
) -> None:
    assert run(capsys, data_paths, "office", "set", *OFFICE)[0] == 0
    assert run(capsys, data_paths, "office", "set", "--name", "新名称", "--code", "坏代码")[0] == 2
    assert saved_office(data_paths) == OfficeInfo("赵巷镇人民政府", "11310118-0001")
    assert len(office_audit(data_paths)) == 1


def test_show_on_a_folder_without_an_office_says_so(
    capsys: pytest.CaptureFixture[str], data_paths: DataPaths
) -> None:
    for extra in ([], ["--json"]):
        code, out, err = run(capsys, data_paths, "office", "show", *extra)
        assert code == 2 and out == ""
        assert err.strip() == (
            "这个数据文件夹还没有填写单位信息。"
            "请运行 office set --name 单位名称 --code 机构代码，或打开程序按提示填写。"
        )


def test_the_audit_log_names_the_command_line(
    capsys: pytest.CaptureFixture[str], data_paths: DataPaths
) -> None:
    assert run(capsys, data_paths, "office", "set", *OFFICE)[0] == 0
    assert run(capsys, data_paths, "office", "set", *OFFICE, "--phone", "021-5976")[0] == 0
    code, out, _err = run(capsys, data_paths, "office", "set", *OFFICE)
    assert code == 0 and out.strip() == "单位信息与原来相同，没有改动。"
    entries = office_audit(data_paths)
    assert [(entry.username, entry.action) for entry in entries] == [("命令行", "新建"), ("命令行", "修改")]
    assert "021-5976" in entries[1].details_json


def test_after_office_set_the_first_run_no_longer_asks_for_the_office(
    capsys: pytest.CaptureFixture[str], data_paths: DataPaths
) -> None:
    """The window asks for the office while `settings.office()` is None (app/ui/application.py sign_in); once
    an administrator exists too, it opens straight onto the main window."""
    assert saved_office(data_paths) is None
    assert run(capsys, data_paths, "office", "set", *OFFICE)[0] == 0
    ctx = open_data_folder(data_paths)
    try:
        assert ctx.settings.office() == OfficeInfo("赵巷镇人民政府", "11310118-0001")
        ctx.accounts.create_first_admin("admin", "王管理", "admin-pass-1")
        assert ctx.accounts.count() == 1 and ctx.settings.office() is not None  # sign_in's first-run test
    finally:
        ctx.close()
