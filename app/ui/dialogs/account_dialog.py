"""Create or edit one account (管理员)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.accounts.passwords import MAX_LENGTH
from app.services.accounts.service import AccountInfo
from app.services.permissions import Role
from app.ui.controls.dialog_buttons import SAVE, save_buttons


@dataclass(frozen=True)
class AccountForm:
    username: str
    display_name: str
    password: str
    roles: frozenset[Role]
    active: bool


class AccountDialog(QDialog):
    def __init__(self, existing: AccountInfo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("编辑账户" if existing else "新建账户")
        self.setMinimumWidth(460)
        self.username = QLineEdit(maxLength=32, placeholderText="字母或数字，例如 zhangsan")
        self.display_name = QLineEdit(maxLength=50)
        self.password = QLineEdit(
            maxLength=MAX_LENGTH, echoMode=QLineEdit.EchoMode.Password, placeholderText="至少 6 位"
        )
        self.role_boxes = {role: QCheckBox(role.value) for role in Role}
        self.active = QCheckBox("启用")
        self.active.setChecked(True)
        roles_row = QHBoxLayout()
        for box in self.role_boxes.values():
            roles_row.addWidget(box)
        form = QFormLayout()
        form.addRow("用户名", self.username)
        form.addRow("姓名", self.display_name)
        if existing is None:
            form.addRow("初始密码", self.password)
        form.addRow("角色（可多选）", roles_row)
        form.addRow("", self.active)
        buttons = save_buttons(self, kind=SAVE)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        if existing is not None:
            self.username.setText(existing.username)
            self.username.setReadOnly(True)
            self.display_name.setText(existing.display_name)
            self.active.setChecked(existing.active)
            for role, box in self.role_boxes.items():
                box.setChecked(role in existing.roles)
        else:
            self.role_boxes[Role.CLERK].setChecked(True)

    def collect(self) -> AccountForm:
        roles = frozenset(role for role, box in self.role_boxes.items() if box.isChecked())
        return AccountForm(
            self.username.text(),
            self.display_name.text(),
            self.password.text(),
            roles,
            self.active.isChecked(),
        )
