"""Issue 19 (G6) on screen: a deactivated account's open window locks to the log-in at its next action."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from app.services.accounts.service import actor_of
from app.services.context import AppContext
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor, Role
from app.ui.dialogs.login_dialog import LoginDialog
from app.ui.main_window import MainWindow
from app.ui.pages.review_page import ReviewPage
from app.ui.tasks import TaskRunner


@pytest.fixture
def clerk_window(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor
) -> Iterator[tuple[MainWindow, Actor]]:
    clerk = actor_of(
        office_ctx.accounts.create_account(admin, "lisi", "李四", "lisi-pass-1", frozenset({Role.CLERK}))
    )
    runner = TaskRunner()
    main = MainWindow(office_ctx, runner, clerk)
    runner.setParent(main)
    qtbot.addWidget(main)
    main.show()
    yield main, clerk
    runner.wait_for_idle()


def test_signing_after_deactivation_locks_the_window(
    clerk_window: tuple[MainWindow, Actor],
    office_ctx: AppContext,
    admin: Actor,
    qtbot: QtBot,
    messages: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, clerk = clerk_window
    document = office_ctx.documents.create(
        admin, DocumentInput("关于做好冬季防火工作的通知", "测试镇人民政府")
    )
    sheet = office_ctx.reviews.create(admin, "document", document.id)
    page = window.show_page("review")
    assert isinstance(page, ReviewPage)
    page.view_combo.setCurrentIndex(page.view_combo.findData("审查中"))
    assert page._current is not None and page._current.id == sheet.id and page.agree_button.isVisible()
    locked: list[str] = []

    def log_in_as_admin(dialog: LoginDialog) -> int:
        locked.append(dialog.windowTitle())
        dialog.actor = admin
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(LoginDialog, "exec", log_in_as_admin)
    office_ctx.accounts.update_account(admin, clerk.account_id or 0, clerk.display_name, clerk.roles, False)
    qtbot.mouseClick(page.agree_button, Qt.MouseButton.LeftButton)
    assert messages and "已被停用" in messages[-1]
    qtbot.waitUntil(lambda: bool(locked))  # the lock comes right after the refused action
    assert "锁定" in locked[0] and window.actor.account_id == admin.account_id
    assert office_ctx.reviews.detail(sheet.id).signoffs == ()
