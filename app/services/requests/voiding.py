"""Deleting or voiding (作废) a wrongly registered case, and voiding a letter issued by mistake (issue 21).

A case nothing depends on (no letter, no signed review of its release, no 复议诉讼, no 公开栏 notice) may be
deleted; otherwise it is voided with a reason: it leaves the active list, the 年报 and the monthly fee
count, and stays on file with its timeline and audit. A voided letter stays listed with its reason and its
文号 is never issued again (the counter only goes up).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.document import ReviewSheet, ReviewSignoff
from app.models.posting import Posting
from app.models.request import Applicant, RequestCase, RequestEvent, RequestLetter, RequestRemedy
from app.services.accounts.service import verify_actor
from app.services.audit.chain import Action, record
from app.services.common import SessionFactory, clock_for
from app.services.documents.voiding import drop_unsigned_sheets
from app.services.permissions import Actor, Perm, require
from app.services.requests.core import add_event, case_for_update, deadline_policy, refresh, to_detail
from app.services.requests.types import ENTITY, CaseDetail, CaseStatus, EventKind
from app.services.settings.service import SettingsService
from app.services.workdays.service import CalendarService
from app.services.year_lock import require_year_unlocked

MAX_REASON = 500
LETTER_ENTITY = "依申请公开文书"
RELEASE = "request_release"


def clean_reason(reason: str, what: str) -> str:
    text = " ".join(reason.split())
    if not text:
        raise UserFacingError(f"请填写{what}理由（例如「误登记」「重复登记」），理由记入操作日志。")
    if len(text) > MAX_REASON:
        raise UserFacingError(f"{what}理由请控制在 {MAX_REASON} 个字以内（现在 {len(text)} 个字）。")
    return text


def case_dependents(session: Session, case: RequestCase) -> list[str]:
    """What depends on the case, in the clerk's words; empty when it may still be deleted."""
    found: list[str] = []
    letters = session.scalar(select(func.count()).where(RequestLetter.case_id == case.id)) or 0
    if letters:
        found.append(f"已出具 {letters} 份文书")
    signed = session.scalar(
        select(func.count())
        .select_from(ReviewSignoff)
        .join(ReviewSheet, ReviewSheet.id == ReviewSignoff.sheet_id)
        .where(ReviewSheet.item_kind == RELEASE, ReviewSheet.item_id == case.id)
    )
    if signed:
        found.append("公开内容的保密审查单已有签署")
    if session.scalar(select(func.count()).where(RequestRemedy.case_id == case.id)):
        found.append("已登记行政复议或诉讼")
    if session.scalar(
        select(func.count()).where(Posting.source_kind == RELEASE, Posting.source_id == case.id)
    ):
        found.append("已据此制作公开栏张贴件")
    return found


class CaseRemoval:
    """删除 / 作废 of cases and 作废 of letters; every change audited."""

    def __init__(
        self, sessions: SessionFactory, settings: SettingsService, calendar: CalendarService
    ) -> None:
        self._sessions, self._settings, self._calendar = sessions, settings, calendar
        self._clock = clock_for(sessions)

    def blockers(self, case_id: int) -> list[str]:
        """Why the case cannot be deleted (empty: it can), for the GUI's 删除/作废 choice."""
        with self._sessions() as session:
            return case_dependents(session, case_for_update(session, case_id))

    def delete_case(self, actor: Actor, case_id: int, reason: str) -> str:
        """Delete a case nothing depends on; returns its 受理编号 (never issued again)."""
        require(actor, Perm.DELETE_CLOSED_CASE)
        text = clean_reason(reason, "删除")
        with self._sessions.begin() as session:
            actor = verify_actor(session, actor, "删除申请")
            case = case_for_update(session, case_id)
            found = case_dependents(session, case)
            if found:
                raise UserFacingError(
                    f"申请 {case.number} {'、'.join(found)}，不能删除；如登记有误，请改用「作废」并写明理由。"
                )
            received = case.received_on or case.arrived_at.date()
            require_year_unlocked(session, actor, received.year, text)
            number, applicant_id, name = case.number, case.applicant_id, case.applicant_name
            session.execute(delete(RequestEvent).where(RequestEvent.case_id == case.id))
            sheets = drop_unsigned_sheets(session, RELEASE, case.id)
            session.delete(case)
            session.flush()
            if not session.scalar(select(func.count()).where(RequestCase.applicant_id == applicant_id)):
                applicant = session.get(Applicant, applicant_id)
                if applicant is not None:  # no other case: the personal data goes with it
                    session.delete(applicant)
            record(
                session, actor, Action.DELETE, ENTITY, number,
                申请人=name, 删除理由=text, 一并删除未签署的审查单="、".join(sheets),
            )  # fmt: skip
        return number

    def void_case(self, actor: Actor, case_id: int, reason: str, today: date | None = None) -> CaseDetail:
        """作废: the case stays on file with its timeline; it leaves the lists, the 年报 and fee counts."""
        require(actor, Perm.REGISTER)
        text = clean_reason(reason, "作废")
        day = today or self._clock.today()
        calendar, policy = self._calendar.calendar(), deadline_policy(self._settings)
        with self._sessions.begin() as session:
            actor = verify_actor(session, actor, "作废申请")
            case = case_for_update(session, case_id)
            if case.status == CaseStatus.VOIDED:
                raise UserFacingError(f"申请 {case.number} 已作废，无需再次作废。")
            received = case.received_on or case.arrived_at.date()
            for year in sorted({received.year, case.closed_on.year if case.closed_on else received.year}):
                require_year_unlocked(session, actor, year, text)  # the 年报 of a published year changes
            before = case.status
            add_event(session, case, actor, EventKind.VOIDED, day, {"reason": text}, audited=False)
            refresh(session, case, calendar, policy, day)
            record(
                session, actor, Action.STATUS, ENTITY, case.number,
                {"状态": (before, case.status)}, 作废理由=text,
            )  # fmt: skip
            return to_detail(session, case, calendar, policy, day)

    def void_letter(self, actor: Actor, letter_id: int, reason: str, today: date | None = None) -> CaseDetail:
        """A letter issued by mistake: marked voided with the reason; its 文号 stays used."""
        require(actor, Perm.REGISTER)
        text = clean_reason(reason, "文书作废")
        day = today or self._clock.today()
        calendar, policy = self._calendar.calendar(), deadline_policy(self._settings)
        with self._sessions.begin() as session:
            actor = verify_actor(session, actor, "作废文书")
            letter = session.get(RequestLetter, letter_id, with_for_update=True)
            if letter is None:
                raise UserFacingError("找不到这份文书，请刷新。")
            if letter.voided_at is not None:
                raise UserFacingError(f"文书 {letter.number} 已作废，无需再次作废。")
            case = case_for_update(session, letter.case_id)
            if case.status == CaseStatus.ARCHIVED:
                raise UserFacingError(f"申请 {case.number} 已归档，其文书不能再作废。")
            letter.voided_at = self._clock.now().replace(microsecond=0)
            letter.void_reason = text
            data = {"letter": letter.kind, "number": letter.number, "reason": text}
            add_event(session, case, actor, EventKind.LETTER_VOIDED, day, data, audited=False)
            record(
                session, actor, Action.STATUS, LETTER_ENTITY, letter.number,
                {"状态": ("有效", "已作废")}, 受理编号=case.number, 作废理由=text,
            )  # fmt: skip
            refresh(session, case, calendar, policy, day)
            return to_detail(session, case, calendar, policy, day)
