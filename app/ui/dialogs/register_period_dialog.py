"""张贴登记簿: which 公开栏 and which period (a month, a quarter, a year or any span) and which format."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QWidget,
)

from app.ui.controls.date_fields import date_edit
from app.ui.controls.dialog_buttons import save_buttons

QUICK = ("本月", "本季度", "本年度", "上一年度")


def quick_period(name: str, today: date) -> tuple[date, date]:
    if name == "本月":
        following = date(today.year + today.month // 12, today.month % 12 + 1, 1)
        return date(today.year, today.month, 1), date.fromordinal(following.toordinal() - 1)
    if name == "本季度":
        first = (today.month - 1) // 3 * 3 + 1
        following = date(today.year + (first + 3 > 12), (first + 2) % 12 + 1, 1)
        return date(today.year, first, 1), date.fromordinal(following.toordinal() - 1)
    year = today.year - (name == "上一年度")
    return date(year, 1, 1), date(year, 12, 31)


class RegisterPeriodDialog(QDialog):
    """Attributes: `board`, `quick`, `start`, `end`, `format`; `values()` after accept."""

    def __init__(
        self, boards: list[str], current: str | None, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出张贴登记簿")
        self._today = today
        self.board = QComboBox()
        self.board.addItems(boards)
        if current in boards:
            self.board.setCurrentText(current)
        self.quick = QComboBox()
        self.quick.addItems([*QUICK, "自定义"])
        self.quick.setCurrentText("本年度")
        start, end = quick_period("本年度", today)
        self.start, self.end = date_edit(start), date_edit(end)
        self.format = QComboBox()
        self.format.addItem("Word 文档（.docx）", ".docx")
        self.format.addItem("Excel 工作簿（.xlsx）", ".xlsx")
        self.quick.currentTextChanged.connect(self._on_quick)
        for edit in (self.start, self.end):
            edit.dateChanged.connect(lambda _d: self.quick.setCurrentText("自定义"))
        span = QHBoxLayout()
        span.addWidget(self.start)
        span.addWidget(self.end)
        buttons = save_buttons(self, "导出…")
        form = QFormLayout(self)
        form.addRow("公开栏", self.board)
        form.addRow("期间", self.quick)
        form.addRow("自 / 至", span)
        form.addRow("格式", self.format)
        form.addRow(buttons)

    def _on_quick(self, name: str) -> None:
        if name not in QUICK:
            return
        start, end = quick_period(name, self._today)
        for edit, value in ((self.start, start), (self.end, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(value.year, value.month, value.day))
            edit.blockSignals(False)

    def values(self) -> tuple[str, date, date, str]:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        assert isinstance(start, date) and isinstance(end, date)
        return self.board.currentText(), start, end, str(self.format.currentData())
