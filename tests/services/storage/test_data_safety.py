"""Data safety: 工作台 alerts for a lost or stale backup folder; `check --repair` tidies the store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

from app.services.alerts import Urgency
from app.services.context import AppContext
from app.services.dashboard.collect_alerts import collect_alerts
from app.services.permissions import SYSTEM, Actor
from app.services.storage.cleanup import clean_store
from app.services.storage.file_clock import file_clock_now

ROOT = Path(__file__).resolve().parents[3]


def _backup_alerts(ctx: AppContext, today: date) -> list[tuple[Urgency, str]]:
    return [(a.urgency, a.title) for a in collect_alerts(ctx, today, SYSTEM) if a.entity == "自动备份"]


def test_unplugged_backup_folder_is_flagged(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    stick = tmp_path / "U盘"
    office_ctx.settings.set(admin, "backup.folder", str(stick))
    assert _backup_alerts(office_ctx, office_ctx.clock.today()) == [
        (Urgency.DUE_SOON, "自动备份文件夹无法访问")
    ]
    stick.mkdir()
    assert (
        _backup_alerts(office_ctx, office_ctx.clock.today()) == []
    )  # no generation yet: the manual reminder covers it


def test_a_week_without_an_automatic_backup_is_flagged(office_ctx: AppContext) -> None:
    made = office_ctx.auto_backups.run(now=datetime(2026, 3, 1, 18, 0))
    assert made.created_at.date() == date(2026, 3, 1)
    assert _backup_alerts(office_ctx, date(2026, 3, 7)) == []
    alerts = _backup_alerts(office_ctx, date(2026, 3, 9))
    assert alerts == [(Urgency.REMINDER, "已有 8 天没有自动备份")]
    office_ctx.auto_backups.run(now=datetime(2026, 3, 9, 18, 0))
    assert _backup_alerts(office_ctx, date(2026, 3, 9)) == []


def _age(path: Path, days: float) -> None:
    moment = file_clock_now(path.parent) - timedelta(days=days).total_seconds()  # the OS stamps mtimes
    os.utime(path, (moment, moment))


def _orphans(ctx: AppContext, tmp_path: Path) -> dict[str, Path]:
    source = tmp_path / "通知.pdf"
    source.write_bytes(b"%PDF-1.4 referenced")
    kept = ctx.attachments.path_of(ctx.attachments.add_file(source).sha256)
    orphan_source = tmp_path / "orphan.bin"
    orphan_source.write_bytes(b"copied but never registered")
    orphan = ctx.attachments.path_of(ctx.attachments.store_blob(orphan_source)[0])
    recent_source = tmp_path / "recent.bin"
    recent_source.write_bytes(b"being saved right now")
    recent = ctx.attachments.path_of(ctx.attachments.store_blob(recent_source)[0])
    temp = ctx.attachments.root / ".incoming-abc123"
    temp.write_bytes(b"half a copy")
    other = ctx.attachments.root / "说明.txt"  # not a blob name: never ours to delete
    other.write_text("自己放的文件", encoding="utf-8")
    for path in (kept, orphan, temp, other):
        _age(path, 3)
    return {"kept": kept, "orphan": orphan, "recent": recent, "temp": temp, "other": other}


def test_repair_removes_only_old_unreferenced_files(ctx: AppContext, tmp_path: Path) -> None:
    files = _orphans(ctx, tmp_path)
    report = clean_store(ctx.sessions, ctx.attachments)
    assert report.removed_temp_files == [".incoming-abc123"]
    assert report.removed_blobs == [files["orphan"].relative_to(ctx.attachments.root).as_posix()]
    assert report.freed_bytes == len(b"half a copy") + len(b"copied but never registered")
    assert report.kept_recent == 1 and report.failed == []
    assert files["kept"].is_file() and files["recent"].is_file() and files["other"].is_file()
    assert not files["orphan"].exists() and not files["temp"].exists()
    assert clean_store(ctx.sessions, ctx.attachments).removed_blobs == []


def test_check_repair_on_the_command_line_reports_what_it_removed(ctx: AppContext, tmp_path: Path) -> None:
    files = _orphans(ctx, tmp_path)
    root = ctx.paths.root
    ctx.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    plain = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(root), "check"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
        env=env,
    )
    assert "repair" not in json.loads(plain.stdout) and files["orphan"].exists()
    assert not files["temp"].exists(), "an interrupted copy's temp file goes at start-up (issue 19)"
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(root), "check", "--repair"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    repair = json.loads(done.stdout)["repair"]
    assert repair["removed_temp_files"] == [] and len(repair["removed_blobs"]) == 1
    assert files["kept"].is_file() and not files["orphan"].exists()
