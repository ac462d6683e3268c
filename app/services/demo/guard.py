"""The demo is all or nothing (issue 18): written into an empty folder only, and put back on failure.

Before the demo writes anything, the database is copied with SQLite's online backup API; if any step
fails (or the clerk cancels), the copy is written back over the live database and the attachment files
the demo added are removed, so the folder is as it was and a rerun starts afresh. The last thing the
demo writes is a settings row: without it a demo is not complete, whatever else the folder holds.
A server database (PostgreSQL) is refused: it is shared, and the demo is for trying the program alone.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

from sqlalchemy import Engine, func, select

from app.errors import UserFacingError
from app.models import Attachment, Setting
from app.models.annual_report import AnnualReport
from app.models.db import snapshot_database
from app.models.decision import DecisionDirectory
from app.models.document import Document, ReviewSheet
from app.models.posting import Posting
from app.models.request import RequestCase
from app.models.workplan import WorkPlan
from app.services.audit import chain as audit
from app.services.context import AppContext
from app.services.permissions import Actor

COMPLETE_KEY = "demo.completed_at"  # written last, in the demo's final transaction
ENTITY = "示例数据"
SERVER_REFUSAL = (
    "现在使用的是服务器数据库（多台电脑共用），不能写入示例数据：示例数据只用于在一台电脑上试用。"
    "请另选一个本机的空文件夹试用，例如：python main.py --data-dir 示例数据 demo"
)
# The registers a clerk fills: any row in them is real work the demo must not be mixed into.
WORK_TABLES = (
    ("公文", Document),
    ("保密审查单", ReviewSheet),
    ("依申请公开", RequestCase),
    ("公开栏张贴", Posting),
    ("决策事项目录", DecisionDirectory),
    ("工作要点", WorkPlan),
    ("年度报告", AnnualReport),
    ("附件", Attachment),
)


def is_complete(ctx: AppContext) -> bool:
    with ctx.sessions() as session:
        return session.get(Setting, COMPLETE_KEY) is not None


def mark_complete(ctx: AppContext, actor: Actor) -> None:
    stamp = ctx.clock.stamp().isoformat()
    with ctx.sessions.begin() as session:
        session.merge(Setting(key=COMPLETE_KEY, value_json=json.dumps(stamp)))
        audit.record(session, actor, audit.Action.CREATE, ENTITY, "", 完成时间=stamp)


def existing_work(ctx: AppContext) -> list[str]:
    """「公文 4 件」-style counts of the registers that already hold something."""
    with ctx.sessions() as session:
        counts = [
            (name, session.scalar(select(func.count()).select_from(model)) or 0)
            for name, model in WORK_TABLES
        ]
    return [f"{name} {count} 件" for name, count in counts if count]


def refuse_unless_empty(ctx: AppContext) -> None:
    found = existing_work(ctx)
    if found:
        raise UserFacingError(
            f"这个数据文件夹里已经有数据（{'、'.join(found)}），但没有完整写入示例数据的记录"
            "（可能是真实工作数据，或旧版本中途出错留下的一半示例数据）。为免混在一起，示例数据只写入空的数据文件夹。"
            "请用 --data-dir 指定一个新的文件夹再试。"
        )


@contextmanager
def all_or_nothing(ctx: AppContext) -> Iterator[None]:
    """Run the block; on any exception (or cancel) restore the database and remove new attachment files."""
    if ctx.server is not None or ctx.engine.dialect.name != "sqlite":
        raise UserFacingError(SERVER_REFUSAL)
    store = ctx.attachments.root
    before = set(store.rglob("*")) if store.exists() else set()
    with tempfile.TemporaryDirectory(dir=ctx.paths.root, prefix=".demo-") as work:
        snapshot = Path(work) / "before-demo.db"
        snapshot_database(ctx.engine, snapshot)
        try:
            yield
        except BaseException:
            _restore_database(ctx.engine, snapshot)
            _remove_new_files(store, before)
            raise


def _restore_database(engine: Engine, snapshot: Path) -> None:
    """Write the copy back through SQLite's backup API: the live file stays in place, WAL and all."""
    engine.dispose()  # no pooled connection may hold a transaction on the pages being replaced
    with engine.connect() as connection:
        target = cast(sqlite3.Connection, connection.connection.dbapi_connection)  # pysqlite's own
        source = sqlite3.connect(snapshot)
        try:
            source.backup(target)
        finally:
            source.close()
    engine.dispose()


def _remove_new_files(store: Path, before: set[Path]) -> None:
    added = sorted(set(store.rglob("*")) - before, key=lambda path: len(path.parts), reverse=True)
    for path in added:  # deepest first: a new fan-out folder is empty by the time it is removed
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
