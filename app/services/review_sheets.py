"""保密审查单 (先审查、后公开, 一事一审; RULES §5): fill, sign step by step, conclude."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models import Setting
from app.models.document import Document, ReviewSheet, ReviewSignoff
from app.services import audit
from app.services.alerts import Alert, Urgency
from app.services.audit import Action
from app.services.common import SessionFactory, clock_for, session_clock
from app.services.permissions import Actor, Perm, require
from app.services.publication_gate import APPROVING_CONCLUSIONS, ItemKind
from app.services.record_versions import guard, touch
from app.services.review_sheet_types import (
    CARRIERS,
    CHECK_ITEMS,
    CONCLUSIONS,
    DEFAULT_STEPS,
    ENTITY,
    FAILED,
    IN_REVIEW,
    MAX_OPINION,
    PASSED,
    SHEET_CHANNELS,
    STEP_PERMS,
    STEPS_KEY,
    SheetDetail,
    SheetInput,
    SignoffInfo,
    clean_input,
    parse_steps,
)

__all__ = [  # the vocabulary and records (review_sheet_types.py) are imported from here too
    "CARRIERS",
    "CHECK_ITEMS",
    "CONCLUSIONS",
    "ENTITY",
    "SHEET_CHANNELS",
    "ReviewService",
    "SheetDetail",
    "SheetInput",
    "open_sheet_for_document",
]


def _steps(session: Session) -> tuple[str, ...]:
    row = session.get(Setting, STEPS_KEY)
    return parse_steps(str(json.loads(row.value_json)) if row else DEFAULT_STEPS)


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


def _insert(session: Session, actor: Actor, value: SheetInput) -> ReviewSheet:
    today = session_clock(session).today()
    number = _next_number(session, today.year)  # first write of the transaction
    open_sheet = session.scalar(
        select(ReviewSheet.number).where(
            ReviewSheet.item_kind == value.item_kind,
            ReviewSheet.item_id == value.item_id,
            ReviewSheet.status == IN_REVIEW,
        )
    )
    if open_sheet:
        raise UserFacingError(f"这一事项已有审查中的保密审查单 {open_sheet}（一事一审），请先完成它。")
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
        checks_json=json.dumps(value.checks, ensure_ascii=False),
        steps="、".join(_steps(session)),
        status=IN_REVIEW,
        conclusion="",
        note=value.note,
        created_by=actor.account_id,
    )
    session.add(row)
    session.flush()
    audit.record(session, actor, Action.CREATE, ENTITY, row.id, 编号=number, 事项=value.item_title)
    return row


def sheet_input_for(document: Document, note: str = "") -> SheetInput:
    channels = tuple(
        "政务公开栏" if part == "公开栏" else part for part in document.channels.split("、") if part in
        ("政府网站", "政务新媒体", "政府公报", "公开栏")
    ) or ("政府网站",)  # fmt: skip
    return SheetInput(
        ItemKind.DOCUMENT.value, document.id, document.title, document.doc_number, document.publisher,
        "公文类", document.disclosure, document.withhold_reason, channels, None, {}, note,
    )  # fmt: skip


def open_sheet_for_document(
    session: Session, actor: Actor, document: Document, note: str = ""
) -> ReviewSheet:
    """A new sheet for a registered document, inside the caller's transaction."""
    return _insert(session, actor, clean_input(sheet_input_for(document, note)))


def _detail(session: Session, row: ReviewSheet) -> SheetDetail:
    signoffs = tuple(
        SignoffInfo(sign.step, sign.agreed, sign.opinion, sign.signer_name, sign.signed_at)
        for sign in session.scalars(
            select(ReviewSignoff).where(ReviewSignoff.sheet_id == row.id).order_by(ReviewSignoff.step_no)
        )
    )
    checks = json.loads(row.checks_json or "{}")
    value = SheetInput(
        row.item_kind, row.item_id, row.item_title, row.doc_number, row.unit, row.carrier, row.disclosure,
        row.withhold_reason, tuple(part for part in row.channels.split("、") if part), row.planned_on,
        {name: bool(checks.get(name, False)) for name in CHECK_ITEMS}, row.note,
    )  # fmt: skip
    return SheetDetail(
        row.id, row.number, value, row.filled_on, tuple(row.steps.split("、")), signoffs, row.status,
        row.conclusion, row.approved_at, row.version,
    )  # fmt: skip


class ReviewService:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions
        self._clock = clock_for(sessions)

    def create(self, actor: Actor, value: SheetInput) -> SheetDetail:
        require(actor, Perm.REGISTER)
        clean = clean_input(value)
        with self._sessions.begin() as session:
            row = _insert(session, actor, clean)
            return _detail(session, row)

    def create_for_document(self, actor: Actor, document_id: int, note: str = "") -> SheetDetail:
        require(actor, Perm.REGISTER)
        with self._sessions.begin() as session:
            document = session.get(Document, document_id)
            if document is None:
                raise UserFacingError("这件公文已被删除，请刷新列表。")
            row = open_sheet_for_document(session, actor, document, note)
            return _detail(session, row)

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
            row = session.get(ReviewSheet, sheet_id, with_for_update=True)
            if row is None:
                raise UserFacingError("这张保密审查单已不存在，请刷新。")
            guard("review_sheets", row, expected_version)
            current = _detail(session, row)
            step = current.next_step
            if step is None:
                raise UserFacingError(f"保密审查单 {row.number} 已{row.status}，不能再签署。")
            require(actor, STEP_PERMS[step])
            signed_by = set(
                session.scalars(select(ReviewSignoff.account_id).where(ReviewSignoff.sheet_id == row.id))
            )
            if actor.account_id is not None and actor.account_id in signed_by:
                raise UserFacingError("同一张审查单的各步骤应由不同的人签署，您已经签过前面的步骤。")
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
            return _detail(session, row)

    def detail(self, sheet_id: int) -> SheetDetail:
        with self._sessions() as session:
            row = session.get(ReviewSheet, sheet_id)
            if row is None:
                raise UserFacingError("这张保密审查单已不存在，请刷新。")
            return _detail(session, row)

    def sheets_for(self, item_kind: str, item_id: int) -> list[SheetDetail]:
        with self._sessions() as session:
            rows = session.scalars(
                select(ReviewSheet)
                .where(ReviewSheet.item_kind == item_kind, ReviewSheet.item_id == item_id)
                .order_by(ReviewSheet.id.desc())
            )
            return [_detail(session, row) for row in rows]

    def list_sheets(self, status: str = "", limit: int = 500) -> list[SheetDetail]:
        with self._sessions() as session:
            query = select(ReviewSheet).order_by(ReviewSheet.id.desc()).limit(limit)
            if status:
                query = query.where(ReviewSheet.status == status)
            return [_detail(session, row) for row in session.scalars(query)]

    def waiting_for(self, actor: Actor) -> list[SheetDetail]:
        """Sheets whose next step this account may sign (and has not signed an earlier step of)."""
        return [
            sheet
            for sheet in self.list_sheets(IN_REVIEW, limit=2000)
            if sheet.can_sign(actor) and not any(s.signer_name == actor.display_name for s in sheet.signoffs)
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
            return [_detail(session, row) for row in rows]

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
