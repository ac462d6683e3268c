"""「目录事项」: import the catalogue, read each 公开时限 beside its rule, correct it, void, copy forward."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QApplication, QMessageBox, QTableWidgetItem

from app.services.catalogue.service import CatalogueService
from app.services.catalogue.types import Period, RuleKind
from app.services.context import AppContext
from app.services.permissions import Actor
from app.ui.dialogs import reason_dialog
from app.ui.dialogs.catalogue_import_dialog import CatalogueImportDialog
from app.ui.dialogs.catalogue_item_dialog import CatalogueItemDialog
from app.ui.page_services import PageServices
from app.ui.tasks import TaskRunner
from app.ui.widgets.catalogue_items_view import MANUAL_BG, RULE_COLUMN, CatalogueItemsView
from tests.services.catalogue.sample import ONE_HEADER, write_rows, write_sample

YEAR = 2026


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.wait_for_idle()


@pytest.fixture
def view(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor, runner: TaskRunner
) -> CatalogueItemsView:
    widget = CatalogueItemsView(PageServices(office_ctx, runner, admin))
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    return widget


def _cell(view: CatalogueItemsView, row: int, column: int) -> QTableWidgetItem:
    cell = view.table.item(row, column)
    assert cell is not None
    return cell


def _import(
    qtbot: QtBot, view: CatalogueItemsView, runner: TaskRunner, admin: Actor, path: Path
) -> CatalogueImportDialog:
    dialog = CatalogueImportDialog(view.service, runner, admin, YEAR, view)
    qtbot.addWidget(dialog)
    dialog.load_file(path)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    return dialog


def test_import_then_read_rules_beside_the_text(
    qtbot: QtBot, view: CatalogueItemsView, runner: TaskRunner, admin: Actor, tmp_path: Path
) -> None:
    assert view.table.rowCount() == 0 and "还没有标准目录" in view.empty_label.text()
    dialog = _import(qtbot, view, runner, admin, write_sample(tmp_path / "目录.xlsx"))
    assert dialog.table.rowCount() == 30 and dialog.import_button.isEnabled()
    assert "读到 30 项" in dialog.summary.text()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.import_result is not None, timeout=10_000)
    view.fill_years(YEAR)
    assert view.table.rowCount() == 30
    texts = {_cell(view, r, 0).text(): _cell(view, r, 3).text() for r in range(30)}
    assert texts["8"] == "拟征收土地前，不少于10个工作日"
    manual_rows = [row for row, item in enumerate(view.rows) if item.needs_manual]
    assert manual_rows and all(
        _cell(view, r, RULE_COLUMN).background().color() == MANUAL_BG for r in manual_rows
    )
    assert "需人工确定" in view.count_label.text() and "村级事项 4 项" in view.count_label.text()
    view.filter_edit.setText("社会救助")
    assert [row.seq for row in view.rows] == ["13", "14", "15", "16"]


def test_a_file_with_problems_cannot_be_imported(
    qtbot: QtBot, view: CatalogueItemsView, runner: TaskRunner, admin: Actor, tmp_path: Path
) -> None:
    rows: list[list[object]] = [[1, "", "预算", "", "", "每月10日前", "", "政府网站", "", "", "镇级"]]
    dialog = _import(qtbot, view, runner, admin, write_rows(tmp_path / "坏.xlsx", ONE_HEADER, rows))
    assert not dialog.import_button.isEnabled()
    cell = dialog.table.item(0, 8)
    assert cell is not None and cell.text().startswith("缺少一级事项（与上一项相同也请填写")
    assert "1 处问题" in dialog.summary.text()


def _imported(ctx: AppContext, admin: Actor, tmp_path: Path) -> CatalogueService:
    service = CatalogueService(ctx.sessions)
    service.imports.commit(admin, service.imports.preview(write_sample(tmp_path / "目录.xlsx"), YEAR))
    return service


def test_correct_a_rule_and_void_an_item(
    qtbot: QtBot, view: CatalogueItemsView, office_ctx: AppContext, admin: Actor, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    service = _imported(office_ctx, admin, tmp_path)
    view.fill_years(YEAR)
    row = next(r for r in view.rows if r.seq == "19")  # 「按有关规定」
    dialog = CatalogueItemDialog(service, admin, YEAR, row, view)
    qtbot.addWidget(dialog)
    editor = dialog.rule_editor
    editor.kind_box.setCurrentIndex(editor.kind_box.findData(RuleKind.PERIODIC))
    editor.period_box.setCurrentIndex(editor.period_box.findData(Period.QUARTER))
    editor.month_box.setValue(1)
    editor.day_box.setValue(15)
    assert editor.said.text() == "每季度首月 15 日前"
    dialog.save()
    assert dialog.saved is not None and dialog.saved.rule_corrected
    view.reload()
    index = next(i for i, r in enumerate(view.rows) if r.seq == "19")
    assert _cell(view, index, RULE_COLUMN).text() == "每季度首月 15 日前（已更正）"
    monkeypatch.setattr(reason_dialog, "ask_reason", lambda *_args: "改由县教育局公开")
    void = CatalogueItemDialog(service, admin, YEAR, view.rows[index], view)
    qtbot.addWidget(void)
    void.toggle_void()
    view.reload()
    assert view.rows[index].voided and "（已作废）" in _cell(view, index, 2).text()
    assert "另有 1 项已作废" in view.count_label.text()


def test_copy_forward_to_next_year(
    view: CatalogueItemsView, office_ctx: AppContext, admin: Actor, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, messages: list[str],
) -> None:  # fmt: skip
    _imported(office_ctx, admin, tmp_path)
    view.fill_years(YEAR)
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    view.copy_button.click()
    assert view.year == YEAR + 1 and len(view.rows) == 30
    assert messages == ["已建立2027年目录，共 30 项。"]
    view.copy_button.click()  # 2028 from 2027 is allowed; 2027 again is not
    assert view.year == YEAR + 2
