"""Issue 19: the idle lock left an open dialog with an applicant's details on screen. Now every other window
is hidden while the log-in waits — a dialog waiting in exec() keeps running with its contents hidden and its
title 「已锁定」 (hiding it would end it and lose the clerk's typing) — and all comes back after the log-in.
The log-in dialog says why the window locked."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QMenu, QVBoxLayout, QWidget

from app.services.context import AppContext
from app.services.permissions import Actor, Role
from app.ui.dialogs.login_dialog import LockReason, LoginDialog
from app.ui.idle_lock import LOCKED_TITLE
from app.ui.main_window import MainWindow

pytestmark = pytest.mark.gui
APPLICANT = "申请人：张三，身份证号 310101199001011234"


def _dialog(parent: QWidget, title: str) -> tuple[QDialog, QLabel, QLineEdit]:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    label, typed = QLabel(APPLICANT), QLineEdit()
    layout = QVBoxLayout(dialog)
    layout.addWidget(label)
    layout.addWidget(typed)
    return dialog, label, typed


def _showing(widget: QWidget) -> bool:
    """On screen: visible, and so is every window it sits in."""
    return widget.isVisible() and widget.window().isVisible()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen platform and a popup menu
def test_the_lock_hides_every_window_and_dialog_until_the_log_in(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.ctx.accounts.create_account(window.actor, "lisi", "李四", "lisi-pass-1", frozenset({Role.CLERK}))
    preview, preview_label, _ = _dialog(window, "张贴件预览")
    preview.show()  # a non-modal window
    case, case_label, typed = _dialog(window, "申请 2026-001 张三")
    menu = QMenu(window)
    menu.addAction("复制身份证号")
    during: dict[str, object] = {}

    def log_in(dialog: LoginDialog) -> int:
        dialog.show()
        others = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w not in (window, dialog)]
        during.update(
            others=others,
            pages=window.centralWidget().isVisible(),
            texts=[_showing(preview_label), _showing(case_label), _showing(typed), menu.isVisible()],
            case_title=case.windowTitle(),
            hint=dialog.findChild(QLabel, "hintLabel").text(),
        )
        dialog.password.setText("admin-pass-1")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(LoginDialog, "exec", log_in)

    def lock_while_the_case_is_open() -> None:
        menu.popup(window.geometry().center())
        window.lock(LockReason.IDLE)
        during["after"] = [_showing(preview_label), _showing(case_label), case.windowTitle(), typed.text()]
        case.accept()

    def open_case() -> None:
        typed.setText("张三的申请内容（未保存）")
        QTimer.singleShot(0, lock_while_the_case_is_open)
        case.exec()

    QTimer.singleShot(0, open_case)
    qtbot.waitUntil(lambda: "after" in during, timeout=5000)

    assert during["pages"] is False and during["texts"] == [False, False, False, False]
    assert during["others"] == [case] and during["case_title"] == LOCKED_TITLE  # only a blank frame
    assert during["hint"] == LockReason.IDLE.value
    # back as it was, the clerk's unsaved typing included; the menu stays closed
    assert during["after"] == [True, True, "申请 2026-001 张三", "张三的申请内容（未保存）"]
    assert window.centralWidget().isVisible() and not menu.isVisible()


def test_giving_up_the_log_in_closes_the_hidden_windows_too(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    preview, _label, _typed = _dialog(window, "张贴件预览")
    preview.show()
    monkeypatch.setattr(LoginDialog, "exec", lambda dialog: int(QDialog.DialogCode.Rejected))
    window.lock(LockReason.MANUAL)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert not preview.isVisible()


@pytest.mark.parametrize(
    ("lock", "hint", "username"),
    [
        (lambda w: w.lock(LockReason.IDLE), "长时间无操作", "admin"),
        (lambda w: w.lock(LockReason.MANUAL), "窗口已锁定，请输入密码", "admin"),
        (lambda w: w.session_ended(), "已被停用或删除", ""),
    ],
    ids=["idle", "menu", "account deactivated"],
)
def test_the_log_in_says_why_the_window_locked(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, lock: object, hint: str, username: str
) -> None:
    seen: list[tuple[str, str]] = []

    def look(dialog: LoginDialog) -> int:
        seen.append((dialog.findChild(QLabel, "hintLabel").text(), dialog.username.text()))
        dialog.actor = window.actor
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(LoginDialog, "exec", look)
    lock(window)  # type: ignore[operator]
    ((text, name),) = seen
    assert hint in text and name == username
    assert "长时间无操作" not in text or hint == "长时间无操作"


def test_an_idle_lock_while_locked_does_not_stack_a_second_log_in(
    window: MainWindow, office_ctx: AppContext, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[LoginDialog] = []

    def again(dialog: LoginDialog) -> int:
        opened.append(dialog)
        window.lock(LockReason.IDLE)  # the idle timer fires while the log-in waits
        dialog.actor = admin
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(LoginDialog, "exec", again)
    window.lock(LockReason.MANUAL)
    assert len(opened) == 1 and window.isVisible()
