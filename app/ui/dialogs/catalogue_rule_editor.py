"""The 公开时限 rule as the clerk corrects it: kind, N days from what, or which day of which period —
with the rule said back in words as it changes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from app.services.catalogue.rules import describe
from app.services.catalogue.types import Period, Rule, RuleKind

KIND_LABELS = {
    RuleKind.WORKING_DAYS: "N 个工作日内",
    RuleKind.CALENDAR_DAYS: "N 日内（自然日，末日遇节假日顺延）",
    RuleKind.PERIODIC: "定期公开",
    RuleKind.NONE: "长期公开（无期限）",
    RuleKind.MANUAL: "需人工确定",
}
PERIOD_LABELS = {Period.MONTH: "每月", Period.QUARTER: "每季度", Period.HALF: "每半年", Period.YEAR: "每年"}
MONTHS_IN = {Period.MONTH: 1, Period.QUARTER: 3, Period.HALF: 6, Period.YEAR: 12}


class RuleEditor(QWidget):
    """`rule()` is what the fields say now; `changed` fires on every edit."""

    changed = Signal()

    def __init__(self, rule: Rule, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._note = rule.note
        self.kind_box = QComboBox()
        for kind, label in KIND_LABELS.items():
            self.kind_box.addItem(label, kind)
        self.days_box = QSpinBox()
        self.days_box.setRange(1, 366)
        self.anchor_edit = QLineEdit()
        self.anchor_edit.setPlaceholderText("从什么起算，如：形成（变更）、批准、作出决定")
        self.anchor_edit.setMaxLength(20)
        self.period_box = QComboBox()
        for period, label in PERIOD_LABELS.items():
            self.period_box.addItem(label, period)
        self.month_box = QSpinBox()
        self.month_box.setPrefix("第 ")
        self.month_box.setSuffix(" 个月")
        self.day_box = QSpinBox()
        self.day_box.setRange(0, 31)
        self.day_box.setSpecialValueText("月底")
        self.day_box.setSuffix(" 日前")
        self.said = QLabel()
        self.said.setObjectName("hintLabel")
        self.said.setWordWrap(True)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("规则：", self.kind_box)
        form.addRow("天数：", self.days_box)
        form.addRow("起算：", self.anchor_edit)
        form.addRow("周期：", self.period_box)
        form.addRow("周期中的：", self.month_box)
        form.addRow("截止：", self.day_box)
        form.addRow("即：", self.said)
        self._form = form
        self.set_rule(rule)
        for combo in (self.kind_box, self.period_box):
            combo.currentIndexChanged.connect(self._edited)
        for spin in (self.days_box, self.month_box, self.day_box):
            spin.valueChanged.connect(self._edited)
        self.anchor_edit.textChanged.connect(self._edited)

    def set_rule(self, rule: Rule) -> None:
        self._note = rule.note
        self.kind_box.setCurrentIndex(self.kind_box.findData(rule.kind))
        self.days_box.setValue(max(rule.days, 1))
        self.anchor_edit.setText(rule.anchor)
        self.period_box.setCurrentIndex(self.period_box.findData(rule.period or Period.MONTH))
        self._fit_month()
        self.month_box.setValue(rule.month)
        self.day_box.setValue(rule.day)
        self._show()

    def rule(self) -> Rule:
        kind = RuleKind(self.kind_box.currentData())
        if kind in (RuleKind.WORKING_DAYS, RuleKind.CALENDAR_DAYS):
            return Rule(kind, days=self.days_box.value(), anchor=self.anchor_edit.text().strip())
        if kind is RuleKind.PERIODIC:
            period = Period(self.period_box.currentData())
            month = 1 if period is Period.MONTH else self.month_box.value()
            return Rule(kind, period=period, month=month, day=self.day_box.value())
        return Rule(kind, note=self._note if kind is RuleKind.MANUAL else "")

    def _edited(self) -> None:
        self._fit_month()
        self._show()
        self.changed.emit()

    def _fit_month(self) -> None:
        period = Period(self.period_box.currentData())
        self.month_box.setRange(1, MONTHS_IN[period])
        yearly = period is Period.YEAR  # 「每年1月31日前」 names the month itself
        self.month_box.setPrefix("" if yearly else "第 ")
        self.month_box.setSuffix(" 月" if yearly else " 个月")

    def _show(self) -> None:
        kind = RuleKind(self.kind_box.currentData())
        counted = kind in (RuleKind.WORKING_DAYS, RuleKind.CALENDAR_DAYS)
        periodic = kind is RuleKind.PERIODIC
        monthly = Period(self.period_box.currentData()) is Period.MONTH
        rows: tuple[tuple[QWidget, bool], ...] = (
            (self.days_box, counted),
            (self.anchor_edit, counted),
            (self.period_box, periodic),
            (self.month_box, periodic and not monthly),
            (self.day_box, periodic),
        )
        for widget, shown in rows:
            self._form.setRowVisible(widget, shown)
        rule = self.rule()
        text = describe(rule)
        if kind is RuleKind.MANUAL:
            text += "：每条信息的公开期限由您在关联时填写" + (f"（{rule.note}）" if rule.note else "")
        self.said.setText(text)
