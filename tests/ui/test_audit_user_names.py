"""Issue 21 point 8: the audit log's 账户 column, filter and detail say 系统 / 命令行 for the program's own
entries, never `system` or `cli`, and name an account's person (王管理, not admin); the filter still
selects by the stored name."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.cli.common import CLI_ACTOR
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.context import AppContext
from app.services.permissions import SYSTEM, Actor
from app.ui.models.audit_table_model import COL_USERNAME
from app.ui.page_services import PageServices
from app.ui.pages.audit_page import AuditPage
from app.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui


def test_the_program_s_own_entries_are_named_in_chinese(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor
) -> None:
    with office_ctx.sessions.begin() as session:
        audit.record(session, SYSTEM, Action.UPDATE, "数据库", "", changes={"版本": ("0013", "0014")})
        audit.record(session, CLI_ACTOR, Action.EXPORT, "备份", "", file="a.zip")
        audit.record(session, replace(SYSTEM, username="cli"), Action.EXPORT, "备份", "", file="b.zip")
    runner = TaskRunner()
    page = AuditPage(PageServices(ctx=office_ctx, runner=runner, actor=admin))
    runner.setParent(page)
    qtbot.addWidget(page)
    page.show()
    users = [page.model.index(row, COL_USERNAME).data() for row in range(3)]
    assert users == ["命令行（旧版本）", "命令行", "系统"]  # newest first
    assert page.model.index(3, COL_USERNAME).data() == admin.display_name  # an account: its person
    shown = [page.username_combo.itemText(i) for i in range(page.username_combo.count())]
    assert "系统" in shown and "命令行" in shown and "system" not in shown and "cli" not in shown
    assert f"{admin.display_name}（{admin.username}）" in shown
    page.username_combo.setCurrentIndex(page.username_combo.findText("系统"))
    qtbot.mouseClick(page.query_button, Qt.MouseButton.LeftButton)
    page.table.selectRow(0)
    assert page.model.rowCount() == 1 and "账户：系统" in page.detail.toPlainText()
