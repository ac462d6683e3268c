"""保密审查单 (先审查、后公开, 一事一审; RULES §5): made from the item, signed step by step, concluded.

A sheet is made FROM an item and records the item's content (review_content.py); each step is signed by a
different real, active account whose roles in the accounts table allow the step (issue 19).
"""

from __future__ import annotations

from datetime import date

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
from app.services.review.kinds import APPROVING_CONCLUSIONS, ItemKind, ReviewState
from app.services.review.store import content_check, insert_sheet, sheet_detail
from app.services.review.types import (
    CONCLUSIONS,
    ENTITY,
    FAILED,
    IN_REVIEW,
    MAX_OPINION,
    PASSED,
    STEP_PERMS,
    ContentCheck,
    SheetDetail,
    SheetForm,
)
from app.services.storage.record_versions import guard, touch


class ReviewService:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions
        self._clock = clock_for(sessions)

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
        opinion = opinion.strip()
        if len(opinion) > MAX_OPINION:
            raise UserFacingError(f"意见请控制在 {MAX_OPINION} 个字以内。")
        if not agreed and not opinion:
            raise UserFacingError("不同意时请写明理由，便于承办人修改。")
        with self._sessions.begin() as session:
            actor = verify_actor(session, actor, "签署保密审查单")  # the table's roles, not the caller's
            row = session.get(ReviewSheet, sheet_id, with_for_update=True)
            if row is None:
                raise UserFacingError("这张保密审查单已不存在，请刷新。")
            guard("review_sheets", row, expected_version)
            current = sheet_detail(session, row)
            step = current.next_step
            if step is None:
                raise UserFacingError(f"保密审查单 {row.number} 已{row.status}，不能再签署。")
            require(actor, STEP_PERMS[step])
            signed_by = set(
                session.scalars(select(ReviewSignoff.account_id).where(ReviewSignoff.sheet_id == row.id))
            )
            if actor.account_id in signed_by:
                raise UserFacingError("同一张审查单的各步骤应由不同的人签署，您已经签过前面的步骤。")
            if agreed:
                check = content_check(session, row)
                if not check.matches:
                    raise UserFacingError(
                        f"{check.reason}，本单审查的已不是现在的内容，不能同意。请选择「不同意（退回）」"
                        "写明原因结束本单，再为现在的内容重新发起保密审查。"
                    )
            final = len(current.signoffs) == len(current.steps) - 1
            if agreed and final and conclusion not in CONCLUSIONS:
                raise UserFacingError(f"最后一步请选择审查结论：{'、'.join(CONCLUSIONS)}。")
            now = self._clock.now().replace(microsecond=0)
            session.add(
                ReviewSignoff(
                    sheet_id=row.id, step_no=len(current.signoffs), step=step, agreed=agreed, opinion=opinion,
                    account_id=actor.account_id, signer_name=actor.display_name, signed_at=now,
                )
            )  # fmt: skip
            before = {"状态": row.status, "结论": row.conclusion}
            if not agreed:
                row.status = FAILED
            elif final:
                row.conclusion = conclusion
                row.status = PASSED if conclusion in APPROVING_CONCLUSIONS else FAILED
                row.approved_at = now
            touch(row)  # every signature moves the version, so a screen opened before it is refused
            session.flush()
            changes = audit.diff(before, {"状态": row.status, "结论": row.conclusion})
            audit.record(
                session, actor, Action.SIGN, ENTITY, row.id, changes, 步骤=step, 同意=agreed, 意见=opinion
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
