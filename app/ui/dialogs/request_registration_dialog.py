"""登记 a request: the 条例第二十九条 fields, the channel, arrival time and 收到申请之日 (第三十一条)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.requests.deadlines import NEEDS_CONFIRMATION, Channel
from app.services.requests.types import ID_TYPES, ApplicantType, Registration, StepResult
from app.services.requests.validation import id_check_warning
from app.ui.controls.dialog_buttons import save_buttons
from app.ui.errors import user_errors

FORMS = ("纸质文本，邮寄", "纸质文本，自行领取", "电子文本，电子邮件", "当场查阅、抄录")
LookUp = Callable[[str], tuple[str, str, str, str] | None]


class RegistrationDialog(QDialog):
    """Attributes: the input widgets (tests fill them); `result_value` after a successful registration."""

    def __init__(
        self,
        submit: Callable[[Registration], StepResult],
        look_up: LookUp,
        departments: list[str],
        now: datetime,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._submit, self._look_up = submit, look_up
        self.result_value: StepResult | None = None
        self.setWindowTitle("登记政府信息公开申请")
        self.setMinimumWidth(620)
        self.applicant_type = QComboBox()
        self.applicant_type.addItems([t.value for t in ApplicantType])
        self.name = QLineEdit()
        self.name.setPlaceholderText("姓名，或法人、其他组织的名称")
        self.id_type = QComboBox()
        self.id_type.addItems(ID_TYPES)
        self.id_number = QLineEdit()
        self.id_number.editingFinished.connect(self._on_id_number_editing_finished)
        self.id_hint = QLabel("")
        self.id_hint.setObjectName("hintLabel")
        self.id_hint.setWordWrap(True)
        self.contact = QLineEdit()
        self.contact.setPlaceholderText("电话、通信地址或电子邮箱")
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText("申请公开的政府信息的名称、文号或者便于查询的其他特征性描述")
        self.description.setMaximumHeight(110)
        self.form_requested = QComboBox()
        self.form_requested.setEditable(True)
        self.form_requested.addItems(FORMS)
        self.channel = QComboBox()
        self.channel.addItems([c.value for c in Channel])
        self.channel.currentTextChanged.connect(self._on_channel_changed)
        self.arrived = QDateTimeEdit(
            QDateTime(QDate(now.year, now.month, now.day), QTime(now.hour, now.minute))
        )
        self.arrived.setCalendarPopup(True)
        self.arrived.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.confirmed = QCheckBox("已与申请人确认")
        self.received = QDateEdit(QDate(now.year, now.month, now.day))
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat("yyyy-MM-dd")
        self.received_hint = QLabel("")
        self.received_hint.setObjectName("hintLabel")
        self.received_hint.setWordWrap(True)
        # 当面/挂号邮寄: 收到申请之日 follows the arrival day unless the clerk changes it afterwards.
        self.arrived.dateTimeChanged.connect(lambda value: self.received.setDate(value.date()))
        self.confirmed.toggled.connect(lambda _on: self._on_channel_changed(self.channel.currentText()))
        self.department = QComboBox()
        self.department.setEditable(True)
        self.department.addItems(["", *departments])

        form = QFormLayout()
        form.addRow("申请人类型", self.applicant_type)
        form.addRow("申请人", self.name)
        form.addRow("身份证明", self.id_type)
        form.addRow("证件号码", self.id_number)
        form.addRow("", self.id_hint)
        form.addRow("联系方式", self.contact)
        form.addRow("申请内容", self.description)
        form.addRow("获取方式", self.form_requested)
        form.addRow("申请方式", self.channel)
        form.addRow("到达时间", self.arrived)
        form.addRow("", self.confirmed)
        form.addRow("收到申请之日", self.received)
        form.addRow("", self.received_hint)
        form.addRow("承办科室（可后填）", self.department)
        buttons = save_buttons(self, "登记", on_accept=self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._on_channel_changed(self.channel.currentText())

    def _on_channel_changed(self, channel: str) -> None:
        needs = channel in NEEDS_CONFIRMATION
        self.confirmed.setVisible(needs)
        self.received.setEnabled(not needs or self.confirmed.isChecked())
        if needs and not self.confirmed.isChecked():
            self.received_hint.setText(
                "平信、网络、传真：确认之日为收到申请之日，确认后才开始计算期限（条例第三十一条）。"
            )
        elif channel == Channel.REGISTERED_MAIL:
            self.received_hint.setText("挂号邮寄：以本机关签收之日为收到申请之日。")
        else:
            self.received_hint.setText("当面提交：以提交之日为收到申请之日。")

    def _on_id_number_editing_finished(self) -> None:
        number = self.id_number.text().strip()
        warning = id_check_warning(self.id_type.currentText(), number.upper())
        found = self._look_up(number) if number else None
        hints = [warning] if warning else []
        if found is not None:
            name, kind, id_type, contact = found
            hints.append(f"回头申请人：{name}（已按上次登记填入，可修改）")
            if not self.name.text().strip():
                self.name.setText(name)
            if not self.contact.text().strip():
                self.contact.setText(contact)
            self.applicant_type.setCurrentText(kind)
            self.id_type.setCurrentText(id_type)
        self.id_hint.setText("\n".join(hints))

    def collect(self) -> Registration:
        arrived = self.arrived.dateTime().toPython()
        assert isinstance(arrived, datetime)
        received_value = self.received.date().toPython()
        assert isinstance(received_value, date)
        channel = self.channel.currentText()
        needs = channel in NEEDS_CONFIRMATION
        received = received_value if (not needs or self.confirmed.isChecked()) else None
        return Registration(
            applicant_type=self.applicant_type.currentText(),
            name=self.name.text(),
            id_type=self.id_type.currentText(),
            id_number=self.id_number.text(),
            contact=self.contact.text(),
            description=self.description.toPlainText(),
            form_requested=self.form_requested.currentText(),
            channel=channel,
            arrived_at=arrived,
            received_on=received,
            department=self.department.currentText(),
        )

    def save(self) -> None:
        with user_errors(self) as attempt:  # a refusal saves nothing; the clerk corrects and tries again
            self.result_value = self._submit(self.collect())
        if attempt.stale:  # changed by someone else: close, the page shows the latest
            self.reject()
        elif attempt.ok:
            self.accept()
