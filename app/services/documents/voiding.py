"""Deleting or voiding (作废) a wrongly registered document (issue 21, point 5).

A document nobody depends on may be deleted; once a review step is signed, it was published or exported,
or a 公开栏 notice was made from it, it can only be voided with a reason: it then leaves the lists, the
年报 and the 上报 package, and stays in the register and the audit log.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.document import Document, DocumentPublication, ReviewSheet, ReviewSignoff
from app.models.export import ExportItem
from app.models.posting import Posting
from app.services.accounts.service import verify_actor
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.common import session_clock
from app.services.documents.rows import ENTITY
from app.services.permissions import Actor
from app.services.review.kinds import ItemKind

MAX_VOID_REASON = 500
VOIDED = "已作废"


def clean_reason(reason: str, what: str = "作废") -> str:
    """The clerk's reason on one line; required, and short enough to print."""
    text = " ".join(reason.split())
    if not text:
        raise UserFacingError(f"请填写{what}理由，例如「登记重复」「误登记」，理由记入操作日志。")
    if len(text) > MAX_VOID_REASON:
        raise UserFacingError(f"{what}理由请控制在 {MAX_VOID_REASON} 个字以内（现在 {len(text)} 个字）。")
    return text


def dependents(session: Session, row: Document) -> list[str]:
    """What depends on the document, in the clerk's words; empty when it may still be deleted."""
    found: list[str] = []
    signed = session.scalars(
        select(ReviewSheet.number)
        .join(ReviewSignoff, ReviewSignoff.sheet_id == ReviewSheet.id)
        .where(ReviewSheet.item_kind == ItemKind.DOCUMENT.value, ReviewSheet.item_id == row.id)
        .distinct()
    ).all()
    if signed:
        found.append(f"保密审查单 {'、'.join(sorted(signed))} 已有签署")
    published = session.scalar(select(func.count()).where(DocumentPublication.document_id == row.id))
    if row.published_at is not None or published:
        found.append("已登记公开")
    exported = session.scalar(
        select(func.count()).where(
            ExportItem.item_kind == ItemKind.DOCUMENT.value, ExportItem.item_id == row.id
        )
    )
    if exported:
        found.append("已上报导出")
    postings = session.scalar(
        select(func.count()).where(Posting.source_kind == "document", Posting.source_id == row.id)
    )
    if postings:
        found.append("已据此制作公开栏张贴件")
    return found


def require_deletable(session: Session, row: Document) -> None:
    found = dependents(session, row)
    if found:
        raise UserFacingError(
            f"公文「{row.title[:40]}」{'、'.join(found)}，不能删除；如登记有误，请改用「作废」并写明理由。"
        )


def drop_unsigned_sheets(session: Session, kind: str, item_id: int) -> list[str]:
    """The item is deleted: its sheets nobody signed go with it (they would wait for a signature forever).
    Returns their numbers for the audit entry; a signed sheet blocks the deletion before this is called."""
    sheets = list(
        session.scalars(
            select(ReviewSheet).where(ReviewSheet.item_kind == kind, ReviewSheet.item_id == item_id)
        )
    )
    for sheet in sheets:
        session.delete(sheet)
    return [sheet.number for sheet in sheets]


def void_document(session: Session, actor: Actor, row: Document, reason: str) -> None:
    """Mark voided with the clerk's reason, by a real account, audited; refused when voided already."""
    text = clean_reason(reason)
    actor = verify_actor(session, actor, "作废公文")
    if row.voided_at is not None:
        raise UserFacingError(f"这件公文已于 {row.voided_at:%Y-%m-%d %H:%M} 作废，无需再次作废。")
    row.voided_at = session_clock(session).now().replace(microsecond=0)
    row.void_reason = text
    changes = {"状态": ("有效登记", VOIDED), "作废理由": (None, text)}
    audit.record(session, actor, Action.STATUS, ENTITY, row.id, changes, 索引号=row.index_no)
