"""Rows of the 依申请公开 ledger: its columns, parsing an imported row, and writing an exported one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.errors import UserFacingError
from app.models.request import RequestCase, RequestRemedy
from app.services.formats.chinese import DateError, parse_date
from app.services.formats.xlsx import Cell, DateCell, SheetRow
from app.services.privacy.detector import Masker
from app.services.privacy.masking import mask_id_number, mask_phone
from app.services.requests.deadlines import Channel
from app.services.requests.outcomes import BY_KEY, from_ledger_label
from app.services.requests.remedies import DIRECT_SUIT, RESULTS, REVIEW, SUIT_AFTER_REVIEW
from app.services.requests.types import MAX_DESCRIPTION, ApplicantType
from app.services.workdays.provisional import PROVISIONAL_LABEL

HEADERS = (
    "受理编号",
    "收到申请日期",
    "申请方式",
    "申请人类型",
    "申请人",
    "证件号码",
    "联系方式",
    "申请内容",
    "答复日期",
    "办理结果",
    "行政复议",
    "行政诉讼",
)
REQUIRED = ("受理编号", "收到申请日期", "申请方式", "申请人类型", "申请人", "申请内容")
# The exported sheet also shows the answer deadline, the case's state and its 承办科室 (read back by nobody:
# imports take HEADERS only).
DUE_HEADER, DUE_AFTER = "答复期限", HEADERS.index("答复日期")
EXPORT_ONLY = (DUE_HEADER, "状态", "承办科室")
EXPORT_HEADERS = (*HEADERS[: DUE_AFTER + 1], *EXPORT_ONLY, *HEADERS[DUE_AFTER + 1 :])
WIDTHS = (16, 14, 10, 12, 16, 22, 18, 60, 14, 18, 10, 16, 36, 10, 18)
SUIT_PREFIXES = {"直接起诉": DIRECT_SUIT, "复议后起诉": SUIT_AFTER_REVIEW}
ID_COLUMN, CONTACT_COLUMN = EXPORT_HEADERS.index("证件号码"), EXPORT_HEADERS.index("联系方式")
MASK_CHARS = ("*", "＊")  # what a masked export leaves in place of the hidden digits


@dataclass(frozen=True)
class LedgerRow:
    number: int  # the Excel row
    case_number: str
    received_on: date
    channel: str
    applicant_type: str
    name: str
    id_number: str
    contact: str
    description: str
    answered_on: date | None
    outcome: str | None
    review: str | None
    suit: tuple[str, str] | None


def _day(text: str, label: str, today: date) -> date:
    try:
        value = parse_date(text)
    except DateError:
        raise UserFacingError(f"{label}“{text[:20]}”不是有效日期，应写成 2025-01-24") from None
    if value > today:
        raise UserFacingError(f"{label}“{text[:20]}”晚于今天")
    return value


def parse_row(row: SheetRow, today: date) -> LedgerRow:
    v = row.values
    number = v.get("受理编号", "")
    if not number or len(number) > 60:
        raise UserFacingError("受理编号为空或超过60个字")
    received = _day(v.get("收到申请日期", ""), "收到申请日期", today)
    channel = v.get("申请方式", "")
    if channel not in set(Channel):
        raise UserFacingError(f"申请方式“{channel[:20]}”应为当面、挂号邮寄、平信、网络或传真")
    kind = v.get("申请人类型", "")
    if kind not in set(ApplicantType):
        raise UserFacingError(
            f"申请人类型“{kind[:20]}”应为自然人、商业企业、科研机构、社会公益组织、法律服务机构或其他"
        )
    for label in ("证件号码", "联系方式"):
        if any(mark in v.get(label, "") for mark in MASK_CHARS):
            raise UserFacingError(
                f"{label}“{v[label][:24]}”中有“*”，是遮盖后导出的号码，不完整，不能导入。"
                "请用能查看完整号码的账户重新导出台账，或在表中填写完整号码"
            )
    name, description = v.get("申请人", ""), v.get("申请内容", "")
    if not name or len(name) > 100:
        raise UserFacingError("申请人为空或超过100个字")
    if not description or len(description) > MAX_DESCRIPTION:
        raise UserFacingError(f"申请内容为空或超过{MAX_DESCRIPTION}个字")
    answered_text, outcome_text = v.get("答复日期", ""), v.get("办理结果", "")
    if bool(answered_text) != bool(outcome_text):
        raise UserFacingError("答复日期和办理结果应同时填写（未办结的申请两项都留空）")
    answered = _day(answered_text, "答复日期", today) if answered_text else None
    if answered is not None and answered < received:
        raise UserFacingError("答复日期早于收到申请日期")
    outcome = from_ledger_label(outcome_text).key if outcome_text else None
    review = v.get("行政复议", "") or None
    if review is not None and review not in RESULTS:
        raise UserFacingError(f"行政复议“{review[:20]}”应为维持、纠正、其他或尚未审结")
    suit = None
    if v.get("行政诉讼", ""):
        stage, _, result = v["行政诉讼"].replace("：", ":").partition(":")
        if stage not in SUIT_PREFIXES or result not in RESULTS:
            raise UserFacingError("行政诉讼应写成“直接起诉:维持”或“复议后起诉:尚未审结”的形式")
        suit = (SUIT_PREFIXES[stage], result)
    return LedgerRow(
        row.number,
        number,
        received,
        channel,
        kind,
        name,
        v.get("证件号码", "").upper()[:40],
        v.get("联系方式", "")[:200],
        description,
        answered,
        outcome,
        review,
        suit,
    )


def due_cell(case: RequestCase) -> DateCell | None:
    """A date cell shown as 「2027-01-08（暂定）」 while the deadline relies on a year without its holiday
    notice: it still sorts as a date."""
    if case.due_on is None:
        return None
    return DateCell(case.due_on, f"（{PROVISIONAL_LABEL}）" if case.due_assumed else "")


def ledger_row(case: RequestCase, remedies: list[RequestRemedy]) -> list[Cell]:
    """One exported row, in `EXPORT_HEADERS` order."""
    outcome = BY_KEY.get(case.outcome or "")
    review = next((r.result for r in reversed(remedies) if r.stage == REVIEW), "")
    suit = next((r for r in reversed(remedies) if r.stage != REVIEW), None)
    suit_text = ""
    if suit is not None:
        prefix = "直接起诉" if suit.stage == DIRECT_SUIT else "复议后起诉"
        suit_text = f"{prefix}:{suit.result}"
    return [
        case.number,
        case.received_on,
        case.channel,
        case.applicant_type,
        case.applicant_name,
        case.id_number,
        case.contact,
        case.description,
        case.closed_on if case.closed_on and outcome else None,
        due_cell(case),
        case.status,
        case.department,
        outcome.ledger_label if outcome else "",
        review,
        suit_text,
    ]


def masked_row(row: list[Cell], clean: Masker) -> list[Cell]:
    """An exported row for a reader who may not see personal data: 证件号码 always masked, 联系方式 masked
    where the detector finds a phone (else as a phone number when it is mostly digits), every text cleaned."""
    out = [clean(cell) if isinstance(cell, str) else cell for cell in row]
    id_number, contact = str(row[ID_COLUMN] or ""), str(row[CONTACT_COLUMN] or "")
    out[ID_COLUMN] = mask_id_number(id_number) if id_number else ""
    if out[CONTACT_COLUMN] == contact and sum(ch.isdigit() for ch in contact) >= 7:
        out[CONTACT_COLUMN] = mask_phone(contact)  # 「59751234」: no area code, still a phone number
    return out
