from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.services.permissions import Actor, Role
from app.ui.main_window import MainWindow
from app.ui.pages.settings_page import SettingsPage
from app.ui.widgets.letter_templates_panel import LetterTemplatesPanel
from tests.ui.conftest import type_chinese


def test_admin_saves_a_new_version_and_can_restore_the_default(window: MainWindow, qtbot: QtBot) -> None:
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    panel = page.findChild(LetterTemplatesPanel)
    assert panel is not None and panel.save_button.isVisibleTo(panel)
    panel.kind.setCurrentText("受理回执")
    default = panel.editor.toPlainText()
    assert "{申请人}" in default or "{受理编号}" in default
    panel.editor.moveCursor(panel.editor.textCursor().MoveOperation.End)
    type_chinese(panel.editor, "\n（本单位补充：请保管好本回执。）")
    panel.save()
    letters = window.ctx.requests.letters
    text, version = letters.template_text("受理回执")
    assert version == 1 and text.endswith("（本单位补充：请保管好本回执。）")
    panel.restore()
    assert letters.template_text("受理回执") == (default, 2)


def test_a_clerk_reads_but_cannot_edit(window: MainWindow) -> None:
    clerk = Actor(7, "lisi", "李四", frozenset({Role.CLERK}))
    panel = LetterTemplatesPanel(window.ctx.requests.letters, clerk)
    assert panel.editor.isReadOnly() and not panel.save_button.isVisibleTo(panel)
