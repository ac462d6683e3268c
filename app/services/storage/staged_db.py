"""Verify a database file before it may replace the live data (restore, issue 19 §4).

In order, on the staged copy only: not empty and really SQLite; `PRAGMA integrity_check`; no trigger, view
or virtual table we did not create (checked before anything writes to it, so none can fire); a schema
revision of ours; migrated to the current schema with its WAL folded in; tables and columns as the models
have them; an unbroken audit chain that agrees with the backup's manifest. Any failure is a calm refusal.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.clock import Clock
from app.errors import UserFacingError
from app.models import Base
from app.models.db import sqlite_url
from app.models.migrate import upgrade_database
from app.services.audit.chain import verify_chain
from app.services.storage.anchor import ChainHead, chain_head, compare
from app.services.storage.db_guards import sqlite_object_findings, table_findings

SQLITE_HEADER = b"SQLite format 3\x00"
UNCHANGED = "未做任何改动。"
_SHA = re.compile(r"[0-9a-f]{64}")
_REVISION = re.compile(r"\d{4}")  # our migrations are numbered 0001, 0002, …


@dataclass(frozen=True)
class StagedDatabase:
    revision: str  # the schema revision the backup was written with
    head: ChainHead  # its audit log, after migration
    blobs: dict[str, int]  # sha256 → size of every attachment it refers to


def refuse(reason: str) -> UserFacingError:
    return UserFacingError(f"{reason}，不能用它替换现有数据，{UNCHANGED}")


@contextlib.contextmanager
def _reading(db_file: Path) -> Iterator[sqlite3.Connection]:
    """A plain connection that runs no function named in the file's schema (trusted_schema off)."""
    connection = sqlite3.connect(db_file)
    connection.text_factory = lambda raw: raw.decode("utf-8", "replace")  # damaged text is not a crash
    try:
        connection.execute("PRAGMA trusted_schema=OFF")
        yield connection
    finally:
        connection.close()


def _file_checks(db_file: Path) -> None:
    size = db_file.stat().st_size
    if size == 0:
        raise refuse("备份中的数据库是空的（0 字节）")
    with db_file.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise refuse("备份中的数据库已损坏或不是数据库文件")


def _objects(connection: sqlite3.Connection, after_migration: bool) -> None:
    rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    findings = sqlite_object_findings((str(t), str(n), str(tb), s) for t, n, tb, s in rows)
    if not after_migration:  # an old revision may predate the audit triggers; they are added by migrating
        findings = [f for f in findings if not f.startswith("操作日志的防改动触发器")]
    if findings:
        raise refuse(f"备份中的数据库含有{'；'.join(findings)}，可能被人改动过")


def _revision(connection: sqlite3.Connection) -> str:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        row = None
    if not row or not isinstance(row[0], str) or not _REVISION.fullmatch(row[0]):
        raise refuse("备份中的数据库不是政务公开工作台的数据库（没有本系统的版本记录）")
    return row[0]


def _settle(db_file: Path) -> None:
    """Fold the WAL the migration wrote into the file and leave rollback-journal mode: one file to move."""
    with _reading(db_file) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode=DELETE")
    for part in ("-wal", "-shm"):
        companion = Path(str(db_file) + part)
        if companion.exists() and companion.stat().st_size and part == "-wal":
            raise refuse("备份中的数据库升级后未能写回完整")
        companion.unlink(missing_ok=True)


def _tables(connection: sqlite3.Connection) -> None:
    names = [str(r[0]) for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    actual = {
        name: {str(r[0]) for r in connection.execute("SELECT name FROM pragma_table_info(?)", (name,))}
        for name in names
    }
    expected = {
        table.name: {column.name for column in table.columns} for table in Base.metadata.sorted_tables
    }
    findings = table_findings(actual, expected)
    if findings:
        raise refuse(f"备份中的数据库结构与本系统不符（{'；'.join(findings)}）")


def _blobs(connection: sqlite3.Connection) -> dict[str, int]:
    rows = connection.execute("SELECT sha256, MAX(size) FROM attachments GROUP BY sha256").fetchall()
    blobs: dict[str, int] = {}
    for sha, size in rows:
        if not isinstance(sha, str) or not _SHA.fullmatch(sha) or not isinstance(size, int):
            raise refuse("备份中的数据库有不合格式的附件记录，可能被人改动过")
        blobs[sha] = size
    return blobs


def _chain(db_file: Path, expected: ChainHead | None, now: datetime) -> ChainHead:
    engine = create_engine(sqlite_url(db_file))  # no WAL here: the file stays one file
    try:
        with Session(engine) as session:
            problem = verify_chain(session)
            if problem is not None:
                raise refuse(f"备份中的操作日志校验链不完整（{problem.problem}）")
            if expected is not None:
                mismatch = compare(session, expected)
                if mismatch:
                    raise refuse(f"备份中的数据库与备份清单记录的操作日志不一致（{mismatch}）")
            return chain_head(session, now)
    finally:
        engine.dispose()


def verify_staged(db_file: Path, scratch: Path, expected: ChainHead | None, clock: Clock) -> StagedDatabase:
    """Check, then bring to the current schema, the database at `db_file` (a copy nobody else uses)."""
    _file_checks(db_file)
    try:
        with _reading(db_file) as connection:
            result = connection.execute("PRAGMA integrity_check(20)").fetchall()
            if [row[0] for row in result] != ["ok"]:
                raise refuse("备份中的数据库未通过完整性检查（数据库已损坏）")
            _objects(connection, after_migration=False)
            revision = _revision(connection)
        scratch.mkdir(parents=True, exist_ok=True)
        try:  # refuses a newer schema; migrates an older one
            upgrade_database(db_file, scratch, clock=clock)
        except SQLAlchemyError:
            raise refuse("备份中的数据库无法升级到当前版本（结构与本系统不符）") from None
        _settle(db_file)
        with _reading(db_file) as connection:
            _objects(connection, after_migration=True)
            _tables(connection)
            blobs = _blobs(connection)
        head = _chain(db_file, expected, clock.now())
    except (sqlite3.DatabaseError, UnicodeDecodeError, SQLAlchemyError):  # its message may be garbled too
        raise refuse("备份中的数据库已损坏或不是数据库文件") from None
    return StagedDatabase(revision, head, blobs)
