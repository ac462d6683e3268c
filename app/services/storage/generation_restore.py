"""从自动备份恢复 (issue 19 §4): the same checks and journaled swap as a restore from a backup zip."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from app.clock import SYSTEM_CLOCK, Clock
from app.errors import UserFacingError
from app.models.db import make_engine
from app.paths import DB_FILE_NAME, DataPaths
from app.services.common import IsCancelled, Progress, check_cancel, never_cancelled, no_progress
from app.services.permissions import Actor
from app.services.storage.attachments import blob_path
from app.services.storage.auto_backup import BEFORE_RESTORE, Generation, copy_blob, make_generation
from app.services.storage.backup import keep_damaged
from app.services.storage.restore import Staging, commit, require_admin
from app.services.storage.staged_db import UNCHANGED, verify_staged


def restore_generation(
    paths: DataPaths,
    generation: Generation,
    progress: Progress = no_progress,
    is_cancelled: IsCancelled = never_cancelled,
    clock: Clock = SYSTEM_CLOCK,
    *,
    actor: Actor,
) -> Generation | None:
    """Replace the data with `generation`; the current state becomes a new generation first (returned).

    Every engine on the database must be disposed by the caller. Nothing changes unless the generation's
    database passes every check (app/services/staged_db.py) and every attachment it needs is present with
    the right hash; the restore is recorded in the restored database's audit log.
    """
    root = generation.folder.parent
    source_db = generation.folder / DB_FILE_NAME
    if not source_db.is_file():
        raise UserFacingError(f"备份「{generation.id}」缺少数据库文件，无法恢复，{UNCHANGED}")
    paths.ensure()
    require_admin(actor, "从自动备份恢复", paths.database)
    with Staging(paths) as staging:
        shutil.copyfile(source_db, staging.database)
        staged = verify_staged(staging.database, staging.scratch, generation.audit_head, clock)
        for index, sha in enumerate(sorted(staged.blobs)):
            check_cancel(is_cancelled)
            source = blob_path(root / "attachments", sha)
            if not source.is_file():
                raise UserFacingError(
                    f"备份「{generation.id}」缺少附件 {sha[:12]}…，无法完整恢复，{UNCHANGED}"
                )
            copy_blob(source, blob_path(staging.attachments, sha), sha)
            progress(
                80 * (index + 1) // max(len(staged.blobs), 1), f"校验附件 {index + 1}/{len(staged.blobs)}"
            )
        check_cancel(is_cancelled)
        safety, kept_as = _backup_current(paths, root, clock)
        progress(90, "正在替换数据")
        details = {
            "来源": f"自动备份 {generation.id}（{generation.reason}）",
            "备份时间": generation.created_at.isoformat(),
            "恢复前数据": kept_as,
        }
        commit(paths, staging, actor, clock, f"自动备份 {generation.id}", details)
    progress(100, "恢复完成")
    return safety


def _backup_current(paths: DataPaths, root: Path, clock: Clock) -> tuple[Generation | None, str]:
    """The data about to be replaced as a generation (and how the audit entry names it)."""
    if not paths.database.exists():
        return None, "无（原来没有数据）"
    engine = make_engine(paths.database)
    try:
        generation = make_generation(engine, paths, root, BEFORE_RESTORE, now=clock.now())
    except (sqlite3.DatabaseError, DBAPIError):
        folder = keep_damaged(
            paths, paths.backups / f"恢复前自动备份-{clock.now():%Y%m%d-%H%M%S}-数据库已损坏"
        )
        return None, str(folder)
    finally:
        engine.dispose()
    return generation, f"自动备份 {generation.id}"
