"""The headless commands, run as the clerk (or the installer) would: in a fresh process."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.travel import python_command

ROOT = Path(__file__).resolve().parents[2]


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [*python_command(), str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
        cwd=ROOT,
        env=env,
    )


@pytest.mark.slow
def test_demo_check_backup_restore_and_tamper(tmp_path: Path) -> None:
    data = tmp_path / "数据"
    demo = run_main("--data-dir", str(data), "demo")
    assert demo.returncode == 0, demo.stderr
    assert json.loads(demo.stdout)["attachments"] >= 3

    check = run_main("--data-dir", str(data), "check")
    assert check.returncode == 0, check.stdout
    summary = json.loads(check.stdout)
    assert summary["ok"] is True and summary["attachments_checked"] >= 3

    backup = run_main("--data-dir", str(data), "backup", "--out", str(tmp_path / "备份.zip"))
    assert backup.returncode == 0, backup.stderr

    blob = next((data / "attachments").glob("??/*"))
    blob.write_bytes(blob.read_bytes() + b"tampered")
    check = run_main("--data-dir", str(data), "check")
    assert check.returncode == 1
    assert json.loads(check.stdout)["attachment_problems"][0]["problem"] == "altered"

    restore = run_main("--data-dir", str(data), "restore", str(tmp_path / "备份.zip"))
    assert restore.returncode == 0, restore.stderr
    assert run_main("--data-dir", str(data), "check").returncode == 0


@pytest.mark.slow
def test_demo_is_written_once_on_whatever_date_the_machine_has(tmp_path: Path) -> None:
    """CI runs this under faketime too (a date in a year without its holiday notice)."""
    data = tmp_path / "数据"
    first = run_main("--data-dir", str(data), "demo")
    assert first.returncode == 0, first.stderr
    written = json.loads(first.stdout)
    assert written["already_present"] is False and written["today"]
    again = run_main("--data-dir", str(data), "demo")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["already_present"] is True
    check = run_main("--data-dir", str(data), "check")
    assert check.returncode == 0, check.stdout
    assert json.loads(check.stdout)["row_counts"]["request_cases"] == 8


def test_user_error_is_one_chinese_line_with_exit_2(tmp_path: Path) -> None:
    result = run_main("--data-dir", str(tmp_path / "d"), "restore", str(tmp_path / "没有这个文件.zip"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "找不到备份文件" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_smoke_test_shows_every_page_and_saves_screenshots(tmp_path: Path) -> None:
    shots = tmp_path / "截图"
    result = run_main("--data-dir", str(tmp_path / "d"), "--smoke-test", "--screenshots", str(shots))
    assert result.returncode == 0, result.stderr
    from app.ui.pages import PAGES

    names = sorted(p.name for p in shots.glob("*.png"))
    page_shots = [n for n in names if not n.startswith(("dialog-", "00-")) and "-tab" not in n]
    assert len(page_shots) == len(PAGES)
    assert "00-start.png" in names, "the window as first shown, before the 工作台 has loaded"
    assert any("-tab" in n for n in names), "each tab of a tabbed page is captured too"
    assert all((shots / n).stat().st_size > 5_000 for n in names)
