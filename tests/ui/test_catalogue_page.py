"""The 「标准目录」 page: the 工作台's catalogue alert opens the 公开情况 tab on its item, and a line without
linked information (a period, a village) opens the item in 目录事项."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.services.catalogue.imports import CatalogueImporter
from app.services.context import AppContext
from app.services.permissions import Actor
from app.ui.main_window import MainWindow
from app.ui.pages.catalogue_page import COMPLIANCE_TAB, ITEMS_TAB, CataloguePage
from app.ui.pages.dashboard_page import DashboardPage
from tests.conftest import set_today
from tests.services.catalogue.sample import write_sample

pytestmark = pytest.mark.gui


def _catalogue(ctx: AppContext, admin: Actor, folder: Path) -> None:
    importer = CatalogueImporter(ctx.sessions)
    importer.commit(admin, importer.preview(write_sample(folder / "目录.xlsx"), 2026))


def test_the_overdue_alert_opens_the_catalogue_on_its_item(
    window: MainWindow, qtbot: QtBot, office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    _catalogue(office_ctx, admin, tmp_path)
    set_today(office_ctx, date(2026, 11, 23))  # periodic items of earlier months are past due, none posted
    page = window.show_page("dashboard")
    assert isinstance(page, DashboardPage)
    page.refresh()
    qtbot.waitUntil(lambda: not page.loading and bool(page.alerts), timeout=20_000)
    (alert,) = [a for a in page.alerts if a.title.startswith("标准目录：") and "逾期" in a.title]
    (button,) = [b for b in page.findChildren(QPushButton) if b.text().startswith(alert.title)]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    catalogue = window.current_page()
    assert isinstance(catalogue, CataloguePage)
    assert catalogue.tabs.currentIndex() == COMPLIANCE_TAB
    selected = catalogue.compliance_view.current_row()
    assert selected is not None and str(selected.item_id) == alert.entity_id
    assert selected.status == "未公开且已逾期"


def test_a_period_line_opens_its_item_in_the_list(
    window: MainWindow, qtbot: QtBot, office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    _catalogue(office_ctx, admin, tmp_path)
    catalogue = window.show_page("catalogue")
    assert isinstance(catalogue, CataloguePage)
    catalogue.show_compliance()
    rows = catalogue.compliance_view.shown_rows()
    number, line = next((n, row) for n, row in enumerate(rows) if row.link_id is None)
    catalogue.compliance_view.select_row(number)
    catalogue.compliance_view.open_current()
    assert catalogue.tabs.currentIndex() == ITEMS_TAB
    current = catalogue.items_view.table.currentRow()
    assert catalogue.items_view.rows[current].id == line.item_id
