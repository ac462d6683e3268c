"""The request step dialog's values → the matching RequestEventService call, with the loaded version."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from app.services.requests.steps.service import RequestEventService
from app.services.requests.types import EventKind, StepResult

Values = dict[str, object]


def apply_step(
    steps: RequestEventService,
    actor: object,
    case_id: int,
    kind: str,
    v: Values,
    today: date,
    version: int | None = None,
) -> StepResult:
    """Call the service method for `kind` with the values; `version`: the case as the screen loaded it."""
    from app.services.permissions import Actor

    assert isinstance(actor, Actor)
    on = v.get("on", today)
    assert isinstance(on, date)
    calls: dict[EventKind, Callable[[], StepResult]] = {
        EventKind.CONFIRMED: lambda: steps.confirm(actor, case_id, on, today, expected_version=version),
        EventKind.CORRECTION_NOTICE: lambda: steps.notify_correction(
            actor, case_id, on, str(v["items"]), _d(v["period_end"]), today, expected_version=version
        ),
        EventKind.CORRECTION_RECEIVED: lambda: steps.receive_correction(
            actor, case_id, on, today, expected_version=version
        ),
        EventKind.CORRECTION_LAPSED: lambda: steps.correction_lapsed(
            actor, case_id, today, expected_version=version
        ),
        EventKind.ASSIGNED: lambda: steps.assign(
            actor, case_id, str(v["department"]), _d(v["internal_due"]), on, today, expected_version=version
        ),
        EventKind.THIRD_PARTY: lambda: steps.consult(
            actor, case_id, True, str(v["party"]), on, today, expected_version=version
        ),
        EventKind.AGENCY: lambda: steps.consult(
            actor, case_id, False, str(v["party"]), on, today, expected_version=version
        ),
        EventKind.THIRD_PARTY_REPLY: lambda: steps.consult_reply(
            actor, case_id, str(v["party"]), on, str(v["opinion"]), today, expected_version=version
        ),
        EventKind.EXTENSION: lambda: steps.extend(
            actor,
            case_id,
            int(str(v["working_days"])),
            str(v["approver"]),
            on,
            str(v["reason"]),
            today,
            expected_version=version,
        ),
        EventKind.FEE_NOTICE: lambda: steps.fee_notice(
            actor,
            case_id,
            on,
            int(str(v["amount"])),
            str(v["method"]),
            str(v["basis"]),
            today,
            expected_version=version,
        ),
        EventKind.FEE_PAID: lambda: steps.fee_paid(actor, case_id, on, today, expected_version=version),
        EventKind.FEE_LAPSED: lambda: steps.fee_lapsed(actor, case_id, today, expected_version=version),
        EventKind.ANSWERED: lambda: steps.answer(
            actor,
            case_id,
            _s(v.get("outcome")),
            on,
            str(v.get("reasons", "")),
            False,
            today,
            expected_version=version,
        ),
        EventKind.ON_THE_SPOT: lambda: steps.answer(
            actor,
            case_id,
            _s(v.get("outcome")),
            on,
            str(v.get("reasons", "")),
            True,
            today,
            expected_version=version,
        ),
        EventKind.SERVED: lambda: steps.serve(
            actor,
            case_id,
            str(v["method"]),
            on,
            _d(v["signed_on"]) if v.get("has_signed") else None,
            str(v.get("tracking_no", "")),
            today,
            expected_version=version,
        ),
        EventKind.ARCHIVED: lambda: steps.archive(actor, case_id, on, today, expected_version=version),
        EventKind.WITHDRAWN: lambda: steps.withdraw(
            actor, case_id, on, str(v.get("reason", "")), today, expected_version=version
        ),
    }
    return calls[EventKind(kind)]()


def _d(value: object) -> date:
    assert isinstance(value, date)
    return value


def _s(value: object) -> str | None:
    return value if isinstance(value, str) else None
