"""What both restores share (from a backup zip, from an automatic backup): who may, the staging folder,
the audit entry written into the restored database, and the journaled swap (issue 19 §4)."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine

from app.clock import Clock
from app.errors import UserFacingError
from app.models.db import make_session_factory, sqlite_url
from app.paths import DB_FILE_NAME, DataPaths
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.permissions import Actor, Role
from app.services.storage.anchor import ChainHead, chain_head, head_of_database
from app.services.storage.swap_journal import STAGING_PREFIX, swap

AUDIT_ENTITY = "备份"


def require_admin(actor: Actor, what: str, db_file: Path | None) -> None:
    """Backups hold everyone's personal data: 管理员 only. A signed-in account is looked up in the
    accounts table of `db_file` (the live database), so a deactivated or demoted account is refused."""
    refused = UserFacingError(f"「{what}」需要管理员角色，当前账户（{actor.display_name}）没有这个权限。")
    if Role.ADMIN not in actor.roles:
        raise refused
    if actor.account_id is None or db_file is None or not db_file.exists():
        return  # the command line acts as the data folder's 管理员 (README)
    try:
        with contextlib.closing(sqlite3.connect(f"{db_file.as_uri()}?mode=ro", uri=True)) as connection:
            row = connection.execute(
                "SELECT roles, active FROM accounts WHERE id = ?", (actor.account_id,)
            ).fetchone()
    except sqlite3.Error:
        return  # a database that cannot be read is what a restore is for
    if row is None or not row[1] or Role.ADMIN.value not in str(row[0]).split("、"):
        raise refused


class Staging:
    """`.restore-…` in the data folder: `new/` is filled and verified; removed unless the swap took it."""

    def __init__(self, paths: DataPaths) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=paths.root))
        self.new = self.folder / "new"
        self.database = self.new / DB_FILE_NAME
        self.attachments = self.new / "attachments"
        self.scratch = self.folder / "scratch"
        self.attachments.mkdir(parents=True)
        self._handed_over = False

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *_exc: object) -> None:
        if not self._handed_over:
            shutil.rmtree(self.folder, ignore_errors=True)

    def hand_over(self) -> None:
        """From here the swap journal owns the folder (a crash leaves it for `recover`)."""
        shutil.rmtree(self.scratch, ignore_errors=True)
        self._handed_over = True


def _record(db_file: Path, actor: Actor, clock: Clock, source: str, details: dict[str, Any]) -> ChainHead:
    engine = create_engine(sqlite_url(db_file))  # no WAL: the staged file stays a single file
    try:
        sessions = make_session_factory(engine, clock)
        with sessions.begin() as session:
            audit.record(session, actor, Action.RESTORE, AUDIT_ENTITY, source[:64], **details)
        with sessions() as session:
            return chain_head(session, clock.now())
    finally:
        engine.dispose()


def _fold_live_wal(paths: DataPaths) -> None:
    """The live database's WAL is folded in so the old data moved aside is one consistent file."""
    if not paths.database.exists():
        return
    try:
        with contextlib.closing(sqlite3.connect(paths.database)) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error:
        pass  # a damaged live database moves aside as it is, with its companions


def commit(
    paths: DataPaths, staging: Staging, actor: Actor, clock: Clock, source: str, details: dict[str, Any]
) -> ChainHead:
    """Audit the restore inside the restored database, then swap it in; the new log's head is returned."""
    replaced = head_of_database(paths.database) if paths.database.exists() else None
    details = details | {
        "恢复人": actor.display_name,
        "被替换的日志": replaced.as_json() if replaced else None,
    }
    head = _record(staging.database, actor, clock, source, details)
    _fold_live_wal(paths)
    staging.hand_over()
    try:
        swap(paths, staging.folder, head)
    except OSError as error:  # the old data is back in place (swap_journal rolls back)
        raise UserFacingError(
            f"恢复没有完成：替换数据时无法移动文件（{error.strerror or error}），数据仍是恢复前的。"
            "请关闭可能占用数据文件夹的其他程序（如杀毒软件、资源管理器预览）后重试。"
        ) from None
    return head
