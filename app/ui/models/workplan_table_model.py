"""The year's tasks as a lazy table: rows are read from the service one page of 200 at a time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from app.clock import Clock
from app.services.workplan.query import OPEN_STATUSES, TaskFilter, TaskRow, TaskSort
from app.services.workplan.service import WorkplanService
from app.ui.models.paged_table_model import Index, PagedTableModel

COL_DUE = 0
COL_STATUS = 1
COL_SECTION = 2
COL_TITLE = 3
COL_TIMES = 4
COL_HEADING = 5
COL_UNITS = 6
HEADERS = ("到期日", "状态", "科室", "任务", "次数", "所属标题", "牵头/责任单位")
UNDATED = "未定"
# Clicking a header sorts in the database (never in memory: the list may hold 100,000 tasks).
# 次数 and 所属标题 follow the plan's own order.
SORT_BY_COLUMN = {
    COL_DUE: TaskSort.DUE,
    COL_STATUS: TaskSort.STATUS,
    COL_SECTION: TaskSort.SECTION,
    COL_TITLE: TaskSort.TITLE,
    COL_TIMES: TaskSort.PLAN,
    COL_HEADING: TaskSort.PLAN,
    COL_UNITS: TaskSort.UNITS,
}
OVERDUE_COLOUR = QColor("#b42318")
REVIEW_COLOUR = QColor("#9a6700")
DONE_COLOUR = QColor("#6b7785")


class WorkplanTableModel(PagedTableModel[TaskFilter, TaskRow]):
    HEADERS = HEADERS

    def __init__(self, service: WorkplanService, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(TaskFilter(clock.today().year), parent)
        self._service, self._clock = service, clock

    @property
    def today(self) -> date:
        return self._clock.today()

    def _count(self, flt: TaskFilter) -> int:
        return self._service.count_tasks(flt)

    def _fetch(self, flt: TaskFilter, offset: int, limit: int, from_end: bool) -> list[TaskRow]:
        return self._service.page_tasks(flt, offset, limit, from_end)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_BY_COLUMN.get(column, TaskSort.PLAN)
        descending = order == Qt.SortOrder.DescendingOrder
        current = self.current_filter
        if (current.sort, current.descending) != (key, descending):
            self.set_filter(replace(current, sort=key, descending=descending))

    def with_sort(self, flt: TaskFilter) -> TaskFilter:
        """A new filter from the filter bar keeps the order the clerk chose by clicking a header."""
        return replace(flt, sort=self.current_filter.sort, descending=self.current_filter.descending)

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
