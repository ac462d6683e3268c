"""Log-in at start (and to unlock or switch account): user name + password, errors shown inline."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app import APP_NAME
from app.errors import UserFacingError
from app.services.accounts.passwords import MAX_LENGTH
from app.services.accounts.service import AccountService
from app.services.permissions import Actor
from app.ui.controls.dialog_buttons import save_buttons


class LockReason(StrEnum):
    """Why the window locked; the log-in dialog says it."""

    IDLE = "窗口因长时间无操作已锁定，请输入密码继续。"
    MANUAL = "窗口已锁定，请输入密码继续。"
    SESSION_ENDED = "当前账户已被停用或删除，窗口已锁定。请用一个启用的账户登录。"


class LoginDialog(QDialog):
    def __init__(
        self,
        accounts: AccountService,
        username: str = "",
        *,
        locked: bool = False,
        reason: LockReason = LockReason.IDLE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self.actor: Actor | None = None
        self.setWindowTitle("已锁定 — 请重新登录" if locked else f"登录{APP_NAME}")
        self.setMinimumWidth(400)
        title = QLabel(APP_NAME)
        title.setObjectName("pageTitle")
        if locked and reason is LockReason.SESSION_ENDED:
            username = ""  # that account can no longer log in: another one must
        hint = QLabel(reason.value if locked else "请输入用户名和密码。")
        hint.setWordWrap(True)
        hint.setObjectName("hintLabel")
        self.username = QLineEdit(username, maxLength=32)
        self.password = QLineEdit(maxLength=MAX_LENGTH, echoMode=QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("errorLabel")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("用户名", self.username)
        form.addRow("密码", self.password)
        buttons = save_buttons(self, "登录", cancel_text="退出程序" if not locked else "取消", primary=True)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.password if username else self.username).setFocus()

    def accept(self) -> None:
        try:
            self.actor = self._accounts.authenticate(self.username.text(), self.password.text())
        except UserFacingError as error:
            self.error.setText(error.message)
            self.password.clear()
            self.password.setFocus()
            return
        super().accept()
