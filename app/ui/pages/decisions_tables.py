"""The 决策目录 page's three tables: their headers and widths, and the text of each row."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from app.services.decisions.record import ProcessRecord
from app.services.decisions.types import AdjustmentInfo, DirectoryInfo, ItemInfo, ItemStatus
from app.ui.controls.list_table import setup_list_table

ITEM_HEADERS = ("序号", "决策事项名称", "状态", "尚缺环节", "计划完成时间", "承办单位", "履行程序")
HEARING_HEADERS = ("序号", "决策事项名称", "决策主体", "承办单位", "计划完成时间")
ADJUSTMENT_HEADERS = ("日期", "类型", "序号", "决策事项名称", "内容", "理由", "登记人")
ITEM_WIDTHS = (44, 230, 56, 180, 100, 130)
HEARING_WIDTHS = (44, 300, 160, 160)
ADJUSTMENT_WIDTHS = (100, 64, 48, 230, 260, 260)


def make_table(headers: tuple[str, ...], widths: tuple[int, ...] = ()) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    setup_list_table(table, widths=widths)
    return table


def fill_table(table: QTableWidget, rows: Sequence[Sequence[str]], ids: list[int] | None = None) -> None:
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column, text in enumerate(values):
            cell = QTableWidgetItem(text)
            cell.setToolTip(text)
            if ids is not None:
                cell.setData(Qt.ItemDataRole.UserRole, ids[row])
            table.setItem(row, column, cell)


def item_rows(info: DirectoryInfo, records: dict[int, ProcessRecord]) -> list[tuple[str, ...]]:
    return [
        (
            str(item.seq),
            item.name,
            item.status.value,
            "—" if item.status is ItemStatus.WITHDRAWN else records[item.id].missing_text() or "无",
            item.planned_on.isoformat(),
            item.undertaker,
            item.procedures.text(),
        )
        for item in info.items
    ]


def hearing_rows(hearing: list[ItemInfo]) -> list[tuple[str, ...]]:
    return [(str(i.seq), i.name, i.subject, i.undertaker, i.planned_on.isoformat()) for i in hearing]


def adjustment_rows(history: list[AdjustmentInfo]) -> list[tuple[str, ...]]:
    return [
        (
            a.adjusted_on.isoformat(),
            a.kind.value,
            str(a.seq),
            a.item_name,
            a.summary,
            a.reason,
            a.recorded_by,
        )
        for a in history
    ]
