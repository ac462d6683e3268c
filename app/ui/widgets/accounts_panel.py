"""设置 → 账户: the account list for 管理员, and 修改我的密码 for everyone."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.accounts.service import AccountInfo, AccountService
from app.services.permissions import Actor, Perm, Role
from app.ui.controls.list_table import setup_list_table
from app.ui.dialogs.account_dialog import AccountDialog
from app.ui.errors import user_errors

HEADERS = ("用户名", "姓名", "角色", "状态")


class AccountsPanel(QWidget):
    def __init__(self, accounts: AccountService, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accounts, self._actor = accounts, actor
        self._rows: list[AccountInfo] = []
        is_admin = actor.can(Perm.MANAGE_ACCOUNTS)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        setup_list_table(self.table)
        self.table.doubleClicked.connect(self.edit_selected)
        self.single_mode = QCheckBox("单人模式：只有一个账户时启动不询问密码")
        self.single_mode.toggled.connect(self._on_single_mode_toggled)
        self.new_button = QPushButton("新建账户…")
        self.edit_button = QPushButton("编辑…")
        self.reset_button = QPushButton("重置密码…")
        self.own_password_button = QPushButton("修改我的密码…")
        self.new_button.clicked.connect(self.create_account)
        self.edit_button.clicked.connect(self.edit_selected)
        self.reset_button.clicked.connect(self.reset_selected_password)
        self.own_password_button.clicked.connect(self.change_own_password)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.reset_button):
            button.setVisible(is_admin)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.own_password_button)
        layout = QVBoxLayout(self)
        if not is_admin:
            note = QLabel("只有管理员可以添加或修改账户。")
            note.setObjectName("hintLabel")
            layout.addWidget(note)
        layout.addWidget(self.single_mode)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.single_mode.setEnabled(is_admin)
        self.table.setVisible(is_admin)
        self.refresh()

    def refresh(self) -> None:
        self._rows = self._accounts.list_accounts() if self._actor.can(Perm.MANAGE_ACCOUNTS) else []
        self.table.setRowCount(len(self._rows))
        for row, info in enumerate(self._rows):
            status = "已停用" if not info.active else ("已锁定" if info.locked_until else "正常")
            roles = "、".join(role.value for role in Role if role in info.roles)
            values = (info.username, info.display_name, roles, status)
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.single_mode.blockSignals(True)
        self.single_mode.setChecked(self._accounts.single_account_mode())
        self.single_mode.blockSignals(False)

    def _selected(self) -> AccountInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rows[rows[0].row()] if rows else None

    def _on_single_mode_toggled(self, enabled: bool) -> None:
        self._run(lambda: self._accounts.set_single_account_mode(self._actor, enabled))

    def create_account(self) -> None:
        dialog = AccountDialog(parent=self)
        while dialog.exec() == AccountDialog.DialogCode.Accepted:
            form = dialog.collect()
            save = partial(
                self._accounts.create_account,
                self._actor,
                form.username,
                form.display_name,
                form.password,
                form.roles,
            )
            if self._run(save):
                return

    def edit_selected(self) -> None:
        info = self._selected()
        if info is None or not self._actor.can(Perm.MANAGE_ACCOUNTS):
            return
        dialog = AccountDialog(info, parent=self)
        while dialog.exec() == AccountDialog.DialogCode.Accepted:
            form = dialog.collect()
            save = partial(
                self._accounts.update_account,
                self._actor,
                info.id,
                form.display_name,
                form.roles,
                form.active,
            )
            if self._run(save):
                return

    def _ask_password(self, title: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, "新密码（至少 6 位）：", QLineEdit.EchoMode.Password)
        return text if ok else None

    def reset_selected_password(self) -> None:
        info = self._selected()
        password = self._ask_password(f"重置「{info.display_name}」的密码") if info else None
        if info is not None and password is not None:
            self._run(lambda: self._accounts.set_password(self._actor, info.id, password))

    def change_own_password(self) -> None:
        password = self._ask_password("修改我的密码")
        if password is not None and self._actor.account_id is not None:
            account_id = self._actor.account_id
            self._run(lambda: self._accounts.set_password(self._actor, account_id, password))

    def _run(self, call: Callable[[], object]) -> bool:
        with user_errors(self) as attempt:
            call()
        self.refresh()
        return attempt.ok
