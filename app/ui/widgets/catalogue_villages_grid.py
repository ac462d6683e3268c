"""The 村（居）务公开 summary grid: one row per village, a column per item and period (its due date in the
header), the counts at the right; late cells red, missing ones amber, on-time ones green."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from app.services.catalogue.types import Status
from app.services.catalogue.villages_summary import SummaryCell, SummaryColumn, VillageQuarterTable

RED, AMBER, GREEN = QColor("#c62828"), QColor("#b26a00"), QColor("#2e7d32")
RED_BG, AMBER_BG = QColor("#fdecea"), QColor("#fff4e0")
COUNT_HEADERS = ("应公示", "按时", "逾期", "未公示")
COUNT_COLOURS = (None, None, RED, AMBER)  # 逾期 red, 未公示 amber, as the cells
CELL_WIDTH = 172  # fits 「1月22日 逾期 2 个工作日」
HEADER_CHARS = 9  # a column header line; longer 事项 names are shortened, the tooltip has them whole


class VillageQuarterGrid(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.verticalHeader().hide()

    def show_table(self, table: VillageQuarterTable) -> None:
        width = len(table.columns)
        self.clear()
        self.setColumnCount(1 + width + len(COUNT_HEADERS))
        self.setRowCount(len(table.rows))
        titles = ["村（社区）", *(_header(c) for c in table.columns), *COUNT_HEADERS]
        for column, title in enumerate(titles):
            header_item = QTableWidgetItem(title)
            if 1 <= column <= width:
                header_item.setToolTip(_cell_tip(table.columns[column - 1]))
            self.setHorizontalHeaderItem(column, header_item)
        for row, village in enumerate(table.rows):
            self.setItem(row, 0, QTableWidgetItem(village.village))
            for column, (target, cell) in enumerate(zip(table.columns, village.cells, strict=True), start=1):
                item = _centred(cell.text)
                _colour(item, cell.status)
                item.setToolTip(_cell_tip(target, cell))
                self.setItem(row, column, item)
            counts = (village.due_count, village.on_time, village.late, village.missing)
            for offset, (count, colour) in enumerate(zip(counts, COUNT_COLOURS, strict=True)):
                item = _centred(str(count))
                if count and colour is not None:
                    item.setForeground(QBrush(colour))
                self.setItem(row, 1 + width + offset, item)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setMinimumHeight(64)
        for column in range(self.columnCount()):
            self.setColumnWidth(column, 110 if column == 0 else CELL_WIDTH if column <= width else 58)


def _header(column: SummaryColumn) -> str:
    """Three short lines; the full title is the header's tooltip."""
    title = column.title if len(column.title) <= HEADER_CHARS else column.title[: HEADER_CHARS - 1] + "…"
    due = f"{column.due.month}月{column.due.day}日前" + ("（暂定）" if column.provisional else "")
    return f"{column.seq} {title}\n{column.period_label}\n{due}"


def _centred(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    return item


def _cell_tip(column: SummaryColumn, cell: SummaryCell | None = None) -> str:
    """The header's tooltip (whole title, due date), and a cell's: also its state and evidence."""
    lines = [f"{column.seq} {column.title}", f"{column.period_label}，{column.due.isoformat()} 前公示"]
    if cell is None:
        return "\n".join(lines)
    if cell.status is Status.OVERDUE:
        lines.append(f"尚未公示，已逾期 {cell.days_late} 个工作日")
    if cell.checked_by:
        lines.append(f"检查人：{cell.checked_by}")
    if cell.has_photo:
        lines.append("有现场照片")
    lines.append("双击登记或更正")
    return "\n".join(lines)


def _colour(item: QTableWidgetItem, status: Status) -> None:
    if status is Status.LATE:
        item.setForeground(QBrush(RED))
        item.setBackground(QBrush(RED_BG))
    elif status is Status.OVERDUE:
        item.setForeground(QBrush(AMBER))
        item.setBackground(QBrush(AMBER_BG))
    elif status is Status.ON_TIME:
        item.setForeground(QBrush(GREEN))
