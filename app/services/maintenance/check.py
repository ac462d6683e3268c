"""`check` over a whole data folder (issue 19 §5, §6): it never crashes and never heals what it checks.

The database file is probed before anything opens it: an empty (0-byte), foreign or damaged file is a finding
(opening it would migrate an empty file into a fresh, "ok" database). Then the database checks
(app/services/integrity.py), the audit log against every anchor outside the database
(app/services/anchor_check.py) and the interrupted jobs' temp files. With `repair`, the attachment store and
the temp files are tidied. Only a clean result moves the anchor file forward.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.clock import SYSTEM_CLOCK, Clock
from app.errors import UserFacingError
from app.paths import DataPaths
from app.services.context import open_data_folder
from app.services.storage.anchor import advance_anchor
from app.services.storage.anchor_check import AnchorReport, check_anchors
from app.services.storage.cleanup import clean_store
from app.services.storage.folder_care import AUTO_BACKUP_FOLDER, export_folders
from app.services.storage.integrity import CheckReport, run_check
from app.services.storage.server_config import resolve
from app.services.storage.staged_db import SQLITE_HEADER
from app.services.storage.temp_files import candidates, clean_temp_files, merged

log = logging.getLogger("zwgk.services")
RESTORE_HINT = "请用「文件 → 从备份恢复…」或 python main.py restore 备份.zip 恢复最近的备份。"


@dataclass
class FolderCheck:
    database_problem: str | None = None  # the file could not be checked at all
    report: CheckReport | None = None
    anchors: AnchorReport | None = None
    temp_files: list[str] = field(default_factory=list)
    repair: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return (
            self.database_problem is None
            and self.report is not None
            and self.report.ok
            and (self.anchors is None or not self.anchors.problems)
        )

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = self.report.as_json() if self.report else {"integrity": []}
        data["database_problem"] = self.database_problem
        data["audit_anchors"] = asdict(self.anchors) if self.anchors else None
        data["temp_files"] = self.temp_files
        if self.repair is not None:
            data["repair"] = self.repair
        data["ok"] = self.ok
        return data


def _lenient(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def probe_database(db_file: Path) -> tuple[str | None, list[str] | None]:
    """(problem, integrity lines) of the SQLite file, read-only; (None, None) when there is no file yet."""
    if not db_file.exists():
        return None, None
    if db_file.stat().st_size == 0:
        return f"数据库文件「{db_file.name}」是空的（0 字节），全部数据已不在其中。{RESTORE_HINT}", None
    with db_file.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            return f"数据库文件「{db_file.name}」已损坏（不是 SQLite 数据库）。{RESTORE_HINT}", None
    try:
        with contextlib.closing(sqlite3.connect(db_file)) as connection:
            connection.text_factory = _lenient  # a damaged page can put any bytes into the report
            connection.execute("PRAGMA trusted_schema=OFF")
            lines = [str(row[0]) for row in connection.execute("PRAGMA integrity_check(50)")]
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:  # SQLite's own message may be garbled
        return f"数据库文件「{db_file.name}」已损坏，无法读取（{error}）。{RESTORE_HINT}", None
    if lines != ["ok"]:
        return f"数据库文件「{db_file.name}」未通过完整性检查（已损坏）。{RESTORE_HINT}", lines
    return None, lines


def check_data_folder(paths: DataPaths, repair: bool = False, clock: Clock = SYSTEM_CLOCK) -> FolderCheck:
    result = FolderCheck()
    # Opening clears leftovers silently (start-up); with `repair` they are cleared here first, to report.
    early = clean_temp_files(paths, paths.backups / AUTO_BACKUP_FOLDER) if repair else None
    if resolve(paths, None, None) is None:
        problem, integrity = probe_database(paths.database)
        if problem is not None:
            result.database_problem = problem
            result.report = CheckReport(integrity or [problem], [], 0) if integrity else None
            result.repair = {"temp_files": asdict(early)} if early else None
            return result
    try:
        ctx = open_data_folder(paths, clock=clock)
    except UserFacingError:
        raise  # e.g. written by a newer version: one calm line, exit 2
    except Exception as error:  # whatever a damaged file does to the driver, `check` reports it
        log.exception("check: the database could not be opened")
        result.database_problem = f"数据库无法打开（{str(error).splitlines()[0][:200]}）。{RESTORE_HINT}"
        return result
    try:
        auto_root = ctx.auto_backups.root()
        result.report = run_check(ctx.sessions, ctx.attachments)
        with ctx.sessions() as session:
            result.anchors = check_anchors(session, paths, auto_root)
        outputs = export_folders(ctx.sessions)
        if repair:
            late = clean_temp_files(paths, auto_root, outputs)
            result.repair = asdict(clean_store(ctx.sessions, ctx.attachments)) | {
                "temp_files": asdict(merged(early, late) if early else late)
            }
        result.temp_files = [str(p) for p in candidates(paths, auto_root, outputs)]
        if result.ok:
            advance_anchor(paths, ctx.engine, ctx.clock.now(), "检查时")
    except UserFacingError:
        raise
    except Exception as error:  # a damaged page met halfway through: a finding, not a traceback
        log.exception("check: the database failed while being checked")
        result.database_problem = f"检查数据库时出错（{str(error).splitlines()[0][:200]}）。{RESTORE_HINT}"
    finally:
        ctx.close()
    return result
