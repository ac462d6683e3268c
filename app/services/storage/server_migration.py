"""`migrate-to`: move a single-PC office onto a new, empty PostgreSQL database and a shared folder (issue 14).

Order: refuse early (source not at the schema head, server unreachable or not empty, share not writable);
copy the attachment files (each checked against its SHA-256; the share is content-addressed, so a stopped
run leaves only harmless extra files); then ONE server transaction creates the tables with the Alembic
migrations, copies every table, resets the serial sequences and appends one audit entry — a failure or a
cancel rolls all of it back and the database is empty again. After the commit the search index (derived
data) is built on the server and everything is verified: row counts, every attachment's hash, the audit
chain, the `check` report. The PC's own database and attachments are only read.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models import Base
from app.models.db import make_engine, make_session_factory
from app.models.migrate import HEAD_REVISION, MIGRATION_LOCK_KEY, alembic_config, stored_revision
from app.paths import DataPaths
from app.services.audit.chain import Action, record
from app.services.common import IsCancelled, Progress, never_cancelled, no_progress
from app.services.permissions import Actor, Perm, require
from app.services.storage.attachments import AttachmentStore
from app.services.storage.integrity import CheckReport, run_check
from app.services.storage.server_config import ServerConfig, check_connection, resolve, shown_url
from app.services.storage.server_copy import (
    check_folder_writable,
    copy_attachments,
    copy_table,
    count_rows,
    reset_sequences,
    source_tables,
)

MIGRATION_NOTE = "由单机数据库迁移"
AUDIT_TABLE = "audit_entries"
PGPASS_HINT = (
    "如服务器需要密码，请把密码写进 PostgreSQL 密码文件 pgpass.conf（每行 地址:端口:数据库:用户:密码，"
    "见使用说明「多台电脑共用」），不要写在连接地址中。"
)
# Share of the progress bar per phase: files, tables, then index and checks.
FILES_END, TABLES_END = 30, 85


@dataclass(frozen=True)
class TableCount:
    table: str
    source: int
    target: int
    added: int = 0  # rows the migration itself adds (its audit entry)

    @property
    def ok(self) -> bool:
        return self.target == self.source + self.added


@dataclass(frozen=True)
class MigrationReport:
    source: str
    target: str  # the URL without its password
    attachments_dir: str
    tables: list[TableCount]
    files_copied: int
    files_present: int  # already in the share with the same hash
    attachments_verified: int
    attachment_problems: int
    audit_problem: str | None
    check_ok: bool
    seconds: float

    @property
    def ok(self) -> bool:
        return all(row.ok for row in self.tables) and self.check_ok

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        for row, entry in zip(self.tables, data["tables"], strict=True):
            entry["ok"] = row.ok
        return data


def _scaled(progress: Progress, start: int, end: int) -> Progress:
    def report(percent: int, message: str) -> None:
        progress(start + (end - start) * percent // 100, message)

    return report


def check_source(paths: DataPaths) -> None:
    if not paths.database.is_file():
        raise UserFacingError(
            f"数据文件夹「{paths.root}」中没有本机数据库（{paths.database.name}）。"
            "请用 --data-dir 指定单机使用的数据文件夹。"
        )
    revision = stored_revision(paths.database)
    if revision != HEAD_REVISION:
        raise UserFacingError(
            f"本机数据库的版本（{revision or '未知'}）与当前程序（{HEAD_REVISION}）不一致。"
            "请先用这个版本的程序打开一次本机数据（程序会先备份再自动升级），然后再迁移。"
        )


def _refuse_unless_empty(target: Connection, db_name: str) -> None:
    encoding = str(target.execute(text("SHOW server_encoding")).scalar())
    if encoding.upper() not in ("UTF8", "UTF-8"):
        raise UserFacingError(
            f"服务器数据库 {db_name} 的字符集是 {encoding}，中文会出错。请用 "
            f"createdb --encoding UTF8 新建一个空数据库后再迁移。"
        )
    tables = [
        str(name)
        for (name,) in target.execute(
            text(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema() ORDER BY table_name"
            )
        )
    ]
    if tables:
        ours = "（其中已经有政务公开工作台的数据）" if "alembic_version" in tables else ""
        raise UserFacingError(
            f"服务器数据库 {db_name} 不是空的：已有 {len(tables)} 张表{ours}。迁移只写入新建的空数据库，"
            "不会合并或覆盖服务器上已有的数据。请让信息管理员新建一个空数据库"
            f"（createdb --owner zwgk --encoding UTF8 新库名）后再迁移。"
        )


def preflight(paths: DataPaths, db_url: str | None, attachments_dir: str | None) -> ServerConfig:
    """Every refusal that can come before anything is written."""
    check_source(paths)
    source = make_engine(paths.database)
    try:
        with source.connect() as connection:
            source_tables(connection)
    finally:
        source.dispose()
    if not (db_url or "").strip():
        raise UserFacingError(
            "请用 --db-url 指定目标服务器数据库，例如 postgresql://zwgk@192.168.1.10:5432/zwgk新库。"
        )
    config = resolve(paths, db_url, attachments_dir)
    assert config is not None  # a URL was given
    try:
        check_connection(config.db_url)
    except UserFacingError as error:
        raise UserFacingError(f"{error.message}{PGPASS_HINT}") from None
    engine = make_engine(config.db_url)
    try:
        with engine.connect() as target:
            _refuse_unless_empty(target, engine.url.database or "")
    finally:
        engine.dispose()
    check_folder_writable(Path(config.attachments_dir))
    return config


def _copy_database(
    source_label: str,
    source_engine: Engine,
    target_engine: Engine,
    actor: Actor,
    progress: Progress,
    is_cancelled: IsCancelled,
) -> dict[str, int]:
    """The one server transaction: schema, rows, sequences, the audit entry. Returns source row counts."""
    from alembic import command

    with source_engine.connect() as source, target_engine.begin() as target:
        target.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        _refuse_unless_empty(target, target_engine.url.database or "")  # again, now under the lock
        config = alembic_config()
        config.attributes["connection"] = target
        command.upgrade(config, "head")
        tables = [Base.metadata.tables[name] for name in source_tables(source)]
        counts = {table.name: count_rows(source, table) for table in tables}
        total, done = max(sum(counts.values()), 1), 0
        for table in tables:

            def advance(rows: int, name: str = table.name) -> None:
                nonlocal done
                done += rows
                progress(done * 100 // total, f"复制表 {name}（共 {done}/{total} 行）")

            copied = copy_table(source, target, table, advance, is_cancelled)
            if copied != counts[table.name]:
                raise UserFacingError(
                    f"复制表 {table.name} 时行数不符（应为 {counts[table.name]} 行，复制了 {copied} 行）。"
                    "迁移已整体撤销；请关闭其他打开本机数据的程序后重试。"
                )
        reset_sequences(target, tables)
        session = Session(bind=target)  # joins the transaction: the entry commits with the copy
        try:
            record(session, actor, Action.IMPORT, MIGRATION_NOTE, "", 行数=counts, 来源=source_label)
            session.flush()
        finally:
            session.close()
    return counts


def verify(config: ServerConfig, counts: dict[str, int]) -> tuple[list[TableCount], CheckReport]:
    """Row counts table by table, then the full `check` (attachment hashes, audit chain, accounts) over
    the server database and the share: only what `check` reads, not a whole application context."""
    engine = make_engine(config.db_url)
    try:
        with engine.connect() as target:
            rows = [
                TableCount(
                    name,
                    source,
                    count_rows(target, Base.metadata.tables[name]),
                    1 if name == AUDIT_TABLE else 0,
                )
                for name, source in counts.items()
            ]
        sessions = make_session_factory(engine)
        return rows, run_check(sessions, AttachmentStore(sessions, Path(config.attachments_dir)))
    finally:
        engine.dispose()


def migrate_to(
    actor: Actor,
    paths: DataPaths,
    db_url: str | None,
    attachments_dir: str | None = None,
    progress: Progress = no_progress,
    is_cancelled: IsCancelled = never_cancelled,
) -> MigrationReport:
    """Copy the data folder's SQLite office into a new, empty server database and the shared folder."""
    require(actor, Perm.EDIT_OFFICE)
    started = time.perf_counter()
    config = preflight(paths, db_url, attachments_dir)
    share = Path(config.attachments_dir)
    source_engine = make_engine(paths.database)
    target_engine = make_engine(config.db_url)
    try:
        with source_engine.connect() as source:
            copied, present = copy_attachments(
                source, paths.attachments, share, _scaled(progress, 0, FILES_END), is_cancelled
            )
        counts = _copy_database(
            str(paths.database),
            source_engine,
            target_engine,
            actor,
            _scaled(progress, FILES_END, TABLES_END),
            is_cancelled,
        )
        progress(TABLES_END + 2, "在服务器上建立全文检索索引（公文多时需要几分钟）")
        from app.services.search.postgres import index_for

        index_for(target_engine).ensure(target_engine)
    finally:
        source_engine.dispose()
        target_engine.dispose()
    progress(TABLES_END + 5, "核对行数、附件校验值和操作日志")
    tables, check = verify(config, counts)
    progress(100, "迁移完成")
    return MigrationReport(
        source=str(paths.database),
        target=shown_url(config.db_url),
        attachments_dir=str(share),
        tables=tables,
        files_copied=copied,
        files_present=present,
        attachments_verified=check.attachments_checked,
        attachment_problems=len(check.attachment_problems),
        audit_problem=check.audit_problem,
        check_ok=check.ok,
        seconds=round(time.perf_counter() - started, 1),
    )
