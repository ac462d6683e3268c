"""Request steps while a case is handled: 交办, 征求意见, 延期, 收费 (RULES §1.6–1.9)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.request import RequestCase, RequestEvent
from app.services.permissions import Actor, Perm, require
from app.services.requests.core import add_event
from app.services.requests.fees import FeeMethod
from app.services.requests.outcomes import ABANDONED_FEE
from app.services.requests.status import compute_deadline, data_of, deadline_events
from app.services.requests.steps.frame import (
    ANSWERABLE,
    MAX_AMOUNT,
    StepRunner,
    check_day,
    clean_note,
    require_status,
)
from app.services.requests.types import (
    MAX_DEPARTMENT,
    OPEN_STATUSES,
    CaseStatus,
    EventKind,
    StepResult,
)
from app.services.settings import registry


class HandlingSteps(StepRunner):
    # ---- handling, consultation, extension, fees ----------------------------------------------------

    def assign(
        self,
        actor: Actor,
        case_id: int,
        department: str,
        internal_due: date | None,
        on: date,
        today: date | None = None,
        expected_version: int | None = None,
    ) -> StepResult:
        def apply(session: Session, case: RequestCase, _events: list[RequestEvent], day: date) -> list[str]:
            require_status(case, set(OPEN_STATUSES) - {CaseStatus.UNCONFIRMED}, "交办")
            check_day(on, case.received_on, day, "交办日期")
            name = department.strip()
            if not name or len(name) > MAX_DEPARTMENT:
                raise UserFacingError(f"请填写承办科室（不超过 {MAX_DEPARTMENT} 个字）。")
            if internal_due is not None and internal_due < on:
                raise UserFacingError("内部办结期限不能早于交办日期。")
            case.department, case.internal_due = name, internal_due
            add_event(
                session,
                case,
                actor,
                EventKind.ASSIGNED,
                on,
                {"department": name, "internal_due": internal_due},
            )
            if internal_due is not None and case.due_on is not None and internal_due > case.due_on:
                return [f"内部办结期限晚于法定答复期限 {case.due_on.isoformat()}，请提前。"]
            return []

        return self._step(actor, case_id, today, apply, expected_version=expected_version)

    def consult(
        self,
        actor: Actor,
        case_id: int,
        third_party: bool,
        party: str,
        on: date,
        today: date | None = None,
        expected_version: int | None = None,
    ) -> StepResult:
        """征求第三方（条例第三十二条）或其他机关（第三十四条）意见; `on` = the day they received it."""

        def apply(session: Session, case: RequestCase, events: list[RequestEvent], day: date) -> list[str]:
            require_status(case, ANSWERABLE, "征求意见")
            check_day(on, case.received_on, day, "征求意见书送达日期")
            name = clean_note(party, "征求对象")
            if not name:
                raise UserFacingError("请填写征求意见的对象（第三方姓名/名称或机关名称）。")
            if any(
                c.party == name and c.replied is None for c in deadline_events(case, events).consultations
            ):
                raise UserFacingError(f"已在征求「{name}」的意见，请先登记其回复。")
            kind = EventKind.THIRD_PARTY if third_party else EventKind.AGENCY
            add_event(session, case, actor, kind, on, {"party": name})
            return []

        return self._step(actor, case_id, today, apply, expected_version=expected_version)

    def consult_reply(
        self,
        actor: Actor,
        case_id: int,
        party: str,
        on: date,
        opinion: str,
        today: date | None = None,
        expected_version: int | None = None,
    ) -> StepResult:
        def apply(session: Session, case: RequestCase, events: list[RequestEvent], day: date) -> list[str]:
            pending = [c for c in deadline_events(case, events).consultations if c.replied is None]
            match = next((c for c in pending if c.party == party.strip()), None)
            if match is None:
                raise UserFacingError(f"没有正在征求「{party[:40]}」意见的记录。")
            check_day(on, match.sent, day, "收到意见之日", "征求意见书送达日期")
            sent_kind = next(
                e.kind
                for e in reversed(events)
                if e.kind in (EventKind.THIRD_PARTY, EventKind.AGENCY)
                and data_of(e).get("party") == match.party
            )
            kind = (
                EventKind.THIRD_PARTY_REPLY if sent_kind == EventKind.THIRD_PARTY else EventKind.AGENCY_REPLY
            )
            add_event(
                session, case, actor, kind, on, {"party": match.party, "opinion": clean_note(opinion, "意见")}
            )
            return []

        return self._step(actor, case_id, today, apply, expected_version=expected_version)

    def extend(
        self,
        actor: Actor,
        case_id: int,
        working_days: int,
        approver: str,
        on: date,
        reason: str,
        today: date | None = None,
        expected_version: int | None = None,
    ) -> StepResult:
        """条例第三十三条第二款: once, ≤20 working days, 负责人同意, decided before the deadline passed."""
        require(actor, Perm.APPROVE_EXTENSION)

        def apply(session: Session, case: RequestCase, events: list[RequestEvent], day: date) -> list[str]:
            require_status(case, ANSWERABLE | {CaseStatus.FEE}, "延期")
            if any(e.kind == EventKind.EXTENSION for e in events):
                raise UserFacingError("答复期限只能延长一次（条例第三十三条第二款），这件申请已经延期过。")
            limit = self._settings.read(registry.EXTENSION_WORKING_DAYS)  # never above the statute's 20
            if not 1 <= working_days <= limit:
                raise UserFacingError(f"延长的期限为 1～{limit} 个工作日（条例第三十三条第二款）。")
            if not approver.strip():
                raise UserFacingError("延期须经政府信息公开工作机构负责人同意，请填写批准人。")
            check_day(on, case.received_on, day, "延期决定日期")
            if case.due_on is None:
                raise UserFacingError("答复期限尚未起算，无需延期。")
            if on > case.due_on:
                raise UserFacingError(
                    f"答复期限 {case.due_on.isoformat()} 已过，不能再延期；请尽快答复并在答复中说明情况。"
                )
            data = {
                "working_days": working_days,
                "approver": approver.strip()[:50],
                "reason": clean_note(reason, "理由"),
            }
            add_event(session, case, actor, EventKind.EXTENSION, on, data)
            return []

        return self._step(actor, case_id, today, apply, expected_version=expected_version)

    def fee_notice(
        self,
        actor: Actor,
        case_id: int,
        on: date,
        amount: int,
        method: str,
        basis: str,
        today: date | None = None,
        expected_version: int | None = None,
    ) -> StepResult:
        """国办函〔2020〕109号: `on` = the day the applicant received the 收费通知."""

        def apply(session: Session, case: RequestCase, events: list[RequestEvent], day: date) -> list[str]:
            require_status(case, ANSWERABLE, "发出收费通知")
            if any(e.kind == EventKind.FEE_NOTICE for e in events):
                raise UserFacingError("这件申请已经发出过收费通知。")
            if method not in set(FeeMethod):
                raise UserFacingError("计费方式应为按件或按量（不得同时按两种标准计算）。")
            if not 0 < amount <= MAX_AMOUNT:
                raise UserFacingError("收费金额应为正整数（元）。不收费的申请无需发出收费通知。")
            check_day(on, case.received_on, day, "收到收费通知之日")
            data = {"amount": amount, "method": method, "basis": clean_note(basis, "收费依据")}
            add_event(session, case, actor, EventKind.FEE_NOTICE, on, data)
            return []

        return self._step(actor, case_id, today, apply, expected_version=expected_version)

    def fee_paid(
        self,
        actor: Actor,
        case_id: int,
        on: date,
        today: date | None = None,
        expected_version: int | None = None,
    ) -> StepResult:
        def apply(session: Session, case: RequestCase, events: list[RequestEvent], day: date) -> list[str]:
            require_status(case, {CaseStatus.FEE}, "登记缴费")
            check_day(on, deadline_events(case, events).fee_notice, day, "缴费日期", "收到收费通知之日")
            add_event(session, case, actor, EventKind.FEE_PAID, on)
            return []

        return self._step(actor, case_id, today, apply, expected_version=expected_version)

    def fee_lapsed(
        self, actor: Actor, case_id: int, today: date | None = None, expected_version: int | None = None
    ) -> StepResult:
        def apply(session: Session, case: RequestCase, events: list[RequestEvent], day: date) -> list[str]:
            require_status(case, {CaseStatus.FEE}, "登记逾期未缴")
            result, problem = compute_deadline(case, events, self._calendar.calendar(), self._policy(), day)
            due = result.fee_payment_due if result else None
            if due is None or day <= due:
                raise UserFacingError(problem or f"缴费期限（{due.isoformat() if due else '—'}）尚未届满。")
            self._close(case, ABANDONED_FEE, day)
            add_event(session, case, actor, EventKind.FEE_LAPSED, day, {"outcome": ABANDONED_FEE})
            return []

        return self._step(actor, case_id, today, apply, expected_version=expected_version)
