"""Shared internals of the request services: numbering, timeline events, refresh and the case view."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models import Attachment
from app.models.request import NumberCounter, RequestCase, RequestEvent, RequestLetter, RequestRemedy
from app.models.versioning import check_version
from app.services.audit.chain import Action, record
from app.services.common import session_clock
from app.services.formats.chinese import cn_date
from app.services.permissions import Actor
from app.services.privacy.masking import mask_id_number, mask_phone
from app.services.requests import deadline_explain
from app.services.requests.deadlines import DeadlinePolicy
from app.services.requests.outcomes import BY_KEY
from app.services.requests.status import (
    assumed_text,
    case_events,
    compute_deadline,
    data_of,
    deadline_events,
    derive_status,
)
from app.services.requests.types import (
    ENTITY,
    CaseDetail,
    EventKind,
    EventView,
    LetterView,
    RemedyView,
)
from app.services.settings.service import SettingsService
from app.services.workdays.calendar import WorkCalendar
from app.services.workdays.provisional import PROVISIONAL_LABEL, provisional_note

MISSING_CASE = "找不到这件申请，可能已被删除，请刷新列表。"


def deadline_policy(settings: SettingsService) -> DeadlinePolicy:
    """The office's deadline rules as set in 设置 (one read of the settings table)."""
    return DeadlinePolicy.from_settings(settings.all_values())


def case_for_update(session: Session, case_id: int, expected_version: int | None = None) -> RequestCase:
    """The case, locked FOR UPDATE so two clerks' changes queue (PostgreSQL), and refused when the clerk's
    screen loaded another version (`expected_version`; None: the caller has no opinion) (issue 14)."""
    case = session.get(RequestCase, case_id, with_for_update=True)
    if case is None:
        raise UserFacingError(MISSING_CASE)
    check_version("request_cases", case.version, expected_version)
    return case


def next_counter(session: Session, scope: str, year: int) -> int:
    """The next number of a per-year sequence; numbers are never handed out twice. On PostgreSQL the
    counter row is created if missing (ON CONFLICT DO NOTHING) and then locked FOR UPDATE, so parallel
    clients queue on it; SQLite's single writer gives the same guarantee (FOR UPDATE is a no-op there)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert

        session.execute(insert(NumberCounter).values(scope=scope, year=year, last=0).on_conflict_do_nothing())
    row = session.get(NumberCounter, (scope, year), with_for_update=True, populate_existing=True)
    if row is None:
        row = NumberCounter(scope=scope, year=year, last=0)
        session.add(row)
    row.last += 1
    session.flush()
    return row.last


def add_event(
    session: Session,
    case: RequestCase,
    actor: Actor,
    kind: EventKind,
    on_date: date,
    data: dict[str, Any] | None = None,
    note: str = "",
    audited: bool = True,
) -> RequestEvent:
    """Append a timeline event and its audit entry in the caller's transaction (an import audits once)."""
    payload = data or {}
    event = RequestEvent(
        case_id=case.id,
        kind=kind.value,
        on_date=on_date,
        recorded_at=session_clock(session).stamp(),
        username=actor.username,
        display_name=actor.display_name,
        data_json=json.dumps(payload, ensure_ascii=False, default=str),
        note=note,
    )
    session.add(event)
    session.flush()
    if audited:
        record(session, actor, Action.STATUS, ENTITY, case.number, 步骤=kind.value, 日期=on_date, **payload)
    return event


def refresh(
    session: Session, case: RequestCase, calendar: WorkCalendar, policy: DeadlinePolicy, today: date
) -> list[RequestEvent]:
    """Re-derive the stored status and the cached answer deadline after a change."""
    events = case_events(session, case.id)
    case.status = derive_status(case, events).value
    result, problem = compute_deadline(case, events, calendar, policy, today)
    case.due_on = result.due if result else None
    case.due_problem = problem[:200]
    case.due_assumed = assumed_text(result.provisional_years) if result else ""
    return events


def event_text(kind: str, data: dict[str, Any], note: str) -> str:
    """One line for the timeline, e.g. 「延期：20个工作日，经张镇长同意」."""
    parts: list[str] = []
    labels = {
        "channel": "渠道",
        "department": "承办科室",
        "internal_due": "内部办结期限",
        "items": "补正事项",
        "period_end": "补正期限",
        "party": "对象",
        "opinion": "意见",
        "working_days": "延长工作日",
        "approver": "批准人",
        "reason": "理由",
        "amount": "金额（元）",
        "basis": "依据",
        "method": "方式",
        "signed_on": "签收日期",
        "tracking_no": "邮件号",
        "number": "文号",
        "letter": "文书",
        "stage": "阶段",
        "body": "机关",
        "result": "结果",
    }
    for key, value in data.items():
        if key == "outcome":
            found = BY_KEY.get(str(value))
            parts.append(f"结果：{found.ledger_label if found else value}")
        elif key in labels and value not in (None, ""):
            parts.append(f"{labels[key]}：{value}")
    if note:
        parts.append(note)
    return f"{kind}" + (f"（{'；'.join(parts)}）" if parts else "")


def _event_view(event: RequestEvent) -> EventView:
    data = data_of(event)
    who = event.display_name or event.username
    text = event_text(event.kind, data, event.note)
    return EventView(event.id, event.kind, event.on_date, event.recorded_at, who, data, event.note, text)


def letters_of(session: Session, case_id: int) -> tuple[LetterView, ...]:
    rows = session.execute(
        select(RequestLetter, Attachment)
        .join(Attachment, Attachment.id == RequestLetter.attachment_id)
        .where(RequestLetter.case_id == case_id)
        .order_by(RequestLetter.id)
    )
    return tuple(
        LetterView(
            letter.id,
            letter.kind,
            letter.number,
            letter.issued_on,
            file.id,
            file.sha256,
            file.original_name,
            letter.void_reason,
            letter.voided_at,
        )
        for letter, file in rows
    )


def remedies_of(session: Session, case_id: int) -> tuple[RemedyView, ...]:
    rows = session.scalars(
        select(RequestRemedy).where(RequestRemedy.case_id == case_id).order_by(RequestRemedy.filed_on)
    )
    return tuple(
        RemedyView(r.id, r.case_id, r.stage, r.filed_on, r.body, r.result, r.closed_on, r.note) for r in rows
    )


def explanation_text(
    case: RequestCase, events: Sequence[RequestEvent], calendar: WorkCalendar, policy: DeadlinePolicy
) -> str:
    try:
        explained = deadline_explain.explain(deadline_events(case, events), calendar, policy)
    except UserFacingError as error:
        return error.message
    if not explained:
        return "尚未确认收到申请之日（平信、网络、传真须与申请人确认，条例第三十一条），期限未起算。"
    return deadline_explain.render_all(explained)


def to_detail(
    session: Session, case: RequestCase, calendar: WorkCalendar, policy: DeadlinePolicy, today: date
) -> CaseDetail:
    events = case_events(session, case.id)
    result, _problem = compute_deadline(case, events, calendar, policy, today)
    return CaseDetail(
        id=case.id,
        number=case.number,
        year=case.year,
        applicant_id=case.applicant_id,
        applicant_type=case.applicant_type,
        applicant_name=case.applicant_name,
        id_type=case.id_type,
        id_number_masked=mask_id_number(case.id_number),
        contact_masked=mask_phone(case.contact) if case.contact.isdigit() else case.contact,
        description=case.description,
        form_requested=case.form_requested,
        channel=case.channel,
        arrived_at=case.arrived_at,
        received_on=case.received_on,
        status=case.status,
        department=case.department,
        internal_due=case.internal_due,
        due_on=case.due_on,
        due_problem=case.due_problem,
        outcome=case.outcome,
        outcome_basis=case.outcome_basis,
        closed_on=case.closed_on,
        events=tuple(_event_view(e) for e in events),
        letters=letters_of(session, case.id),
        remedies=remedies_of(session, case.id),
        deadline=result,
        explanation=explanation_text(case, events, calendar, policy),
        version=case.version,
    )


def due_phrase(detail: CaseDetail) -> str:
    """「还剩 N 个工作日（2025年2月27日）」 / 「已逾期 N 个工作日」 for the case header."""
    if detail.due_problem:
        return detail.due_problem
    result = detail.deadline
    if result is None or result.due is None:
        return result.note if result and result.note else "期限未起算"
    due = cn_date(result.due) + (f"，{PROVISIONAL_LABEL}" if result.provisional_years else "")
    if not detail.is_open:
        return f"答复期限 {due}"
    remaining = result.remaining_working_days
    if remaining is None:
        return result.note or f"答复期限 {due}"
    if remaining < 0:
        return f"已逾期 {-remaining} 个工作日（期限 {due}）"
    return f"还剩 {remaining} 个工作日（期限 {due}）"


def provisional_hint(detail: CaseDetail) -> str:
    """The line under a 暂定 deadline: which years were assumed, how, and that it will be corrected."""
    result = detail.deadline
    years = result.all_provisional_years if result is not None and detail.is_open else ()
    return f"{PROVISIONAL_LABEL}：{provisional_note(years)}。" if years else ""
