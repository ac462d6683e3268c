"""The 「公开情况」 table: one ComplianceRow a line, its status coloured (red 逾期未公开, amber 逾期公开 or
渠道缺失, green 按时), sortable by every column. The model sorts its own list (a proxy asking data() for
50,000 lines takes seconds; a key sort takes milliseconds)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.services.catalogue.types import ComplianceRow, Status

HEADERS = ("序号", "事项", "期间/信息", "期限", "公开日期", "状态", "逾期", "缺少渠道", "村（居）")
COL_SEQ, COL_ITEM, COL_WHAT, COL_DUE, COL_PUBLISHED, COL_STATUS, COL_LATE, COL_MISSING, COL_VILLAGE = range(9)
RED, AMBER, GREEN, GREY = QColor("#c62828"), QColor("#b26a00"), QColor("#2e7d32"), QColor("#6b7280")
STATUS_COLOURS = {
    Status.OVERDUE: RED,
    Status.LATE: AMBER,
    Status.CHANNEL_GAP: AMBER,
    Status.ON_TIME: GREEN,
    Status.UNDATED: GREY,
}
PROVISIONAL = "（暂定）"  # counted on a year whose holiday notice is not out yet

Index = QModelIndex | QPersistentModelIndex


def item_name(row: ComplianceRow) -> str:
    return f"{row.level1} › {row.level2}" if row.level2 else row.level1


def occasion(row: ComplianceRow) -> str:
    """期间/信息: the period of a periodic item, else the linked information (「公文：关于…」)."""
    if row.period_label:
        answered = f"（{row.source_kind}：{row.source_title}）" if row.source_title else ""
        return row.period_label + answered
    if row.source_kind:
        return f"{row.source_kind}：{row.source_title or '（已不存在）'}"
    return ""


def due_text(row: ComplianceRow, manual: bool = False) -> str:
    """`manual`: the item's 公开时限 fixes no date (「需人工确定」): a missing due date is the clerk's."""
    if row.due is None:
        return "需人工确定" if manual else "长期公开"
    return row.due.isoformat() + (PROVISIONAL if row.due_provisional else "")


def missing_text(row: ComplianceRow) -> str:
    """Only once something is published: before that every channel is missing, which says nothing."""
    return "、".join(row.missing_channels) if row.channels_done else ""


def late_text(row: ComplianceRow) -> str:
    return f"{row.days_late} 个工作日" if row.days_late else ""


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


class ComplianceTableModel(QAbstractTableModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[ComplianceRow] = []
        self._order: list[int] = []  # each line's place in the check (catalogue order)
        self._manual: frozenset[int] = frozenset()
        self._sorted_by: tuple[int, Qt.SortOrder] = (COL_SEQ, Qt.SortOrder.AscendingOrder)

    def set_rows(self, rows: list[ComplianceRow], manual: frozenset[int] = frozenset()) -> None:
        """`manual`: ids of the items whose due dates the clerk sets (「需人工确定」)."""
        self.beginResetModel()
        self._rows, self._order, self._manual = list(rows), list(range(len(rows))), manual
        self._sort(*self._sorted_by)
        self.endResetModel()

    def row_at(self, number: int) -> ComplianceRow | None:
        return self._rows[number] if 0 <= number < len(self._rows) else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort(column, order)
        self.layoutChanged.emit()

    def _sort(self, column: int, order: Qt.SortOrder) -> None:
        self._sorted_by = (column, order)
        pairs = sorted(
            zip(self._order, self._rows, strict=True),
            key=lambda pair: self._sort_key(pair[1], pair[0], column),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self._order, self._rows = [pair[0] for pair in pairs], [pair[1] for pair in pairs]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column in (COL_STATUS, COL_LATE, COL_MISSING):
            colour = STATUS_COLOURS.get(row.status)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.UserRole:
            return index.row()
        return None

    def _text(self, row: ComplianceRow, column: int) -> str:
        texts = {
            COL_SEQ: row.seq,
            COL_ITEM: item_name(row),
            COL_WHAT: occasion(row),
            COL_DUE: due_text(row, row.item_id in self._manual),
            COL_PUBLISHED: _day(row.published_on),
            COL_STATUS: row.status.value,
            COL_LATE: late_text(row),
            COL_MISSING: missing_text(row),
            COL_VILLAGE: row.village,
        }
        return texts[column]

    def _sort_key(self, row: ComplianceRow, number: int, column: int) -> tuple[object, int]:
        """Ties keep catalogue order; 序号 sorts as the catalogue does (「10」 after 「9」)."""
        if column == COL_SEQ:
            return (number, number)
        if column == COL_DUE:
            return (_day(row.due) or "9999", number)
        if column == COL_LATE:
            return (row.days_late, number)
        return (self._text(row, column), number)
