"""修改登记信息: the 登记 form pre-filled with the case, plus a reason (required once it is closed)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.services.privacy.masking import mask_id_number, mask_phone
from app.services.requests.edit import MAX_REASON
from app.services.requests.types import Registration, StepResult
from app.ui.dialogs.request_registration_dialog import RegistrationDialog

Submit = Callable[[Registration, str], StepResult]


class EditRegistrationDialog(RegistrationDialog):
    """Attributes: the registration widgets, `reason`; `result_value` after a successful save.

    证件号码 and 联系方式 are shown masked; left as shown they keep the stored value.
    """

    def __init__(
        self,
        submit: Submit,
        current: Registration,
        closed: bool,
        departments: list[str],
        parent: QWidget | None = None,
    ) -> None:
        self._current = current
        super().__init__(
            lambda reg: submit(reg, self.reason.text()),
            lambda _n: None,
            departments,
            current.arrived_at,
            parent,
        )
        self.setWindowTitle("修改登记信息")
        self.applicant_type.setCurrentText(current.applicant_type)
        self.name.setText(current.name)
        self.id_type.setCurrentText(current.id_type)
        self._masked_id, self._masked_contact = mask_id_number(current.id_number), mask_phone(current.contact)
        self.id_number.setText(self._masked_id)
        self.id_number.setToolTip(
            "为保护个人信息显示为部分隐藏；不修改则保留原号码，需更正时请整体重新输入。"
        )
        self.contact.setText(self._masked_contact)
        self.description.setPlainText(current.description)
        self.form_requested.setCurrentText(current.form_requested)
        self.channel.setCurrentText(current.channel)
        at = current.arrived_at
        self.arrived.setDateTime(QDateTime(QDate(at.year, at.month, at.day), QTime(at.hour, at.minute)))
        if current.received_on is not None:
            day = current.received_on
            self.confirmed.setChecked(True)
            self.received.setDate(QDate(day.year, day.month, day.day))
        self.department.setCurrentText(current.department)
        self.reason = QLineEdit()
        self.reason.setMaxLength(MAX_REASON)
        self.reason.setPlaceholderText("例如：申请人姓名登记有误" + ("（必填）" if closed else "（可不填）"))
        hint = QLabel(
            "修改会记入操作日志（原值 → 新值）；收到申请之日改变时，答复期限将重新计算。受理编号不变。"
            + ("\n这件申请已办结，只有管理员可以修改，且须填写原因。" if closed else "")
        )
        hint.setObjectName("hintLabel")
        hint.setWordWrap(True)
        extra = QFormLayout()
        extra.addRow("修改原因", self.reason)
        extra.addRow("", hint)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(1, extra)
        buttons = self.findChild(QDialogButtonBox)
        assert buttons is not None
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("保存修改")

    def collect(self) -> Registration:
        reg = super().collect()
        id_number = self._current.id_number if reg.id_number.strip() == self._masked_id else reg.id_number
        contact = self._current.contact if reg.contact.strip() == self._masked_contact else reg.contact
        arrived = reg.arrived_at
        if arrived.replace(second=0) == self._current.arrived_at.replace(second=0, microsecond=0):
            arrived = self._current.arrived_at  # the widget has no seconds; keep the stored time exactly
        return replace(reg, id_number=id_number, contact=contact, arrived_at=arrived)
