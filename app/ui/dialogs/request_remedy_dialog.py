"""Record a 行政复议 or 行政诉讼 against a case (annual report table 四)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.requests.remedies import PENDING, RESULTS, STAGES
from app.services.requests.types import RemedyView
from app.ui.controls.date_fields import date_edit
from app.ui.controls.dialog_buttons import save_buttons
from app.ui.errors import user_errors

RemedyInput = tuple[str, date, str, str, date | None]


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
        self.filed_on = date_edit(today)
        self.body = QLineEdit(default_body)
        self.body.setPlaceholderText("复议机关或人民法院名称")
        self.result_combo = QComboBox()
        self.result_combo.addItems(RESULTS)
        self.result_combo.setCurrentText(PENDING)
        self.closed = QCheckBox("已审结")
        self.closed_on = date_edit(today)
        form = QFormLayout()
        form.addRow("阶段", self.stage)
        form.addRow("提起日期", self.filed_on)
        form.addRow("复议机关 / 法院", self.body)
        form.addRow("结果", self.result_combo)
        form.addRow("", self.closed)
        form.addRow("审结日期", self.closed_on)
        buttons = save_buttons(self, on_accept=self.save)
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
        with user_errors(self) as attempt:
            self._submit(self.collect())
        if attempt.stale:  # changed by someone else: close, the page shows the latest
            self.reject()
        elif attempt.ok:
            self.accept()


ResultSubmit = Callable[[int, str, date | None], RemedyView]


class RemedyResultDialog(QDialog):
    """更新结果: the 复议机关 or court decided — record the result and the closing date of one record."""

    def __init__(
        self,
        remedies: Sequence[RemedyView],
        submit: ResultSubmit,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self.setWindowTitle("更新复议或诉讼结果")
        self.record_combo = QComboBox()
        for remedy in remedies:
            self.record_combo.addItem(f"{remedy.stage}　{remedy.filed_on.isoformat()}　{remedy.body}", remedy)
        pending = [i for i, r in enumerate(remedies) if r.result == PENDING]
        self.record_combo.setCurrentIndex(pending[0] if pending else 0)
        self.result_combo = QComboBox()
        self.result_combo.addItems(RESULTS)
        self.closed = QCheckBox("已审结")
        self.closed_on = date_edit(today)
        self.record_combo.currentIndexChanged.connect(lambda _i: self._show_current(today))
        self.result_combo.currentTextChanged.connect(self._on_result_changed)
        self.closed.toggled.connect(self.closed_on.setEnabled)
        form = QFormLayout()
        form.addRow("记录", self.record_combo)
        form.addRow("结果", self.result_combo)
        form.addRow("", self.closed)
        form.addRow("审结日期", self.closed_on)
        buttons = save_buttons(self, on_accept=self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._show_current(today)

    def _show_current(self, today: date) -> None:
        remedy = self.record_combo.currentData()
        assert isinstance(remedy, RemedyView)
        self.result_combo.setCurrentText(remedy.result)
        closed = remedy.closed_on or today
        self.closed_on.setDate(QDate(closed.year, closed.month, closed.day))
        self._on_result_changed(remedy.result)

    def _on_result_changed(self, result: str) -> None:
        # 维持/纠正/其他 are final decisions, so they carry a closing date; 尚未审结 never does.
        self.closed.setChecked(result != PENDING)
        self.closed_on.setEnabled(result != PENDING)

    def save(self) -> None:
        remedy = self.record_combo.currentData()
        assert isinstance(remedy, RemedyView)
        closed = self.closed_on.date().toPython()
        assert isinstance(closed, date)
        with user_errors(self) as attempt:
            self._submit(
                remedy.id, self.result_combo.currentText(), closed if self.closed.isChecked() else None
            )
        if attempt.stale:  # changed by someone else: close, the page shows the latest
            self.reject()
        elif attempt.ok:
            self.accept()
