"""The audit log: every change appends one hash-chained entry in the same transaction as the change."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.audit import AuditEntry, AuditHead
from app.services.common import session_clock
from app.services.permissions import Actor

GENESIS = "0" * 64


class Action:
    CREATE = "新建"
    UPDATE = "修改"
    DELETE = "删除"
    STATUS = "状态变更"
    SIGN = "签署"
    EXPORT = "导出"
    PRINT = "打印"
    LOGIN = "登录"
    LOGIN_FAILED = "登录失败"
    LOGOUT = "退出登录"
    UNMASK = "查看完整信息"
    SETTINGS = "修改设置"
    IMPORT = "导入"
    RESTORE = "恢复备份"


Changes = dict[str, tuple[Any, Any]]


def diff(old: dict[str, Any], new: dict[str, Any]) -> Changes:
    """Field → (old, new) for every field whose value changed."""
    return {
        key: (old.get(key), new.get(key))
        for key in sorted(set(old) | set(new))
        if old.get(key) != new.get(key)
    }


def entry_hash(
    prev_hash: str,
    at: str,
    account_id: int | None,
    username: str,
    action: str,
    entity: str,
    entity_id: str,
    details_json: str,
) -> str:
    payload = json.dumps(
        [prev_hash, at, account_id, username, action, entity, entity_id, details_json],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: object = "",
    changes: Changes | None = None,
    **details: Any,
) -> None:
    """Append one entry inside the caller's transaction (so the change and its entry commit together)."""
    head = session.get(AuditHead, 1)
    payload: dict[str, Any] = dict(details)
    if changes:
        payload["changes"] = {key: [old, new] for key, (old, new) in changes.items()}
    details_json = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)
    at = session_clock(session).now().isoformat(timespec="seconds")
    prev = head.last_hash if head else GENESIS
    entry = AuditEntry(
        at=at,
        account_id=actor.account_id,
        username=actor.username,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        details_json=details_json,
        prev_hash=prev,
        hash=entry_hash(
            prev, at, actor.account_id, actor.username, action, entity, str(entity_id), details_json
        ),
    )
    session.add(entry)
    session.flush()
    if head is None:
        session.add(AuditHead(id=1, last_id=entry.id, last_hash=entry.hash))
    else:
        head.last_id, head.last_hash = entry.id, entry.hash


@dataclass(frozen=True)
class ChainProblem:
    entry_id: int
    problem: str


def verify_chain(session: Session) -> ChainProblem | None:
    """The first broken entry: edited (hash mismatch), deleted or reordered (prev_hash mismatch)."""
    prev = GENESIS
    expected_id = None
    for row in session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
        if expected_id is not None and row.id != expected_id:
            return ChainProblem(row.id, f"第 {row.id} 条之前的日志被删除")
        if row.prev_hash != prev:
            return ChainProblem(row.id, f"第 {row.id} 条日志的前序校验值不符（日志被删除或调换了顺序）")
        actual = entry_hash(
            row.prev_hash,
            row.at,
            row.account_id,
            row.username,
            row.action,
            row.entity,
            row.entity_id,
            row.details_json,
        )
        if actual != row.hash:
            return ChainProblem(row.id, f"第 {row.id} 条日志的内容被改动")
        prev, expected_id = row.hash, row.id + 1
    head = session.get(AuditHead, 1)
    head_hash = head.last_hash if head else GENESIS
    if head_hash != prev:
        last_id = head.last_id if head else 0
        return ChainProblem(last_id, f"最后的日志（第 {last_id} 条起）被删除或改动")
    return None
