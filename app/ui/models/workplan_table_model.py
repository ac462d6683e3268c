"""The year's tasks as a lazy table: rows are read from the service one page of 200 at a time."""

from __future__ import annotations

from collections import OrderedDict
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.services.workplan import WorkplanService
from app.services.workplan_query import OPEN_STATUSES, TaskFilter, TaskRow

COL_DUE = 0
COL_STATUS = 1
COL_SECTION = 2
COL_TITLE = 3
COL_TIMES = 4
COL_HEADING = 5
COL_UNITS = 6
HEADERS = ("到期日", "状态", "科室", "任务", "次数", "所属标题", "牵头/责任单位")
UNDATED = "未定"
OVERDUE_COLOUR = QColor("#b42318")
REVIEW_COLOUR = QColor("#9a6700")
DONE_COLOUR = QColor("#6b7785")

PAGE_SIZE = 200
MAX_CACHED_PAGES = 25

Index = QModelIndex | QPersistentModelIndex


class WorkplanTableModel(QAbstractTableModel):
    def __init__(self, service: WorkplanService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._filter = TaskFilter(date.today().year)
        self._total = 0
        self._pages: OrderedDict[int, list[TaskRow]] = OrderedDict()
        self.today = date.today()

    @property
    def current_filter(self) -> TaskFilter:
        return self._filter

    def set_filter(self, flt: TaskFilter) -> int:
        total = self._service.count_tasks(flt)
        self.beginResetModel()
        self._filter, self._total = flt, total
        self._pages.clear()
        self.endResetModel()
        return total

    def reload(self) -> int:
        return self.set_filter(self._filter)

    def row_at(self, row: int) -> TaskRow | None:
        if not 0 <= row < self._total:
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = self._service.page_tasks(self._filter, number * PAGE_SIZE, PAGE_SIZE)
            self._pages[number] = page
            while len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = row - number * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def find_row(self, task_id: int) -> int:
        """The row of a task among the loaded pages (after an edit), or -1."""
        for number, page in self._pages.items():
            for offset, row in enumerate(page):
                if row.id == task_id:
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
        column = index.column()
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_DUE and row.due is None:
                return "原文没有写明完成时限，请在右侧确定到期日。"
            return row.heading_path if column == COL_HEADING else row.title if column == COL_TITLE else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = (
            row.due.isoformat() if row.due else UNDATED,
            row.status,
            row.section or "",
            row.title,
            row.instance_label,
            row.heading_path,
            row.units,
        )
        return values[column]

    def _colour(self, row: TaskRow, column: int) -> QColor | None:
        if row.status not in OPEN_STATUSES:
            return DONE_COLOUR
        if column == COL_DUE and row.due is None:
            return REVIEW_COLOUR
        if column in (COL_DUE, COL_STATUS) and row.due is not None and row.due < self.today:
            return OVERDUE_COLOUR
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return section + 1
