"""Backup to one .zip (database snapshot + attachments) and restore from it, all-or-nothing."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from app import __version__
from app.clock import SYSTEM_CLOCK, Clock
from app.errors import UserFacingError
from app.models.db import make_engine, snapshot_database
from app.models.migrate import current_revision, upgrade_database
from app.paths import DB_FILE_NAME, DataPaths
from app.services.attachments import CHUNK, sha256_of
from app.services.common import IsCancelled, Progress, check_cancel, never_cancelled, no_progress
from app.services.zip_safety import entry_name_problem, size_problem

FORMAT = "zwgk-backup"
FORMAT_VERSION = 1
MAX_MANIFEST_BYTES = 1 << 20
_BLOB_RE = re.compile(r"^attachments/[0-9a-f]{2}/([0-9a-f]{64})$")


@dataclass(frozen=True)
class BackupResult:
    file: Path
    attachments: int
    size: int
    created_at: str


def create_backup(
    engine: Engine,
    paths: DataPaths,
    out_file: Path,
    progress: Progress = no_progress,
    is_cancelled: IsCancelled = never_cancelled,
    clock: Clock = SYSTEM_CLOCK,
) -> BackupResult:
    if out_file.suffix.lower() != ".zip":
        out_file = out_file.with_name(out_file.name + ".zip")
    out_file.parent.mkdir(parents=True, exist_ok=True)
    partial = out_file.with_name(out_file.name + ".partial")
    blobs = sorted(p for p in paths.attachments.glob("??/*") if p.is_file())
    created = clock.now().isoformat(timespec="seconds")
    try:
        with tempfile.TemporaryDirectory(dir=paths.root) as work:
            snapshot = Path(work) / DB_FILE_NAME
            snapshot_database(engine, snapshot)
            progress(5, "已复制数据库")
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "app_version": __version__,
                "schema_revision": current_revision(engine),
                "created_at": created,
                "attachments": len(blobs),
            }
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
                archive.write(snapshot, DB_FILE_NAME)
                for index, blob in enumerate(blobs):
                    check_cancel(is_cancelled)
                    archive.write(blob, f"attachments/{blob.parent.name}/{blob.name}", zipfile.ZIP_STORED)
                    progress(5 + int(95 * (index + 1) / len(blobs)), f"附件 {index + 1}/{len(blobs)}")
        partial.replace(out_file)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    progress(100, "备份完成")
    return BackupResult(out_file, len(blobs), out_file.stat().st_size, created)


def default_backup_name(now: datetime) -> str:
    return f"政务公开工作台备份-{now:%Y%m%d-%H%M}.zip"


def _read_manifest(archive: zipfile.ZipFile) -> dict[str, object]:
    try:
        if archive.getinfo("manifest.json").file_size > MAX_MANIFEST_BYTES:
            raise UserFacingError("备份中的 manifest.json 大得不正常，这不是本系统生成的备份。")
        manifest = json.loads(archive.read("manifest.json").decode("utf-8"))
    except (KeyError, ValueError):
        raise UserFacingError("这个文件不是政务公开工作台的备份（缺少 manifest.json）。") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise UserFacingError("这个文件不是政务公开工作台的备份。")
    return manifest


def _validate_names(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    blobs: list[zipfile.ZipInfo] = []
    for info in archive.infolist():
        unsafe = entry_name_problem(info.filename) or size_problem(info)
        if unsafe:
            raise UserFacingError(
                f"备份文件中有不认识的条目「{info.filename[:80]}」（{unsafe}），为安全起见没有恢复。"
            )
        if info.filename in ("manifest.json", DB_FILE_NAME) or info.is_dir():
            continue
        if not _BLOB_RE.match(info.filename):
            raise UserFacingError(f"备份文件中有不认识的条目「{info.filename[:80]}」，为安全起见没有恢复。")
        blobs.append(info)
    names = archive.namelist()
    if len(set(names)) != len(names):
        raise UserFacingError("备份文件中有重名的条目，无法确定哪一份是真的，为安全起见没有恢复。")
    if DB_FILE_NAME not in names:
        raise UserFacingError("备份文件里没有数据库，无法恢复。")
    return blobs


def restore_backup(
    paths: DataPaths,
    backup_file: Path,
    progress: Progress = no_progress,
    is_cancelled: IsCancelled = never_cancelled,
    clock: Clock = SYSTEM_CLOCK,
) -> Path:
    """Replace the data folder's database and attachments with the backup's.

    Every engine on the database must be disposed by the caller first. The current data is kept
    as an automatic backup, whose path is returned, so a wrong restore can be undone.
    """
    if not backup_file.is_file():
        raise UserFacingError(f"找不到备份文件「{backup_file}」。")
    try:
        archive = zipfile.ZipFile(backup_file)
    except zipfile.BadZipFile:
        raise UserFacingError("备份文件已损坏或不是 zip 文件，无法恢复。") from None
    paths.ensure()
    with archive, tempfile.TemporaryDirectory(dir=paths.root, prefix=".restore-") as work:
        _read_manifest(archive)
        blobs = _validate_names(archive)
        staging = Path(work)
        staged_db = staging / DB_FILE_NAME
        _extract(archive, DB_FILE_NAME, staged_db)
        check_staged_database(staged_db, paths)
        staged_blobs = staging / "attachments"
        for index, info in enumerate(blobs):
            check_cancel(is_cancelled)
            sha = _BLOB_RE.match(info.filename).group(1)  # type: ignore[union-attr]
            target = staged_blobs / sha[:2] / sha
            _extract(archive, info.filename, target)
            if sha256_of(target) != sha:
                raise UserFacingError(
                    f"备份中的附件 {sha[:12]}… 内容与校验值不符，备份可能已损坏，未做任何改动。"
                )
            progress(int(80 * (index + 1) / max(len(blobs), 1)), f"校验附件 {index + 1}/{len(blobs)}")
        safety = _backup_current(paths, clock)
        progress(90, "正在替换数据")
        swap_in(paths, staged_db, staged_blobs)
    progress(100, "恢复完成")
    return safety


def _extract(archive: zipfile.ZipFile, name: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with archive.open(name) as source, target.open("wb") as out:
        shutil.copyfileobj(source, out, CHUNK)


def check_staged_database(db_file: Path, paths: DataPaths) -> None:
    try:
        with sqlite3.connect(db_file) as connection:
            result = connection.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.DatabaseError:
        raise UserFacingError("备份中的数据库已损坏，未做任何改动。") from None
    if not result or result[0] != "ok":
        raise UserFacingError("备份中的数据库未通过完整性检查，未做任何改动。")
    # Refuses a newer schema and brings an older one up to date before it goes live.
    upgrade_database(db_file, paths.backups)


def _backup_current(paths: DataPaths, clock: Clock) -> Path:
    target = paths.backups / f"恢复前自动备份-{clock.now():%Y%m%d-%H%M%S}.zip"
    if not paths.database.exists():
        return target
    engine = make_engine(paths.database)
    try:
        create_backup(engine, paths, target, clock=clock)
    finally:
        engine.dispose()
    return target


def swap_in(paths: DataPaths, staged_db: Path, staged_blobs: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(str(paths.database) + suffix).unlink(missing_ok=True)
    staged_db.replace(paths.database)
    old = paths.attachments.with_name(".attachments-old")
    shutil.rmtree(old, ignore_errors=True)
    if paths.attachments.exists():
        paths.attachments.replace(old)
    staged_blobs.mkdir(parents=True, exist_ok=True)
    staged_blobs.replace(paths.attachments)
    shutil.rmtree(old, ignore_errors=True)
