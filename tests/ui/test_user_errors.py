"""Issue 20: one way a refusal reaches the clerk (ui/errors.user_errors → show_error), and one setup for the
list tables. The holiday panel, the holiday import and the letter templates once showed their own message
box, so a deactivated account's refusal there left the window open; now it locks like everywhere else."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QTableView, QWidget

from app.errors import UserFacingError
from app.models.versioning import StaleRecordError
from app.services.context import AppContext
from app.services.permissions import Actor, SessionEndedError
from app.ui.dialogs.holiday_import_dialog import HolidayImportDialog
from app.ui.errors import user_errors
from app.ui.main_window import MainWindow
from app.ui.widgets.accounts_panel import AccountsPanel
from app.ui.widgets.holiday_panel import DayEditDialog, HolidayPanel
from app.ui.widgets.letter_templates_panel import LetterTemplatesPanel
from tests.ui.test_holiday_panel import NOTICE_2017

pytestmark = pytest.mark.gui
ENDED = "账户「王管理」已被停用，不能再修改。窗口已锁定，请用仍在启用的账户重新登录。"


class Window(QWidget):
    """Stands in for the main window: show_error's end_session looks up the parents for session_ended."""

    def __init__(self) -> None:
        super().__init__()
        self.locks = 0

    def session_ended(self) -> None:
        self.locks += 1


def _deactivated(*_args: object, **_kwargs: object) -> int:
    raise SessionEndedError(ENDED)


def test_a_refusal_is_shown_once_and_the_code_after_the_block_knows(
    themed_app: QApplication, qtbot: QtBot, messages: list[str]
) -> None:
    window = Window()
    qtbot.addWidget(window)
    with user_errors(window) as saved:
        pass
    assert saved.ok and messages == []
    wrong = "文号「某政发2026 1号」格式不对，请按「某政发〔2026〕1号」填写。"
    with user_errors(window) as refused:
        raise UserFacingError(wrong)
    assert not refused.ok and not refused.stale and messages == [wrong]
    with user_errors(window) as overtaken:
        raise StaleRecordError("documents")
    assert overtaken.stale and "已被其他人修改" in messages[-1] and len(messages) == 2
    with pytest.raises(KeyError), user_errors(window):  # a bug is no refusal: it goes on to the crash dialog
        raise KeyError("状态")
    assert len(messages) == 2 and window.locks == 0


def test_a_deactivated_account_locks_the_window_from_the_calendar_and_the_letter_templates(
    themed_app: QApplication,
    qtbot: QtBot,
    office_ctx: AppContext,
    admin: Actor,
    messages: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = Window()
    qtbot.addWidget(window)
    calendar, letters = office_ctx.calendar, office_ctx.requests.letters
    monkeypatch.setattr(calendar, "set_day", _deactivated)  # the account was switched off meanwhile
    monkeypatch.setattr(calendar, "save_arrangement", _deactivated)
    monkeypatch.setattr(letters, "save_template", _deactivated)

    panel = HolidayPanel(calendar, admin, window)
    monkeypatch.setattr(DayEditDialog, "exec", lambda _dialog: QDialog.DialogCode.Accepted.value)
    panel.action_edit_day(date(2026, 12, 31))
    assert messages == [ENDED]
    qtbot.waitUntil(lambda: window.locks == 1)

    dialog = HolidayImportDialog(calendar, admin, window)
    dialog.text.setPlainText(NOTICE_2017)
    dialog.action_parse()
    dialog.accept()
    assert messages == [ENDED] * 2 and dialog.result() != QDialog.DialogCode.Accepted
    qtbot.waitUntil(lambda: window.locks == 2)

    templates = LetterTemplatesPanel(letters, admin, window)
    templates.save()
    assert messages == [ENDED] * 3
    qtbot.waitUntil(lambda: window.locks == 3)


def test_every_list_selects_whole_rows_one_at_a_time_and_is_not_edited_in_place(window: MainWindow) -> None:
    pages = ("documents", "review", "requests", "decisions", "boards", "export", "tasks", "audit")
    tables = [table for key in pages for table in window.show_page(key).findChildren(QTableView)]
    settings = window.show_page("settings").findChild(AccountsPanel)
    assert settings is not None
    tables.append(settings.table)
    assert len(tables) >= 12
    for table in tables:
        assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
        assert table.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
        assert table.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection
        assert table.verticalHeader().isHidden()
