"""The export history: which package carried exactly which items, and their fingerprints."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.export import ExportItem, ExportPackage
from app.services.common import SessionFactory


@dataclass(frozen=True)
class ExportSummary:
    id: int
    built_at: datetime
    mode: str
    since: datetime | None
    file_name: str
    items: int
    files: int
    size: int
    parts: str
    username: str


@dataclass(frozen=True)
class ExportedItem:
    kind: str
    item_id: int
    index_no: str
    title: str
    file_count: int


def export_history(sessions: SessionFactory, limit: int = 200) -> list[ExportSummary]:
    with sessions() as session:
        rows = session.scalars(
            select(ExportPackage)
            .order_by(ExportPackage.built_at.desc(), ExportPackage.id.desc())
            .limit(limit)
        )
        return [
            ExportSummary(
                r.id,
                r.built_at,
                r.mode,
                r.since,
                r.file_name,
                r.item_count,
                r.file_count,
                r.package_size,
                r.parts,
                r.username,
            )
            for r in rows
        ]


def exported_items(
    sessions: SessionFactory, export_id: int, offset: int = 0, limit: int = 500
) -> list[ExportedItem]:
    with sessions() as session:
        rows = session.scalars(
            select(ExportItem)
            .where(ExportItem.export_id == export_id)
            .order_by(ExportItem.id)
            .offset(offset)
            .limit(limit)
        )
        return [ExportedItem(r.item_kind, r.item_id, r.index_no, r.title, r.file_count) for r in rows]


def last_fingerprints(session: Session) -> dict[tuple[str, int], str]:
    rows = session.execute(
        select(ExportItem.item_kind, ExportItem.item_id, ExportItem.fingerprint)
        .join(ExportPackage, ExportPackage.id == ExportItem.export_id)
        .order_by(ExportPackage.built_at, ExportPackage.id)
    )
    return {(kind, item_id): print_ for kind, item_id, print_ in rows}
