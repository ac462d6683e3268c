"""How a case's timeline events give its status and answer deadline (RULES §1.6–1.7)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.request import RequestCase, RequestEvent
from app.services.requests.deadlines import (
    Channel,
    Consultation,
    DeadlinePolicy,
    DeadlineResult,
    Extension,
    RequestEvents,
    compute,
)
from app.services.requests.types import CaseStatus, EventKind
from app.services.workdays.calendar import WorkCalendar

CLOSING = {
    EventKind.WITHDRAWN: CaseStatus.CLOSED,
    EventKind.CORRECTION_LAPSED: CaseStatus.CLOSED,
    EventKind.FEE_LAPSED: CaseStatus.CLOSED,
}


def data_of(event: RequestEvent) -> dict[str, Any]:
    value = json.loads(event.data_json or "{}")
    return value if isinstance(value, dict) else {}


def parse_day(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def case_events(session: Session, case_id: int) -> list[RequestEvent]:
    query = select(RequestEvent).where(RequestEvent.case_id == case_id)
    return list(session.scalars(query.order_by(RequestEvent.on_date, RequestEvent.id)))


def deadline_events(case: RequestCase, events: Sequence[RequestEvent]) -> RequestEvents:
    """The deadline engine's view of a case (RULES §1.6–1.7)."""
    correction_sent = correction_end = correction_received = None
    extensions: list[Extension] = []
    consultations: list[Consultation] = []
    fee_notice = fee_paid = None
    answered = False
    open_consults: dict[str, int] = {}
    for event in events:
        data = data_of(event)
        kind = event.kind
        if kind == EventKind.CORRECTION_NOTICE:
            correction_sent, correction_end = event.on_date, parse_day(data.get("period_end"))
        elif kind == EventKind.CORRECTION_RECEIVED:
            correction_received = event.on_date
        elif kind == EventKind.EXTENSION:
            extensions.append(Extension(int(data["working_days"]), str(data["approver"]), event.on_date))
        elif kind in (EventKind.THIRD_PARTY, EventKind.AGENCY):
            party = str(data.get("party", ""))
            open_consults[party] = len(consultations)
            consultations.append(Consultation(event.on_date, None, party))
        elif kind in (EventKind.THIRD_PARTY_REPLY, EventKind.AGENCY_REPLY):
            index = open_consults.pop(str(data.get("party", "")), None)
            if index is not None:
                sent = consultations[index]
                consultations[index] = Consultation(sent.sent, event.on_date, sent.party)
        elif kind == EventKind.FEE_NOTICE:
            fee_notice = event.on_date
        elif kind == EventKind.FEE_PAID:
            fee_paid = event.on_date
        elif kind in (EventKind.ANSWERED, EventKind.ON_THE_SPOT):
            answered = True
    return RequestEvents(
        case_id=str(case.id),
        channel=Channel(case.channel),
        arrived=case.received_on,
        confirmed=case.received_on,
        correction_sent=correction_sent,
        correction_period_end=correction_end,
        correction_received=correction_received,
        extensions=tuple(extensions),
        consultations=tuple(consultations),
        fee_notice=fee_notice,
        fee_paid=fee_paid,
        answered=answered,
    )


def derive_status(case: RequestCase, events: Sequence[RequestEvent]) -> CaseStatus:
    kinds = [event.kind for event in events]
    if EventKind.VOIDED in kinds:
        return CaseStatus.VOIDED
    if EventKind.ARCHIVED in kinds:
        return CaseStatus.ARCHIVED
    for kind, status in CLOSING.items():
        if kind in kinds:
            return status
    if EventKind.SERVED in kinds:
        return CaseStatus.SERVED
    if EventKind.ANSWERED in kinds or EventKind.ON_THE_SPOT in kinds:
        return CaseStatus.ANSWERED
    if case.received_on is None:
        return CaseStatus.UNCONFIRMED
    timed = deadline_events(case, events)
    if timed.correction_sent is not None and timed.correction_received is None:
        return CaseStatus.CORRECTION
    if timed.fee_notice is not None and timed.fee_paid is None:
        return CaseStatus.FEE
    if any(c.replied is None for c in timed.consultations):
        return CaseStatus.CONSULTING
    return CaseStatus.PROCESSING


def assumed_text(years: Sequence[int]) -> str:
    """The stored form of the years a cached deadline assumed (request_cases.due_assumed): 「2027」."""
    return ",".join(str(year) for year in years)


def assumed_years(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",") if part.strip().isdigit())


def compute_deadline(
    case: RequestCase,
    events: Sequence[RequestEvent],
    calendar: WorkCalendar,
    policy: DeadlinePolicy,
    today: date,
) -> tuple[DeadlineResult | None, str]:
    try:
        return compute(deadline_events(case, events), calendar, policy, today), ""
    except UserFacingError as error:  # e.g. an extension the engine rejects: shown, the date stays open
        return None, error.message
