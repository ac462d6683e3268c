"""Issue 19 §6: what interrupted exports, backups, restores and the demo leave behind is cleared at start-up
(while this process holds the folder's lock) and by `check --repair`, with the space freed reported."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

import pytest

from app.cli import main as cli_main
from app.instance_lock import InstanceLock
from app.paths import DataPaths
from app.services.context import AppContext, open_data_folder
from app.services.storage.file_clock import file_clock_now
from app.services.storage.temp_files import clean_temp_files

MB = 1 << 20


def _leftovers(paths: DataPaths, out: Path) -> dict[str, Path]:
    """One of each, as a SIGKILL at the wrong moment leaves them (sizes as the issue measured, scaled)."""
    made = {
        "restore": paths.root / ".restore-k2j3h4" / "new" / "zwgk.sqlite3",
        "demo": paths.root / ".demo-x8y9" / "zwgk.sqlite3",
        "backup-work": paths.root / ".backup-a1b2" / "zwgk.sqlite3",
        "snapshot": paths.backups / "升级前-0012-20261123-093000.sqlite3.partial",
        "generation": paths.backups / "自动备份" / ".20261123-093000.partial" / "zwgk.sqlite3",
        "attachment": paths.attachments / ".incoming-q1w2e3",
        "export": out / ".上报数据包.zip.partial",
        "export-work": out / ".export-z9x8" / "信息目录.xlsx",
        "backup-zip": out / ".政务公开工作台备份-20261123-0930.zip.partial",
    }
    for path in made.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\0" * MB)
    return made


def _keepers(paths: DataPaths, out: Path) -> list[Path]:
    """Files that are not ours, or look alike but are someone else's: never touched."""
    kept = [out / "上报数据包.zip", out / "下载中.zip.partial", paths.backups / "恢复前自动备份-1.zip"]
    for path in kept:
        path.write_bytes(b"keep")
    return kept


def _age(path: Path, days: float) -> None:
    moment = file_clock_now(path.parent) - timedelta(days=days).total_seconds()  # the OS stamps mtimes
    for item in [path, *path.rglob("*")] if path.is_dir() else [path]:
        os.utime(item, (moment, moment))


def test_start_up_under_the_folder_lock_clears_every_leftover(
    ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "桌面"
    out.mkdir()
    monkeypatch.setattr("app.services.storage.folder_care.export_folders", lambda _sessions: [out])
    ctx.close()
    made, kept = _leftovers(ctx.paths, out), _keepers(ctx.paths, out)
    with InstanceLock(ctx.paths.lock_file):
        open_data_folder(ctx.paths).close()
    assert [name for name, path in made.items() if path.exists()] == []
    assert not list(ctx.paths.root.glob(".restore-*")) and all(path.exists() for path in kept)


def test_without_the_lock_only_day_old_leftovers_go_and_sizes_are_reported(
    ctx: AppContext, tmp_path: Path
) -> None:
    out = tmp_path / "桌面"
    out.mkdir()
    made = _leftovers(ctx.paths, out)
    for name in ("restore", "export"):
        _age(made[name] if name == "export" else made[name].parent.parent, 2)
    report = clean_temp_files(ctx.paths, ctx.paths.backups / "自动备份", [out])
    assert sorted(Path(p).name for p in report.removed) == [".restore-k2j3h4", ".上报数据包.zip.partial"]
    assert report.freed_bytes == 2 * MB and len(report.kept_recent) == len(made) - 2
    assert made["demo"].exists() and not made["restore"].exists()


def test_check_repair_reports_what_it_freed(
    ctx: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ctx.close()
    made = _leftovers(ctx.paths, tmp_path / "桌面")
    assert cli_main(["--data-dir", str(ctx.paths.root), "check", "--repair"]) == 0
    report = json.loads(capsys.readouterr().out)
    freed = report["repair"]["temp_files"]
    assert freed["freed_bytes"] >= 6 * MB and report["temp_files"] == []
    assert not made["restore"].exists() and not made["attachment"].exists()
