"""Correcting a case's 登记 fields after registration: audited old → new, the deadline recomputed.

An open case may be corrected by anyone who registers cases; a closed case only by a 管理员 with a
reason, because its figures may already be in the annual report. The 受理编号 never changes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.request import Applicant, RequestCase
from app.services.audit.chain import Action, diff, record
from app.services.common import SessionFactory, clock_for
from app.services.permissions import Actor, Perm, Role, require
from app.services.privacy.masking import mask_id_number, mask_phone
from app.services.requests.core import (
    MISSING_CASE,
    add_event,
    case_for_update,
    deadline_policy,
    refresh,
    to_detail,
)
from app.services.requests.status import case_events
from app.services.requests.types import ENTITY, OPEN_STATUSES, EventKind, Registration, StepResult
from app.services.requests.validation import validate_registration
from app.services.settings.service import SettingsService
from app.services.workdays.service import CalendarService
from app.services.year_lock import require_year_unlocked

MAX_REASON = 500
# Events that are the registration itself; every later step must not predate 收到申请之日.
_OWN_EVENTS = (EventKind.REGISTERED, EventKind.CONFIRMED)


def registration_of(case: RequestCase) -> Registration:
    return Registration(
        applicant_type=case.applicant_type,
        name=case.applicant_name,
        id_type=case.id_type,
        id_number=case.id_number,
        contact=case.contact,
        description=case.description,
        form_requested=case.form_requested,
        channel=case.channel,
        arrived_at=case.arrived_at,
        received_on=case.received_on,
        department=case.department,
    )


def _audited(case: RequestCase) -> dict[str, Any]:
    """The fields as the audit log shows them; personal numbers stay masked there."""
    return {
        "申请人类型": case.applicant_type,
        "申请人": case.applicant_name,
        "身份证明": case.id_type,
        "证件号码": mask_id_number(case.id_number),
        "联系方式": mask_phone(case.contact),
        "申请内容": case.description,
        "获取方式": case.form_requested,
        "申请方式": case.channel,
        "到达时间": case.arrived_at,
        "收到申请之日": case.received_on,
        "承办科室": case.department,
    }


def _link_applicant(session: Session, case: RequestCase, reg: Registration) -> None:
    """A corrected 证件号码 moves the case to the applicant it really belongs to (monthly fee counts)."""
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
    case.applicant_id = applicant.id


class RegistrationEditor:
    def __init__(
        self, sessions: SessionFactory, settings: SettingsService, calendar: CalendarService
    ) -> None:
        self._sessions, self._settings, self._calendar = sessions, settings, calendar
        self._clock = clock_for(sessions)

    def current(self, case_id: int) -> Registration:
        """The 登记 fields as stored (full 证件号码), to pre-fill the 修改登记信息 dialog."""
        with self._sessions() as session:
            case = session.get(RequestCase, case_id)
            if case is None:
                raise UserFacingError(MISSING_CASE)
            return registration_of(case)

    def edit(
        self,
        actor: Actor,
        case_id: int,
        reg: Registration,
        reason: str = "",
        today: date | None = None,
        expected_version: int | None = None,
    ) -> StepResult:
        require(actor, Perm.REGISTER)
        day = today or self._clock.today()
        clean, warnings = validate_registration(reg, day)
        why = reason.strip()
        if len(why) > MAX_REASON:
            raise UserFacingError(f"修改原因请控制在 {MAX_REASON} 个字以内。")
        calendar, policy = self._calendar.calendar(), deadline_policy(self._settings)
        with self._sessions.begin() as session:
            case = case_for_update(session, case_id, expected_version)
            closed = case.status not in {s.value for s in OPEN_STATUSES}
            if closed:
                if Role.ADMIN not in actor.roles:
                    raise UserFacingError("这件申请已办结，登记信息只能由管理员填写原因后修改。")
                if not why:
                    raise UserFacingError("修改已办结申请的登记信息，请填写修改原因（将记入操作日志）。")
                if case.closed_on is not None:
                    require_year_unlocked(session, actor, case.closed_on.year, why)
            if clean.received_on != case.received_on:  # moves the case between years' report figures
                for year in sorted({d.year for d in (case.received_on, clean.received_on) if d is not None}):
                    require_year_unlocked(session, actor, year, why)
            if case.received_on is not None and clean.received_on is None:
                raise UserFacingError("这件申请已确认收到申请之日，不能改回待确认；请填写正确的日期。")
            self._move_dates(session, actor, case, clean)
            before = _audited(case)
            old_received = case.received_on
            if clean.id_number != case.id_number:
                _link_applicant(session, case, clean)
            case.applicant_type, case.applicant_name = clean.applicant_type, clean.name
            case.id_type, case.id_number, case.contact = clean.id_type, clean.id_number, clean.contact
            case.description, case.form_requested = clean.description, clean.form_requested
            case.channel, case.arrived_at, case.received_on = (
                clean.channel,
                clean.arrived_at,
                clean.received_on,
            )
            case.department = clean.department
            changes = diff(before, _audited(case))
            if not changes:
                raise UserFacingError("登记信息没有变化，无需保存。")
            old_due = case.due_on
            refresh(session, case, calendar, policy, day)
            if old_due != case.due_on:
                changes["答复期限"] = (old_due, case.due_on)
                if not closed and case.due_on is not None:
                    warnings.append(f"答复期限已按新的收到申请之日重新计算为 {case.due_on.isoformat()}。")
            details: dict[str, object] = {"原因": why} if why else {}
            record(
                session, actor, Action.UPDATE, ENTITY, case.number, changes, 操作="修改登记信息", **details
            )
            if old_received != case.received_on and closed:
                warnings.append("已办结申请的收到申请之日已更改，请核对年度报告的统计。")
            detail = to_detail(session, case, calendar, policy, day)
        return StepResult(detail, tuple(warnings))

    @staticmethod
    def _move_dates(session: Session, actor: Actor, case: RequestCase, clean: Registration) -> None:
        """Keep the timeline consistent: 登记/确认 follow the new dates; later steps may not predate them."""
        received = clean.received_on
        for event in case_events(session, case.id):
            if event.kind == EventKind.REGISTERED:
                event.on_date = clean.arrived_at.date()
            elif event.kind == EventKind.CONFIRMED and received is not None:
                event.on_date = received
            elif received is not None and event.on_date < received:
                raise UserFacingError(
                    f"时间线上「{event.kind}」的日期 {event.on_date.isoformat()} 早于新的收到申请之日"
                    f" {received.isoformat()}，请核对日期。"
                )
        if case.received_on is None and received is not None:
            add_event(session, case, actor, EventKind.CONFIRMED, received, audited=False)
