"""Issue 19: backups hold every applicant's personal data, so the 文件 menu offers them to 管理员 only; the
other roles see the entries greyed out with the reason, and get them once a 管理员 signs in."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QApplication, QMenu

from app.services.context import AppContext
from app.services.permissions import Actor, Role
from app.ui.backup_actions import BACKUP_ADMIN_ONLY
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui


def _entries(window: MainWindow) -> list[tuple[str, bool, str]]:
    return [
        (action.text(), action.isEnabled(), action.toolTip())
        for action in (window.backup_action, window.restore_action, window.generation_action)
    ]


def test_other_roles_see_backup_entries_disabled_with_the_reason(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    clerk_info = office_ctx.accounts.create_account(
        admin, "jbr", "经办人小李", "clerk-pass-1", frozenset({Role.CLERK})
    )
    clerk = Actor(clerk_info.id, "jbr", "经办人小李", frozenset({Role.CLERK}))
    runner = TaskRunner()
    window = MainWindow(office_ctx, runner, clerk)
    runner.setParent(window)
    qtbot.addWidget(window)
    window.show()
    assert _entries(window) == [
        ("备份数据…", False, BACKUP_ADMIN_ONLY),
        ("从备份恢复…", False, BACKUP_ADMIN_ONLY),
        ("从自动备份恢复…", False, BACKUP_ADMIN_ONLY),
    ]
    window.backup()  # a shortcut or a stale menu reaches the slot: nothing happens
    assert not list(tmp_path.glob("*.zip"))
    menu = window.backup_action.parent()
    assert isinstance(menu, QMenu) and menu.toolTipsVisible(), "a greyed-out entry shows its reason on hover"
    window._become(admin)
    assert all(enabled and tip != BACKUP_ADMIN_ONLY for _text, enabled, tip in _entries(window))
