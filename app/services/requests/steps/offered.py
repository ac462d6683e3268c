"""Which lifecycle steps the case view offers next, and why the others are disabled (UX.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.services.permissions import Actor, Perm
from app.services.requests.deadlines import Channel
from app.services.requests.steps.frame import ANSWERABLE
from app.services.requests.types import CaseDetail, CaseStatus, EventKind, StepOption


def available_steps(detail: CaseDetail, actor: Actor, today: date) -> tuple[StepOption, ...]:
    """Only the steps that make sense in the current status; each disabled one says why (UX.md)."""
    status = CaseStatus(detail.status)
    result = detail.deadline
    kinds = {e.kind for e in detail.events}
    pending_consult = status == CaseStatus.CONSULTING
    options: list[StepOption] = []

    def offer(kind: EventKind, relevant: bool, why_not: str = "") -> None:
        if relevant:
            options.append(StepOption(kind.value, not why_not, why_not))

    answerable = status in ANSWERABLE
    offer(EventKind.CONFIRMED, status == CaseStatus.UNCONFIRMED)
    offer(
        EventKind.CORRECTION_NOTICE,
        status == CaseStatus.PROCESSING and EventKind.CORRECTION_NOTICE not in kinds,
    )
    offer(EventKind.CORRECTION_RECEIVED, status == CaseStatus.CORRECTION)
    period_end = _period_end(detail)
    offer(
        EventKind.CORRECTION_LAPSED,
        status == CaseStatus.CORRECTION,
        "" if period_end is not None and today > period_end else "补正期限尚未届满",
    )
    offer(EventKind.ASSIGNED, detail.is_open and status != CaseStatus.UNCONFIRMED)
    offer(EventKind.THIRD_PARTY, answerable)
    offer(EventKind.AGENCY, answerable)
    offer(EventKind.THIRD_PARTY_REPLY, pending_consult)
    extension_why = ""
    if EventKind.EXTENSION in kinds:
        extension_why = "答复期限只能延长一次"
    elif not actor.can(Perm.APPROVE_EXTENSION):
        extension_why = "延期须由科室负责人或分管领导登记（负责人同意）"
    elif detail.due_on is not None and today > detail.due_on:
        extension_why = "答复期限已过，不能再延期"
    offer(EventKind.EXTENSION, answerable or status == CaseStatus.FEE, extension_why)
    offer(EventKind.FEE_NOTICE, answerable and EventKind.FEE_NOTICE not in kinds)
    offer(EventKind.FEE_PAID, status == CaseStatus.FEE)
    fee_due = result.fee_payment_due if result else None
    offer(
        EventKind.FEE_LAPSED,
        status == CaseStatus.FEE,
        "" if fee_due is not None and today > fee_due else "缴费期限尚未届满",
    )
    offer(
        EventKind.ANSWERED,
        answerable or status == CaseStatus.FEE,
        "" if answerable else "请先登记缴费或逾期未缴",
    )
    offer(
        EventKind.ON_THE_SPOT,
        answerable and detail.channel == Channel.IN_PERSON and detail.received_on == today,
    )
    offer(EventKind.SERVED, status in (CaseStatus.ANSWERED, CaseStatus.SERVED))
    offer(
        EventKind.ARCHIVED,
        status in (CaseStatus.ANSWERED, CaseStatus.SERVED, CaseStatus.CLOSED),
        "请先登记送达" if status == CaseStatus.ANSWERED else "",
    )
    offer(EventKind.WITHDRAWN, detail.is_open)
    return tuple(options)


def _period_end(detail: CaseDetail) -> date | None:
    event = detail.last(EventKind.CORRECTION_NOTICE)
    value: Any = event.data.get("period_end") if event else None
    return date.fromisoformat(value) if isinstance(value, str) and value else None
