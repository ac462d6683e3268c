"""The 依申请公开 Excel ledger: export every case, import old ledgers (preview → one transaction)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.request import Applicant, RequestCase, RequestRemedy
from app.services.audit.chain import Action, record
from app.services.common import (
    IsCancelled,
    Progress,
    SessionFactory,
    check_cancel,
    clock_for,
    never_cancelled,
    no_progress,
)
from app.services.formats.xlsx import Cell, ImportReport, RejectedRow, read_rows, write_rows
from app.services.permissions import Actor, Perm, require
from app.services.privacy.ledger_export import export_privacy
from app.services.privacy.masking import office_allow
from app.services.requests.core import add_event, deadline_policy, refresh
from app.services.requests.deadlines import NEEDS_CONFIRMATION
from app.services.requests.ledger_rows import (
    EXPORT_HEADERS,
    HEADERS,
    REQUIRED,
    WIDTHS,
    LedgerRow,
    ledger_row,
    masked_row,
    parse_row,
)
from app.services.requests.outcomes import BY_KEY
from app.services.requests.remedies import PENDING, REVIEW
from app.services.requests.types import (
    ENTITY,
    RESIDENT_ID,
    ApplicantType,
    CaseStatus,
    EventKind,
)
from app.services.settings.service import SettingsService
from app.services.workdays.service import CalendarService
from app.services.year_lock import require_year_unlocked

CHUNK = 1000
LEDGER_NAME = "依申请公开台账"
IMPORT_NOTE = "由台账导入"


@dataclass
class LedgerPreview:
    rows: list[LedgerRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)


class LedgerService:
    def __init__(
        self,
        sessions: SessionFactory,
        settings: SettingsService,
        calendar: CalendarService,
    ) -> None:
        self._sessions, self._settings, self._calendar = sessions, settings, calendar
        self._clock = clock_for(sessions)

    # ---- export ---------------------------------------------------------------------------------------

    def export_xlsx(
        self,
        actor: Actor,
        path: Path,
        progress: Progress = no_progress,
        is_cancelled: IsCancelled = never_cancelled,
        include_full: bool = False,
    ) -> int:
        """Every case; 证件号码, 联系方式 and any personal data in the text masked unless the clerk asks for
        them in full (「包含完整证件号」) and may see them. Audited: which ledger, masked or not, how many."""
        with self._sessions() as session:
            total = session.scalar(select(func.count()).select_from(RequestCase)) or 0
            privacy = export_privacy(actor, office_allow(session), include_full)
        rows = (row if privacy.full else masked_row(row, privacy.clean) for row in self._rows())
        written = write_rows(path, LEDGER_NAME, EXPORT_HEADERS, rows, WIDTHS, total, progress, is_cancelled)
        with self._sessions.begin() as session:
            record(
                session,
                actor,
                Action.EXPORT,
                ENTITY,
                "",
                台账=LEDGER_NAME,
                file=str(path),
                count=written,
                个人信息=privacy.shown,
            )
        return written

    def _rows(self) -> Iterator[list[Cell]]:
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
                yield ledger_row(case, remedies.get(case.id, []))
            last_id = cases[-1].id

    # ---- import ---------------------------------------------------------------------------------------

    def preview(self, path: Path, today: date | None = None) -> LedgerPreview:
        day = today or self._clock.today()
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
        day = today or self._clock.today()
        calendar, policy = self._calendar.calendar(), deadline_policy(self._settings)
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
