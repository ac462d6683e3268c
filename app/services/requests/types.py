"""Vocabulary and value objects of 依申请公开 cases (shared by the request services and the UI)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from app.services.requests.deadlines import DeadlineResult

ENTITY = "依申请公开"
MAX_DESCRIPTION = 5000  # a request describes information; a 5 MB paste is a mistake
MAX_NAME = 100
MAX_CONTACT = 200
MAX_FORM = 200
MAX_NOTE = 2000
MAX_DEPARTMENT = 60


class ApplicantType(StrEnum):
    """The six applicant columns of the annual report's table 三 (RULES §2.3)."""

    PERSON = "自然人"
    BUSINESS = "商业企业"
    RESEARCH = "科研机构"
    WELFARE = "社会公益组织"
    LEGAL = "法律服务机构"
    OTHER = "其他"


ID_TYPES = (
    "居民身份证",
    "统一社会信用代码",
    "护照",
    "港澳居民来往内地通行证",
    "台湾居民来往大陆通行证",
    "其他证件",
)
RESIDENT_ID = "居民身份证"


class CaseStatus(StrEnum):
    UNCONFIRMED = "待确认"  # 平信/网络/传真 before the art. 31 confirmation
    PROCESSING = "办理中"
    CORRECTION = "待补正"
    CONSULTING = "征求意见中"
    FEE = "待缴费"
    ANSWERED = "已答复"
    SERVED = "已送达"
    CLOSED = "已办结"  # withdrawn, 逾期未补正, 逾期未缴 (no answer letter needed)
    ARCHIVED = "已归档"
    VOIDED = "已作废"  # a wrong registration (issue 21): out of the lists, the 年报 and the counts


OPEN_STATUSES = frozenset(
    {
        CaseStatus.UNCONFIRMED,
        CaseStatus.PROCESSING,
        CaseStatus.CORRECTION,
        CaseStatus.CONSULTING,
        CaseStatus.FEE,
    }
)
# Statuses whose answer clock runs (or is paused) and so can be 即将到期/已逾期.
TIMED_STATUSES = OPEN_STATUSES - {CaseStatus.UNCONFIRMED, CaseStatus.CORRECTION}


class EventKind(StrEnum):
    REGISTERED = "登记"
    CONFIRMED = "确认收到"
    CORRECTION_NOTICE = "补正告知"
    CORRECTION_RECEIVED = "补正收到"
    CORRECTION_LAPSED = "逾期未补正"
    ASSIGNED = "办理"
    THIRD_PARTY = "征求第三方意见"
    THIRD_PARTY_REPLY = "第三方意见回复"
    AGENCY = "征求其他机关意见"
    AGENCY_REPLY = "其他机关意见回复"
    EXTENSION = "延期"
    FEE_NOTICE = "收费通知"
    FEE_PAID = "缴费"
    FEE_LAPSED = "逾期未缴"
    ANSWERED = "答复"
    ON_THE_SPOT = "当场答复"
    SERVED = "送达"
    ARCHIVED = "归档"
    WITHDRAWN = "撤回"
    LETTER = "出具文书"
    REMEDY = "复议诉讼"
    VOIDED = "作废"  # the case, with the reason (issue 21)
    LETTER_VOIDED = "文书作废"


class LetterKind(StrEnum):
    RECEIPT = "受理回执"
    CORRECTION = "补正告知书"
    EXTENSION = "延期答复告知书"
    THIRD_PARTY = "第三方征求意见书"
    AGENCY = "征求其他机关意见函"
    FEE = "收费通知书"
    ANSWER = "答复告知书"
    SERVICE = "送达回证"


class ServiceMethod(StrEnum):
    IN_PERSON = "当面"
    EMS = "邮政EMS"
    ELECTRONIC = "电子方式"


@dataclass(frozen=True)
class Registration:
    """What the 登记 dialog collects (条例第二十九条 fields, channel and the art. 31 dates)."""

    applicant_type: str
    name: str
    id_type: str
    id_number: str
    contact: str
    description: str
    form_requested: str
    channel: str
    arrived_at: datetime
    received_on: date | None = None  # 当面/挂号邮寄: defaults to the arrival day; others: the 确认 step
    department: str = ""


@dataclass(frozen=True)
class CaseRow:
    """One line of the request list."""

    id: int
    number: str
    applicant_name: str
    applicant_type: str
    channel: str
    received_on: date | None
    status: str
    due_on: date | None
    department: str
    outcome: str | None
    closed_on: date | None
    description: str
    due_problem: str = ""
    due_assumed: tuple[int, ...] = ()  # years without a notice the deadline assumed: a 暂定 date

    @property
    def due_is_provisional(self) -> bool:
        return bool(self.due_assumed) and self.due_on is not None


@dataclass(frozen=True)
class EventView:
    id: int
    kind: str
    on_date: date
    recorded_at: datetime
    who: str
    data: dict[str, Any]
    note: str
    text: str  # one Chinese line for the timeline


@dataclass(frozen=True)
class LetterView:
    id: int
    kind: str
    number: str
    issued_on: date
    attachment_id: int
    sha256: str
    file_name: str
    void_reason: str = ""  # issued by mistake and voided (issue 21): listed with 「（已作废：理由）」
    voided_at: datetime | None = None

    @property
    def voided(self) -> bool:
        return self.voided_at is not None

    @property
    def listed(self) -> str:
        """The line of the 文书 list: 「答复告知书 测公开〔2026〕3号」, with the void and its reason."""
        text = f"{self.kind} {self.number}"
        return f"{text}（已作废：{self.void_reason}）" if self.voided else text


@dataclass(frozen=True)
class RemedyView:
    id: int
    case_id: int
    stage: str
    filed_on: date
    body: str
    result: str
    closed_on: date | None
    note: str


@dataclass(frozen=True)
class StepOption:
    kind: str  # an EventKind value, or 出具文书:<LetterKind>
    enabled: bool
    reason: str = ""  # why not, shown as a tooltip


@dataclass(frozen=True)
class CaseDetail:
    id: int
    number: str
    year: int
    applicant_id: int
    applicant_type: str
    applicant_name: str
    id_type: str
    id_number_masked: str
    contact_masked: str
    description: str
    form_requested: str
    channel: str
    arrived_at: datetime
    received_on: date | None
    status: str
    department: str
    internal_due: date | None
    due_on: date | None
    due_problem: str
    outcome: str | None
    outcome_basis: str
    closed_on: date | None
    events: tuple[EventView, ...]
    letters: tuple[LetterView, ...]
    remedies: tuple[RemedyView, ...]
    deadline: DeadlineResult | None
    explanation: str  # 「如何计算」 text
    version: int = 1  # optimistic lock (issue 14): pass back as `expected_version`

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def events_of(self, kind: EventKind) -> tuple[EventView, ...]:
        return tuple(e for e in self.events if e.kind == kind)

    def last(self, kind: EventKind) -> EventView | None:
        found = self.events_of(kind)
        return found[-1] if found else None


@dataclass(frozen=True)
class StepResult:
    detail: CaseDetail
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class MovedCase:
    """A case whose answer deadline changed after the calendar changed, or whose 暂定 date was confirmed."""

    case_id: int
    number: str
    old_due: date | None
    new_due: date | None
    problem: str = ""
    was_provisional: bool = False
    provisional_years: tuple[int, ...] = ()  # still assumed after the change (another year still missing)

    @property
    def moved(self) -> bool:
        return self.old_due != self.new_due
