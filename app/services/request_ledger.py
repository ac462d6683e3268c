"""The 依申请公开 Excel ledger: export every case, import old ledgers (preview → one transaction)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.request import Applicant, RequestCase, RequestRemedy
from app.services.audit import Action, record
from app.services.calendar_service import CalendarService
from app.services.common import (
    IsCancelled,
    Progress,
    SessionFactory,
    check_cancel,
    never_cancelled,
    no_progress,
)
from app.services.deadlines import NEEDS_CONFIRMATION, Channel, DeadlinePolicy
from app.services.permissions import Actor, Perm, require
from app.services.remedies import DIRECT_SUIT, PENDING, RESULTS, REVIEW, SUIT_AFTER_REVIEW
from app.services.report_lock import require_year_unlocked
from app.services.request_core import add_event, refresh
from app.services.request_outcomes import BY_KEY, from_ledger_label
from app.services.request_types import (
    ENTITY,
    MAX_DESCRIPTION,
    RESIDENT_ID,
    ApplicantType,
    CaseStatus,
    EventKind,
)
from app.services.settings import SettingsService
from app.services.xlsx_io import ImportReport, RejectedRow, SheetRow, read_rows, write_rows

if TYPE_CHECKING:
    from app.services.requests import RequestService

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
WIDTHS = (16, 14, 10, 12, 16, 22, 18, 60, 14, 36, 10, 18)
SUIT_PREFIXES = {"直接起诉": DIRECT_SUIT, "复议后起诉": SUIT_AFTER_REVIEW}
CHUNK = 1000
IMPORT_NOTE = "由台账导入"


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


@dataclass
class LedgerPreview:
    rows: list[LedgerRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)


def _day(text: str, label: str, today: date) -> date:
    try:
        value = date.fromisoformat(text[:10])
    except ValueError:
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


class LedgerService:
    def __init__(
        self,
        sessions: SessionFactory,
        settings: SettingsService,
        calendar: CalendarService,
        owner: RequestService,
    ) -> None:
        self._sessions, self._settings, self._calendar, self._owner = sessions, settings, calendar, owner

    # ---- export ---------------------------------------------------------------------------------------

    def export_xlsx(
        self,
        actor: Actor,
        path: Path,
        progress: Progress = no_progress,
        is_cancelled: IsCancelled = never_cancelled,
    ) -> int:
        with self._sessions() as session:
            total = session.scalar(select(func.count()).select_from(RequestCase)) or 0
        written = write_rows(
            path, "依申请公开台账", HEADERS, self._rows(), WIDTHS, total, progress, is_cancelled
        )
        with self._sessions.begin() as session:
            record(session, actor, Action.EXPORT, ENTITY, "", file=str(path), count=written)
        return written

    def _rows(self) -> Iterator[list[str]]:
        last_id = 0
        while True:
            with self._sessions() as session:
                cases = list(
                    session.scalars(
                        select(RequestCase)
                        .where(RequestCase.id > last_id)
                        .order_by(RequestCase.id)
                        .limit(CHUNK)
                    )
                )
                if not cases:
                    return
                remedies: dict[int, list[RequestRemedy]] = {}
                query = select(RequestRemedy).where(RequestRemedy.case_id.in_([c.id for c in cases]))
                for remedy in session.scalars(query.order_by(RequestRemedy.filed_on)):
                    remedies.setdefault(remedy.case_id, []).append(remedy)
            for case in cases:
                yield self._row(case, remedies.get(case.id, []))
            last_id = cases[-1].id

    @staticmethod
    def _row(case: RequestCase, remedies: list[RequestRemedy]) -> list[str]:
        outcome = BY_KEY.get(case.outcome or "")
        review = next((r.result for r in reversed(remedies) if r.stage == REVIEW), "")
        suit = next((r for r in reversed(remedies) if r.stage != REVIEW), None)
        suit_text = ""
        if suit is not None:
            prefix = "直接起诉" if suit.stage == DIRECT_SUIT else "复议后起诉"
            suit_text = f"{prefix}:{suit.result}"
        return [
            case.number,
            case.received_on.isoformat() if case.received_on else "",
            case.channel,
            case.applicant_type,
            case.applicant_name,
            case.id_number,
            case.contact,
            case.description,
            case.closed_on.isoformat() if case.closed_on and outcome else "",
            outcome.ledger_label if outcome else "",
            review,
            suit_text,
        ]

    # ---- import ---------------------------------------------------------------------------------------

    def preview(self, path: Path, today: date | None = None) -> LedgerPreview:
        day = today or date.today()
        result = LedgerPreview()
        seen: set[str] = set()
        with self._sessions() as session:
            existing = set(session.scalars(select(RequestCase.number)))
        for row in read_rows(path, HEADERS, REQUIRED):
            try:
                parsed = parse_row(row, day)
            except UserFacingError as error:
                result.rejected.append(RejectedRow(row.number, error.message.rstrip("。") + "。"))
                continue
            if parsed.case_number in existing or parsed.case_number in seen:
                result.rejected.append(RejectedRow(row.number, f"受理编号“{parsed.case_number}”已存在。"))
                continue
            seen.add(parsed.case_number)
            result.rows.append(parsed)
        return result

    def import_rows(
        self,
        actor: Actor,
        preview: LedgerPreview,
        today: date | None = None,
        progress: Progress = no_progress,
        is_cancelled: IsCancelled = never_cancelled,
        locked_reason: str = "",
    ) -> ImportReport:
        """The valid rows in ONE transaction: all are saved, or (on cancel or error) none.

        Rows received or answered in a year whose annual report is published need a 管理员 and a reason.
        """
        require(actor, Perm.REGISTER)
        day = today or date.today()
        calendar = self._calendar.calendar()
        policy = DeadlinePolicy.from_settings(self._settings.all_values())
        years = {d.year for row in preview.rows for d in (row.received_on, row.answered_on) if d is not None}
        with self._sessions.begin() as session:
            for year in sorted(years):
                require_year_unlocked(session, actor, year, locked_reason)
            for index, row in enumerate(preview.rows):
                if index % 200 == 0:
                    check_cancel(is_cancelled)
                    progress(index * 100 // max(len(preview.rows), 1), f"已导入 {index} 行")
                case = self._create(session, row)
                self._events(session, actor, case, row)
                refresh(session, case, calendar, policy, day)
            record(
                session,
                actor,
                Action.IMPORT,
                ENTITY,
                "",
                count=len(preview.rows),
                rejected=len(preview.rejected),
            )
        return ImportReport(len(preview.rows), list(preview.rejected))

    def import_file(self, actor: Actor, path: Path, today: date | None = None) -> ImportReport:
        return self.import_rows(actor, self.preview(path, today), today)

    def _create(self, session: Session, row: LedgerRow) -> RequestCase:
        id_type = (
            RESIDENT_ID
            if row.applicant_type == ApplicantType.PERSON and len(row.id_number) == 18
            else "统一社会信用代码"
            if len(row.id_number) == 18
            else "其他证件"
        )
        applicant = None
        if row.id_number:
            applicant = session.scalars(select(Applicant).where(Applicant.id_number == row.id_number)).first()
        if applicant is None:
            applicant = Applicant(
                name=row.name,
                applicant_type=row.applicant_type,
                id_type=id_type,
                id_number=row.id_number,
                contact=row.contact,
            )
            session.add(applicant)
            session.flush()
        case = RequestCase(
            number=row.case_number,
            year=row.received_on.year,
            seq=0,
            applicant_id=applicant.id,
            applicant_type=row.applicant_type,
            applicant_name=row.name,
            id_type=id_type,
            id_number=row.id_number,
            contact=row.contact,
            description=row.description,
            form_requested="（台账未记录）",
            channel=row.channel,
            arrived_at=datetime.combine(row.received_on, datetime.min.time()),
            received_on=row.received_on,
            status=CaseStatus.PROCESSING.value,
            department="",
            outcome=row.outcome,
            outcome_basis=BY_KEY[row.outcome].basis if row.outcome else "",
            closed_on=row.answered_on,
            due_problem="",
            source_row=f"导入第{row.number}行",
        )
        session.add(case)
        session.flush()
        return case

    @staticmethod
    def _events(session: Session, actor: Actor, case: RequestCase, row: LedgerRow) -> None:
        note = IMPORT_NOTE
        add_event(
            session, case, actor, EventKind.REGISTERED, row.received_on, {"channel": row.channel}, note, False
        )
        if row.channel in NEEDS_CONFIRMATION:
            add_event(session, case, actor, EventKind.CONFIRMED, row.received_on, None, note, False)
        if row.answered_on is not None and row.outcome is not None:
            data = {"outcome": row.outcome, "basis": BY_KEY[row.outcome].basis}
            add_event(session, case, actor, EventKind.ANSWERED, row.answered_on, data, note, False)
            add_event(session, case, actor, EventKind.ARCHIVED, row.answered_on, None, note, False)
        filed = row.answered_on or row.received_on
        remedies = []
        if row.review is not None:
            remedies.append((REVIEW, row.review))
        if row.suit is not None:
            remedies.append(row.suit)
        for stage, result in remedies:
            session.add(
                RequestRemedy(
                    case_id=case.id,
                    stage=stage,
                    filed_on=filed,
                    body="（台账未记录）",
                    result=result,
                    closed_on=None if result == PENDING else filed,
                    note="由台账导入，日期待补",
                )
            )
