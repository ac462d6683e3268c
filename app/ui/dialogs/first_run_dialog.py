"""First start: the office's name and code, and the administrator account."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.errors import UserFacingError
from app.services.accounts.passwords import MAX_LENGTH
from app.services.accounts.service import AccountService
from app.services.permissions import Actor
from app.services.settings.service import SettingsService, validate_office
from app.ui.controls.dialog_buttons import save_buttons
from app.ui.controls.office_form import OfficeForm, confirm_org_code
from app.ui.errors import user_errors


class FirstRunDialog(QDialog):
    """Creates the administrator when no account exists yet, then saves the office profile as them."""

    def __init__(
        self,
        settings: SettingsService,
        accounts: AccountService,
        actor: Actor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings, self._accounts = settings, accounts
        self.actor = actor
        self.setWindowTitle(f"欢迎使用{APP_NAME}")
        self.setMinimumWidth(540)
        intro = QLabel("第一次使用，请先填写本单位的基本信息，并设置管理员账户。以后可以在「设置」中修改。")
        intro.setWordWrap(True)
        self.form = OfficeForm()
        self.form.load(settings.office())  # set up earlier by `main.py office set`: shown, not asked again
        self.username = QLineEdit("admin", maxLength=32)
        self.display_name = QLineEdit(maxLength=50, placeholderText="例如：张三")
        self.password = QLineEdit(maxLength=MAX_LENGTH, echoMode=QLineEdit.EchoMode.Password)
        self.password_again = QLineEdit(maxLength=MAX_LENGTH, echoMode=QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("至少 6 位")
        account_box = QGroupBox("管理员账户")
        account_form = QFormLayout(account_box)
        account_form.addRow("用户名", self.username)
        account_form.addRow("姓名", self.display_name)
        account_form.addRow("密码", self.password)
        account_form.addRow("再次输入密码", self.password_again)
        account_box.setVisible(actor is None)
        office_box = QGroupBox("单位信息")
        QVBoxLayout(office_box).addWidget(self.form)
        buttons = save_buttons(self, "开始使用", primary=True)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(intro)
        layout.addWidget(office_box)
        layout.addWidget(account_box)
        layout.addWidget(buttons)

    def accept(self) -> None:
        with user_errors(self) as attempt:
            office = validate_office(self.form.collect())  # check everything before writing anything
            if self.actor is None and self.password.text() != self.password_again.text():
                raise UserFacingError("两次输入的密码不一致，请重新输入。")
        if not attempt.ok or not confirm_org_code(self, office.org_code, self._settings.office()):
            return
        with user_errors(self) as attempt:
            if self.actor is None:
                self.actor = self._accounts.create_first_admin(
                    self.username.text(), self.display_name.text(), self.password.text()
                )
            self._settings.save_office(self.actor, office)
        if attempt.ok:
            super().accept()
