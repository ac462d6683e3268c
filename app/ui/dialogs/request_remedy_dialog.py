"""Record a 行政复议 or 行政诉讼 against a case (annual report table 四)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserFacingError
from app.services.remedies import PENDING, RESULTS, STAGES
from app.services.request_types import RemedyView
from app.ui.errors import show_error

RemedyInput = tuple[str, date, str, str, date | None]


def _date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class RemedyDialog(QDialog):
    def __init__(
        self,
        submit: Callable[[RemedyInput], RemedyView],
        today: date,
        default_body: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self.setWindowTitle("登记行政复议或行政诉讼")
        self.stage = QComboBox()
        self.stage.addItems(STAGES)
        self.filed_on = _date_edit(today)
        self.body = QLineEdit(default_body)
        self.body.setPlaceholderText("复议机关或人民法院名称")
        self.result_combo = QComboBox()
        self.result_combo.addItems(RESULTS)
        self.result_combo.setCurrentText(PENDING)
        self.closed = QCheckBox("已审结")
        self.closed_on = _date_edit(today)
        form = QFormLayout()
        form.addRow("阶段", self.stage)
        form.addRow("提起日期", self.filed_on)
        form.addRow("复议机关 / 法院", self.body)
        form.addRow("结果", self.result_combo)
        form.addRow("", self.closed)
        form.addRow("审结日期", self.closed_on)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def collect(self) -> RemedyInput:
        filed, closed = self.filed_on.date().toPython(), self.closed_on.date().toPython()
        assert isinstance(filed, date) and isinstance(closed, date)
        return (
            self.stage.currentText(),
            filed,
            self.body.text(),
            self.result_combo.currentText(),
            closed if self.closed.isChecked() else None,
        )

    def save(self) -> None:
        try:
            self._submit(self.collect())
        except UserFacingError as error:
            show_error(self, error)
            return
        self.accept()
