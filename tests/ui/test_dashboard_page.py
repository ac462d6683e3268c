from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.ui.main_window import MainWindow
from app.ui.pages.dashboard_page import DashboardPage


def test_an_alert_opens_its_page(window: MainWindow, qtbot: QtBot) -> None:
    page = window.show_page("dashboard")
    assert isinstance(page, DashboardPage)
    buttons = {button.text(): button for button in page.findChildren(QPushButton) if button.isVisible()}
    assert "请备份数据" in buttons
    qtbot.mouseClick(buttons["请备份数据"], Qt.MouseButton.LeftButton)
    current = window.current_page()
    assert current is not None and current.page_title == "设置"
