from __future__ import annotations

import threading
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressDialog, QPushButton

from app.errors import UserFacingError
from app.services.alerts import Alert, Urgency
from app.services.context import AppContext
from app.services.dashboard import collect_alerts as dashboard
from app.services.permissions import Actor
from app.ui.main_window import MainWindow
from app.ui.pages.dashboard_page import LOADING_TEXT, DashboardPage

pytestmark = pytest.mark.gui


def test_an_alert_opens_its_page(window: MainWindow, qtbot: QtBot) -> None:
    page = window.show_page("dashboard")
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: not page.loading, timeout=20_000)
    buttons = {button.text(): button for button in page.findChildren(QPushButton) if button.isVisible()}
    assert "请备份数据" in buttons
    qtbot.mouseClick(buttons["请备份数据"], Qt.MouseButton.LeftButton)
    current = window.current_page()
    assert current is not None and current.page_title == "设置"


def _texts(page: DashboardPage) -> list[str]:
    return [label.text() for label in page.findChildren(QLabel) if label.isVisible()]


def test_the_window_shows_at_once_and_the_alerts_follow(window: MainWindow, qtbot: QtBot) -> None:
    """Start-up never waits for the alerts: a calm placeholder first, then the cards, with no dialog."""
    page = window.page("dashboard")
    assert isinstance(page, DashboardPage)
    assert page.loading
    assert LOADING_TEXT in _texts(page)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        pass
    assert LOADING_TEXT not in _texts(page)
    assert "年度节点与提醒（" in " ".join(_texts(page))
    assert page.charts is not None and len(page.charts.cards) == 6
    assert window.findChildren(QProgressDialog) == []  # a background load never shows the modal progress


def test_a_change_during_a_load_shows_only_the_fresh_result(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.show_page("dashboard")
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: not page.loading, timeout=20_000)
    started, release = threading.Event(), threading.Event()
    rounds: list[int] = []

    def slow_source(_ctx: AppContext, _today: date, _actor: Actor) -> list[Alert]:
        rounds.append(len(rounds) + 1)
        if len(rounds) == 1:
            started.set()
            release.wait(10)
        return [Alert(Urgency.WAITING, f"第{len(rounds)}次汇总", "", "settings")]

    monkeypatch.setattr(dashboard, "SOURCES", [slow_source])
    shown: list[list[str]] = []
    page.loaded.connect(lambda: shown.append([alert.title for alert in page.alerts]))
    page.refresh()
    qtbot.waitUntil(started.is_set, timeout=10_000)
    page.refresh()  # e.g. the clerk came back after saving something: the running result is stale
    release.set()
    qtbot.waitUntil(lambda: not page.loading, timeout=20_000)
    assert shown == [["第2次汇总"]]  # one swap to the fresh content, no intermediate state


def test_a_failing_source_is_said_on_the_page_without_a_dialog(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    def broken(_ctx: AppContext, _today: date, _actor: Actor) -> list[Alert]:
        raise UserFacingError("2027年放假安排未录入。")

    monkeypatch.setattr(dashboard, "SOURCES", [broken])
    page = window.show_page("dashboard")
    assert isinstance(page, DashboardPage)
    page.refresh()
    qtbot.waitUntil(lambda: not page.loading, timeout=20_000)
    assert any("提醒暂时没有汇总出来：2027年放假安排未录入" in text for text in _texts(page))
    assert messages == []


def test_closing_the_window_stops_the_load_between_sources(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release = threading.Event(), threading.Event()
    called: list[str] = []

    def first(_ctx: AppContext, _today: date, _actor: Actor) -> list[Alert]:
        started.set()
        release.wait(10)
        return []

    def second(_ctx: AppContext, _today: date, _actor: Actor) -> list[Alert]:
        called.append("second")
        return []

    monkeypatch.setattr(dashboard, "SOURCES", [first, second])
    page = window.show_page("dashboard")
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(started.is_set, timeout=20_000)
    threading.Timer(0.2, release.set).start()
    window.close()  # cancels, then waits for the worker: the second source never runs
    assert called == []
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=5_000)
    labels = [label.text() for label in page.findChildren(QLabel)]
    assert LOADING_TEXT in labels and not any("没有汇总出来" in text for text in labels)  # not an error
