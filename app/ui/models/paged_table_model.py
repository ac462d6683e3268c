"""A table that never loads everything: one COUNT for the total, rows read a page of 200 at a time.

Every list (register, requests, postings, tasks, audit log) derives from this; a subclass says how to
count and fetch for its filter, and what each cell shows. A page in the far half of the list is read
from the end (the query's order reversed, `from_end`), so dragging the scrollbar to the last row costs
one indexed page read instead of an OFFSET that walks the whole list (issue 24).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

PAGE_SIZE = 200
MAX_CACHED_PAGES = 25  # ~5,000 rows in memory however far the clerk scrolls

Index = QModelIndex | QPersistentModelIndex
F = TypeVar("F")
R = TypeVar("R")


class PagedTableModel(QAbstractTableModel, Generic[F, R]):
    HEADERS: tuple[str, ...] = ()

    def __init__(self, initial_filter: F, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = initial_filter
        self._total = 0
        self._pages: OrderedDict[int, list[R]] = OrderedDict()

    # --- what a subclass provides ------------------------------------------------------------------
    def _count(self, flt: F) -> int:
        raise NotImplementedError

    def _fetch(self, flt: F, offset: int, limit: int, from_end: bool) -> list[R]:
        """`limit` rows in list order; with `from_end`, `offset` counts from the last row backwards."""
        raise NotImplementedError

    def _prepare(self, flt: F) -> F:
        """Adjust a new filter before it is used (e.g. pin it to the newest row)."""
        return flt

    # --- shared behaviour -----------------------------------------------------------------------------
    @property
    def current_filter(self) -> F:
        return self._filter

    def set_filter(self, flt: F) -> int:
        """Re-query with `flt`; returns the number of matching rows."""
        prepared = self._prepare(flt)
        total = self._count(prepared)
        self.beginResetModel()
        self._filter, self._total = prepared, total
        self._pages.clear()
        self.endResetModel()
        return total

    def reload(self) -> int:
        return self.set_filter(self._filter)

    @property
    def cached_pages(self) -> int:
        """How many pages are held now (at most MAX_CACHED_PAGES, however far the clerk scrolled)."""
        return len(self._pages)

    def row_at(self, row: int) -> R | None:
        if not 0 <= row < self._total:
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = self._read_page(number)
            self._pages[number] = page
            while len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = row - number * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def _read_page(self, number: int) -> list[R]:
        start = number * PAGE_SIZE
        end = min(start + PAGE_SIZE, self._total)
        if start < self._total - end:  # nearer the top: OFFSET walks at most half the list
            return self._fetch(self._filter, start, PAGE_SIZE, False)
        return self._fetch(self._filter, self._total - end, end - start, True)

    def row_of(self, item_id: int) -> int:
        """The row showing the item with this `id` among the cached pages, or -1."""
        for number, page in self._pages.items():
            for offset, item in enumerate(page):
                if getattr(item, "id", None) == item_id:
                    return number * PAGE_SIZE + offset
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return section + 1
