"""`check` against every copy of the audit chain's head it can see outside the database (issue 19 §5).

Sources: the anchor file beside the data, the automatic backup generations, backup zips (the 恢复前 copies
in backups\\ and the ones the log says were made), export packages in the export history, and the 年报 data
files the log says were saved. A head that the log no longer holds is a problem, except one taken before
the latest restore: that log was replaced on purpose (and the restore entry names what replaced it), so it
is listed as superseded, not as tampering.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AuditEntry
from app.models.export import ExportPackage
from app.paths import DataPaths
from app.services.audit.chain import Action
from app.services.formats.atomic import MAX_SMALL_JSON, read_small_json
from app.services.storage.anchor import ANCHOR_NAME, MANIFEST_KEY, ChainHead, compare, read_anchor
from app.services.storage.auto_backup import list_generations

MAX_FILES = 200  # per kind of source: enough history, bounded time
MANIFEST_NAME = "manifest.json"
EXPORT_MANIFEST_LIMIT = 64 << 20  # an export manifest lists every item; bigger is not ours


@dataclass(frozen=True)
class AnchorFinding:
    source: str
    entries: int
    at: str
    problem: str


@dataclass
class AnchorReport:
    checked: int = 0
    problems: list[AnchorFinding] = field(default_factory=list)
    superseded: list[AnchorFinding] = field(default_factory=list)  # taken before the latest restore
    anchor_file: str = "missing"  # "ok" | "missing" | why it cannot be read


def _zip_head(path: Path, limit: int) -> ChainHead | None:
    try:
        with zipfile.ZipFile(path) as archive:
            if archive.getinfo(MANIFEST_NAME).file_size > limit:
                return None
            data = json.loads(archive.read(MANIFEST_NAME).decode("utf-8"))
    except (OSError, KeyError, ValueError, RecursionError, zipfile.BadZipFile, EOFError, RuntimeError):
        return None  # gone (a USB stick), damaged or foreign: not an anchor we can read
    return ChainHead.from_json(data.get(MANIFEST_KEY)) if isinstance(data, dict) else None


def _json_head(path: Path) -> ChainHead | None:
    try:
        data = read_small_json(path) if path.stat().st_size <= MAX_SMALL_JSON else None
    except (OSError, ValueError):
        return None
    return ChainHead.from_json(data.get(MANIFEST_KEY)) if isinstance(data, dict) else None


def _logged_files(session: Session, entity: str, suffix: str) -> list[str]:
    rows = session.scalars(
        select(AuditEntry.details_json)
        .where(AuditEntry.entity == entity, AuditEntry.action == Action.EXPORT)
        .order_by(AuditEntry.id.desc())
        .limit(MAX_FILES)
    )
    files: list[str] = []
    for details in rows:
        try:
            name = json.loads(details).get("file")
        except (ValueError, AttributeError, RecursionError):
            continue
        if isinstance(name, str) and name.lower().endswith(suffix) and name not in files:
            files.append(name)
    return files


def _sources(session: Session, paths: DataPaths, auto_root: Path) -> Iterator[tuple[str, ChainHead | None]]:
    for generation in list_generations(auto_root)[:MAX_FILES]:
        yield f"自动备份 {generation.id}", generation.audit_head
    backups = sorted(paths.backups.glob("*.zip"))[-MAX_FILES:] if paths.backups.is_dir() else []
    logged = [Path(name) for name in _logged_files(session, "备份", ".zip")]
    for path in dict.fromkeys([*backups, *logged]):
        yield f"备份 {path}", _zip_head(path, MAX_SMALL_JSON)
    exports = session.scalars(
        select(ExportPackage.file_name).order_by(ExportPackage.id.desc()).limit(MAX_FILES)
    )
    for name in exports:
        yield f"上报数据包 {name}", _zip_head(Path(name), EXPORT_MANIFEST_LIMIT)
    for name in _logged_files(session, "年度报告", ".json"):
        yield f"年度报告数据 {name}", _json_head(Path(name))


def _latest_restore(session: Session) -> str:
    at = session.scalar(
        select(AuditEntry.at)
        .where(AuditEntry.action == Action.RESTORE)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )
    return str(at or "")


def check_anchors(session: Session, paths: DataPaths, auto_root: Path) -> AnchorReport:
    report = AnchorReport()
    restored_at = _latest_restore(session)
    anchored, unreadable = read_anchor(paths)
    if unreadable:
        report.anchor_file = unreadable
        report.problems.append(AnchorFinding(ANCHOR_NAME, 0, "", unreadable))
    elif anchored is not None:
        report.anchor_file = "ok"
    sources = [(ANCHOR_NAME, anchored), *_sources(session, paths, auto_root)]
    for source, head in sources:
        if head is None:
            continue
        report.checked += 1
        problem = compare(session, head)
        if problem is None:
            continue
        finding = AnchorFinding(source, head.entries, head.at, problem)
        # The anchor file is reset by every restore, so it is never explained away by one.
        before_restore = source != ANCHOR_NAME and restored_at and head.at and head.at <= restored_at
        (report.superseded if before_restore else report.problems).append(finding)
    return report
