"""One dialog for every lifecycle step: the fields depend on the step; the service decides what is legal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services.requests.fees import FeeMethod
from app.services.requests.outcomes import BY_KEY, OUTCOMES
from app.services.requests.types import CaseDetail, EventKind, ServiceMethod, StepResult
from app.ui.controls.date_fields import date_edit
from app.ui.controls.dialog_buttons import save_buttons
from app.ui.errors import user_errors

Values = dict[str, object]
MAX_FEE = 1_000_000
DEFAULT_CORRECTION_DAYS = 15  # a reasonable 补正期限 the clerk can change (条例第三十条「合理的补正期限」)
OPINIONS = ("同意公开", "不同意公开", "逾期未提出意见")
HINTS = {
    EventKind.CONFIRMED: (
        "平信、网络、传真：与申请人确认之日即为收到申请之日（条例第三十一条），应在收到当日确认。"
    ),
    EventKind.CORRECTION_NOTICE: "补正应在收到申请之日起7个工作日内一次性告知（条例第三十条）。",
    EventKind.CORRECTION_LAPSED: (
        "申请人无正当理由逾期不补正，视为放弃申请（条例第三十条），本案按「其他处理」办结。"
    ),
    EventKind.THIRD_PARTY: "第三方应在收到征求意见书之日起15个工作日内提出意见；征求时间不计入答复期限。",
    EventKind.AGENCY: ("被征求意见机关应在15个工作日内提出意见，逾期视为同意公开；期间不计入答复期限。"),
    EventKind.EXTENSION: (
        "延期须经政府信息公开工作机构负责人同意，只能延长一次，最长20个工作日（条例第三十三条）。"
    ),
    EventKind.FEE_NOTICE: (
        "申请人应在收到收费通知次日起20个工作日内缴费，逾期视为放弃申请（国办函〔2020〕109号）。"
    ),
    EventKind.FEE_LAPSED: "按「其他处理/申请人逾期未按收费通知要求缴纳费用」办结。",
    EventKind.ON_THE_SPOT: "能够当场答复的，应当当场予以答复（条例第三十三条）。",
}


def _py(edit: QDateEdit) -> date:
    value = edit.date().toPython()
    assert isinstance(value, date)
    return value


class StepDialog(QDialog):
    """Attributes: `fields` (name → widget) for tests to fill; `result_value` after a successful save."""

    def __init__(
        self,
        kind: str,
        detail: CaseDetail,
        submit: Callable[[Values], StepResult],
        today: date,
        default_approver: str = "",
        departments: list[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind, self._submit = EventKind(kind), submit
        self.result_value: StepResult | None = None
        self.fields: dict[str, QWidget] = {}
        self.setWindowTitle(f"{kind} — {detail.number}")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        hint = HINTS.get(self.kind)
        if hint:
            label = QLabel(hint)
            label.setWordWrap(True)
            label.setObjectName("hintLabel")
            layout.addWidget(label)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self._build(detail, today, default_approver, departments or [])
        layout.addWidget(save_buttons(self, on_accept=self.save))

    def _add(self, name: str, label: str, widget: QWidget) -> None:
        self.fields[name] = widget
        self.form.addRow(label, widget)

    def _build(self, detail: CaseDetail, today: date, approver: str, departments: list[str]) -> None:
        kind = self.kind
        date_labels = {
            EventKind.CONFIRMED: "确认之日",
            EventKind.CORRECTION_NOTICE: "告知日期",
            EventKind.CORRECTION_RECEIVED: "收到补正之日",
            EventKind.ASSIGNED: "交办日期",
            EventKind.THIRD_PARTY: "第三方收到征求意见书之日",
            EventKind.AGENCY: "对方机关收到征求意见函之日",
            EventKind.THIRD_PARTY_REPLY: "收到意见之日",
            EventKind.EXTENSION: "负责人同意之日",
            EventKind.FEE_NOTICE: "申请人收到收费通知之日",
            EventKind.FEE_PAID: "缴费日期",
            EventKind.ANSWERED: "答复日期",
            EventKind.ON_THE_SPOT: "答复日期",
            EventKind.SERVED: "送达日期",
            EventKind.ARCHIVED: "归档日期",
            EventKind.WITHDRAWN: "撤回日期",
        }
        if kind in date_labels:
            self._add("on", date_labels[kind], date_edit(today))
        if kind == EventKind.CORRECTION_NOTICE:
            self._add("items", "需要补正的事项", QPlainTextEdit())
            self._add(
                "period_end",
                "补正期限",
                date_edit(date.fromordinal(today.toordinal() + DEFAULT_CORRECTION_DAYS)),
            )
        elif kind == EventKind.ASSIGNED:
            combo = QComboBox()
            combo.setEditable(True)
            combo.addItems(departments)
            combo.setCurrentText(detail.department)
            self._add("department", "承办科室", combo)
            due = detail.due_on or today
            self._add(
                "internal_due", "内部办结期限", date_edit(date.fromordinal(max(today, due).toordinal() - 3))
            )
        elif kind in (EventKind.THIRD_PARTY, EventKind.AGENCY):
            self._add(
                "party", "第三方姓名/名称" if kind == EventKind.THIRD_PARTY else "机关名称", QLineEdit()
            )
        elif kind == EventKind.THIRD_PARTY_REPLY:
            combo = QComboBox()
            pending: list[str] = []
            for event in detail.events:  # parties asked and not yet answered, oldest first
                party = str(event.data.get("party", ""))
                if event.kind in (EventKind.THIRD_PARTY, EventKind.AGENCY):
                    pending.append(party)
                elif event.kind in (EventKind.THIRD_PARTY_REPLY, EventKind.AGENCY_REPLY) and party in pending:
                    pending.remove(party)
            combo.addItems(pending)
            self._add("party", "征求对象", combo)
            opinion = QComboBox()
            opinion.addItems(OPINIONS)
            self._add("opinion", "意见", opinion)
        elif kind == EventKind.EXTENSION:
            spin = QSpinBox()
            spin.setRange(1, 20)
            spin.setValue(20)
            spin.setSuffix(" 个工作日")
            self._add("working_days", "延长", spin)
            self._add("approver", "批准人（负责人）", QLineEdit(approver))
            self._add("reason", "延期理由", QLineEdit())
        elif kind == EventKind.FEE_NOTICE:
            method = QComboBox()
            method.addItems([m.value for m in FeeMethod])
            self._add("method", "计费方式", method)
            amount = QSpinBox()
            amount.setRange(0, MAX_FEE)
            amount.setSuffix(" 元")
            self._add("amount", "收费金额", amount)
            self._add("basis", "收费依据", QLineEdit())
        elif kind in (EventKind.ANSWERED, EventKind.ON_THE_SPOT):
            combo = QComboBox()
            combo.addItem("（请选择办理结果）", None)
            for item in OUTCOMES:
                combo.addItem(item.ledger_label, item.key)
            self.basis = QLabel("")
            self.basis.setWordWrap(True)
            combo.currentIndexChanged.connect(self._on_outcome_changed)
            self._add("outcome", "办理结果", combo)
            self.form.addRow("法律依据", self.basis)
            self._add("reasons", "答复说明 / 不予公开理由", QPlainTextEdit())
        elif kind == EventKind.SERVED:
            method = QComboBox()
            method.addItems([m.value for m in ServiceMethod])
            self._add("method", "送达方式", method)
            self._add("has_signed", "已签收", QCheckBox("申请人已签收"))
            self._add("signed_on", "签收日期", date_edit(today))
            self._add("tracking_no", "EMS 邮件号", QLineEdit())
        elif kind == EventKind.WITHDRAWN:
            self._add("reason", "撤回理由", QLineEdit())

    def _on_outcome_changed(self, _index: int) -> None:
        combo = self.fields["outcome"]
        assert isinstance(combo, QComboBox)
        chosen = BY_KEY.get(combo.currentData() or "")
        self.basis.setText(chosen.basis if chosen else "")

    def values(self) -> Values:
        result: Values = {}
        for name, widget in self.fields.items():
            if isinstance(widget, QDateEdit):
                result[name] = _py(widget)
            elif isinstance(widget, QPlainTextEdit):
                result[name] = widget.toPlainText()
            elif isinstance(widget, QLineEdit):
                result[name] = widget.text()
            elif isinstance(widget, QSpinBox):
                result[name] = widget.value()
            elif isinstance(widget, QCheckBox):
                result[name] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                data = widget.currentData()
                result[name] = data if name == "outcome" else widget.currentText()
        return result

    def save(self) -> None:
        with user_errors(self) as attempt:  # on a refusal the case stays as it was; the clerk corrects it
            self.result_value = self._submit(self.values())
        if attempt.stale:  # someone else changed the case: close and show the latest
            self.reject()
        elif attempt.ok:
            self.accept()
