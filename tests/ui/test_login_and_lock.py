from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from app.services.context import AppContext
from app.services.permissions import Actor, Role
from app.ui.dialogs.login_dialog import LoginDialog
from app.ui.main_window import MainWindow
from app.ui.pages.settings_page import SettingsPage
from app.ui.tasks import TaskRunner
from tests.ui.conftest import type_chinese


@pytest.fixture
def two_accounts(office_ctx: AppContext, admin: Actor) -> AppContext:
    office_ctx.accounts.create_account(admin, "lisi", "李四", "lisi-pass-1", frozenset({Role.CLERK}))
    return office_ctx


def _log_in(qtbot: QtBot, ctx: AppContext, username: str, password: str) -> LoginDialog:
    dialog = LoginDialog(ctx.accounts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    return dialog


def test_log_in_through_the_dialog_then_save_a_guarded_setting(
    themed_app: QApplication, qtbot: QtBot, two_accounts: AppContext, messages: list[str]
) -> None:
    assert two_accounts.accounts.auto_login() is None  # two accounts: a password is required
    wrong = _log_in(qtbot, two_accounts, "admin", "not-it")
    assert wrong.result() != QDialog.DialogCode.Accepted and "还可以再试 4 次" in wrong.error.text()
    assert wrong.password.text() == ""
    wrong.reject()

    dialog = _log_in(qtbot, two_accounts, "admin", "admin-pass-1")
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.actor is not None
    window = MainWindow(two_accounts, TaskRunner(), dialog.actor)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert "王管理" in window.account_label.text()
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage) and page.save_button.isVisible()
    page.boards.setPlainText("镇政府公开栏")
    type_chinese(page.office_form.address, "（新址）")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert two_accounts.settings.boards() == ["镇政府公开栏"]
    office = two_accounts.settings.office()
    assert office is not None and office.address.endswith("（新址）")
    assert messages == []


def test_a_clerk_sees_settings_read_only_and_no_audit_page(
    themed_app: QApplication, qtbot: QtBot, two_accounts: AppContext
) -> None:
    dialog = _log_in(qtbot, two_accounts, "lisi", "lisi-pass-1")
    assert dialog.actor is not None and dialog.actor.roles == frozenset({Role.CLERK})
    window = MainWindow(two_accounts, TaskRunner(), dialog.actor)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    assert not page.save_button.isVisible() and "只有管理员" in page.status.text()
    window.trigger("save")  # Ctrl+S does nothing for a clerk: the service would refuse anyway
    assert two_accounts.settings.boards() == []
    keys = [window.nav.item(row).data(Qt.ItemDataRole.UserRole) for row in range(window.nav.count())]
    assert "audit" not in keys


def test_idle_time_locks_the_window_and_input_postpones_it(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked: list[bool] = []
    window.idle._timer.timeout.disconnect()
    window.idle._timer.timeout.connect(lambda: locked.append(True))
    window.idle.set_interval_ms(1500)  # wide margins: a loaded CI machine may stretch each wait a lot
    for _ in range(6):  # keep typing for longer than the idle time, a key every 300 ms
        qtbot.wait(300)
        qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    assert locked == []
    qtbot.waitUntil(lambda: locked == [True], timeout=5000)


def test_lock_hides_data_until_the_password_is_given(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []

    def fake_exec(dialog: LoginDialog) -> int:
        central = window.stack.parentWidget()
        seen.append(central is not None and central.isVisible())
        dialog.password.setText("admin-pass-1")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(LoginDialog, "exec", fake_exec)
    window.lock()
    assert seen == [False]  # while the dialog was up, the pages were hidden
    assert window.isVisible() and window.stack.parentWidget().isVisible()  # type: ignore[union-attr]
