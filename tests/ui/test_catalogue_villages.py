"""The 「村（居）务公开」 tab: add a village, record a posting from the grid, export the quarter's table."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem

from app.services.context import AppContext
from app.services.permissions import Actor
from app.ui.dialogs import village_posting_dialog
from app.ui.dialogs.village_posting_dialog import PostingContext, PostingEntry, VillagePostingDialog
from app.ui.page_services import PageServices
from app.ui.tasks import TaskRunner
from app.ui.widgets.catalogue_villages_grid import AMBER_BG, RED_BG
from app.ui.widgets.catalogue_villages_view import CatalogueVillagesView
from tests.conftest import set_today
from tests.services.catalogue.village_seed import seed_village_items, write_photo
from tests.ui.conftest import type_chinese

AS_OF = date(2026, 3, 25)


@pytest.fixture
def view(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor, messages: list[str]
) -> Iterator[CatalogueVillagesView]:
    set_today(office_ctx, AS_OF)
    seed_village_items(office_ctx)
    runner = TaskRunner()
    widget = CatalogueVillagesView(PageServices(office_ctx, runner, admin))
    qtbot.addWidget(widget)
    widget.resize(1280, 620)
    widget.show()
    yield widget
    runner.wait_for_idle()


def _add(view: CatalogueVillagesView, name: str, kind: str = "村") -> None:
    type_chinese(view.villages.new_name, name)
    view.villages.new_kind.setCurrentText(kind)
    view.villages.add_button.click()


def _cell(
    view: CatalogueVillagesView, row: int, column: int, table: QTableWidget | None = None
) -> QTableWidgetItem:
    item = (table or view.grid).item(row, column)
    assert item is not None, f"no cell at {row}, {column}"
    return item


def _column(view: CatalogueVillagesView, period_key: str) -> int:
    assert view.table is not None
    keys = [column.period_key for column in view.table.columns]
    return 1 + keys.index(period_key)


def test_the_tab_opens_on_the_clocks_quarter_and_says_what_to_do_first(view: CatalogueVillagesView) -> None:
    assert (view.year.value(), view.quarter.currentData()) == (2026, 1)
    assert view.title.text() == "2026年第1季度村（居）务公开情况汇总表"
    assert view.empty.isVisible() and "还没有登记村（社区）" in view.empty.text()


def test_a_posting_recorded_in_the_grid_turns_the_cell_to_a_tick(
    view: CatalogueVillagesView, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _add(view, "东湖村")
    _add(view, "城南社区", "社区")
    assert [_cell(view, r, 0, view.villages.table).text() for r in range(2)] == ["东湖村", "城南社区"]
    assert view.grid.isVisible() and view.grid.rowCount() == 2
    column = _column(view, "2026Q1")
    missing = _cell(view, 0, column)
    assert missing.text() == "未公示" and missing.background().color() == AMBER_BG

    seen: list[PostingContext] = []
    photo = write_photo(tmp_path / "东湖村公示栏.png")

    def enter(_parent: object, context: PostingContext) -> PostingEntry:
        seen.append(context)
        return PostingEntry(date(2026, 1, 18), photo, "李四", "")

    monkeypatch.setattr(village_posting_dialog, "ask_posting", enter)
    view.open_cell(0, column)
    assert seen[0].village == "东湖村" and seen[0].due == date(2026, 1, 20)
    assert _cell(view, 0, column).text() == "1月18日 ✓"
    assert "检查人：李四" in _cell(view, 0, column).toolTip()

    monkeypatch.setattr(
        village_posting_dialog, "ask_posting", lambda *_: PostingEntry(date(2026, 1, 22), None, "", "")
    )
    view.open_cell(1, column)
    late = _cell(view, 1, column)
    assert late.text() == "1月22日 逾期 2 个工作日" and late.background().color() == RED_BG


def test_a_future_posting_date_is_refused_with_a_message(
    view: CatalogueVillagesView, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    _add(view, "东湖村")
    monkeypatch.setattr(
        village_posting_dialog, "ask_posting", lambda *_: PostingEntry(date(2026, 3, 30), None, "", "")
    )
    view.open_cell(0, _column(view, "2026-03"))
    assert messages and "在今天" in messages[-1]
    assert _cell(view, 0, _column(view, "2026-03")).text() == "—"


def test_a_deactivated_village_leaves_the_grid(
    view: CatalogueVillagesView, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(view, "东湖村")
    _add(view, "西山村")
    from app.ui.dialogs import reason_dialog

    monkeypatch.setattr(reason_dialog, "ask_reason", lambda *_: "并入东湖村")
    view.villages.table.selectRow(1)
    view.villages.active_button.click()
    assert view.grid.rowCount() == 1
    assert _cell(view, 1, 2, view.villages.table).text() == "已停用"


def test_the_export_writes_the_table_a_clerk_can_read_back(
    view: CatalogueVillagesView, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    _add(view, "东湖村")
    target = tmp_path / "季度汇总.xlsx"
    view.export_to(target)
    sheet = load_workbook(target).active
    assert sheet["A1"].value == "2026年第1季度村（居）务公开情况汇总表"
    assert sheet["A4"].value == "东湖村"
    assert [sheet.cell(4, c).value for c in range(3, 7)] == ["未公示", "未公示", "—", "未公示"]


def test_the_posting_dialog_offers_only_days_up_to_today(themed_app: QApplication, qtbot: QtBot) -> None:
    context = PostingContext("东湖村", "2 村民会议决定事项", "2026年第1季度", date(2026, 1, 20), AS_OF)
    dialog = VillagePostingDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.posted_on.maximumDate().toPython() == AS_OF
    assert dialog.entry().posted_on == date(2026, 1, 20)  # the due date is the likeliest day


def test_only_a_village_without_postings_can_be_deleted(
    view: CatalogueVillagesView, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    _add(view, "东湖村")
    _add(view, "录错村")
    monkeypatch.setattr(
        village_posting_dialog, "ask_posting", lambda *_: PostingEntry(date(2026, 1, 18), None, "", "")
    )
    view.open_cell(0, _column(view, "2026Q1"))
    view.villages.table.selectRow(0)
    assert not view.villages.delete_button.isEnabled()  # 东湖村 has a posting now
    view.villages.table.selectRow(1)
    monkeypatch.setattr(QMessageBox, "question", lambda *_: QMessageBox.StandardButton.Yes)
    view.villages.delete_button.click()
    assert view.table is not None and [row.village for row in view.table.rows] == ["东湖村"]
    assert view.villages.table.rowCount() == 1
