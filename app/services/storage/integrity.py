"""`check` over an open database: integrity, foreign keys, the audit chain and its guard triggers,
accounts, and every attachment's SHA-256. The whole folder (file probe, anchors outside the database,
temp files) is app/services/folder_check.py."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.models import Attachment, AuditEntry, Base
from app.services.accounts.service import AccountService
from app.services.audit.chain import verify_chain
from app.services.common import (
    IsCancelled,
    Progress,
    SessionFactory,
    check_cancel,
    never_cancelled,
    no_progress,
)
from app.services.storage.attachments import AttachmentStore, sha256_of
from app.services.storage.db_guards import live_findings


@dataclass(frozen=True)
class AttachmentProblem:
    attachment_id: int
    original_name: str
    problem: str  # "missing" | "altered"


@dataclass(frozen=True)
class CheckReport:
    integrity: list[str]
    foreign_key_violations: list[str]
    attachments_checked: int
    attachment_problems: list[AttachmentProblem] = field(default_factory=list)
    audit_entries: int = 0
    audit_problem: str | None = None
    account_problems: list[str] = field(default_factory=list)
    row_counts: dict[str, int] = field(default_factory=dict)  # table → rows; compared after `migrate-to`
    guard_problems: list[str] = field(
        default_factory=list
    )  # dropped append-only triggers, foreign triggers/views

    @property
    def ok(self) -> bool:
        return (
            self.integrity == ["ok"]
            and not self.foreign_key_violations
            and not self.attachment_problems
            and self.audit_problem is None
            and not self.account_problems
            and not self.guard_problems
        )

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        return data


def _database_checks(session: Session) -> tuple[list[str], list[str]]:
    """(integrity, foreign-key violations). PostgreSQL enforces foreign keys on every write and checks its
    own pages, so a query that succeeds is the check there; deep checks are pg_amcheck's (README)."""
    if session.get_bind().dialect.name != "sqlite":
        session.execute(text("SELECT 1"))
        return ["ok"], []
    integrity = [str(row[0]) for row in session.execute(text("PRAGMA integrity_check"))]
    fk = [
        f"{row[0]} 第 {row[1]} 行引用 {row[2]} 不存在"
        for row in session.execute(text("PRAGMA foreign_key_check"))
    ]
    return integrity, fk


def run_check(
    sessions: SessionFactory,
    store: AttachmentStore,
    progress: Progress = no_progress,
    is_cancelled: IsCancelled = never_cancelled,
) -> CheckReport:
    with sessions() as session:
        integrity, fk = _database_checks(session)
        guards = live_findings(session.connection())
        rows = session.execute(select(Attachment.id, Attachment.original_name, Attachment.sha256)).all()
        chain = verify_chain(session)
        audit_entries = int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)
        counts = {
            table.name: int(session.scalar(select(func.count()).select_from(table)) or 0)
            for table in Base.metadata.sorted_tables
        }
    account_problems = AccountService(sessions).problems()
    problems: list[AttachmentProblem] = []
    hashes: dict[str, str | None] = {}
    for index, (att_id, name, sha) in enumerate(rows):
        check_cancel(is_cancelled)
        if sha not in hashes:
            path = store.path_of(sha)
            hashes[sha] = sha256_of(path) if path.is_file() else None
        actual = hashes[sha]
        if actual is None:
            problems.append(AttachmentProblem(att_id, name, "missing"))
        elif actual != sha:
            problems.append(AttachmentProblem(att_id, name, "altered"))
        progress(int((index + 1) * 100 / max(len(rows), 1)), f"校验附件 {index + 1}/{len(rows)}")
    return CheckReport(
        integrity,
        fk,
        len(rows),
        problems,
        audit_entries,
        chain.problem if chain else None,
        account_problems,
        counts,
        guards,
    )
