"""依申请公开 cases: registration (条例第二十九条、第三十一条), the list, alerts and calendar re-flow."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.request import Applicant, RequestCase
from app.services.alerts import Alert
from app.services.audit.chain import Action, record
from app.services.common import SessionFactory, clock_for
from app.services.permissions import Actor, Perm, require
from app.services.privacy.masking import reveal
from app.services.requests.alerts import case_alerts, reflow_open_cases
from app.services.requests.core import (
    MISSING_CASE,
    add_event,
    deadline_policy,
    next_counter,
    refresh,
    to_detail,
)
from app.services.requests.deadlines import NEEDS_CONFIRMATION, DeadlinePolicy
from app.services.requests.edit import RegistrationEditor
from app.services.requests.proactive import ProactiveProposal, find_proposals, proposal_for
from app.services.requests.query import (
    CaseFilter,
    case_conditions,
    case_row,
    count_query,
    page_query,
)
from app.services.requests.steps.service import RequestEventService
from app.services.requests.types import (
    ENTITY,
    OPEN_STATUSES,
    CaseDetail,
    CaseRow,
    CaseStatus,
    EventKind,
    MovedCase,
    Registration,
    StepResult,
)
from app.services.requests.validation import render_number, validate_registration
from app.services.requests.voiding import CaseRemoval
from app.services.settings import registry
from app.services.settings.service import SettingsService
from app.services.storage.attachments import AttachmentStore
from app.services.workdays.service import CalendarService
from app.services.year_lock import require_year_unlocked

NUMBER_SCOPE = "受理编号"


class RequestService:
    """Registration and queries; `steps`, `letters`, `remedies`, `ledger` hold the rest of the work."""

    def __init__(
        self,
        sessions: SessionFactory,
        settings: SettingsService,
        calendar: CalendarService,
        attachments: AttachmentStore,
    ) -> None:
        from app.services.requests.ledger import LedgerService
        from app.services.requests.letters.service import LetterService
        from app.services.requests.remedies import RemedyService

        self._sessions, self._settings, self._calendar = sessions, settings, calendar
        self._clock = clock_for(sessions)
        self.steps = RequestEventService(sessions, settings, calendar)
        self.letters = LetterService(sessions, settings, calendar, attachments)
        self.remedies = RemedyService(sessions)
        self.ledger = LedgerService(sessions, settings, calendar)
        self.editor = RegistrationEditor(sessions, settings, calendar)
        self.removal = CaseRemoval(sessions, settings, calendar)  # 删除 / 作废 (issue 21)

    def policy(self) -> DeadlinePolicy:
        return deadline_policy(self._settings)

    # ---- registration ---------------------------------------------------------------------------

    def register(
        self, actor: Actor, reg: Registration, today: date | None = None, locked_reason: str = ""
    ) -> StepResult:
        """A back-dated receipt in a year whose annual report is published needs a 管理员 and a reason."""
        require(actor, Perm.REGISTER)
        day = today or self._clock.today()
        clean, warnings = validate_registration(reg, day)
        template = self._settings.read(registry.REQUEST_NUMBER_TEMPLATE)
        office = self._settings.office()
        calendar, policy = self._calendar.calendar(), self.policy()
        with self._sessions.begin() as session:
            received = clean.received_on or clean.arrived_at.date()
            require_year_unlocked(session, actor, received.year, locked_reason)
            applicant, earlier = self._applicant(session, clean)
            case = self._new_case(session, clean, applicant, template, office.org_code if office else "")
            record(session, actor, Action.CREATE, ENTITY, case.number, 申请人=clean.name, 渠道=clean.channel)
            add_event(
                session,
                case,
                actor,
                EventKind.REGISTERED,
                clean.arrived_at.date(),
                {"channel": clean.channel},
            )
            if clean.received_on is not None and clean.channel in NEEDS_CONFIRMATION:
                add_event(session, case, actor, EventKind.CONFIRMED, clean.received_on)
            refresh(session, case, calendar, policy, day)
            if earlier:
                month = self._month_count(session, applicant.id, clean.received_on or clean.arrived_at.date())
                warnings.append(
                    f"该申请人此前已有 {earlier} 件申请，本件为本自然月第 {month} 件（信息处理费按月累计）。"
                )
            detail = to_detail(session, case, calendar, policy, day)
        return StepResult(detail, tuple(warnings))

    def _applicant(self, session: Session, reg: Registration) -> tuple[Applicant, int]:
        """A returning applicant is recognised by 证件号码 (RULES §3: counts per applicant per month)."""
        applicant = session.scalars(
            select(Applicant).where(Applicant.id_number == reg.id_number).order_by(Applicant.id)
        ).first()
        if applicant is None:
            applicant = Applicant(
                name=reg.name,
                applicant_type=reg.applicant_type,
                id_type=reg.id_type,
                id_number=reg.id_number,
                contact=reg.contact,
            )
            session.add(applicant)
            session.flush()
            return applicant, 0
        applicant.name, applicant.contact, applicant.applicant_type = (
            reg.name,
            reg.contact,
            reg.applicant_type,
        )
        earlier = (
            session.scalar(
                select(func.count()).where(
                    RequestCase.applicant_id == applicant.id, RequestCase.status != CaseStatus.VOIDED.value
                )
            )
            or 0
        )
        return applicant, earlier

    def _new_case(
        self, session: Session, reg: Registration, applicant: Applicant, template: str, org_code: str
    ) -> RequestCase:
        year = reg.arrived_at.year
        while True:  # a template without {YYYY} could repeat an earlier year's number: skip it
            seq = next_counter(session, NUMBER_SCOPE, year)
            number = render_number(template, year, seq, org_code)
            if session.scalar(select(RequestCase.id).where(RequestCase.number == number)) is None:
                break
        case = RequestCase(
            number=number,
            year=year,
            seq=seq,
            applicant_id=applicant.id,
            applicant_type=reg.applicant_type,
            applicant_name=reg.name,
            id_type=reg.id_type,
            id_number=reg.id_number,
            contact=reg.contact,
            description=reg.description,
            form_requested=reg.form_requested,
            channel=reg.channel,
            arrived_at=reg.arrived_at,
            received_on=reg.received_on,
            status=CaseStatus.PROCESSING.value,
            department=reg.department,
            outcome_basis="",
            due_problem="",
            source_row="",
        )
        session.add(case)
        session.flush()
        return case

    def _month_count(self, session: Session, applicant_id: int, day: date) -> int:
        first = day.replace(day=1)
        after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        received = func.coalesce(RequestCase.received_on, func.date(RequestCase.arrived_at))
        query = select(func.count()).where(
            RequestCase.applicant_id == applicant_id,
            received >= first,
            received < after,
            RequestCase.status != CaseStatus.VOIDED.value,  # a wrong registration is no application
        )
        return session.scalar(query) or 0

    def monthly_count(self, applicant_id: int, day: date) -> int:
        """How many applications this applicant made in `day`'s 自然月 (按件 fee ordinal)."""
        with self._sessions() as session:
            return self._month_count(session, applicant_id, day)

    def find_applicant(self, id_number: str) -> tuple[str, str, str, str] | None:
        """(name, type, id_type, contact) of a returning applicant, to pre-fill the 登记 dialog."""
        clean = id_number.strip().upper()
        if not clean:
            return None
        with self._sessions() as session:
            row = session.scalars(select(Applicant).where(Applicant.id_number == clean)).first()
            return (row.name, row.applicant_type, row.id_type, row.contact) if row else None

    def reveal_id_number(self, actor: Actor, case_id: int) -> str:
        with self._sessions() as session:
            case = self._case(session, case_id)
            number, value = case.number, case.id_number
        return reveal(self._sessions, actor, ENTITY, number, "证件号码", value)

    # ---- reading --------------------------------------------------------------------------------

    @staticmethod
    def _case(session: Session, case_id: int) -> RequestCase:
        case = session.get(RequestCase, case_id)
        if case is None:
            raise UserFacingError(MISSING_CASE)
        return case

    def detail(self, case_id: int, today: date | None = None) -> CaseDetail:
        calendar, policy = self._calendar.calendar(), self.policy()
        with self._sessions() as session:
            return to_detail(
                session, self._case(session, case_id), calendar, policy, today or self._clock.today()
            )

    def find_id(self, number: str) -> int | None:
        with self._sessions() as session:
            return session.scalar(select(RequestCase.id).where(RequestCase.number == number.strip()))

    def soon_cutoff(self, today: date) -> date:
        days = self.policy().warning_working_days
        try:
            return self._calendar.calendar().nth_working_day_after(today, max(days, 1))
        except UserFacingError:
            return date.fromordinal(today.toordinal() + 2 * max(days, 1))

    def count(self, flt: CaseFilter, today: date | None = None) -> int:
        with self._sessions() as session:
            conditions = case_conditions(flt, today or self._clock.today(), self.soon_cutoff)
            return session.scalar(count_query(conditions)) or 0

    def page(
        self, flt: CaseFilter, offset: int, limit: int, today: date | None = None, from_end: bool = False
    ) -> list[CaseRow]:
        """With `from_end`, `offset` counts back from the last row (rows still come in list order)."""
        conditions = case_conditions(flt, today or self._clock.today(), self.soon_cutoff)
        query = page_query(flt, conditions, offset, limit, from_end)
        with self._sessions() as session:
            rows = [case_row(case) for case in session.scalars(query)]
        return rows[::-1] if from_end else rows

    def departments(self) -> list[str]:
        with self._sessions() as session:
            rows = session.scalars(
                select(RequestCase.department).where(RequestCase.department != "").distinct()
            )
            return sorted(rows)

    def years(self) -> list[int]:
        with self._sessions() as session:
            return sorted(session.scalars(select(RequestCase.year).distinct()), reverse=True)

    def proactive_proposals(self) -> list[ProactiveProposal]:
        """条例第四十四条: released information asked for by ≥2 applicants → offer 主动公开."""
        return find_proposals(self._sessions)

    def proactive_proposal_for(self, case_id: int) -> ProactiveProposal | None:
        return proposal_for(self._sessions, case_id)

    # ---- 工作台 and calendar changes (request_alerts.py) -------------------------------------------

    def alerts(self, today: date) -> list[Alert]:
        """Overdue and due-soon answers, unconfirmed arrivals, lapsed 补正/缴费 periods, unreadable dates."""
        return case_alerts(self._sessions, today, self.soon_cutoff(today))

    def provisional_count(self, year: int) -> int:
        """Open cases whose cached answer deadline assumed `year` (no notice loaded): 暂定 dates."""
        open_statuses = [status.value for status in OPEN_STATUSES]
        with self._sessions() as session:
            query = select(func.count()).where(
                RequestCase.status.in_(open_statuses), RequestCase.due_assumed.contains(str(year))
            )
            return session.scalar(query) or 0

    def reflow_after_calendar_change(self, actor: Actor, today: date | None = None) -> list[MovedCase]:
        """Recompute every open case after the holiday calendar changed; each moved date is audited."""
        return reflow_open_cases(
            self._sessions, actor, self._calendar.calendar(), self.policy(), today or self._clock.today()
        )

    def edit_registration(
        self,
        actor: Actor,
        case_id: int,
        reg: Registration,
        reason: str = "",
        today: date | None = None,
        expected_version: int | None = None,
    ) -> StepResult:
        """Correct the 登记 fields (request_edit.py); closed cases only by a 管理员 with a reason."""
        return self.editor.edit(actor, case_id, reg, reason, today, expected_version)

    def touch(self, actor: Actor, case_id: int, today: date | None = None) -> CaseDetail:
        """Recompute one case's stored status and deadline (e.g. after a settings change)."""
        day = today or self._clock.today()
        calendar, policy = self._calendar.calendar(), self.policy()
        with self._sessions.begin() as session:
            case = self._case(session, case_id)
            before = (case.status, case.due_on)
            refresh(session, case, calendar, policy, day)
            if before != (case.status, case.due_on):
                record(
                    session, actor, Action.UPDATE, ENTITY, case.number, {"答复期限": (before[1], case.due_on)}
                )
            return to_detail(session, case, calendar, policy, day)
