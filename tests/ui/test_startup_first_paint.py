"""Start-up (issue 24): the probe ends at the window's first paint, and that paint does not wait for the
工作台's data — the navigation works while the alerts are still being gathered."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from app.services.context import AppContext
from app.services.dashboard.collect_alerts import load_dashboard
from app.services.permissions import Actor
from app.ui.main_window import MainWindow
from app.ui.pages import dashboard_page
from app.ui.pages.dashboard_page import DashboardPage
from app.ui.startup_probe import show_and_wait_for_first_paint
from app.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


@pytest.fixture
def unshown_window(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor
) -> Iterator[MainWindow]:
    runner = TaskRunner()
    window = MainWindow(office_ctx, runner, admin)
    runner.setParent(window)
    qtbot.addWidget(window)
    yield window
    window.cancel_background_loads()
    runner.wait_for_idle()


def test_the_probe_returns_only_after_the_window_has_painted(unshown_window: MainWindow) -> None:
    paints = _Paints()
    unshown_window.installEventFilter(paints)
    assert show_and_wait_for_first_paint(unshown_window)
    assert paints.count >= 1 and unshown_window.isVisible()


def test_the_navigation_works_while_the_alerts_are_still_loading(
    unshown_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 工作台's load is held in the worker: the window still paints and 公文登记 still opens."""
    release, started = threading.Event(), threading.Event()

    def slow_load(*args: object, **kwargs: object) -> object:
        started.set()
        release.wait(20)
        return load_dashboard(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(dashboard_page, "load_dashboard", slow_load)
    window = unshown_window
    assert show_and_wait_for_first_paint(window)
    dashboard = window.page("dashboard")
    assert isinstance(dashboard, DashboardPage)
    qtbot.waitUntil(started.is_set, timeout=10_000)
    try:
        window.show_page("documents")
        current = window.current_page()
        assert current is not None and current.page_title == "公文登记"
        assert dashboard.loading  # the alerts have not arrived, and nothing waited for them
    finally:
        release.set()
    with qtbot.waitSignal(dashboard.loaded, timeout=20_000):
        pass
    assert not dashboard.loading
