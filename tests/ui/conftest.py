"""GUI fixtures: one themed QApplication (pytest-qt's qapp) and a main window over the test database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.services.context import AppContext
from app.services.permissions import Actor
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner
from app.ui.theme import apply_theme

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
