"""Engine and session factory: the local SQLite file (default) or a shared PostgreSQL server (issue 14)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from app.clock import SESSION_KEY, SYSTEM_CLOCK, Clock

BUSY_TIMEOUT_MS = 5000
SERVER_POOL_SIZE = 5  # one desktop client rarely needs more; the server's max_connections is shared
SERVER_CONNECT_TIMEOUT_S = 10
SERVER_DRIVERS = ("postgresql+psycopg",)
SERVER_BACKUP_MESSAGE = (
    "现在使用的是服务器数据库，本机备份不包含它。请由信息管理员在服务器上用 pg_dump 备份数据库，"
    "并备份共享附件文件夹（见使用说明「多台电脑共用」）。"
)

SessionFactory = sessionmaker[Session]


def sqlite_url(db_file: Path) -> str:
    return f"sqlite:///{db_file.as_posix()}"


def is_server_url(target: Path | str | None) -> bool:
    """True for a PostgreSQL URL; a Path (or None) means the SQLite file in the data folder."""
    return isinstance(target, str) and make_url(target).drivername in SERVER_DRIVERS


def make_engine(target: Path | str) -> Engine:
    """SQLite for a file path; a pooled PostgreSQL engine (no PRAGMAs) for a `postgresql+psycopg://` URL."""
    if isinstance(target, str):
        if not is_server_url(target):
            raise ValueError(f"unsupported database URL driver: {make_url(target).drivername}")
        return create_engine(
            target,
            pool_size=SERVER_POOL_SIZE,
            pool_pre_ping=True,  # a client left open overnight finds its connections dropped by the server
            connect_args={"connect_timeout": SERVER_CONNECT_TIMEOUT_S, "application_name": "zwgk"},
        )
    db_file = target
    engine = create_engine(sqlite_url(db_file), connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _on_connect)
    return engine


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def make_session_factory(engine: Engine, clock: Clock = SYSTEM_CLOCK) -> SessionFactory:
    """Each session carries the context's clock (`session.info`) for the helpers that only hold a session."""
    from app.models.versioning import GuardedSession  # stale edits become a clear message (issue 14)

    return sessionmaker(bind=engine, expire_on_commit=False, class_=GuardedSession, info={SESSION_KEY: clock})


def snapshot_database(engine: Engine, destination: Path) -> None:
    """Consistent copy of a live (WAL) database via SQLite's online backup API; temp name then rename."""
    if engine.dialect.name != "sqlite":
        from app.errors import UserFacingError

        raise UserFacingError(SERVER_BACKUP_MESSAGE)
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    with engine.connect() as connection:
        source = connection.connection.dbapi_connection
        assert source is not None
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
        finally:
            target.close()
    partial.replace(destination)
