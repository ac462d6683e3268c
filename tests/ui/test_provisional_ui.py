"""Issue 18 on screen: the 暂定 badge, the hint under the deadline, the letter warning, and midnight."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.requests.types import LetterKind
from app.ui.main_window import MainWindow
from app.ui.models.request_table_model import COL_DUE
from app.ui.pages.dashboard_page import DashboardPage
from app.ui.pages.requests_page import RequestsPage
from tests.calendar_support import D
from tests.conftest import set_today
from tests.services.request_support import registration

pytestmark = pytest.mark.gui


def _december_case(page: RequestsPage, ctx: AppContext, admin: Actor) -> int:
    case_id = ctx.requests.register(admin, registration(D("2026-12-04"))).detail.id
    page.refresh()
    return case_id


def test_list_and_case_view_mark_the_provisional_deadline(
    make_requests_page: Callable[[Actor, date], RequestsPage], office_ctx: AppContext, admin: Actor
) -> None:
    page = make_requests_page(admin, D("2026-12-04"))
    case_id = _december_case(page, office_ctx, admin)
    index = page.model.index(0, COL_DUE)
    assert index.data() == "2027-01-04 暂定"
    assert "2027年放假安排尚未录入" in index.data(Qt.ItemDataRole.ToolTipRole)
    page.open_case(case_id)
    view = page.case_view
    assert "期限 2027年1月4日，暂定" in view.due_label.text()
    assert view.provisional_label.isVisible()
    assert view.provisional_label.text().startswith("暂定：2027年放假安排尚未录入")
    assert "通知公布后导入即自动更正" in view.provisional_label.text()


def test_a_letter_printing_a_provisional_date_asks_first(
    make_requests_page: Callable[[Actor, date], RequestsPage],
    qtbot: QtBot,
    office_ctx: AppContext,
    admin: Actor,
) -> None:
    page = make_requests_page(admin, D("2026-12-04"))
    page.open_case(_december_case(page, office_ctx, admin))
    asked: list[str] = []

    def answer(label: str) -> None:
        box = page._last_dialog
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == label).click()

    QTimer.singleShot(0, lambda: answer("取消"))
    page.case_view.letter_buttons[LetterKind.RECEIPT].click()
    assert "答复期限" in asked[0] and "暂定" in asked[0] and "仍要出具吗" in asked[0]
    assert page.case_view.detail is not None and page.case_view.detail.letters == ()
    QTimer.singleShot(0, lambda: answer("仍要出具"))
    page.case_view.letter_buttons[LetterKind.RECEIPT].click()
    qtbot.waitUntil(lambda: page.case_view.detail is not None and len(page.case_view.detail.letters) == 1)


def test_a_letter_without_provisional_dates_is_issued_without_a_question(
    make_requests_page: Callable[[Actor, date], RequestsPage],
    qtbot: QtBot,
    office_ctx: AppContext,
    admin: Actor,
) -> None:
    page = make_requests_page(admin, D("2026-11-02"))
    case_id = office_ctx.requests.register(admin, registration(D("2026-11-02"))).detail.id
    page.refresh()
    page.open_case(case_id)
    assert not page.case_view.provisional_label.isVisible()
    assert office_ctx.requests.letters.provisional_warning(case_id, LetterKind.RECEIPT) == ""
    page.case_view.letter_buttons[LetterKind.RECEIPT].click()
    qtbot.waitUntil(lambda: page.case_view.detail is not None and len(page.case_view.detail.letters) == 1)


def test_the_page_on_screen_refreshes_after_midnight(
    window: MainWindow, qtbot: QtBot, office_ctx: AppContext
) -> None:
    page = window.show_page("dashboard")
    assert isinstance(page, DashboardPage)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.refresh()
    window.day_watch.check()  # same day: nothing happens
    set_today(office_ctx, datetime(2026, 11, 24, 0, 0, 30))
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        window.day_watch.check()
