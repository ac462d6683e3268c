"""Changing the holiday calendar re-flows open request deadlines and tells the clerk which moved."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QDialog

from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.workdays.calendar import DayKind
from app.ui.main_window import MainWindow
from app.ui.pages.settings_page import SettingsPage
from app.ui.widgets.holiday_panel import DayEditDialog, HolidayPanel
from tests.calendar_support import D
from tests.services.request_support import registration


def test_editing_a_day_in_settings_moves_an_open_deadline_and_says_so(
    window: MainWindow, qtbot: QtBot, admin: Actor, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    ctx: AppContext = window.ctx
    case = ctx.requests.register(admin, registration(D("2024-09-27")), today=D("2024-10-08")).detail
    assert case.due_on == D("2024-10-30")
    monkeypatch.setattr(DayEditDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(
        DayEditDialog, "values", lambda self: (D("2024-10-15"), DayKind.REST, "测试假日", "测试通知")
    )
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    panel = page.findChild(HolidayPanel)
    assert panel is not None
    panel.action_edit_day(D("2024-10-15"))
    assert messages and f"{case.number}：2024年10月30日 → 2024年10月31日" in messages[-1]
    assert "1 件申请的答复期限已按新的放假安排重新计算" in messages[-1]
