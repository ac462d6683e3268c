"""Issue 21 point 8 on the 设置 page: a 统一社会信用代码 with a wrong check digit is refused with the right
digit named; a code that is not a credit code is kept only after the clerk says yes, and not asked again."""

from __future__ import annotations

import pytest

from PySide6.QtWidgets import QMessageBox

from app.ui.main_window import MainWindow
from app.ui.pages.settings_page import SettingsPage

pytestmark = pytest.mark.gui


class Clerk:
    """Answers the question boxes with `answer` and remembers what was asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.answer = QMessageBox.StandardButton.No

    def question(self, _parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        self.asked.append(text)
        return self.answer


@pytest.fixture
def clerk(monkeypatch: pytest.MonkeyPatch) -> Clerk:
    person = Clerk()
    monkeypatch.setattr(QMessageBox, "question", person.question)
    return person


def _page(window: MainWindow) -> SettingsPage:
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    return page


def test_a_wrong_check_digit_is_refused_and_nothing_saved(
    window: MainWindow, messages: list[str], clerk: Clerk
) -> None:
    page = _page(window)
    page.office_form.org_code.setText("11310118MB2F40001X")
    window.trigger("save")
    assert clerk.asked == [] and len(messages) == 1
    assert "第18位应为「N」" in messages[0] and "GB 32100-2015" in messages[0]
    office = window.ctx.settings.office()
    assert office is not None and office.org_code == "11320000TEST0001X"
    page.office_form.org_code.setText("11310118mb2f40001n")
    window.trigger("save")
    office = window.ctx.settings.office()
    assert clerk.asked == [] and office is not None and office.org_code == "11310118MB2F40001N"


def test_an_internal_code_is_asked_about_and_kept_only_on_yes(
    window: MainWindow, messages: list[str], clerk: Clerk
) -> None:
    page = _page(window)
    page.office_form.org_code.setText("ZX-2026")
    window.trigger("save")  # the clerk answers 否
    office = window.ctx.settings.office()
    assert len(clerk.asked) == 1 and "不是18位的统一社会信用代码" in clerk.asked[0]
    assert office is not None and office.org_code == "11320000TEST0001X"
    clerk.answer = QMessageBox.StandardButton.Yes
    window.trigger("save")
    office = window.ctx.settings.office()
    assert len(clerk.asked) == 2 and office is not None and office.org_code == "ZX-2026"
    page.boards.setPlainText("镇政府公开栏")
    window.trigger("save")  # the saved code is not asked about again
    assert len(clerk.asked) == 2 and window.ctx.settings.boards() == ["镇政府公开栏"] and messages == []
