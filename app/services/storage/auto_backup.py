"""Automatic backups (issue 8 §6): on exit, at most once a day, into a configurable folder.

Layout of the backup folder:
    自动备份/attachments/ab/<sha256>     every attachment once, shared by all generations
    自动备份/20250124-173005/zwgk.sqlite3 a consistent copy (SQLite online backup API)
    自动备份/20250124-173005/generation.json   what the generation contains
A generation folder is written under a temp name and renamed, so a half-written one never shows.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from app import __version__
from app.clock import SYSTEM_CLOCK, Clock
from app.errors import UserFacingError
from app.models.db import snapshot_database
from app.models.migrate import current_revision
from app.paths import DB_FILE_NAME, DataPaths
from app.services.common import IsCancelled, Progress, check_cancel, never_cancelled, no_progress
from app.services.formats.atomic import fsync_file, fsync_folder, write_json_atomic
from app.services.permissions import Actor
from app.services.settings import registry
from app.services.settings.service import SettingsService
from app.services.storage.anchor import MANIFEST_KEY, ChainHead, advance_anchor, head_of_database
from app.services.storage.attachments import blob_path, copy_verified
from app.services.storage.restore import require_admin

ROOT_NAME = "自动备份"
INFO_NAME = "generation.json"
ID_FORMAT = "%Y%m%d-%H%M%S"
ON_EXIT, BEFORE_RESTORE, MANUAL = "退出时", "恢复前", "手动"
# What the restore dialog shows for each generation: table → label.
COUNTED = (
    ("documents", "公文"),
    ("review_sheets", "保密审查单"),
    ("requests", "依申请公开"),
    ("decision_items", "决策事项"),
    ("postings", "公开栏张贴"),
    ("exports", "上报数据包"),
    ("attachments", "附件"),
    ("audit_entries", "操作日志"),
)


@dataclass(frozen=True)
class Generation:
    id: str
    folder: Path
    created_at: datetime
    reason: str
    app_version: str
    schema_revision: str
    database_size: int
    attachments: int
    attachment_bytes: int
    new_attachments: int
    counts: tuple[tuple[str, int], ...]
    audit_head: ChainHead | None = None  # the log's head when it was made (issue 19 §5)

    def summary(self) -> str:
        parts = [f"{label} {count}" for label, count in self.counts if count]
        return "、".join(parts) or "没有业务数据"


def _shas(db_file: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(db_file) as connection:
        rows = connection.execute("SELECT sha256, MAX(size) FROM attachments GROUP BY sha256").fetchall()
    connection.close()
    return [(str(sha), int(size)) for sha, size in rows]


def _counts(db_file: Path) -> tuple[tuple[str, int], ...]:
    with sqlite3.connect(db_file) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        result = tuple(
            (label, int(connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]))
            for table, label in COUNTED
            if table in tables
        )
    connection.close()
    return result


def copy_blob(source: Path, target: Path, sha: str) -> None:
    """A blob in the backup is always whole: hash checked on the way, temp name, then rename."""
    if copy_verified(source, target, sha) is not None:
        raise UserFacingError(
            f"附件 {sha[:12]}… 的内容与校验值不符，已损坏，没有复制。请运行数据检查（python main.py check）。"
        )


def _load(folder: Path) -> Generation | None:
    try:
        with (folder / INFO_NAME).open(encoding="utf-8") as handle:
            data = json.load(handle)
        if not (folder / DB_FILE_NAME).is_file():
            return None
        return Generation(
            folder.name,
            folder,
            datetime.fromisoformat(data["created_at"]),
            str(data["reason"]),
            str(data["app_version"]),
            str(data["schema_revision"]),
            int(data["database_size"]),
            int(data["attachments"]),
            int(data["attachment_bytes"]),
            int(data["new_attachments"]),
            tuple((str(label), int(count)) for label, count in data["counts"]),
            ChainHead.from_json(data.get(MANIFEST_KEY)),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None  # a damaged or foreign folder is not offered for restore


class AutoBackupService:
    def __init__(self, engine: Engine, paths: DataPaths, settings: SettingsService, clock: Clock) -> None:
        self._engine, self._paths, self._settings, self._clock = engine, paths, settings, clock

    def root(self) -> Path:
        configured = self._settings.read(registry.BACKUP_FOLDER)
        return (Path(configured) if configured else self._paths.backups) / ROOT_NAME

    def keep(self) -> int:
        return self._settings.read(registry.BACKUP_GENERATIONS)

    def generations(self) -> list[Generation]:
        """Complete generations, newest first."""
        return list_generations(self.root())

    def due(self, now: datetime | None = None) -> bool:
        """At most once a day: due when no generation was made today."""
        if self._engine.dialect.name != "sqlite":  # server mode: pg_dump on the server (README, issue 14)
            return False
        today = (now or self._clock.now()).date()
        return not any(g.created_at.date() == today for g in self.generations())

    def run_if_due(self, reason: str = ON_EXIT, progress: Progress = no_progress) -> Generation | None:
        return self.run(reason, progress) if self.due() else None

    def run_now(
        self, actor: Actor, progress: Progress = no_progress, is_cancelled: IsCancelled = never_cancelled
    ) -> Generation:
        """A generation on request (`auto-backup run`): 管理员 only. The backup on exit needs no role:
        it stays on this PC, in the folder the 管理员 chose."""
        require_admin(actor, "立即自动备份", self._paths.database)
        return self.run(MANUAL, progress, is_cancelled)

    def run(
        self,
        reason: str = MANUAL,
        progress: Progress = no_progress,
        is_cancelled: IsCancelled = never_cancelled,
        now: datetime | None = None,
        prune: bool = True,
    ) -> Generation:
        root = self.root()
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError:
            raise UserFacingError(
                f"自动备份文件夹「{root.parent}」无法写入（U 盘是否已插好？）。请在「设置」中检查备份文件夹。"
            ) from None
        generation = make_generation(
            self._engine, self._paths, root, reason, progress, is_cancelled, now or self._clock.now()
        )
        if prune:
            prune_generations(root, self.keep())
        if self._engine.dialect.name == "sqlite":
            advance_anchor(self._paths, self._engine, self._clock.now(), "自动备份时")
        return generation


def make_generation(
    engine: Engine,
    paths: DataPaths,
    root: Path,
    reason: str,
    progress: Progress = no_progress,
    is_cancelled: IsCancelled = never_cancelled,
    now: datetime | None = None,
) -> Generation:
    created = (now or SYSTEM_CLOCK.now()).replace(microsecond=0)
    gen_id = created.strftime(ID_FORMAT)
    number = 1
    while (root / gen_id).exists():
        number += 1
        gen_id = f"{created.strftime(ID_FORMAT)}-{number}"
    staging = root / f".{gen_id}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        snapshot = staging / DB_FILE_NAME
        snapshot_database(engine, snapshot)
        progress(10, "已复制数据库")
        blobs = _shas(snapshot)
        new = 0
        for index, (sha, size) in enumerate(blobs):
            check_cancel(is_cancelled)
            target = blob_path(root / "attachments", sha)
            if not (target.is_file() and target.stat().st_size == size):
                source = blob_path(paths.attachments, sha)
                if not source.is_file():
                    raise UserFacingError(
                        f"附件 {sha[:12]}… 在数据文件夹中找不到，备份没有完成。"
                        "请运行数据检查（python main.py check）。"
                    )
                copy_blob(source, target, sha)
                new += 1
            progress(10 + 85 * (index + 1) // len(blobs), f"附件 {index + 1}/{len(blobs)}")
        info = {
            "created_at": created.isoformat(),
            "reason": reason,
            "app_version": __version__,
            "schema_revision": current_revision(engine) or "",
            "database_size": snapshot.stat().st_size,
            "attachments": len(blobs),
            "attachment_bytes": sum(size for _sha, size in blobs),
            "new_attachments": new,
            "counts": [list(pair) for pair in _counts(snapshot)],
            MANIFEST_KEY: head.as_json() if (head := head_of_database(snapshot, created)) else None,
        }
        write_json_atomic(staging / INFO_NAME, info)
        fsync_file(snapshot)  # the folder's rename below publishes whole files only
        staging.replace(root / gen_id)
        fsync_folder(root)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    progress(100, "自动备份完成")
    generation = _load(root / gen_id)
    assert generation is not None
    return generation


def list_generations(root: Path) -> list[Generation]:
    if not root.is_dir():
        return []
    found = (_load(folder) for folder in root.iterdir() if folder.is_dir() and folder.name[:1].isdigit())
    return sorted((g for g in found if g is not None), key=lambda g: (g.created_at, g.id), reverse=True)


def prune_generations(root: Path, keep: int) -> list[str]:
    """Drop the oldest generations beyond `keep`, then every blob no kept generation refers to."""
    generations = list_generations(root)
    dropped = [g.id for g in generations[keep:]]
    for generation in generations[keep:]:
        shutil.rmtree(generation.folder, ignore_errors=True)
    wanted: set[str] = set()
    for generation in generations[:keep]:
        wanted.update(sha for sha, _size in _shas(generation.folder / DB_FILE_NAME))
    for blob in _blobs(root / "attachments"):
        if blob.name not in wanted:
            blob.unlink(missing_ok=True)
    return dropped


def _blobs(store: Path) -> Iterable[Path]:
    return (p for p in store.glob("??/*") if p.is_file() and not p.name.startswith("."))
