"""The request deadline engine (pure: events in, dates out). RULES §1.6–1.7, §3, §9.3 and §10 rules 2–19.

Convention (RULES §9.3): the trigger day is not counted — day 1 is the next working day; 「保守口径」
(`deadline.count_receipt_day`) counts the receipt day as day 1. A pause (start, end] excludes the working
days d with start < d ≤ end from the running period.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from app.errors import UserFacingError
from app.services.settings import registry
from app.services.workdays.calendar import WorkCalendar

EXTENSION_MAX_WORKING_DAYS = 20  # 条例第三十三条第二款：延长的期限最长不得超过20个工作日
CORRECTION_NOTICE_WORKING_DAYS = 7  # 条例第三十条：7个工作日内一次性告知申请人作出补正
CONSULTATION_REPLY_WORKING_DAYS = 15  # 条例第三十二条、第三十四条：15个工作日内提出意见
FEE_PAYMENT_WORKING_DAYS = 20  # 国办函〔2020〕109号：收到收费通知次日起20个工作日内缴纳
ONE_DAY = timedelta(days=1)
NO_SHIFT = timedelta(0)


class Channel(StrEnum):
    IN_PERSON = "当面"
    REGISTERED_MAIL = "挂号邮寄"
    ORDINARY_MAIL = "平信"
    ONLINE = "网络"
    FAX = "传真"


# 条例第三十一条: these channels have no 收到申请之日 until the confirmation is logged.
NEEDS_CONFIRMATION = frozenset({Channel.ORDINARY_MAIL, Channel.ONLINE, Channel.FAX})


class Status(StrEnum):
    NORMAL = "正常"
    DUE_SOON = "即将到期"
    OVERDUE = "已逾期"
    NOT_STARTED = "未起算"
    ABANDONED = "视为放弃"


@dataclass(frozen=True, slots=True)
class Pause:
    start: date
    end: date
    reason: str = "暂停计算"


@dataclass(frozen=True, slots=True)
class Extension:
    working_days: int
    approver: str  # 政府信息公开工作机构负责人 (条例第三十三条第二款)
    approved_on: date | None = None


@dataclass(frozen=True, slots=True)
class Consultation:
    """A 征求意见书 to a third party (art. 32) or another agency (art. 34)."""

    sent: date  # the day the party received the 征求意见书
    replied: date | None = None
    party: str = "第三方"


@dataclass(frozen=True, slots=True)
class RequestEvents:
    """What a request's history says about time; issue 6 builds these from stored requests."""

    case_id: str
    channel: Channel
    arrived: date | None = None  # 当面: 提交之日; 挂号邮寄: 签收之日
    confirmed: date | None = None  # 平信/网络/传真: 确认之日 (art. 31)
    correction_sent: date | None = None
    correction_period_end: date | None = None  # 合理的补正期限 in the notice (art. 30)
    correction_received: date | None = None
    extensions: tuple[Extension, ...] = ()
    consultations: tuple[Consultation, ...] = ()
    fee_notice: date | None = None  # the day the applicant received the 收费通知
    fee_paid: date | None = None
    pauses: tuple[Pause, ...] = ()
    answered: bool = False


@dataclass(frozen=True, slots=True)
class DeadlinePolicy:
    """The office's deadline settings; the defaults (and their statutes) are the settings registry's."""

    count_receipt_day: bool = registry.COUNT_RECEIPT_DAY.default  # 「保守口径」
    exclude_fee_period: bool = registry.EXCLUDE_FEE_PERIOD.default
    answer_working_days: int = registry.ANSWER_WORKING_DAYS.default
    warning_working_days: int = registry.WARNING_WORKING_DAYS.default

    @classmethod
    def from_settings(cls, values: Mapping[str, object]) -> DeadlinePolicy:
        """From `SettingsService.all_values()` (or any key → stored value map)."""
        return cls(
            count_receipt_day=registry.COUNT_RECEIPT_DAY.of(values),
            exclude_fee_period=registry.EXCLUDE_FEE_PERIOD.of(values),
            answer_working_days=registry.ANSWER_WORKING_DAYS.of(values),
            warning_working_days=registry.WARNING_WORKING_DAYS.of(values),
        )


@dataclass(frozen=True, slots=True)
class DeadlineResult:
    case_id: str
    received: date | None
    start: date | None  # the day the answer period runs from (receipt, or receipt of the 补正)
    due: date | None  # answer deadline, with extension and pauses
    correction_notice_due: date | None
    consultation_reply_dues: tuple[date, ...]
    fee_payment_due: date | None
    status: Status
    remaining_working_days: int | None
    pauses: tuple[Pause, ...] = field(default=())
    note: str = ""
    # Years without a loaded notice that a date relies on (weekends + statutory days assumed): 暂定 dates.
    provisional_years: tuple[int, ...] = ()  # of `due`
    correction_provisional_years: tuple[int, ...] = ()
    fee_provisional_years: tuple[int, ...] = ()
    reply_provisional_years: tuple[int, ...] = ()

    @property
    def all_provisional_years(self) -> tuple[int, ...]:
        """Every assumed year any date of this case relies on."""
        years = {
            *self.provisional_years,
            *self.correction_provisional_years,
            *self.fee_provisional_years,
            *self.reply_provisional_years,
        }
        return tuple(sorted(years))


def receipt_date(events: RequestEvents) -> date | None:
    """收到申请之日 per 条例第三十一条."""
    if events.channel in NEEDS_CONFIRMATION:
        return events.confirmed
    return events.arrived


def validate_extensions(extensions: tuple[Extension, ...]) -> int:
    if len(extensions) > 1:
        raise UserFacingError("答复期限只能延长一次（条例第三十三条），请删除多余的延期记录。")
    if not extensions:
        return 0
    extension = extensions[0]
    if not extension.approver.strip():
        raise UserFacingError("延期需经政府信息公开工作机构负责人同意（条例第三十三条），请先记录批准人。")
    if not 1 <= extension.working_days <= EXTENSION_MAX_WORKING_DAYS:
        raise UserFacingError(
            f"延长的期限最长不得超过{EXTENSION_MAX_WORKING_DAYS}个工作日（条例第三十三条），"
            f"当前为{extension.working_days}个工作日，请修改。"
        )
    return extension.working_days


def count_with_pauses(calendar: WorkCalendar, start: date, n: int, pauses: Iterable[Pause]) -> date:
    """The n-th working day after `start` that lies in no pause (start, end]."""
    position, remaining = start, n
    for pause in sorted(pauses, key=lambda p: p.start):
        if pause.end <= position:
            continue
        available = calendar.working_days_between(position, pause.start)
        if available >= remaining:
            break
        remaining -= available
        position = pause.end
    return calendar.nth_working_day_after(position, remaining)


def effective_pauses(events: RequestEvents, calendar: WorkCalendar, policy: DeadlinePolicy) -> list[Pause]:
    """Consultations (条例第三十三条第三款) and, by setting, the fee period (RULES §3), plus manual pauses."""
    pauses = list(events.pauses)
    for consultation in events.consultations:
        end = consultation.replied or reply_due(calendar, consultation.sent)
        pauses.append(Pause(consultation.sent, end, f"征求{consultation.party}意见"))
    if events.fee_notice is not None and policy.exclude_fee_period:
        end = events.fee_paid or calendar.nth_working_day_after(events.fee_notice, FEE_PAYMENT_WORKING_DAYS)
        pauses.append(Pause(events.fee_notice, end, "收费通知至缴费"))
    return pauses


def reply_due(calendar: WorkCalendar, received: date) -> date:
    return calendar.nth_working_day_after(received, CONSULTATION_REPLY_WORKING_DAYS)


def compute(
    events: RequestEvents, calendar: WorkCalendar, policy: DeadlinePolicy, today: date
) -> DeadlineResult:
    """All deadlines of one request, each marked with the provisional years it relies on.

    Raises MissingYearError only for a calendar without a provisional rule (the application always has one).
    """
    return _mark_assumed(_compute(events, calendar, policy, today), events, calendar, policy)


def _mark_assumed(
    result: DeadlineResult, events: RequestEvents, calendar: WorkCalendar, policy: DeadlinePolicy
) -> DeadlineResult:
    """Which dates were counted over a year without its notice (weekends + statutory days assumed)."""
    shift = ONE_DAY if policy.count_receipt_day else NO_SHIFT  # 保守口径 counts the trigger day
    assumed = calendar.assumed_years
    due = assumed(result.start - shift, result.due) if result.start and result.due else ()
    correction = (
        assumed(result.received - shift, result.correction_notice_due)
        if result.received and result.correction_notice_due
        else ()
    )
    fee = (
        assumed(events.fee_notice, result.fee_payment_due)
        if events.fee_notice and result.fee_payment_due
        else ()
    )
    replies: tuple[int, ...] = ()
    if events.consultations:
        pairs = zip(events.consultations, result.consultation_reply_dues, strict=True)
        replies = tuple(sorted({year for c, reply in pairs for year in assumed(c.sent, reply)}))
    if not (due or correction or fee or replies):
        return result  # the usual case: every date lies in loaded years (and a re-flow runs this 20,000×)
    return replace(
        result,
        provisional_years=due,
        correction_provisional_years=correction,
        fee_provisional_years=fee,
        reply_provisional_years=replies,
    )


def _compute(
    events: RequestEvents, calendar: WorkCalendar, policy: DeadlinePolicy, today: date
) -> DeadlineResult:
    received = receipt_date(events)
    extra = validate_extensions(events.extensions)
    replies = tuple(reply_due(calendar, c.sent) for c in events.consultations) if events.consultations else ()
    fee_due = (
        calendar.nth_working_day_after(events.fee_notice, FEE_PAYMENT_WORKING_DAYS)
        if events.fee_notice is not None
        else None
    )
    if received is None:
        return DeadlineResult(
            events.case_id,
            None,
            None,
            None,
            None,
            replies,
            fee_due,
            Status.NOT_STARTED,
            None,
            note="尚未确认收到申请之日（平信、网络、传真须与申请人确认），期限未起算。",
        )
    counted_from = received - ONE_DAY if policy.count_receipt_day else received  # 保守口径
    correction_due = calendar.nth_working_day_after(counted_from, CORRECTION_NOTICE_WORKING_DAYS)
    if events.correction_sent is not None and events.correction_received is None:
        period_end = events.correction_period_end
        if period_end is not None and today > period_end and not events.answered:
            return DeadlineResult(
                events.case_id,
                received,
                None,
                None,
                correction_due,
                replies,
                fee_due,
                Status.ABANDONED,
                None,
                note="补正期限已过仍未补正，视为放弃申请（条例第三十条）。",
            )
        return DeadlineResult(
            events.case_id,
            received,
            None,
            None,
            correction_due,
            replies,
            fee_due,
            Status.NOT_STARTED,
            None,
            note="等待申请人补正，答复期限自收到补正之日起计算。",
        )
    start = events.correction_received or received
    if events.correction_received is not None:
        counted_from = start - ONE_DAY if policy.count_receipt_day else start
    has_pauses = events.pauses or events.consultations or events.fee_notice is not None
    pauses = tuple(effective_pauses(events, calendar, policy)) if has_pauses else ()
    total = policy.answer_working_days + extra
    due = (
        count_with_pauses(calendar, counted_from, total, pauses)
        if pauses
        else calendar.nth_working_day_after(counted_from, total)
    )
    if fee_due is not None and events.fee_paid is None and today > fee_due and not events.answered:
        return DeadlineResult(
            events.case_id,
            received,
            start,
            due,
            correction_due,
            replies,
            fee_due,
            Status.ABANDONED,
            None,
            pauses,
            "逾期未缴纳信息处理费，视为放弃申请。",
        )
    if today > due:
        status, remaining = Status.OVERDUE, -calendar.working_days_between(due, today)
    else:
        remaining = calendar.working_days_between(today, due)
        status = Status.DUE_SOON if remaining <= policy.warning_working_days else Status.NORMAL
    return DeadlineResult(
        events.case_id, received, start, due, correction_due, replies, fee_due, status, remaining, pauses
    )


@dataclass(frozen=True, slots=True)
class MovedDeadline:
    case_id: str
    old_due: date | None
    new_due: date | None


@dataclass(frozen=True)
class Reflow:
    results: dict[str, DeadlineResult]
    problems: dict[str, str]  # case id → message (e.g. 2027年放假安排未录入); the date stays open
    moved: tuple[MovedDeadline, ...]


def recompute_all(
    cases: Iterable[RequestEvents],
    calendar: WorkCalendar,
    policy: DeadlinePolicy,
    today: date,
    previous: Mapping[str, date | None] | None = None,
) -> Reflow:
    """Recompute every open case (after a calendar change); lists the cases whose answer deadline moved."""
    results: dict[str, DeadlineResult] = {}
    problems: dict[str, str] = {}
    moved: list[MovedDeadline] = []
    old = previous or {}
    for events in cases:
        try:
            result = compute(events, calendar, policy, today)
        except UserFacingError as error:
            problems[events.case_id] = error.message
            new_due = None
        else:
            results[events.case_id] = result
            new_due = result.due
        if events.case_id in old and old[events.case_id] != new_due:
            moved.append(MovedDeadline(events.case_id, old[events.case_id], new_due))
    return Reflow(results, problems, tuple(moved))
