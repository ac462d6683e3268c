"""Engine and session factory for the local SQLite database."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000

SessionFactory = sessionmaker[Session]


def sqlite_url(db_file: Path) -> str:
    return f"sqlite:///{db_file.as_posix()}"


def make_engine(db_file: Path) -> Engine:
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


def make_session_factory(engine: Engine) -> SessionFactory:
    return sessionmaker(bind=engine, expire_on_commit=False)


def snapshot_database(engine: Engine, destination: Path) -> None:
    """Consistent copy of a live (WAL) database via SQLite's online backup API; temp name then rename."""
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
