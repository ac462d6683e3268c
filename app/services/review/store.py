"""保密审查单 rows: numbering, a new sheet made from its item (with what it reviews), reading one back.

The functions work inside the caller's transaction; ReviewService (review_sheets.py) verifies the actor first.
"""

from __future__ import annotations

import json

from sqlalchemy import select, text
from sqlalchemy.orm import Session, aliased

from app.errors import UserFacingError
from app.models import Account, Attachment
from app.models.document import Document, ReviewSheet, ReviewSignoff
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.common import session_clock
from app.services.permissions import Actor
from app.services.review.content import change_details, changed_fields, current_content, joined, parse_fields
from app.services.review.items import item_preview, sheet_values
from app.services.review.kinds import ItemKind
from app.services.review.types import (
    CHECK_ITEMS,
    ENTITY,
    IN_REVIEW,
    ContentCheck,
    SheetDetail,
    SheetForm,
    SheetInput,
    SignoffInfo,
    clean_input,
    parse_steps,
)
from app.services.settings import registry


def _steps(session: Session) -> tuple[str, ...]:
    return parse_steps(registry.REVIEW_STEPS.read(session))


def _next_number(session: Session, year: int) -> str:
    """保审〔2025〕3号: the counter UPDATE is the first write, like the 索引号."""
    seq = session.execute(
        text(
            "INSERT INTO index_counters(scope, last_seq) VALUES (:scope, 1) "
            "ON CONFLICT(scope) DO UPDATE SET last_seq = index_counters.last_seq + 1 RETURNING last_seq"
        ),
        {"scope": f"{ENTITY}/{year}"},
    ).scalar_one()
    return f"保审〔{year}〕{seq}号"


def insert_sheet(
    session: Session, actor: Actor, kind: ItemKind | str, item_id: int, form: SheetForm
) -> ReviewSheet:
    """A new sheet for the item as it is now; `actor` is already verified against the accounts table."""
    preview = item_preview(session, kind, item_id)
    value = clean_input(sheet_values(preview, form))
    today = session_clock(session).today()
    open_sheet = session.scalar(
        select(ReviewSheet.number).where(
            ReviewSheet.item_kind == value.item_kind,
            ReviewSheet.item_id == value.item_id,
            ReviewSheet.status == IN_REVIEW,
        )
    )
    if open_sheet:
        raise UserFacingError(f"这一事项已有审查中的保密审查单 {open_sheet}（一事一审），请先完成它。")
    number = _next_number(session, today.year)
    row = ReviewSheet(
        number=number,
        item_kind=value.item_kind,
        item_id=value.item_id,
        item_title=value.item_title,
        doc_number=value.doc_number,
        unit=value.unit,
        carrier=value.carrier,
        disclosure=value.disclosure,
        withhold_reason=value.withhold_reason,
        channels="、".join(value.channels),
        planned_on=value.planned_on,
        filled_on=today,
        checks_json=json.dumps(value.checks, ensure_ascii=False),  # only the answered points
        check_notes_json=json.dumps(value.check_notes, ensure_ascii=False),
        steps="、".join(_steps(session)),
        status=IN_REVIEW,
        conclusion="",
        note=value.note,
        created_by=actor.account_id,
        content_fingerprint=preview.content.fingerprint,
        content_json=preview.content.canonical,
    )
    session.add(row)
    session.flush()
    audit.record(
        session, actor, Action.CREATE, ENTITY, row.id,
        编号=number, 事项=value.item_title, 类别=ItemKind(value.item_kind).label, 事项编号=value.item_id,
        审查内容校验值=row.content_fingerprint,
    )  # fmt: skip
    return row


def open_sheet_for_document(
    session: Session, actor: Actor, document: Document, note: str = ""
) -> ReviewSheet:
    """A new sheet for a registered document, inside the caller's transaction (actor verified there)."""
    session.flush()  # the document's pending changes are what the sheet reviews
    return insert_sheet(session, actor, ItemKind.DOCUMENT, document.id, SheetForm(note=note))


def content_check(session: Session, row: ReviewSheet) -> ContentCheck:
    """Whether the item still has the content this sheet reviews."""
    if not row.content_fingerprint:
        return ContentCheck(False, "本单填写于程序记录审查内容之前，没有记下审查的是什么内容")
    current = current_content(session, row.item_kind, row.item_id)
    if current is None:
        return ContentCheck(False, "审查的事项已被删除")
    if current.fingerprint == row.content_fingerprint:
        return ContentCheck(True)
    reviewed = parse_fields(row.content_json)
    labels = changed_fields(reviewed, current.fields)
    return ContentCheck(
        False, f"本单填写后{joined(labels) or '内容'}已改动", tuple(change_details(reviewed, current.fields))
    )


def _signoff(sign: ReviewSignoff, recorder: str | None, scan: str | None) -> SignoffInfo:
    return SignoffInfo(
        sign.step, sign.agreed, sign.opinion, sign.signer_name, sign.signed_at, sign.account_id, sign.source,
        sign.signer_role, sign.paper_signed_on, recorder or "", sign.recorded_at, scan or "",
        sign.scan_attachment_id,
    )  # fmt: skip


def _checks(row: ReviewSheet) -> tuple[dict[str, bool], dict[str, str]]:
    """The answered points as stored: sheets from before issue 21 stored all six, and keep them."""
    stored, notes = json.loads(row.checks_json or "{}"), json.loads(row.check_notes_json or "{}")
    checks = {name: bool(stored[name]) for name in CHECK_ITEMS if name in stored and stored[name] is not None}
    return checks, {name: str(notes[name]) for name in checks if checks[name] and name in notes}


def sheet_detail(session: Session, row: ReviewSheet) -> SheetDetail:
    recorder, scan = aliased(Account), aliased(Attachment)
    rows = session.execute(
        select(ReviewSignoff, recorder.display_name, scan.original_name)
        .outerjoin(recorder, recorder.id == ReviewSignoff.recorded_by)
        .outerjoin(scan, scan.id == ReviewSignoff.scan_attachment_id)
        .where(ReviewSignoff.sheet_id == row.id)
        .order_by(ReviewSignoff.step_no)
    )
    signoffs = tuple(_signoff(sign, who, name) for sign, who, name in rows)
    checks, notes = _checks(row)
    value = SheetInput(
        row.item_kind, row.item_id, row.item_title, row.doc_number, row.unit, row.carrier, row.disclosure,
        row.withhold_reason, tuple(part for part in row.channels.split("、") if part), row.planned_on,
        checks, row.note, notes,
    )  # fmt: skip
    return SheetDetail(
        row.id, row.number, value, row.filled_on, tuple(row.steps.split("、")), signoffs, row.status,
        row.conclusion, row.approved_at, row.version, parse_fields(row.content_json), row.content_fingerprint,
    )  # fmt: skip
