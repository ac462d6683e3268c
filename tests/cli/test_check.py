"""`check`, `backup` and `restore` on the command line (issue 19): a broken database is a finding (exit 1,
JSON), never a traceback; the command line acts as the data folder's 管理员 for backups."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main as cli_main
from tests.cli.test_cli import run_main


def _folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    data = tmp_path / "数据"
    assert cli_main(["--data-dir", str(data), "check"]) == 0
    capsys.readouterr()
    return data


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"", "0 字节"), (b"SQLite format 3\x00" + b"\xff" * 8000, "损坏")],
    ids=["empty", "damaged"],
)
def test_check_of_a_broken_database_is_a_finding_not_a_traceback(
    tmp_path: Path, content: bytes, words: str
) -> None:
    data = tmp_path / "数据"
    assert run_main("--data-dir", str(data), "check").returncode == 0
    (data / "zwgk.sqlite3").write_bytes(content)
    for leftover in data.glob("zwgk.sqlite3-*"):
        leftover.unlink()
    result = run_main("--data-dir", str(data), "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is False and words in report["database_problem"]
    assert (data / "zwgk.sqlite3").read_bytes() == content, "check left the file as it found it"


def test_backup_and_restore_as_the_folders_administrator(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _folder(tmp_path, capsys)
    assert cli_main(["--data-dir", str(data), "backup", "--out", str(tmp_path / "备份.zip")]) == 0
    made = json.loads(capsys.readouterr().out)
    assert Path(made["file"]).is_file()
    assert cli_main(["--data-dir", str(data), "restore", str(tmp_path / "备份.zip")]) == 0
    restored = json.loads(capsys.readouterr().out)
    assert Path(restored["previous_data_saved_to"]).is_file()
    assert cli_main(["--data-dir", str(data), "check"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True and report["audit_anchors"]["anchor_file"] == "ok"
