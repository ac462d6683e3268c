"""GUI fixtures: one themed QApplication (pytest-qt's qapp) and a main window over the test database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.services.context import AppContext
from app.services.permissions import Actor
from app.ui.main_window import MainWindow
from app.ui.page_services import PageServices
from app.ui.pages.requests_page import RequestsPage
from app.ui.tasks import TaskRunner
from app.ui.theme import apply_theme
from tests.conftest import set_today

pytestmark = pytest.mark.gui


def type_chinese(widget: QWidget, text: str) -> None:
    """Type like a Chinese IME does: one committed string (QTest.keyClicks asserts on non-ASCII)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture(scope="session")
def themed_app(qapp: QApplication) -> QApplication:
    apply_theme(qapp)
    return qapp


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes are recorded instead of blocking the offscreen test."""
    shown: list[str] = []

    def record(_parent: object, _title: str, text: str, *args: object, **kwargs: object) -> object:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, record)
    return shown


@pytest.fixture
def window(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor
) -> Iterator[MainWindow]:
    runner = TaskRunner()
    main = MainWindow(office_ctx, runner, admin)
    runner.setParent(main)
    qtbot.addWidget(main)
    main.show()
    yield main
    runner.wait_for_idle()


@pytest.fixture
def make_requests_page(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, messages: list[str]
) -> Iterator[Callable[[Actor, date], RequestsPage]]:
    """The 依申请公开 page for an account on a given day; its background tasks finish before teardown."""
    runners: list[TaskRunner] = []

    def make(actor: Actor, today: date) -> RequestsPage:
        runner = TaskRunner()
        runners.append(runner)
        set_today(office_ctx, today)
        page = RequestsPage(PageServices(office_ctx, runner, actor))
        qtbot.addWidget(page)
        page.resize(1200, 760)
        page.show()
        return page

    yield make
    for runner in runners:
        runner.wait_for_idle()
