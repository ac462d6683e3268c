"""公开栏 postings as a lazy table: rows are read from the service one page of 200 at a time."""

from __future__ import annotations

from collections import OrderedDict
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.services.posting_types import PostingFilter, PostingRow, PostingStatus
from app.services.postings import PostingService

COL_TITLE = 0
COL_BOARDS = 1
COL_PERIOD = 2
COL_STATUS = 3
COL_RESPONSIBLE = 4
HEADERS = ("标题", "公开栏", "公示期", "状态", "责任人")
PAGE_SIZE = 200
MAX_CACHED_PAGES = 25
STATUS_COLOURS = {PostingStatus.DUE_DOWN: "#B45309", PostingStatus.WAITING: "#1D4ED8"}

Index = QModelIndex | QPersistentModelIndex


class PostingTableModel(QAbstractTableModel):
    def __init__(self, service: PostingService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._filter = PostingFilter(date.today())
        self._total = 0
        self._pages: OrderedDict[int, list[PostingRow]] = OrderedDict()

    @property
    def current_filter(self) -> PostingFilter:
        return self._filter

    def set_filter(self, flt: PostingFilter) -> int:
        total = self._service.count(flt)
        self.beginResetModel()
        self._filter, self._total = flt, total
        self._pages.clear()
        self.endResetModel()
        return total

    def row_at(self, row: int) -> PostingRow | None:
        if not 0 <= row < self._total:
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = self._service.page(self._filter, number * PAGE_SIZE, PAGE_SIZE)
            self._pages[number] = page
            while len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = row - number * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def row_of(self, posting_id: int) -> int:
        """The row showing `posting_id` among the cached pages, or -1."""
        for number, page in self._pages.items():
            for offset, item in enumerate(page):
                if item.id == posting_id:
                    return number * PAGE_SIZE + offset
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(HEADERS)

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

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return section + 1
