"""A 工作台 标准目录 line opens the catalogue page on its 公开情况 tab, on the item's row (issue 23)."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.services.catalogue.links import LinkService
from app.services.context import AppContext
from app.services.permissions import Actor
from app.ui.main_window import MainWindow
from app.ui.pages.catalogue_page import COMPLIANCE_TAB, CataloguePage
from app.ui.pages.dashboard_page import DashboardPage
from tests.services.catalogue.seed import add_document, add_item

pytestmark = pytest.mark.gui


def test_the_overdue_catalogue_line_opens_the_item_on_the_compliance_tab(
    window: MainWindow, qtbot: QtBot, office_ctx: AppContext, admin: Actor
) -> None:
    item = add_item(office_ctx, "3", "预算公开")
    document = add_document(office_ctx, "预算公告", date(2026, 3, 2))
    LinkService(office_ctx.sessions, office_ctx.calendar).link(
        admin, item, "公文", document, date(2026, 3, 2)
    )

    page = window.show_page("dashboard")
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: not page.loading and bool(page.alerts), timeout=20_000)
    (button,) = [
        b for b in page.findChildren(QPushButton) if b.text().startswith("标准目录：1 项已逾期未公开")
    ]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    catalogue = window.current_page()
    assert isinstance(catalogue, CataloguePage)
    assert catalogue.tabs.currentIndex() == COMPLIANCE_TAB
    selected = catalogue.compliance_view.current_row()
    assert selected is not None and (selected.item_id, selected.status.value) == (item, "未公开且已逾期")
