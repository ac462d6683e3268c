"""A case's lifecycle: each legal step is a timeline event, checked, audited and re-timed (RULES §1.6–1.9).

Every step runs in the frame of steps/frame.py (lock, version check, year lock, re-time);
交办/征求意见/延期/收费 are in steps/handling.py.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.request import RequestCase, RequestEvent
from app.services.permissions import Actor
from app.services.requests.core import add_event
from app.services.requests.deadlines import NEEDS_CONFIRMATION, Channel
from app.services.requests.outcomes import ABANDONED_CORRECTION, OTHER, outcome
from app.services.requests.status import compute_deadline, deadline_events
from app.services.requests.steps.frame import ANSWERABLE, check_day, clean_note, require_status
from app.services.requests.steps.handling import HandlingSteps
from app.services.requests.types import (
    OPEN_STATUSES,
    CaseStatus,
    EventKind,
    ServiceMethod,
    StepResult,
)


class RequestEventService(HandlingSteps):
    # ---- receipt and 补正 (条例第三十条、第三十一条) ----------------------------------------------------

    def confirm(
        self,
        actor: Actor,
        case_id: int,
        confirmed_on: date,
        today: date | None = None,
        expected_version: int | None = None,
    ) -> StepResult:
        def apply(session: Session, case: RequestCase, _events: list[RequestEvent], day: date) -> list[str]:
            if case.channel not in NEEDS_CONFIRMATION:
                raise UserFacingError(f"{case.channel}申请不需要确认，收到申请之日已按到达日期确定。")
            require_status(case, {CaseStatus.UNCONFIRMED}, "再次确认")
            check_day(confirmed_on, case.arrived_at.date(), day, "确认之日", "申请到达的日期")
            case.received_on = confirmed_on
            add_event(session, case, actor, EventKind.CONFIRMED, confirmed_on)
            if confirmed_on != case.arrived_at.date():
                return ["条例第三十一条要求在收到申请的当日与申请人确认；确认之日即为收到申请之日。"]
            return []

        return self._step(actor, case_id, today, apply, expected_version=expected_version)

    def notify_correction(
        self,
        actor: Actor,
        case_id: int,
        sent_on: date,
        items: str,
        period_end: date,
        today: date | None = None,
        expected_version: int | None = None,
    ) -> StepResult:
        def apply(session: Session, case: RequestCase, events: list[RequestEvent], day: date) -> list[str]:
            require_status(case, {CaseStatus.PROCESSING}, "告知补正")
            if any(e.kind == EventKind.CORRECTION_NOTICE for e in events):
                raise UserFacingError("补正应当一次性告知（条例第三十条），这件申请已经告知过补正。")
            check_day(sent_on, case.received_on, day, "补正告知日期")
            what = clean_note(items, "补正事项")
            if not what:
                raise UserFacingError("请写明需要补正的事项（条例第三十条）。")
            if period_end <= sent_on:
                raise UserFacingError("补正期限应晚于告知日期，请给申请人合理的补正期限。")
            result, _ = compute_deadline(case, events, self._calendar.calendar(), self._policy(), day)
            add_event(
                session,
                case,
                actor,
                EventKind.CORRECTION_NOTICE,
                sent_on,
                {"items": what, "period_end": period_end},
            )
            due = result.correction_notice_due if result else None
            if due is not None and sent_on > due:
                return [f"补正告知晚于法定期限 {due.isoformat()}（收到申请之日起7个工作日，条例第三十条）。"]
            return []

        return self._step(actor, case_id, today, apply, expected_version=expected_version)

    def receive_correction(
        self,
        actor: Actor,
        case_id: int,
        on: date,
        today: date | None = None,
        expected_version: int | None = None,
    ) -> StepResult:
        def apply(session: Session, case: RequestCase, events: list[RequestEvent], day: date) -> list[str]:
            require_status(case, {CaseStatus.CORRECTION}, "登记收到补正")
            sent = deadline_events(case, events).correction_sent
            check_day(on, sent, day, "收到补正之日", "补正告知日期")
            add_event(session, case, actor, EventKind.CORRECTION_RECEIVED, on)
            return []

        return self._step(actor, case_id, today, apply, expected_version=expected_version)

    def correction_lapsed(
        self, actor: Actor, case_id: int, today: date | None = None, expected_version: int | None = None
    ) -> StepResult:
        def apply(session: Session, case: RequestCase, events: list[RequestEvent], day: date) -> list[str]:
            require_status(case, {CaseStatus.CORRECTION}, "登记逾期未补正")
            end = deadline_events(case, events).correction_period_end
            if end is None or day <= end:
                raise UserFacingError(
                    f"补正期限（{end.isoformat() if end else '未填写'}）尚未届满，不能按逾期未补正处理。"
                )
            self._close(case, ABANDONED_CORRECTION, day)
            add_event(
                session, case, actor, EventKind.CORRECTION_LAPSED, day, {"outcome": ABANDONED_CORRECTION}
            )
            return []

        return self._step(actor, case_id, today, apply, expected_version=expected_version)

    # ---- answer, delivery, archive, withdrawal --------------------------------------------------------

    def answer(
        self,
        actor: Actor,
        case_id: int,
        outcome_key: str | None,
        on: date,
        reasons: str = "",
        on_the_spot: bool = False,
        today: date | None = None,
        locked_reason: str = "",
        expected_version: int | None = None,
    ) -> StepResult:
        """Exactly one of the 21 table-三 outcomes, with its legal basis (RULES §10 rules 23–25)."""
        chosen = outcome(outcome_key)

        def apply(session: Session, case: RequestCase, _events: list[RequestEvent], day: date) -> list[str]:
            if case.status == CaseStatus.FEE:
                raise UserFacingError("收费通知尚未缴费，请先登记缴费或逾期未缴，再作答复。")
            require_status(case, ANSWERABLE, "答复")
            check_day(on, case.received_on, day, "答复日期")
            if on_the_spot and (case.channel != Channel.IN_PERSON or on != case.received_on):
                raise UserFacingError(
                    "只有当面提交、并在提交当日答复的申请才能登记为当场答复（条例第三十三条）。"
                )
            text = clean_note(reasons, "答复说明")
            if chosen.group == "不予公开" and not text:
                raise UserFacingError("不予公开须说明理由（条例第三十六条第（三）项），请填写答复说明。")
            self._close(case, chosen.key, on)
            case.outcome_basis = chosen.basis
            kind = EventKind.ON_THE_SPOT if on_the_spot else EventKind.ANSWERED
            add_event(session, case, actor, kind, on, {"outcome": chosen.key, "basis": chosen.basis}, text)
            if case.due_on is not None and on > case.due_on:
                return [f"答复日期晚于答复期限 {case.due_on.isoformat()}，已逾期答复。"]
            return []

        return self._step(actor, case_id, today, apply, locked_reason, expected_version)

    def serve(
        self,
        actor: Actor,
        case_id: int,
        method: str,
        on: date,
        signed_on: date | None = None,
        tracking_no: str = "",
        today: date | None = None,
        locked_reason: str = "",
        expected_version: int | None = None,
    ) -> StepResult:
        def apply(session: Session, case: RequestCase, events: list[RequestEvent], day: date) -> list[str]:
            require_status(case, {CaseStatus.ANSWERED, CaseStatus.SERVED}, "登记送达")
            if method not in set(ServiceMethod):
                raise UserFacingError("送达方式应为当面、邮政EMS或电子方式。")
            answered = next(
                e.on_date for e in events if e.kind in (EventKind.ANSWERED, EventKind.ON_THE_SPOT)
            )
            check_day(on, answered, day, "送达日期", "答复日期")
            number = tracking_no.strip()
            if method == ServiceMethod.IN_PERSON and signed_on is None:
                raise UserFacingError("当面送达须填写申请人签收日期。")
            if method == ServiceMethod.EMS and not (number.isalnum() and 8 <= len(number) <= 30):
                raise UserFacingError("邮政EMS送达须填写邮件号（8～30位字母或数字）。")
            if signed_on is not None:
                check_day(signed_on, on, day, "签收日期", "送达日期")
            data = {"method": method, "signed_on": signed_on, "tracking_no": number}
            add_event(session, case, actor, EventKind.SERVED, on, data)
            return []

        return self._step(actor, case_id, today, apply, locked_reason, expected_version)

    def archive(
        self,
        actor: Actor,
        case_id: int,
        on: date,
        today: date | None = None,
        locked_reason: str = "",
        expected_version: int | None = None,
    ) -> StepResult:
        def apply(session: Session, case: RequestCase, _events: list[RequestEvent], day: date) -> list[str]:
            if case.status == CaseStatus.ANSWERED:
                raise UserFacingError("答复尚未登记送达，请先登记送达再归档。")
            require_status(case, {CaseStatus.SERVED, CaseStatus.CLOSED}, "归档")
            check_day(on, case.closed_on, day, "归档日期", "办结日期")
            add_event(session, case, actor, EventKind.ARCHIVED, on)
            return []

        return self._step(actor, case_id, today, apply, locked_reason, expected_version)

    def withdraw(
        self,
        actor: Actor,
        case_id: int,
        on: date,
        reason: str,
        today: date | None = None,
        expected_version: int | None = None,
    ) -> StepResult:
        def apply(session: Session, case: RequestCase, _events: list[RequestEvent], day: date) -> list[str]:
            require_status(case, OPEN_STATUSES, "撤回")
            check_day(on, case.arrived_at.date(), day, "撤回日期", "申请到达的日期")
            self._close(case, OTHER, on)
            add_event(
                session,
                case,
                actor,
                EventKind.WITHDRAWN,
                on,
                {"outcome": OTHER, "reason": clean_note(reason, "理由")},
            )
            return []

        return self._step(actor, case_id, today, apply, expected_version=expected_version)
