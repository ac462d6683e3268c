"""Published means published (issue 21, point 3): each publication of a document is kept.

`Document.published_at` is the first publication (the 年报 counts it) and is never overwritten.
Changing the reviewed content (标题, 文号, 发布机构, 附件, 公开属性) of a published document needs a
reason: the current publication ends with that reason and a new 保密审查单 is opened (一事一审); once it
is approved the corrected version is marked published as a new row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.document import Document, DocumentPublication
from app.services.accounts.service import verify_actor
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.common import session_clock
from app.services.documents.rows import ENTITY
from app.services.documents.rules import PROACTIVE
from app.services.documents.voiding import clean_reason
from app.services.permissions import Actor
from app.services.review.content import current_content
from app.services.review.gate import require_approved_review
from app.services.review.kinds import ItemKind
from app.services.review.store import open_sheet_for_document


@dataclass(frozen=True)
class PublicationInfo:
    published_at: datetime
    channels: str
    sheet_number: str
    ended_at: datetime | None
    end_reason: str


def history(session: Session, document_id: int) -> tuple[PublicationInfo, ...]:
    rows = session.scalars(
        select(DocumentPublication)
        .where(DocumentPublication.document_id == document_id)
        .order_by(DocumentPublication.published_at, DocumentPublication.id)
    )
    return tuple(
        PublicationInfo(row.published_at, row.channels, row.sheet_number, row.ended_at, row.end_reason)
        for row in rows
    )


def _open_row(session: Session, document_id: int) -> DocumentPublication | None:
    return session.scalars(
        select(DocumentPublication)
        .where(DocumentPublication.document_id == document_id, DocumentPublication.ended_at.is_(None))
        .order_by(DocumentPublication.id.desc())
    ).first()


def is_live(session: Session, row: Document) -> bool:
    """Published and not ended by a correction (a document published before the history began counts)."""
    if row.published_at is None:
        return False
    if _open_row(session, row.id) is not None:
        return True
    any_row = select(DocumentPublication.id).where(DocumentPublication.document_id == row.id).limit(1)
    return session.scalar(any_row) is None


def refuse_republish(row: Document) -> UserFacingError:
    when = f"{row.published_at:%Y-%m-%d %H:%M}" if row.published_at else ""
    return UserFacingError(
        f"这件公文已于 {when} 公开，公开时间已记入年度报告，不能再次标记为已公开。"
        "如内容有误，请点击「编辑」修改并写明理由，重新审查后再登记更正后的公开。"
    )


def add_publication(session: Session, row: Document, at: datetime, sheet_number: str) -> None:
    session.add(
        DocumentPublication(
            document_id=row.id,
            published_at=at,
            channels=row.channels,
            sheet_number=sheet_number,
            end_reason="",
        )  # fmt: skip
    )


def end_publication(session: Session, row: Document, reason: str, now: datetime) -> None:
    """The live publication ends because the published content changes (a row is made for an old one)."""
    current = _open_row(session, row.id)
    if current is None:
        assert row.published_at is not None
        current = DocumentPublication(
            document_id=row.id, published_at=row.published_at, channels=row.channels, sheet_number="",
            end_reason="",
        )  # fmt: skip
        session.add(current)
    current.ended_at = now.replace(microsecond=0)
    current.end_reason = reason


def correction_reason(reason: str) -> str:
    return clean_reason(reason, "修改已公开公文的")


def needs_reason_message(row: Document) -> str:
    when = f"已于 {row.published_at:%Y-%m-%d} 公开" if row.published_at else "已公开"
    return (
        f"这件公文{when}。修改标题、文号、发布机构、附件或公开属性须写明理由，"
        "并重新发起保密审查（一事一审），审查通过后再登记更正后的公开。"
    )


def require_reason(row: Document, reason: str) -> str:
    if not reason.strip():
        raise UserFacingError(needs_reason_message(row))
    return correction_reason(reason)


def correction_start(session: Session, row: Document) -> tuple[bool, str]:
    """Before an edit: whether the document is published now, and the fingerprint of its content."""
    content = current_content(session, ItemKind.DOCUMENT, row.id)
    return is_live(session, row), content.fingerprint if content else ""


def correction_finish(
    session: Session, actor: Actor, row: Document, start: tuple[bool, str], reason: str
) -> dict[str, str]:
    """After an edit: a published document whose reviewed content changed needs a reason; its
    publication ends and a new 保密审查单 is opened (一事一审). Returns what the audit entry adds."""
    live, fingerprint = start
    session.flush()
    content = current_content(session, ItemKind.DOCUMENT, row.id)
    if not live or content is None or content.fingerprint == fingerprint:
        return {}
    text = require_reason(row, reason)
    end_publication(session, row, text, session_clock(session).now())
    if row.disclosure != PROACTIVE:  # withdrawn: nothing to publish, a return to 主动公开 is reviewed then
        return {"修改理由": text}
    actor = verify_actor(session, actor, "发起保密审查")
    sheet = open_sheet_for_document(session, actor, row, f"已公开后修改：{text}")
    return {"修改理由": text, "重新审查": sheet.number}


def record_publication(
    session: Session, actor: Actor, row: Document, at: datetime, channels: tuple[str, ...]
) -> None:
    """The gate first; then once only: a live publication is refused, a corrected version is a new row
    and the first 公开时间 (the 年报's) is kept. `actor` is verified by the caller."""
    if row.voided_at is not None:
        raise UserFacingError("这件公文已作废，不能登记公开。")
    if row.disclosure != PROACTIVE:
        raise UserFacingError(f"这件公文的公开属性是「{row.disclosure}」，不能作为主动公开发布。")
    clearance = require_approved_review(session, ItemKind.DOCUMENT, row.id, at)
    if is_live(session, row):
        raise refuse_republish(row)
    moment = at.replace(microsecond=0)
    before = {"公开时间": row.published_at, "公开方式": row.channels}
    corrected = row.published_at is not None
    row.published_at = row.published_at or moment
    if channels:
        row.channels = "、".join(channels)
    add_publication(session, row, moment, clearance.sheet_number)
    after = {"公开时间": row.published_at, "公开方式": row.channels}
    extra = {"更正后公开时间": moment} if corrected else {}
    changes = audit.diff(before, after)
    audit.record(session, actor, Action.STATUS, ENTITY, row.id, changes, 依据=clearance.basis, **extra)
