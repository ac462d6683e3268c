from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtGui import QImage

from app.services.context import AppContext
from app.services.permissions import Actor
from app.ui.main_window import MainWindow
from app.ui.pages.dashboard_page import DashboardPage
from tests.conftest import set_today
from tests.services.report_support import Spec, build_case

pytestmark = pytest.mark.gui


def test_charts_render_and_export(
    window: MainWindow, qtbot: QtBot, office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    build_case(office_ctx, admin, Spec("自然人", date(2026, 3, 3), "R3.1", date(2026, 3, 10)), 1)
    page = window.show_page("dashboard")
    assert isinstance(page, DashboardPage)
    set_today(office_ctx, date(2026, 11, 21))
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.refresh()
    assert page.charts is not None
    cards = page.charts.cards
    assert set(cards) == {"months", "outcomes", "timeliness", "applicants", "documents", "topics"}
    assert cards["months"].stats.requests_per_month[2] == 1
    image = cards["months"].export_png(tmp_path / "每月.png")
    picture = QImage(str(image))
    assert not picture.isNull() and picture.width() > 100
    sheet = cards["applicants"].export_xlsx(tmp_path / "申请人.xlsx")
    assert sheet.stat().st_size > 0
