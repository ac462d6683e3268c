"""The copying half of `migrate-to`: table rows in foreign-key order, serial sequences, attachment files.

Rows are streamed in primary-key order in batches (a 100,000-row table never sits in memory) and
inserted verbatim through the models' column types, so SQLite's text dates and 0/1 booleans arrive as
PostgreSQL dates and booleans. PostgreSQL checks a foreign key at the end of each statement, so a row
that points forward within its own table (a 解读 registered before the document it interprets) is inserted
without that link first and linked once the whole table is in.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Column, Connection, Table, func, select, text, update
from sqlalchemy.exc import DBAPIError, StatementError

from app.errors import UserFacingError
from app.models import Base
from app.services.common import IsCancelled, Progress, check_cancel
from app.services.storage.attachments import CopyProblem, blob_path, copy_verified, sha256_of

BATCH = 1000  # rows per INSERT batch: bounded memory, few round trips
# SQLite's own tables and the FTS5 search index (derived data, rebuilt on the server) are not copied.
SKIPPED_PREFIXES = ("sqlite_", "document_search")
SKIPPED_TABLES = ("alembic_version",)  # written by the migrations on the server
DAMAGED_SOURCE = (
    "本机附件库中的文件 {sha}… {problem}，迁移已停止，服务器数据库没有任何改动。"
    "请先运行 `python main.py check` 找出是哪个附件，从备份中恢复后再迁移。"
)


def source_tables(source: Connection) -> list[str]:
    """The tables to copy, in foreign-key order; refuses a database whose tables are not this version's."""
    names = {
        str(name)
        for (name,) in source.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))
        if not str(name).startswith(SKIPPED_PREFIXES) and name not in SKIPPED_TABLES
    }
    known = [table.name for table in Base.metadata.sorted_tables]
    odd = sorted(names.symmetric_difference(known))
    if odd:
        raise UserFacingError(
            f"本机数据库的表与当前程序不一致（{'、'.join(odd[:5])}），不能迁移。"
            "请先运行 `python main.py check`，或把数据库文件交给技术支持检查。"
        )
    return known


def _self_links(table: Table) -> list[Column[object]]:
    return [fk.parent for fk in table.foreign_keys if fk.column.table is table]


def _pk(table: Table) -> Column[object]:
    (column,) = table.primary_key.columns  # every table holding self-links has a single id column
    return column


def copy_table(
    source: Connection,
    target: Connection,
    table: Table,
    on_batch: Callable[[int], None],
    is_cancelled: IsCancelled,
) -> int:
    """Copy every row of `table`; returns the number copied. `on_batch(n)` after each batch."""
    links = _self_links(table)
    forward: list[tuple[object, str, object]] = []  # (id, column, value) linked after the table is in
    copied = 0
    try:
        result = source.execute(select(table).order_by(*table.primary_key.columns))
        for rows in result.partitions(BATCH):
            check_cancel(is_cancelled)
            batch = [row._asdict() for row in rows]
            for values in batch:
                for link in links:
                    own, value = values[_pk(table).name], values[link.name]
                    if value is not None and value >= own:
                        forward.append((own, link.name, value))
                        values[link.name] = None
            target.execute(table.insert(), batch)
            copied += len(batch)
            on_batch(len(batch))
        for own, name, value in forward:
            target.execute(update(table).where(_pk(table) == own).values({name: value}))
    except (DBAPIError, StatementError, ValueError) as error:
        detail = str(getattr(error, "orig", None) or error).strip().splitlines()[0][:200]
        raise UserFacingError(
            f"复制表 {table.name} 时出错（已复制 {copied} 行后）：{detail}。"
            "迁移已整体撤销，服务器数据库仍是空的；请把这条信息告诉技术支持。"
        ) from None
    return copied


def count_rows(connection: Connection, table: Table) -> int:
    return int(connection.scalar(select(func.count()).select_from(table)) or 0)


def reset_sequences(target: Connection, tables: list[Table]) -> int:
    """Point every serial column's sequence past the copied ids, so the next new row gets max(id) + 1."""
    reset = 0
    for table in tables:
        for column in table.primary_key.columns:
            sequence = target.execute(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": table.name, "column": column.name},
            ).scalar()
            if sequence is None:
                continue
            highest = target.scalar(select(func.max(column)))
            target.execute(
                text("SELECT setval(:sequence, :next, false)"),
                {"sequence": sequence, "next": int(highest or 0) + 1},
            )
            reset += 1
    return reset


def check_folder_writable(root: Path) -> None:
    if not root.is_dir():
        raise UserFacingError(
            f"共享附件文件夹「{root}」不存在或无法访问。请先在服务器上建好这个文件夹，"
            "并确认这台电脑能打开它，再迁移。"
        )
    try:
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=root)
        os.close(fd)
        os.unlink(probe)
    except OSError:
        raise UserFacingError(
            f"共享附件文件夹「{root}」不能写入。请让信息管理员给这台电脑的登录账户读写权限后再迁移。"
        ) from None


def copy_blob(source_root: Path, target_root: Path, sha: str) -> bool:
    """Copy one content-addressed file, checking its SHA-256 on the way; False if it was already there."""
    final = blob_path(target_root, sha)
    if final.is_file() and sha256_of(final) == sha:
        return False
    origin = blob_path(source_root, sha)
    if not origin.is_file():
        raise UserFacingError(DAMAGED_SOURCE.format(sha=sha[:12], problem="不见了"))
    problem = copy_verified(origin, final, sha, reread=True)  # re-read: what reached the share
    if problem is CopyProblem.SOURCE:
        raise UserFacingError(DAMAGED_SOURCE.format(sha=sha[:12], problem="的内容与记录的校验值不符"))
    if problem is CopyProblem.WRITTEN:
        raise UserFacingError(
            f"写入共享附件文件夹「{target_root}」的内容与原文件不一致，请检查网络和磁盘后重试。"
        )
    return True


def copy_attachments(
    source: Connection,
    source_root: Path,
    target_root: Path,
    progress: Progress,
    is_cancelled: IsCancelled,
) -> tuple[int, int]:
    """Every file the source's attachment rows name → (copied, already present with the same hash)."""
    total = int(source.scalar(text("SELECT count(DISTINCT sha256) FROM attachments")) or 0)
    copied = present = 0
    result = source.execute(text("SELECT DISTINCT sha256 FROM attachments ORDER BY sha256"))
    for rows in result.partitions(BATCH):
        for (sha,) in rows:
            check_cancel(is_cancelled)
            if copy_blob(source_root, target_root, str(sha)):
                copied += 1
            else:
                present += 1
            done = copied + present
            progress(done * 100 // max(total, 1), f"复制附件 {done}/{total}")
    return copied, present
