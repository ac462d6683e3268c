"""The audit log as a lazy table: rows are read from the service one page of 200 at a time."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.services.audit_query import AuditFilter, AuditQueryService, AuditRow
from app.services.permissions import Actor

COL_AT = 0
COL_USERNAME = 1
COL_ACTION = 2
COL_ENTITY = 3
COL_ENTITY_ID = 4
COL_SUMMARY = 5
HEADERS = ("时间", "账户", "操作", "对象", "编号", "详情")

PAGE_SIZE = 200
MAX_CACHED_PAGES = 25  # ~5,000 rows in memory however far the clerk scrolls

Index = QModelIndex | QPersistentModelIndex


class AuditTableModel(QAbstractTableModel):
    """rowCount is the filtered total; `data()` loads the page a row falls in on first use.

    The filter is pinned to the newest entry at `set_filter` time (AuditFilter.max_id), so entries
    appended meanwhile (the export logs itself) do not shift the cached pages.
    """

    def __init__(self, service: AuditQueryService, actor: Actor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service, self._actor = service, actor
        self._filter = AuditFilter(max_id=0)
        self._total = 0
        self._pages: OrderedDict[int, list[AuditRow]] = OrderedDict()

    @property
    def current_filter(self) -> AuditFilter:
        return self._filter

    def set_filter(self, flt: AuditFilter) -> int:
        """Re-query with `flt`; returns the number of matching entries."""
        pinned = self._service.snapshot(self._actor, flt)
        total = self._service.count(self._actor, pinned)
        self.beginResetModel()
        self._filter, self._total = pinned, total
        self._pages.clear()
        self.endResetModel()
        return total

    def row_at(self, row: int) -> AuditRow | None:
        if not 0 <= row < self._total:
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = self._service.page(self._actor, self._filter, number * PAGE_SIZE, PAGE_SIZE)
            self._pages[number] = page
            while len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = row - number * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.summary if index.column() == COL_SUMMARY and row.summary else None
        values = (row.at, row.username, row.action, row.entity, row.entity_id, row.summary)
        return values[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return section + 1
