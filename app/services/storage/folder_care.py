"""What opening a data folder does besides migrating (issue 19): finish a restore a crash interrupted
(before anything reads the database), then clear interrupted jobs' temp files and move the audit anchor."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Engine, select

from app.clock import Clock
from app.models.export import ExportPackage
from app.paths import DataPaths
from app.services.common import SessionFactory
from app.services.storage.anchor import advance_anchor
from app.services.storage.swap_journal import journal_path, recover
from app.services.storage.temp_files import clean_temp_files

log = logging.getLogger("zwgk.services")
AUTO_BACKUP_FOLDER = "自动备份"  # app/services/auto_backup.ROOT_NAME, not imported on the start-up path
MAX_EXPORT_FOLDERS = 20


def before_open(paths: DataPaths) -> str | None:
    """Finish or undo an interrupted restore; what was done (for the log), or None."""
    if not journal_path(paths).exists():
        return None
    return recover(paths)


def export_folders(sessions: SessionFactory) -> list[Path]:
    """Folders packages were written to (where an interrupted export leaves its temp file); local only."""
    with sessions() as session:
        names = session.scalars(select(ExportPackage.file_name).order_by(ExportPackage.id.desc()).limit(200))
        folders = dict.fromkeys(Path(name).parent for name in names if not name.startswith(("\\\\", "//")))
    return list(folders)[:MAX_EXPORT_FOLDERS]


def after_open(paths: DataPaths, engine: Engine, sessions: SessionFactory, clock: Clock) -> None:
    """Never keeps the folder from opening: a failure here is logged and `check` reports what matters."""
    try:
        report = clean_temp_files(paths, paths.backups / AUTO_BACKUP_FOLDER, export_folders(sessions))
        if report.removed:
            log.info("start-up: removed %d temp files (%d bytes)", len(report.removed), report.freed_bytes)
    except Exception:
        log.exception("start-up: temp-file cleanup failed")
    try:
        advance_anchor(paths, engine, clock.now(), "启动时")
    except Exception:
        log.exception("start-up: audit anchor not updated")
