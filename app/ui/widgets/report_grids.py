"""Read-only grids of the annual report's tables 二, 三 and 四, with the official labels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from app.services.report.tables import (
    LEAVES,
    OUTCOME_HEADER,
    R1,
    R2,
    R4,
    R37,
    TABLE2_BLOCKS,
    TABLE3_COLUMNS,
    TABLE4_GROUPS,
    TABLE4_RESULTS,
    Table2,
    Table3,
    Table4,
)

GROUP_WIDTH = 150
HEADER_BACKGROUND = "#eef2f6"


def _item(text: str, *, bold: bool = False, number: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setToolTip(text)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    if bold:
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    return item


def _grid(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(True)
    return table


def table2_grid() -> QTableWidget:
    table = _grid(4)
    table.horizontalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


def fill_table2(table: QTableWidget, data: Table2) -> None:
    values = data.as_json()
    table.clearSpans()
    table.setRowCount(sum(2 + len(items) for _, _, items in TABLE2_BLOCKS))
    row = 0
    for block, headers, items in TABLE2_BLOCKS:
        table.setSpan(row, 0, 1, 4)
        table.setItem(row, 0, _item(block, bold=True, number=True))
        table.setItem(row + 1, 0, _item(headers[0], bold=True, number=True))
        if len(headers) == 2:
            table.setSpan(row + 1, 1, 1, 3)
        for col, header in enumerate(headers[1:], start=1):
            table.setItem(row + 1, col, _item(header, bold=True, number=True))
        for offset, name in enumerate(items, start=2):
            table.setItem(row + offset, 0, _item(name))
            numbers = values[name]
            if len(numbers) == 1:
                table.setSpan(row + offset, 1, 1, 3)
            for col, number in enumerate(numbers, start=1):
                shown = str(int(number)) if float(number).is_integer() else f"{number:g}"
                table.setItem(row + offset, col, _item(shown, number=True))
        row += 2 + len(items)


def table3_grid() -> QTableWidget:
    table = _grid(2 + len(TABLE3_COLUMNS))
    table.setWordWrap(False)  # row heights stay even; a long label is elided and shown whole as a tooltip
    table.setHorizontalHeaderLabels(["", "项目", *TABLE3_COLUMNS])
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    table.setColumnWidth(0, GROUP_WIDTH)
    return table


def fill_table3(table: QTableWidget, data: Table3) -> None:
    """Rows as in the official table: 一, 二, the 21 leaves under their groups, （七）总计, 四."""
    rows = [R1, R2, *LEAVES, R37, R4]
    table.clearSpans()
    table.setRowCount(len(rows))
    groups: dict[str, list[int]] = {}
    for line, row in enumerate(rows):
        if row in (R1, R2, R4):
            table.setSpan(line, 0, 1, 2)
            table.setItem(line, 0, _item(row.label, bold=True))
        else:
            if row.group is not None:
                groups.setdefault(row.group, []).append(line)
            table.setItem(line, 1, _item(row.label, bold=row is R37))
        for col, number in enumerate(data.row(row.key), start=2):
            table.setItem(line, col, _item(str(number), number=True, bold=row is R37 or col == 8))
    table.setItem(2, 0, _item(OUTCOME_HEADER, bold=True))  # beside （一）予以公开, the first outcome row
    for group, lines in groups.items():
        table.setSpan(lines[0], 0, len(lines), 1)
        table.setItem(lines[0], 0, _item(group, bold=True))


def table4_grid() -> QTableWidget:
    table = _grid(1 + len(TABLE4_RESULTS))
    table.setHorizontalHeaderLabels(["", *TABLE4_RESULTS])
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


def fill_table4(table: QTableWidget, data: Table4) -> None:
    table.setRowCount(len(TABLE4_GROUPS))
    for line, group in enumerate(TABLE4_GROUPS):
        table.setItem(line, 0, _item(group, bold=True))
        for col in range(len(TABLE4_RESULTS)):
            value = data.values[line * len(TABLE4_RESULTS) + col]
            table.setItem(line, col + 1, _item(str(value), number=True, bold=col == 4))
