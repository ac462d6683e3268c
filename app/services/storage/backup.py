"""Backup to one .zip (database snapshot + attachments) and restore from it, all-or-nothing (issue 19 §4).

Both are for 管理员: a backup holds every applicant's personal data. The manifest records the audit chain's
head, so a log later shortened or rewritten no longer matches what was backed up (app/services/audit_anchor).
"""

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
from sqlalchemy.exc import DBAPIError

from app import __version__
from app.clock import SYSTEM_CLOCK, Clock
from app.errors import UserFacingError
from app.models.db import make_engine, snapshot_database
from app.models.migrate import current_revision
from app.paths import DB_FILE_NAME, DataPaths
from app.services.common import IsCancelled, Progress, check_cancel, never_cancelled, no_progress
from app.services.formats.atomic import atomic_write
from app.services.formats.zips import entry_name_problem, size_problem
from app.services.permissions import Actor
from app.services.storage.anchor import MANIFEST_KEY, ChainHead, advance_anchor, head_of_database
from app.services.storage.attachments import CHUNK, sha256_of
from app.services.storage.restore import Staging, commit, require_admin
from app.services.storage.staged_db import UNCHANGED, verify_staged

FORMAT = "zwgk-backup"
FORMAT_VERSION = 1
MAX_MANIFEST_BYTES = 1 << 20
BACKUP_WHAT = "备份数据"
RESTORE_WHAT = "从备份恢复"
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
    *,
    actor: Actor,
) -> BackupResult:
    require_admin(actor, BACKUP_WHAT, paths.database if engine.dialect.name == "sqlite" else None)
    return write_backup(engine, paths, out_file, progress, is_cancelled, clock)


def write_backup(
    engine: Engine,
    paths: DataPaths,
    out_file: Path,
    progress: Progress = no_progress,
    is_cancelled: IsCancelled = never_cancelled,
    clock: Clock = SYSTEM_CLOCK,
) -> BackupResult:
    """The backup itself, also taken of the current data before a restore (no role needed for that)."""
    if out_file.suffix.lower() != ".zip":
        out_file = out_file.with_name(out_file.name + ".zip")
    out_file.parent.mkdir(parents=True, exist_ok=True)
    blobs = sorted(p for p in paths.attachments.glob("??/*") if p.is_file() and not p.name.startswith("."))
    now = clock.now()
    created = now.isoformat(timespec="seconds")
    # a hidden `.….zip.partial`, known to the start-up clean-up (temp_files.py)
    with atomic_write(out_file, prefix=f".{out_file.stem}-", suffix=".zip.partial") as partial:
        with tempfile.TemporaryDirectory(dir=paths.root, prefix=".backup-") as work:
            snapshot = Path(work) / DB_FILE_NAME
            snapshot_database(engine, snapshot)
            progress(5, "已复制数据库")
            head = head_of_database(snapshot, now)
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "app_version": __version__,
                "schema_revision": current_revision(engine),
                "created_at": created,
                "attachments": len(blobs),
                MANIFEST_KEY: head.as_json() if head else None,
            }
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
                archive.write(snapshot, DB_FILE_NAME)
                for index, blob in enumerate(blobs):
                    check_cancel(is_cancelled)
                    archive.write(blob, f"attachments/{blob.parent.name}/{blob.name}", zipfile.ZIP_STORED)
                    progress(5 + int(95 * (index + 1) / len(blobs)), f"附件 {index + 1}/{len(blobs)}")
    advance_anchor(paths, engine, now, "备份时")
    progress(100, "备份完成")
    return BackupResult(out_file, len(blobs), out_file.stat().st_size, created)


def default_backup_name(now: datetime) -> str:
    return f"政务公开工作台备份-{now:%Y%m%d-%H%M}.zip"


def read_manifest(archive: zipfile.ZipFile) -> dict[str, object]:
    try:
        if archive.getinfo("manifest.json").file_size > MAX_MANIFEST_BYTES:
            raise UserFacingError("备份中的 manifest.json 大得不正常，这不是本系统生成的备份。")
        manifest = json.loads(archive.read("manifest.json").decode("utf-8"))
    except (KeyError, ValueError, RecursionError):
        raise UserFacingError("这个文件不是政务公开工作台的备份（缺少 manifest.json）。") from None
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        # CRC error, truncated, encrypted or an unknown compression method
        raise UserFacingError("备份文件已损坏（manifest.json 无法读出），无法恢复。") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise UserFacingError("这个文件不是政务公开工作台的备份。")
    return manifest


def _validate_names(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    blobs: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        unsafe = entry_name_problem(info.filename) or size_problem(info)
        if unsafe:
            raise UserFacingError(
                f"备份文件中有不认识的条目「{info.filename[:80]}」（{unsafe}），为安全起见没有恢复。"
            )
        if info.filename in ("manifest.json", DB_FILE_NAME) or info.is_dir():
            continue
        match = _BLOB_RE.match(info.filename)
        if not match or match.group(1)[:2] != info.filename.split("/")[1]:
            raise UserFacingError(f"备份文件中有不认识的条目「{info.filename[:80]}」，为安全起见没有恢复。")
        blobs[match.group(1)] = info
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
    *,
    actor: Actor,
) -> Path | None:
    """Replace the data folder's database and attachments with the backup's, all or nothing.

    Every engine on the database must be disposed by the caller first. Nothing changes unless the backup's
    database passes every check (app/services/staged_db.py) and every attachment it refers to is in the
    backup with the right hash. The current data is kept as a backup zip, whose path is returned (None
    when the folder had no data yet); the restore is recorded in the restored database's audit log.
    """
    if not backup_file.is_file():
        raise UserFacingError(f"找不到备份文件「{backup_file}」。")
    paths.ensure()
    require_admin(actor, RESTORE_WHAT, paths.database)
    try:
        archive = zipfile.ZipFile(backup_file)
    except (zipfile.BadZipFile, OSError):
        raise UserFacingError("备份文件已损坏或不是 zip 文件，无法恢复。") from None
    with archive, Staging(paths) as staging:
        manifest = read_manifest(archive)
        blobs = _validate_names(archive)
        _extract(archive, DB_FILE_NAME, staging.database)
        staged = verify_staged(
            staging.database, staging.scratch, ChainHead.from_json(manifest.get(MANIFEST_KEY)), clock
        )
        progress(10, "数据库检查通过")
        missing = sorted(set(staged.blobs) - set(blobs))
        if missing:
            raise UserFacingError(
                f"备份中缺少 {len(missing)} 个附件（如 {missing[0][:12]}…），恢复后这些附件将无法打开，"
                f"{UNCHANGED}请换一份完整的备份。"
            )
        for index, sha in enumerate(sorted(staged.blobs)):
            check_cancel(is_cancelled)
            target = staging.attachments / sha[:2] / sha
            _extract(archive, blobs[sha].filename, target)
            if sha256_of(target) != sha:
                raise UserFacingError(
                    f"备份中的附件 {sha[:12]}… 内容与校验值不符，备份可能已损坏，{UNCHANGED}"
                )
            progress(
                10 + 70 * (index + 1) // max(len(staged.blobs), 1),
                f"校验附件 {index + 1}/{len(staged.blobs)}",
            )
        check_cancel(is_cancelled)
        safety = _backup_current(paths, clock)
        progress(90, "正在替换数据")
        details = {"来源": str(backup_file), "备份时间": str(manifest.get("created_at", ""))[:32]}
        commit(paths, staging, actor, clock, backup_file.name, details | {"恢复前数据": str(safety or "无")})
    progress(100, "恢复完成")
    return safety


def _extract(archive: zipfile.ZipFile, name: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with archive.open(name) as source, target.open("wb") as out:
            shutil.copyfileobj(source, out, CHUNK)
    except (zipfile.BadZipFile, EOFError, ValueError, RuntimeError, NotImplementedError):
        # CRC error, truncated entry, encrypted or unknown compression: the file is damaged
        raise UserFacingError(f"备份文件已损坏（条目「{name[:80]}」无法读出），{UNCHANGED}") from None


def _backup_current(paths: DataPaths, clock: Clock) -> Path | None:
    """The data about to be replaced, as a backup zip; a damaged database is kept as its raw files."""
    if not paths.database.exists():
        return None
    stamp = f"{clock.now():%Y%m%d-%H%M%S}"
    target = paths.backups / f"恢复前自动备份-{stamp}.zip"
    engine = make_engine(paths.database)
    try:
        write_backup(engine, paths, target, clock=clock)
    except (sqlite3.DatabaseError, DBAPIError):
        return keep_damaged(paths, paths.backups / f"恢复前自动备份-{stamp}-数据库已损坏")
    finally:
        engine.dispose()
    return target


def keep_damaged(paths: DataPaths, folder: Path) -> Path:
    """A copy of a database too damaged to snapshot, with its companions and the attachments."""
    folder.mkdir(parents=True, exist_ok=True)
    for part in ("", "-wal", "-shm"):
        source = Path(str(paths.database) + part)
        if source.exists():
            shutil.copy2(source, folder / source.name)
    if paths.attachments.is_dir():
        shutil.copytree(paths.attachments, folder / "attachments", dirs_exist_ok=True)
    return folder
