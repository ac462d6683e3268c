"""The audit chain's head kept outside the database (issue 19 §5).

A head says: the log had `entries` entries, the last one (id `last_id`) with hash `hash`. It goes into every
backup, automatic backup, export package and 年报 data file, and into `audit-anchor.json` in the data folder.
A later log must still hold that entry with that hash and as many entries up to it (`compare`). The anchor
file only moves forward along a chain that extends it (`advance_anchor`), so a log rewritten while the
program is closed cannot drag the anchor with it; only a restore replaces it (`reset_anchor`).
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.models import AuditEntry
from app.paths import DataPaths
from app.services.audit.chain import GENESIS, ChainProblem, entry_hash
from app.services.formats.atomic import read_small_json, write_json_atomic
from app.services.storage.attachments import AttachmentStore

ANCHOR_NAME = "audit-anchor.json"
ANCHOR_FORMAT = "zwgk-audit-anchor"
MANIFEST_KEY = "audit_head"  # the key in backup, generation, export and 年报 JSON
_HASH = re.compile(r"[0-9a-f]{64}")
# The fields `audit.entry_hash` covers after the previous hash, in its order.
HASHED = (
    AuditEntry.at,
    AuditEntry.account_id,
    AuditEntry.username,
    AuditEntry.action,
    AuditEntry.entity,
    AuditEntry.entity_id,
    AuditEntry.details_json,
)


@dataclass(frozen=True)
class ChainHead:
    entries: int
    last_id: int
    hash: str
    at: str = ""  # when this head was taken (the program's clock), for reports

    def as_json(self) -> dict[str, Any]:
        return {"entries": self.entries, "last_id": self.last_id, "hash": self.hash, "at": self.at}

    @classmethod
    def from_json(cls, data: object) -> ChainHead | None:
        """None unless `data` is a well-formed head (hostile or damaged files are ignored by the caller)."""
        if not isinstance(data, dict):
            return None
        entries, last_id, digest, at = (data.get(k) for k in ("entries", "last_id", "hash", "at"))
        if not all(
            isinstance(n, int) and not isinstance(n, bool) and 0 <= n < 1 << 62 for n in (entries, last_id)
        ):
            return None
        if not isinstance(digest, str) or not _HASH.fullmatch(digest):
            return None
        assert isinstance(entries, int) and isinstance(last_id, int)
        return cls(entries, last_id, digest, at[:32] if isinstance(at, str) else "")


def chain_head(session: Session, at: datetime | None = None) -> ChainHead:
    """The log's head as it is now (its real last entry, not the `audit_head` row, which can be moved)."""
    count = int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)
    last = session.execute(
        select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    stamp = at.isoformat(timespec="seconds") if at else ""
    return ChainHead(count, int(last[0]), str(last[1]), stamp) if last else ChainHead(0, 0, GENESIS, stamp)


def head_of_database(db_file: Path, at: datetime | None = None) -> ChainHead | None:
    """The head of a SQLite file read directly (a snapshot, a staged restore); None if it has no log."""
    try:
        with contextlib.closing(sqlite3.connect(f"{db_file.as_uri()}?mode=ro", uri=True)) as connection:
            count = connection.execute("SELECT count(*) FROM audit_entries").fetchone()[0]
            last = connection.execute(
                "SELECT id, hash FROM audit_entries ORDER BY id DESC LIMIT 1"
            ).fetchone()
    except sqlite3.Error:
        return None
    stamp = at.isoformat(timespec="seconds") if at else ""
    return (
        ChainHead(int(count), int(last[0]), str(last[1]), stamp) if last else ChainHead(0, 0, GENESIS, stamp)
    )


def compare(session: Session, head: ChainHead) -> str | None:
    """Why the log no longer agrees with `head`, or None when it still holds it."""
    if head.entries == 0:
        return None
    total = int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)
    row = session.get(AuditEntry, head.last_id)
    if row is None:
        if total < head.entries:
            return f"操作日志现在只有 {total} 条，少于当时的 {head.entries} 条（日志的尾部或全部被删除）"
        return f"当时的最后一条（第 {head.last_id} 条）日志已不存在（日志被删除或改写）"
    if row.hash != head.hash:
        return f"第 {head.last_id} 条日志的校验值与当时不同（日志被改动，或整条链被重新计算过）"
    upto = int(session.scalar(select(func.count()).where(AuditEntry.id <= head.last_id)) or 0)
    if upto != head.entries:
        return (
            f"第 {head.last_id} 条及之前当时有 {head.entries} 条日志，现在是 {upto} 条（有日志被删除或插入）"
        )
    return None


def verify_after(session: Session, head: ChainHead) -> ChainProblem | None:
    """Every entry after `head` links to it and hashes right (the part a forward move would anchor)."""
    prev = head.hash
    columns = (AuditEntry.id, AuditEntry.prev_hash, AuditEntry.hash, *HASHED)
    rows = session.execute(select(*columns).where(AuditEntry.id > head.last_id).order_by(AuditEntry.id))
    for row_id, prev_hash, digest, *fields in rows:
        if prev_hash != prev or entry_hash(prev_hash, *fields) != digest:
            return ChainProblem(row_id, f"第 {row_id} 条日志与之前的链不相接")
        prev = digest
    return None


# --- the anchor file beside the data -----------------------------------------------------------------------


def anchor_path(paths: DataPaths) -> Path:
    return paths.root / ANCHOR_NAME


def read_anchor(paths: DataPaths) -> tuple[ChainHead | None, str | None]:
    """(head, problem): (None, None) when there is no anchor file yet."""
    path = anchor_path(paths)
    if not path.exists():
        return None, None
    try:
        data = read_small_json(path)
    except (OSError, ValueError):
        return None, f"{ANCHOR_NAME} 无法读取或不是有效的 JSON（被改动或损坏）"
    head = (
        ChainHead.from_json(data) if isinstance(data, dict) and data.get("format") == ANCHOR_FORMAT else None
    )
    if head is None:
        return None, f"{ANCHOR_NAME} 的内容不是本系统写入的格式（被改动或损坏）"
    return head, None


def reset_anchor(paths: DataPaths, head: ChainHead, reason: str) -> None:
    write_json_atomic(anchor_path(paths), {"format": ANCHOR_FORMAT, **head.as_json(), "reason": reason})


def advance_anchor(paths: DataPaths, engine: Engine, now: datetime, reason: str) -> bool:
    """Move the anchor file to the log's head if the log still extends it; True when written.

    A log that no longer holds the anchored head leaves the file as it is, for `check` to report.
    """
    anchored, problem = read_anchor(paths)
    if problem is not None:
        return False
    if engine.dialect.name == "sqlite":  # the head we anchor is on disk before we say so
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
    with Session(engine) as session:
        head = chain_head(session, now)
        if anchored is not None:
            if head.entries == anchored.entries and head.hash == anchored.hash:
                return False
            if compare(session, anchored) is not None or verify_after(session, anchored) is not None:
                return False
        # A first anchor records the log as it is: `check` verifies the chain itself.
    reset_anchor(paths, head, reason)
    return True


def store_head(store: AttachmentStore, at: datetime) -> dict[str, Any]:
    """The head for an export package's manifest: the package is built over the store's own database."""
    with store._sessions() as session:  # the store carries its context's session factory
        return chain_head(session, at).as_json()
