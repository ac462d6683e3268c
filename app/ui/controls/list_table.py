"""The one setup for read-only list tables: whole rows, one at a time, no row numbers, no in-place editing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def setup_list_table(
    table: QTableView,
    *,
    widths: Mapping[int, int] | Sequence[int] = (),
    striped: bool = True,
    wrap: bool = True,
    uniform_rows: bool = False,
    stretch: int | None = None,
    sort_by: tuple[int, Qt.SortOrder] | None = None,
) -> None:
    """Call after setModel (a QTableView needs its columns before it can take widths).

    `stretch` None stretches the last column; a column number fits every column to its contents and
    gives that one the rest. `uniform_rows` fixes row heights so long lazy lists never measure rows;
    `sort_by` turns on header-click sorting, starting from that column.
    """
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(striped)
    table.setWordWrap(wrap)
    rows = table.verticalHeader()
    rows.hide()
    if uniform_rows:
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = table.horizontalHeader()
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    if sort_by is not None:
        header.setSortIndicator(*sort_by)  # before enabling, so the model sorts once, by this column
        table.setSortingEnabled(True)
    pairs = widths.items() if isinstance(widths, Mapping) else enumerate(widths)
    for column, width in pairs:
        table.setColumnWidth(column, width)
