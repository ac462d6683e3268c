"""公开栏 postings as a lazy table: rows are read from the service one page of 200 at a time."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from app.clock import Clock
from app.services.postings.service import PostingService
from app.services.postings.types import PostingFilter, PostingRow, PostingStatus
from app.ui.models.paged_table_model import Index, PagedTableModel

COL_TITLE = 0
COL_BOARDS = 1
COL_PERIOD = 2
COL_STATUS = 3
COL_RESPONSIBLE = 4
HEADERS = ("标题", "公开栏", "公示期", "状态", "责任人")
STATUS_COLOURS = {PostingStatus.DUE_DOWN: "#B45309", PostingStatus.WAITING: "#1D4ED8"}


class PostingTableModel(PagedTableModel[PostingFilter, PostingRow]):
    HEADERS = HEADERS

    def __init__(self, service: PostingService, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(PostingFilter(clock.today()), parent)
        self._service = service

    def _count(self, flt: PostingFilter) -> int:
        return self._service.count(flt)

    def _fetch(self, flt: PostingFilter, offset: int, limit: int, from_end: bool) -> list[PostingRow]:
        return self._service.page(flt, offset, limit, from_end)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == COL_STATUS:
            colour = STATUS_COLOURS.get(row.status)
            return QColor(colour) if colour else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        values = (
            row.title,
            row.boards,
            f"{row.period_start} 至 {row.period_end}",
            row.status.value,
            row.responsible,
        )
        return values[index.column()]
