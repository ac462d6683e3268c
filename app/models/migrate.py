"""Bring a database file to the schema head: copy it first, refuse files from a newer version."""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text

from app.clock import SYSTEM_CLOCK, Clock
from app.errors import UserFacingError
from app.models.db import make_engine, snapshot_database

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Bump with every new migration; tests/models/test_migrations.py checks it equals Alembic's head.
HEAD_REVISION = "0021"

MIGRATION_LOCK_KEY = 2014_0011  # pg_advisory_xact_lock key: clients starting together migrate one at a time
NEWER_VERSION = (
    "这个数据库是由更新版本的政务公开工作台写入的（数据库版本 {rev}），当前程序无法安全打开。"
    "请安装最新版本后再打开，数据没有被改动。"
)


@dataclass(frozen=True)
class MigrationResult:
    previous_revision: str | None
    head_revision: str
    backup_file: Path | None


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def stored_revision(db_file: Path) -> str | None:
    """The file's schema revision read with plain sqlite3 (no Alembic import on the hot start-up path)."""
    if not db_file.exists():
        return None
    with contextlib.closing(sqlite3.connect(db_file)) as connection:
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError:
            return None
    return str(row[0]) if row else None


def upgrade_database(
    db_file: Path, backups_dir: Path, target: str = "head", clock: Clock = SYSTEM_CLOCK
) -> MigrationResult:
    """Migrate `db_file` to `target`. An existing, outdated file is copied to `backups_dir` first."""
    if target == "head" and stored_revision(db_file) == HEAD_REVISION:
        return MigrationResult(HEAD_REVISION, HEAD_REVISION, None)
    return _upgrade_with_alembic(db_file, backups_dir, target, clock)


def upgrade_server(url: str, target: str = "head") -> MigrationResult:
    """Migrate a PostgreSQL database. No copy is made here: the README asks for a pg_dump first."""
    from alembic import command

    config = alembic_config()
    head = head_revision()
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            previous = _checked_revision(connection)
            if not (previous == head and target == "head"):
                config.attributes["connection"] = connection
                command.upgrade(config, target)
        return MigrationResult(previous, head, None)
    finally:
        engine.dispose()


def _checked_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    previous = MigrationContext.configure(connection).get_current_revision()
    if previous is not None:
        try:
            ScriptDirectory.from_config(alembic_config()).get_revision(previous)
        except CommandError:
            raise UserFacingError(NEWER_VERSION.format(rev=previous)) from None
    return previous


def _upgrade_with_alembic(db_file: Path, backups_dir: Path, target: str, clock: Clock) -> MigrationResult:
    from alembic import command

    config = alembic_config()
    head = head_revision()
    existed = db_file.exists() and db_file.stat().st_size > 0
    engine = make_engine(db_file)
    try:
        with engine.connect() as connection:
            previous = _checked_revision(connection)
        if previous == head and target == "head":
            return MigrationResult(previous, head, None)
        backup = None
        if existed and previous is not None:
            stamp = clock.now().strftime("%Y%m%d-%H%M%S")
            backup = backups_dir / f"升级前-{previous}-{stamp}.sqlite3"
            snapshot_database(engine, backup)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, target)
        return MigrationResult(previous, head, backup)
    finally:
        engine.dispose()
