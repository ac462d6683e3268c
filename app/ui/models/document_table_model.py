"""The register as a lazy table: the total from one COUNT, rows read one page of 200 at a time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QObject, Qt

from app.services.documents.query import DocumentFilter, DocumentRow
from app.services.documents.service import DocumentService
from app.ui.models.paged_table_model import Index, PagedTableModel

COL_INDEX_NO = 0
COL_NUMBER = 1
COL_TITLE = 2
COL_WRITTEN = 3
COL_DISCLOSURE = 4
COL_PUBLISHED = 5
COL_REVIEW = 6
HEADERS = ("索引号", "文号", "标题", "成文日期", "公开属性", "公开日期", "保密审查")
SORT_KEYS = {
    COL_INDEX_NO: "index_no",
    COL_NUMBER: "doc_number",
    COL_TITLE: "title",
    COL_WRITTEN: "written_on",
    COL_PUBLISHED: "published_at",
}


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


class DocumentTableModel(PagedTableModel[DocumentFilter, DocumentRow]):
    HEADERS = HEADERS

    def __init__(self, service: DocumentService, parent: QObject | None = None) -> None:
        super().__init__(DocumentFilter(), parent)
        self._service = service
        self.more = False  # a search matched more rows than the list holds (it shows the first COUNT_CAP)

    def _count(self, flt: DocumentFilter) -> int:
        counted = self._service.list_count(flt)
        self.more = counted.more
        return counted.rows

    def _fetch(self, flt: DocumentFilter, offset: int, limit: int, from_end: bool) -> list[DocumentRow]:
        if from_end and self.more:  # the list's end is not the query's end: read those rows forwards
            return self._service.page(flt, self.rowCount() - offset - limit, limit)
        return self._service.page(flt, offset, limit, from_end)

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
            tips = {COL_TITLE: row.title, COL_INDEX_NO: row.index_no, COL_REVIEW: row.review_reason or None}
            return tips.get(index.column())  # 待审查: why (issue 19)
        values = (row.index_no, row.doc_number, row.title, _day(row.written_on), row.disclosure,
                  _day(row.published_on), row.review_status or "未审查")  # fmt: skip
        return values[index.column()]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting happens in SQL; columns without a key keep the current order."""
        key = SORT_KEYS.get(column)
        if key is None:
            return
        self.set_filter(replace(self._filter, sort=key, descending=order == Qt.SortOrder.DescendingOrder))
