"""Issue 21 point 8(b): a 工作台 line opens the item it is about (the task, the case, the year), not just the
page; the 工作要点 page opens with each recurring task at its next occurrence."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.services.context import AppContext
from app.services.permissions import Actor
from app.ui.main_window import MainWindow
from app.ui.pages.dashboard_page import DashboardPage
from app.ui.pages.decisions_page import DecisionsPage
from app.ui.pages.requests_page import RequestsPage
from app.ui.pages.tasks_page import TasksPage
from tests.services.decision_support import draft
from tests.services.request_support import registration

pytestmark = pytest.mark.gui
TODAY = date(2026, 11, 23)
PLAN = """{year}年政务公开工作要点
一、加强主动公开
（一）每月更新政府信息公开专栏。（党政办公室负责）
（二）每季度开展政务公开培训。（党政办公室负责）
（三）6月底前公开年度预算。（财政所负责）
"""


def _import(ctx: AppContext, admin: Actor, year: int) -> None:
    ctx.workplan.import_plan(admin, ctx.workplan.preview_text(PLAN.format(year=year), year))


def _click(window: MainWindow, qtbot: QtBot, starts_with: str) -> None:
    page = window.show_page("dashboard")
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: not page.loading and bool(page.alerts), timeout=20_000)
    (button,) = [b for b in page.findChildren(QPushButton) if b.text().startswith(starts_with)]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_task_alert_selects_that_task_on_the_workplan_page(
    window: MainWindow, qtbot: QtBot, office_ctx: AppContext, admin: Actor
) -> None:
    _import(office_ctx, admin, TODAY.year)
    _click(window, qtbot, "工作要点：（一）每月更新")
    page = window.current_page()
    assert isinstance(page, TasksPage)
    selected = page.model.row_at(page.table.currentIndex().row())
    assert selected is not None and selected.instance == 11 and selected.due == date(2026, 11, 30)
    assert page.panel.isEnabled()


def test_the_workplan_page_opens_with_recurring_tasks_collapsed(
    window: MainWindow, qtbot: QtBot, office_ctx: AppContext, admin: Actor
) -> None:
    _import(office_ctx, admin, TODAY.year)
    page = window.show_page("tasks")
    assert isinstance(page, TasksPage)
    assert page.next_check.isChecked() and page.model.rowCount() == 3  # not 12 + 4 + 1
    page.next_check.setChecked(False)
    assert page.model.rowCount() == 17


def test_the_old_years_line_opens_that_year(
    window: MainWindow, qtbot: QtBot, office_ctx: AppContext, admin: Actor
) -> None:
    _import(office_ctx, admin, 2025)
    _import(office_ctx, admin, TODAY.year)
    _click(window, qtbot, "往年还有 3 项")
    page = window.current_page()
    assert isinstance(page, TasksPage) and page.year() == 2025


def test_a_request_alert_opens_that_case(
    window: MainWindow, qtbot: QtBot, office_ctx: AppContext, admin: Actor
) -> None:
    day = date(2026, 10, 26)  # 20 working days later is 2026-11-23: due today
    case = office_ctx.requests.register(admin, registration(day), today=day).detail
    _click(window, qtbot, case.number)
    page = window.current_page()
    assert isinstance(page, RequestsPage)
    assert page.case_view.detail is not None and page.case_view.detail.id == case.id


def test_a_decision_alert_selects_that_item_in_its_year(
    window: MainWindow, qtbot: QtBot, office_ctx: AppContext, admin: Actor
) -> None:
    office_ctx.decisions.create_directory(admin, TODAY.year)
    for name, planned in (
        ("老旧小区综合改造实施方案", date(2026, 12, 30)),
        ("集体资产管理办法", date(2026, 10, 31)),
    ):
        office_ctx.decisions.add_item(admin, TODAY.year, draft(name, planned))
    _click(window, qtbot, "「集体资产管理办法」超过计划完成时间")
    page = window.current_page()
    assert isinstance(page, DecisionsPage)
    selected = page.selected_item()
    assert selected is not None and selected.name == "集体资产管理办法"
