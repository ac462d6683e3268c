"""保密审查单 (先审查、后公开, 一事一审; RULES §5): made from the item, signed step by step, concluded.

A sheet is made FROM an item and records the item's content (review_content.py); each step is signed by a
different real, active account whose roles in the accounts table allow the step (issue 19).
"""

from __future__ import annotations

import json
import mimetypes
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from app.errors import UserFacingError
from app.models.document import ReviewSheet, ReviewSignoff
from app.services.accounts.service import verify_actor
from app.services.alerts import Alert, Urgency
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.common import SessionFactory, clock_for
from app.services.permissions import Actor, Perm, require
from app.services.review.gate import review_state
from app.services.review.items import ItemChoice, ItemPreview, find_items, item_preview
from app.services.review.kinds import ItemKind, ReviewState
from app.services.review.paper import add_scan, check_paper
from app.services.review.signing import add_step, clean_opinion, next_step, open_sheet
from app.services.review.store import content_check, insert_sheet, sheet_detail
from app.services.review.types import (
    CHECK_ITEMS,
    ENTITY,
    IN_APP,
    IN_REVIEW,
    NO,
    ON_PAPER,
    STEP_PERMS,
    YES,
    ContentCheck,
    PaperSignoff,
    SheetDetail,
    SheetForm,
    clean_checks,
)
from app.services.storage.attachments import AttachmentStore, display_name
from app.services.storage.record_versions import touch


def _answer(value: bool | None) -> str:
    return "未回答" if value is None else YES if value else NO


class ReviewService:
    def __init__(self, sessions: SessionFactory, attachments: AttachmentStore | None = None) -> None:
        self._sessions = sessions
        self._clock = clock_for(sessions)
        self._attachments = attachments  # where scans of paper sheets go (record_paper)

    def preview_item(self, item_kind: ItemKind | str, item_id: int) -> ItemPreview:
        """What a new sheet for this item would record (the new-sheet dialog shows it)."""
        with self._sessions() as session:
            return item_preview(session, item_kind, item_id)

    def find_items(self, item_kind: ItemKind | str, text: str = "") -> list[ItemChoice]:
        with self._sessions() as session:
            return find_items(session, item_kind, text)

    def item_state(self, item_kind: ItemKind | str, item_id: int) -> ReviewState:
        with self._sessions() as session:
            return review_state(session, item_kind, item_id)

    def create(
        self, actor: Actor, item_kind: ItemKind | str, item_id: int, form: SheetForm | None = None
    ) -> SheetDetail:
        """A new sheet FROM the item: its 名称, 文号, 公开属性 and content are read from the item."""
        with self._sessions.begin() as session:
            actor = verify_actor(session, actor, "发起保密审查")
            require(actor, Perm.REGISTER)
            row = insert_sheet(session, actor, item_kind, item_id, form or SheetForm())
            return sheet_detail(session, row)

    def create_for_document(self, actor: Actor, document_id: int, note: str = "") -> SheetDetail:
        return self.create(actor, ItemKind.DOCUMENT, document_id, SheetForm(note=note))

    def check_content(self, sheet_id: int) -> ContentCheck:
        with self._sessions() as session:
            row = session.get(ReviewSheet, sheet_id)
            if row is None:
                raise UserFacingError("这张保密审查单已不存在，请刷新。")
            return content_check(session, row)

    def sign(
        self,
        actor: Actor,
        sheet_id: int,
        agreed: bool,
        opinion: str,
        conclusion: str = "",
        expected_version: int | None = None,
    ) -> SheetDetail:
        """Sign the sheet's next step; only the role for that step may, and each account signs once.

        `expected_version` is the sheet as the signer's screen shows it: two signers on two screens at
        once cannot both sign what they saw — the second is refused, never a silent double signature.
        """
        opinion = clean_opinion(agreed, opinion)
        with self._sessions.begin() as session:
            actor = verify_actor(session, actor, "签署保密审查单")  # the table's roles, not the caller's
            row = open_sheet(session, sheet_id, expected_version)
            current = sheet_detail(session, row)
            step = next_step(row, current)
            require(actor, STEP_PERMS[step])
            if current.signed_by(actor) or any(s.signer_name == actor.display_name for s in current.signoffs):
                raise UserFacingError("同一张审查单的各步骤应由不同的人签署，您已经签过前面的步骤。")
            now = self._clock.now().replace(microsecond=0)
            signoff = ReviewSignoff(
                step=step, agreed=agreed, opinion=opinion, account_id=actor.account_id,
                signer_name=actor.display_name, signed_at=now, source=IN_APP,
            )  # fmt: skip
            return add_step(session, actor, row, current, signoff, conclusion, 方式="系统内签署")

    def record_paper(
        self, actor: Actor, sheet_id: int, paper: PaperSignoff, expected_version: int | None = None
    ) -> SheetDetail:
        """Record the next step as signed on the printed sheet (issue 21): the real signer from the office's
        list, the date written on the sheet, the scan (always for the last step). The clerk is recorded as
        who entered it, never as the signer."""
        opinion = clean_opinion(paper.agreed, paper.opinion)
        with self._sessions() as session:  # refuse before copying the scan into the store
            actor = verify_actor(session, actor, "录入纸质审查单")
            require(actor, Perm.REGISTER)
            row = open_sheet(session, sheet_id, expected_version)
            current = sheet_detail(session, row)
            next_step(row, current)
            check_paper(session, row, current, paper, self._clock.today(), actor.display_name)
        stored = self._store_scan(paper.scan) if paper.scan is not None else None
        with self._sessions.begin() as session:
            actor = verify_actor(session, actor, "录入纸质审查单")
            row = open_sheet(session, sheet_id, expected_version)
            current = sheet_detail(session, row)
            step = next_step(row, current)
            role = check_paper(session, row, current, paper, self._clock.today(), actor.display_name)
            scan_id = add_scan(session, *stored) if stored else None
            now = self._clock.now().replace(microsecond=0)
            signoff = ReviewSignoff(
                step=step, agreed=paper.agreed, opinion=opinion, account_id=None,
                signer_name=paper.signer_name.strip(), signer_role=role, signed_at=now, source=ON_PAPER,
                paper_signed_on=paper.signed_on, recorded_by=actor.account_id, recorded_at=now,
                scan_attachment_id=scan_id,
            )  # fmt: skip
            return add_step(
                session, actor, row, current, signoff, paper.conclusion,
                方式=f"据纸质审查单录入（录入人 {actor.display_name}，录入时间 {now:%Y-%m-%d %H:%M}）",
                签署人=paper.signer_name.strip(), 职务=role,
                纸质签署日期=paper.signed_on.isoformat(), 录入人=actor.display_name,
                扫描件=f"{stored[2]}（SHA-256 {stored[0]}）" if stored else "未附",
            )  # fmt: skip

    def _store_scan(self, path: Path) -> tuple[str, int, str, str]:
        if self._attachments is None:
            raise UserFacingError("程序没有打开附件库，不能保存扫描件。请重新打开程序后再试。")
        sha, size = self._attachments.store_blob(path)
        name = display_name(path.name)
        return sha, size, name, mimetypes.guess_type(name)[0] or "application/octet-stream"

    def answer_checks(
        self,
        actor: Actor,
        sheet_id: int,
        checks: dict[str, bool],
        notes: dict[str, str] | None = None,
        expected_version: int | None = None,
    ) -> SheetDetail:
        """The clerk's answers to the 审查要点 (issue 21): before the first signature only, each 是 with a
        note. Points left out stay unanswered."""
        answered, kept = clean_checks(checks, notes or {})
        with self._sessions.begin() as session:
            actor = verify_actor(session, actor, "填写审查要点")
            require(actor, Perm.REGISTER)
            row = open_sheet(session, sheet_id, expected_version)
            current = sheet_detail(session, row)
            if row.status != IN_REVIEW or current.signoffs:
                raise UserFacingError(
                    f"保密审查单 {row.number} 已开始签署，审查要点不能再改。如需改动，请退回后重新发起审查。"
                )
            before = {name: _answer(current.values.checks.get(name)) for name in CHECK_ITEMS}
            row.checks_json = json.dumps(answered, ensure_ascii=False)
            row.check_notes_json = json.dumps(kept, ensure_ascii=False)
            touch(row)
            session.flush()
            after = {name: _answer(answered.get(name)) for name in CHECK_ITEMS}
            audit.record(
                session, actor, Action.UPDATE, ENTITY, row.id, audit.diff(before, after), 审查要点说明=kept
            )
            return sheet_detail(session, row)

    def detail(self, sheet_id: int) -> SheetDetail:
        with self._sessions() as session:
            row = session.get(ReviewSheet, sheet_id)
            if row is None:
                raise UserFacingError("这张保密审查单已不存在，请刷新。")
            return sheet_detail(session, row)

    def sheets_for(self, item_kind: str, item_id: int) -> list[SheetDetail]:
        with self._sessions() as session:
            rows = session.scalars(
                select(ReviewSheet)
                .where(ReviewSheet.item_kind == item_kind, ReviewSheet.item_id == item_id)
                .order_by(ReviewSheet.id.desc())
            )
            return [sheet_detail(session, row) for row in rows]

    def list_sheets(self, status: str = "", limit: int = 500) -> list[SheetDetail]:
        with self._sessions() as session:
            query = select(ReviewSheet).order_by(ReviewSheet.id.desc()).limit(limit)
            if status:
                query = query.where(ReviewSheet.status == status)
            return [sheet_detail(session, row) for row in session.scalars(query)]

    def waiting_for(self, actor: Actor) -> list[SheetDetail]:
        """Sheets whose next step this account may sign (and has not signed an earlier step of)."""
        return [
            sheet
            for sheet in self.list_sheets(IN_REVIEW, limit=2000)
            if sheet.can_sign(actor) and not sheet.signed_by(actor)
        ]

    def month(self, year: int, month: int) -> list[SheetDetail]:
        start = date(year, month, 1)
        end = date(year + (month == 12), month % 12 + 1, 1)
        with self._sessions() as session:
            rows = session.scalars(
                select(ReviewSheet)
                .where(ReviewSheet.filled_on >= start, ReviewSheet.filled_on < end)
                .order_by(ReviewSheet.id)
            )
            return [sheet_detail(session, row) for row in rows]

    def count_in_review(self) -> int:
        with self._sessions() as session:
            return int(
                session.scalar(
                    select(func.count()).select_from(ReviewSheet).where(ReviewSheet.status == IN_REVIEW)
                )
                or 0
            )

    def alerts(self, today: date) -> list[Alert]:
        return [
            Alert(
                Urgency.WAITING,
                f"保密审查单 {sheet.number} 等待「{sheet.next_step}」",
                sheet.values.item_title,
                "review",
                ENTITY,
                str(sheet.id),
                sheet.values.planned_on,
            )
            for sheet in self.list_sheets(IN_REVIEW, limit=200)
        ]
