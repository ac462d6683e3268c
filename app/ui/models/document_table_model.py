"""The register as a lazy table: the total from one COUNT, rows read one page of 200 at a time."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.services.document_query import DocumentFilter, DocumentRow
from app.services.documents import DocumentService

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
PAGE_SIZE = 200
MAX_CACHED_PAGES = 25

Index = QModelIndex | QPersistentModelIndex


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


class DocumentTableModel(QAbstractTableModel):
    def __init__(self, service: DocumentService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._filter = DocumentFilter()
        self._total = 0
        self._pages: OrderedDict[int, list[DocumentRow]] = OrderedDict()

    @property
    def current_filter(self) -> DocumentFilter:
        return self._filter

    def set_filter(self, flt: DocumentFilter) -> int:
        total = self._service.count(flt)
        self.beginResetModel()
        self._filter, self._total = flt, total
        self._pages.clear()
        self.endResetModel()
        return total

    def row_at(self, row: int) -> DocumentRow | None:
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
            return {COL_TITLE: row.title, COL_INDEX_NO: row.index_no}.get(index.column())
        values = (row.index_no, row.doc_number, row.title, _day(row.written_on), row.disclosure,
                  _day(row.published_on), row.review_status or "未审查")  # fmt: skip
        return values[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return section + 1

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting happens in SQL; columns without a key keep the current order."""
        key = SORT_KEYS.get(column)
        if key is None:
            return
        self.set_filter(replace(self._filter, sort=key, descending=order == Qt.SortOrder.DescendingOrder))
