"""A case's lifecycle: each legal step is a timeline event, checked, audited and re-timed (RULES §1.6–1.9)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.request import RequestCase, RequestEvent
from app.models.versioning import check_version
from app.services.calendar_service import CalendarService
from app.services.common import SessionFactory
from app.services.deadlines import NEEDS_CONFIRMATION, Channel, DeadlinePolicy
from app.services.fees import FeeMethod
from app.services.permissions import Actor, Perm, require
from app.services.report_lock import require_year_unlocked
from app.services.request_core import (
    add_event,
    case_events,
    compute_deadline,
    data_of,
    deadline_events,
    refresh,
    to_detail,
)
from app.services.request_outcomes import ABANDONED_CORRECTION, ABANDONED_FEE, OTHER, outcome
from app.services.request_types import (
    MAX_DEPARTMENT,
    MAX_NOTE,
    OPEN_STATUSES,
    CaseStatus,
    EventKind,
    ServiceMethod,
    StepResult,
)
from app.services.settings import SettingsService

Apply = Callable[[Session, RequestCase, list[RequestEvent], date], list[str]]
ANSWERABLE = frozenset({CaseStatus.PROCESSING, CaseStatus.CONSULTING})
EXTENSION_LIMIT = 20  # 条例第三十三条第二款：延长的期限最长不得超过20个工作日
MAX_AMOUNT = 1_000_000


def _when(on: date, floor: date | None, today: date, what: str, floor_what: str = "收到申请之日") -> None:
    if on > today:
        raise UserFacingError(f"{what}（{on.isoformat()}）晚于今天，请核对日期。")
    if floor is not None and on < floor:
        raise UserFacingError(
            f"{what}（{on.isoformat()}）不能早于{floor_what}（{floor.isoformat()}），请核对。"
        )


def _note(text: str, label: str = "说明") -> str:
    clean = text.strip()
    if len(clean) > MAX_NOTE:
        raise UserFacingError(f"{label}太长（{len(clean)} 个字），请控制在 {MAX_NOTE} 个字以内。")
    return clean


def _status_in(case: RequestCase, allowed: frozenset[CaseStatus] | set[CaseStatus], step: str) -> None:
    if case.status not in allowed:
        raise UserFacingError(f"这件申请当前为「{case.status}」，不能{step}。")


class RequestEventService:
    def __init__(
        self, sessions: SessionFactory, settings: SettingsService, calendar: CalendarService
    ) -> None:
        self._sessions, self._settings, self._calendar = sessions, settings, calendar

    def _policy(self) -> DeadlinePolicy:
        return DeadlinePolicy.from_settings(self._settings.all_values())

    def _step(
        self,
        actor: Actor,
        case_id: int,
        today: date | None,
        apply: Apply,
        locked_reason: str = "",
        expected_version: int | None = None,
    ) -> StepResult:
        # The case row is locked FOR UPDATE (PostgreSQL): two clerks' steps on one case queue and the second
        # is checked against the first's result; `expected_version` refuses a stale screen (issue 14).
        require(actor, Perm.REGISTER)
        day = today or date.today()
        calendar, policy = self._calendar.calendar(), self._policy()
        with self._sessions.begin() as session:
            case = session.get(RequestCase, case_id, with_for_update=True)
            if case is None:
                raise UserFacingError("找不到这件申请，可能已被删除，请刷新列表。")
            check_version("request_cases", case.version, expected_version)
            closed_before = case.closed_on
            if closed_before is not None:  # a published annual report locks its year's closed cases
                require_year_unlocked(session, actor, closed_before.year, locked_reason)
            warnings = apply(session, case, case_events(session, case.id), day)
            if case.closed_on is not None and case.closed_on != closed_before:
                require_year_unlocked(session, actor, case.closed_on.year, locked_reason)
            refresh(session, case, calendar, policy, day)
            detail = to_detail(session, case, calendar, policy, day)
        return StepResult(detail, tuple(warnings))

    # ---- receipt and 补正 (条例第三十条、第三十一条) ----------------------------------------------------

    def confirm(
        self, actor: Actor, case_id: int, confirmed_on: date, today: date | None = None
    ) -> StepResult:
        def apply(session: Session, case: RequestCase, _events: list[RequestEvent], day: date) -> list[str]:
            if case.channel not in NEEDS_CONFIRMATION:
                raise UserFacingError(f"{case.channel}申请不需要确认，收到申请之日已按到达日期确定。")
            _status_in(case, {CaseStatus.UNCONFIRMED}, "再次确认")
            _when(confirmed_on, case.arrived_at.date(), day, "确认之日", "申请到达的日期")
            case.received_on = confirmed_on
            add_event(session, case, actor, EventKind.CONFIRMED, confirmed_on)
            if confirmed_on != case.arrived_at.date():
                return ["条例第三十一条要求在收到申请的当日与申请人确认；确认之日即为收到申请之日。"]
            return []

        return self._step(actor, case_id, today, apply)

    def notify_correction(
        self,
        actor: Actor,
        case_id: int,
        sent_on: date,
        items: str,
        period_end: date,
        today: date | None = None,
    ) -> StepResult:
        def apply(session: Session, case: RequestCase, events: list[RequestEvent], day: date) -> list[str]:
            _status_in(case, {CaseStatus.PROCESSING}, "告知补正")
            if any(e.kind == EventKind.CORRECTION_NOTICE for e in events):
                raise UserFacingError("补正应当一次性告知（条例第三十条），这件申请已经告知过补正。")
            _when(sent_on, case.received_on, day, "补正告知日期")
            what = _note(items, "补正事项")
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

        return self._step(actor, case_id, today, apply)

    def receive_correction(
        self, actor: Actor, case_id: int, on: date, today: date | None = None
    ) -> StepResult:
        def apply(session: Session, case: RequestCase, events: list[RequestEvent], day: date) -> list[str]:
            _status_in(case, {CaseStatus.CORRECTION}, "登记收到补正")
            sent = deadline_events(case, events).correction_sent
            _when(on, sent, day, "收到补正之日", "补正告知日期")
            add_event(session, case, actor, EventKind.CORRECTION_RECEIVED, on)
            return []

        return self._step(actor, case_id, today, apply)

    def correction_lapsed(self, actor: Actor, case_id: int, today: date | None = None) -> StepResult:
        def apply(session: Session, case: RequestCase, events: list[RequestEvent], day: date) -> list[str]:
            _status_in(case, {CaseStatus.CORRECTION}, "登记逾期未补正")
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

        return self._step(actor, case_id, today, apply)

    # ---- handling, consultation, extension, fees ----------------------------------------------------

    def assign(
        self,
        actor: Actor,
        case_id: int,
        department: str,
        internal_due: date | None,
        on: date,
        today: date | None = None,
    ) -> StepResult:
        def apply(session: Session, case: RequestCase, _events: list[RequestEvent], day: date) -> list[str]:
            _status_in(case, set(OPEN_STATUSES) - {CaseStatus.UNCONFIRMED}, "交办")
            _when(on, case.received_on, day, "交办日期")
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

        return self._step(actor, case_id, today, apply)

    def consult(
        self, actor: Actor, case_id: int, third_party: bool, party: str, on: date, today: date | None = None
    ) -> StepResult:
        """征求第三方（条例第三十二条）或其他机关（第三十四条）意见; `on` = the day they received it."""

        def apply(session: Session, case: RequestCase, events: list[RequestEvent], day: date) -> list[str]:
            _status_in(case, ANSWERABLE, "征求意见")
            _when(on, case.received_on, day, "征求意见书送达日期")
            name = _note(party, "征求对象")
            if not name:
                raise UserFacingError("请填写征求意见的对象（第三方姓名/名称或机关名称）。")
            if any(
                c.party == name and c.replied is None for c in deadline_events(case, events).consultations
            ):
                raise UserFacingError(f"已在征求「{name}」的意见，请先登记其回复。")
            kind = EventKind.THIRD_PARTY if third_party else EventKind.AGENCY
            add_event(session, case, actor, kind, on, {"party": name})
            return []

        return self._step(actor, case_id, today, apply)

    def consult_reply(
        self, actor: Actor, case_id: int, party: str, on: date, opinion: str, today: date | None = None
    ) -> StepResult:
        def apply(session: Session, case: RequestCase, events: list[RequestEvent], day: date) -> list[str]:
            pending = [c for c in deadline_events(case, events).consultations if c.replied is None]
            match = next((c for c in pending if c.party == party.strip()), None)
            if match is None:
                raise UserFacingError(f"没有正在征求「{party[:40]}」意见的记录。")
            _when(on, match.sent, day, "收到意见之日", "征求意见书送达日期")
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
                session, case, actor, kind, on, {"party": match.party, "opinion": _note(opinion, "意见")}
            )
            return []

        return self._step(actor, case_id, today, apply)

    def extend(
        self,
        actor: Actor,
        case_id: int,
        working_days: int,
        approver: str,
        on: date,
        reason: str,
        today: date | None = None,
    ) -> StepResult:
        """条例第三十三条第二款: once, ≤20 working days, 负责人同意, decided before the deadline passed."""
        require(actor, Perm.APPROVE_EXTENSION)

        def apply(session: Session, case: RequestCase, events: list[RequestEvent], day: date) -> list[str]:
            _status_in(case, ANSWERABLE | {CaseStatus.FEE}, "延期")
            if any(e.kind == EventKind.EXTENSION for e in events):
                raise UserFacingError("答复期限只能延长一次（条例第三十三条第二款），这件申请已经延期过。")
            limit = min(int(self._settings.get("deadline.extension_working_days")), EXTENSION_LIMIT)
            if not 1 <= working_days <= limit:
                raise UserFacingError(f"延长的期限为 1～{limit} 个工作日（条例第三十三条第二款）。")
            if not approver.strip():
                raise UserFacingError("延期须经政府信息公开工作机构负责人同意，请填写批准人。")
            _when(on, case.received_on, day, "延期决定日期")
            if case.due_on is None:
                raise UserFacingError("答复期限尚未起算，无需延期。")
            if on > case.due_on:
                raise UserFacingError(
                    f"答复期限 {case.due_on.isoformat()} 已过，不能再延期；请尽快答复并在答复中说明情况。"
                )
            data = {
                "working_days": working_days,
                "approver": approver.strip()[:50],
                "reason": _note(reason, "理由"),
            }
            add_event(session, case, actor, EventKind.EXTENSION, on, data)
            return []

        return self._step(actor, case_id, today, apply)

    def fee_notice(
        self,
        actor: Actor,
        case_id: int,
        on: date,
        amount: int,
        method: str,
        basis: str,
        today: date | None = None,
    ) -> StepResult:
        """国办函〔2020〕109号: `on` = the day the applicant received the 收费通知."""

        def apply(session: Session, case: RequestCase, events: list[RequestEvent], day: date) -> list[str]:
            _status_in(case, ANSWERABLE, "发出收费通知")
            if any(e.kind == EventKind.FEE_NOTICE for e in events):
                raise UserFacingError("这件申请已经发出过收费通知。")
            if method not in set(FeeMethod):
                raise UserFacingError("计费方式应为按件或按量（不得同时按两种标准计算）。")
            if not 0 < amount <= MAX_AMOUNT:
                raise UserFacingError("收费金额应为正整数（元）。不收费的申请无需发出收费通知。")
            _when(on, case.received_on, day, "收到收费通知之日")
            data = {"amount": amount, "method": method, "basis": _note(basis, "收费依据")}
            add_event(session, case, actor, EventKind.FEE_NOTICE, on, data)
            return []

        return self._step(actor, case_id, today, apply)

    def fee_paid(self, actor: Actor, case_id: int, on: date, today: date | None = None) -> StepResult:
        def apply(session: Session, case: RequestCase, events: list[RequestEvent], day: date) -> list[str]:
            _status_in(case, {CaseStatus.FEE}, "登记缴费")
            _when(on, deadline_events(case, events).fee_notice, day, "缴费日期", "收到收费通知之日")
            add_event(session, case, actor, EventKind.FEE_PAID, on)
            return []

        return self._step(actor, case_id, today, apply)

    def fee_lapsed(self, actor: Actor, case_id: int, today: date | None = None) -> StepResult:
        def apply(session: Session, case: RequestCase, events: list[RequestEvent], day: date) -> list[str]:
            _status_in(case, {CaseStatus.FEE}, "登记逾期未缴")
            result, problem = compute_deadline(case, events, self._calendar.calendar(), self._policy(), day)
            due = result.fee_payment_due if result else None
            if due is None or day <= due:
                raise UserFacingError(problem or f"缴费期限（{due.isoformat() if due else '—'}）尚未届满。")
            self._close(case, ABANDONED_FEE, day)
            add_event(session, case, actor, EventKind.FEE_LAPSED, day, {"outcome": ABANDONED_FEE})
            return []

        return self._step(actor, case_id, today, apply)

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
    ) -> StepResult:
        """Exactly one of the 21 table-三 outcomes, with its legal basis (RULES §10 rules 23–25)."""
        chosen = outcome(outcome_key)

        def apply(session: Session, case: RequestCase, _events: list[RequestEvent], day: date) -> list[str]:
            if case.status == CaseStatus.FEE:
                raise UserFacingError("收费通知尚未缴费，请先登记缴费或逾期未缴，再作答复。")
            _status_in(case, ANSWERABLE, "答复")
            _when(on, case.received_on, day, "答复日期")
            if on_the_spot and (case.channel != Channel.IN_PERSON or on != case.received_on):
                raise UserFacingError(
                    "只有当面提交、并在提交当日答复的申请才能登记为当场答复（条例第三十三条）。"
                )
            text = _note(reasons, "答复说明")
            if chosen.group == "不予公开" and not text:
                raise UserFacingError("不予公开须说明理由（条例第三十六条第（三）项），请填写答复说明。")
            self._close(case, chosen.key, on)
            case.outcome_basis = chosen.basis
            kind = EventKind.ON_THE_SPOT if on_the_spot else EventKind.ANSWERED
            add_event(session, case, actor, kind, on, {"outcome": chosen.key, "basis": chosen.basis}, text)
            if case.due_on is not None and on > case.due_on:
                return [f"答复日期晚于答复期限 {case.due_on.isoformat()}，已逾期答复。"]
            return []

        return self._step(actor, case_id, today, apply, locked_reason)

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
    ) -> StepResult:
        def apply(session: Session, case: RequestCase, events: list[RequestEvent], day: date) -> list[str]:
            _status_in(case, {CaseStatus.ANSWERED, CaseStatus.SERVED}, "登记送达")
            if method not in set(ServiceMethod):
                raise UserFacingError("送达方式应为当面、邮政EMS或电子方式。")
            answered = next(
                e.on_date for e in events if e.kind in (EventKind.ANSWERED, EventKind.ON_THE_SPOT)
            )
            _when(on, answered, day, "送达日期", "答复日期")
            number = tracking_no.strip()
            if method == ServiceMethod.IN_PERSON and signed_on is None:
                raise UserFacingError("当面送达须填写申请人签收日期。")
            if method == ServiceMethod.EMS and not (number.isalnum() and 8 <= len(number) <= 30):
                raise UserFacingError("邮政EMS送达须填写邮件号（8～30位字母或数字）。")
            if signed_on is not None:
                _when(signed_on, on, day, "签收日期", "送达日期")
            data = {"method": method, "signed_on": signed_on, "tracking_no": number}
            add_event(session, case, actor, EventKind.SERVED, on, data)
            return []

        return self._step(actor, case_id, today, apply, locked_reason)

    def archive(
        self, actor: Actor, case_id: int, on: date, today: date | None = None, locked_reason: str = ""
    ) -> StepResult:
        def apply(session: Session, case: RequestCase, _events: list[RequestEvent], day: date) -> list[str]:
            if case.status == CaseStatus.ANSWERED:
                raise UserFacingError("答复尚未登记送达，请先登记送达再归档。")
            _status_in(case, {CaseStatus.SERVED, CaseStatus.CLOSED}, "归档")
            _when(on, case.closed_on, day, "归档日期", "办结日期")
            add_event(session, case, actor, EventKind.ARCHIVED, on)
            return []

        return self._step(actor, case_id, today, apply, locked_reason)

    def withdraw(
        self, actor: Actor, case_id: int, on: date, reason: str, today: date | None = None
    ) -> StepResult:
        def apply(session: Session, case: RequestCase, _events: list[RequestEvent], day: date) -> list[str]:
            _status_in(case, OPEN_STATUSES, "撤回")
            _when(on, case.arrived_at.date(), day, "撤回日期", "申请到达的日期")
            self._close(case, OTHER, on)
            add_event(
                session,
                case,
                actor,
                EventKind.WITHDRAWN,
                on,
                {"outcome": OTHER, "reason": _note(reason, "理由")},
            )
            return []

        return self._step(actor, case_id, today, apply)

    @staticmethod
    def _close(case: RequestCase, key: str, on: date) -> None:
        case.outcome, case.closed_on = key, on
