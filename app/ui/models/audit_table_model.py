"""The audit log as a lazy table: rows are read from the service one page of 200 at a time."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt

from app.services.audit.query import AuditFilter, AuditQueryService, AuditRow
from app.services.permissions import Actor
from app.ui.audit_names import UserNames
from app.ui.models.paged_table_model import Index, PagedTableModel

COL_AT = 0
COL_USERNAME = 1
COL_ACTION = 2
COL_ENTITY = 3
COL_ENTITY_ID = 4
COL_SUMMARY = 5
HEADERS = ("时间", "账户", "操作", "对象", "编号", "详情")


class AuditTableModel(PagedTableModel[AuditFilter, AuditRow]):
    """rowCount is the filtered total; `data()` loads the page a row falls in on first use.

    The filter is pinned to the newest entry at `set_filter` time (AuditFilter.max_id), so entries
    appended meanwhile (the export logs itself) do not shift the cached pages.
    """

    HEADERS = HEADERS

    def __init__(self, service: AuditQueryService, actor: Actor, parent: QObject | None = None) -> None:
        super().__init__(AuditFilter(max_id=0), parent)
        self._service, self._actor = service, actor
        self.names = UserNames()  # the page sets the office's accounts

    def _prepare(self, flt: AuditFilter) -> AuditFilter:
        return self._service.snapshot(self._actor, flt)

    def _count(self, flt: AuditFilter) -> int:
        return self._service.count(self._actor, flt)

    def _fetch(self, flt: AuditFilter, offset: int, limit: int, from_end: bool) -> list[AuditRow]:
        return self._service.page(self._actor, flt, offset, limit, from_end)

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
        values = (row.at, self.names.short(row.username), row.action, row.entity, row.entity_id, row.summary)
        return values[index.column()]
