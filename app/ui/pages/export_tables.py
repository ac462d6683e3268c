"""Tables of the 上报导出 page: read-only table helpers and the list of personal data found (issue 19)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem

from app.services.export.plan import ExportPlan
from app.ui.controls.list_table import setup_list_table

MB = 1_048_576
FINDING_HEADERS = ("名称", "位置", "发现", "处理", "索引号")


def cell(text: str, tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    item.setToolTip(tip or text)
    return item


def make_table(headers: tuple[str, ...], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    setup_list_table(table, striped=False, wrap=False, stretch=stretch)
    return table


def size_text(value: int) -> str:
    return f"{value / MB:.1f} MB" if value >= MB else f"{max(value, 1) / 1024:.0f} KB"


def fill(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    table.setRowCount(len(rows))
    for number, row in enumerate(rows):
        for column, text in enumerate(row):
            table.setItem(number, column, cell(text))


def finding_rows(plan: ExportPlan) -> list[tuple[str, str, str, str, str]]:
    """One row per piece of personal data found; 「处理」 says whether it was masked or its item left out."""
    leaving = {(item.kind, item.item_id) for item in plan.items}
    rows = []
    for found in plan.findings:
        fate = "已遮盖后上报" if (found.kind, found.item_id) in leaving else "整条不上报"
        rows.append((found.title, found.where, found.finding.label, fate, found.index_no))
    return rows


def findings_table() -> QTableWidget:
    table = make_table(FINDING_HEADERS, 4)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
    table.setColumnWidth(0, 180)  # long titles are elided; the tooltip shows them whole
    return table
