"""The request list as a lazy table: pages of 200 rows from the service, colour badges for due dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from app.clock import Clock
from app.services.requests.outcomes import BY_KEY
from app.services.requests.query import CaseFilter
from app.services.requests.service import RequestService
from app.services.requests.types import TIMED_STATUSES, CaseRow
from app.services.workdays.provisional import PROVISIONAL_LABEL, provisional_note
from app.ui.models.paged_table_model import Index, PagedTableModel

COL_NUMBER = 0
COL_RECEIVED = 1
COL_APPLICANT = 2
COL_TYPE = 3
COL_CHANNEL = 4
COL_STATUS = 5
COL_DUE = 6
COL_DEPARTMENT = 7
COL_OUTCOME = 8
COL_DESCRIPTION = 9
HEADERS = (
    "受理编号",
    "收到申请",
    "申请人",
    "申请人类型",
    "方式",
    "状态",
    "答复期限",
    "承办科室",
    "办理结果",
    "申请内容",
)
# Which service sort key each clickable header uses (others do not sort).
SORT_KEYS = {
    COL_NUMBER: "number",
    COL_RECEIVED: "received_on",
    COL_APPLICANT: "applicant_name",
    COL_STATUS: "status",
    COL_DUE: "due_on",
    COL_DEPARTMENT: "department",
}
RED, AMBER, GREEN, GREY = QColor("#c62828"), QColor("#b26a00"), QColor("#2e7d32"), QColor("#757575")
RED_BG, AMBER_BG = QColor("#fdecea"), QColor("#fff4e0")


def _due_text(row: CaseRow) -> str:
    if row.due_problem:
        return "无法计算"
    if row.due_on is None:
        return "—"
    text = row.due_on.isoformat()
    return f"{text} {PROVISIONAL_LABEL}" if row.due_is_provisional else text


def due_colour(row: CaseRow, today: date, soon: date) -> tuple[QColor, QColor | None]:
    """Text and background colour of the 答复期限 cell: 已逾期 red, 即将到期 amber, running green."""
    if row.due_problem:
        return RED, AMBER_BG
    if row.status not in TIMED_STATUSES or row.due_on is None:
        return GREY, None
    if row.due_on < today:
        return RED, RED_BG
    if row.due_on <= soon:
        return AMBER, AMBER_BG
    return GREEN, None


class RequestTableModel(PagedTableModel[CaseFilter, CaseRow]):
    HEADERS = HEADERS

    def __init__(self, service: RequestService, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(CaseFilter(), parent)
        self._service, self._clock = service, clock
        self._today = clock.today()
        self._soon = self._today

    def set_filter(self, flt: CaseFilter) -> int:
        """Due-date colours and 即将到期 are relative to the clock's today, read at each filter."""
        self._today = self._clock.today()
        self._soon = self._service.soon_cutoff(self._today)
        return super().set_filter(flt)

    def _count(self, flt: CaseFilter) -> int:
        return self._service.count(flt, self._today)

    def _fetch(self, flt: CaseFilter, offset: int, limit: int, from_end: bool) -> list[CaseRow]:
        return self._service.page(flt, offset, limit, self._today, from_end)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        wanted = (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.UserRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.BackgroundRole,
        )
        if role not in wanted:
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole):
            if column not in (COL_DUE, COL_STATUS):
                return None
            text, background = due_colour(row, self._today, self._soon)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(text)
            return QBrush(background) if background is not None and column == COL_DUE else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_DUE and row.due_problem:
                return row.due_problem
            if column == COL_DUE and row.due_is_provisional:
                return f"{PROVISIONAL_LABEL}：{provisional_note(row.due_assumed)}"
            return row.description if column == COL_DESCRIPTION else None
        return self._display(row, column)

    def _display(self, row: CaseRow, column: int) -> str:
        outcome = BY_KEY.get(row.outcome or "")
        values = (
            row.number,
            row.received_on.isoformat() if row.received_on else "待确认",
            row.applicant_name,
            row.applicant_type,
            row.channel,
            row.status,
            _due_text(row),
            row.department,
            outcome.ledger_label if outcome else "",
            row.description,
        )
        return values[column]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return
        flt = self._filter
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_filter(replace(flt, sort=key, descending=descending))
