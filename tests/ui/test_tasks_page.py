from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QFileDialog

from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.workplan_query import TaskFilter
from app.ui.dialogs.workplan_import_dialog import WorkplanImportDialog
from app.ui.models.workplan_table_model import COL_DUE, COL_STATUS, COL_TITLE, WorkplanTableModel
from app.ui.pages.base_page import PageServices
from app.ui.pages.tasks_page import TasksPage
from app.ui.tasks import TaskRunner
from tests.ui.conftest import type_chinese

DATA = Path(__file__).parents[1] / "services" / "data"
SECTIONS = ["办公室", "预算科", "国库科", "法规税政科", "对外公共服务科"]
SHOTS = os.environ.get("WORKPLAN_SHOTS")  # set to a folder to keep screenshots for a visual check


@pytest.fixture
def page(themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor) -> TasksPage:
    office_ctx.workplan.save_sections(admin, SECTIONS)
    runner = TaskRunner()
    widget = TasksPage(PageServices(ctx=office_ctx, runner=runner, actor=admin))
    runner.setParent(widget)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _combo_for(dialog: WorkplanImportDialog, unit: str) -> QComboBox:
    row = next(r for r in range(dialog.mapping.rowCount()) if dialog.mapping.item(r, 0).text() == unit)
    combo = dialog.mapping.cellWidget(row, 1)
    assert isinstance(combo, QComboBox)
    return combo


def test_import_via_dialog_then_mark_a_task_done(
    page: TasksPage,
    qtbot: QtBot,
    office_ctx: AppContext,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
) -> None:
    assert "还没有工作要点" in page.count_label.text()
    sample = DATA / "notice_taian_finance_2021.txt"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(sample), ""))

    def run_dialog(dialog: WorkplanImportDialog) -> int:
        dialog.resize(1180, 780)
        dialog.show()
        dialog.year.setValue(2021)
        qtbot.mouseClick(dialog.file_button, Qt.MouseButton.LeftButton)
        assert "11 项任务" in dialog.summary.text()
        first_heading = dialog.tree.topLevelItem(0)
        assert first_heading.text(0) == "一、不断加大主动公开力度"
        task = first_heading.child(0)
        assert task.text(0) == "（一）推进财政重点领域信息公开"
        assert task.text(2).startswith("预算科、国库科")
        dialog.tree.setCurrentItem(task)
        assert "推进部门所属单位预算公开" in dialog.full_text.toPlainText()
        assert _combo_for(dialog, "预算科").currentText() == "预算科"
        combo = _combo_for(dialog, "信息中心")
        combo.setCurrentIndex(combo.findData("办公室"))
        first_heading.child(2).setCheckState(0, Qt.CheckState.Unchecked)  # （三）会议公开: not tracked
        if SHOTS:
            dialog.grab().save(str(Path(SHOTS) / "workplan-import-dialog.png"))
        dialog.accept()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(WorkplanImportDialog, "exec", run_dialog)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert messages == ["已导入《关于做好新形势下财政工作政务公开的通知》：10 项任务，10 个到期节点。"]
    assert page.year() == 2021 and page.model.rowCount() == 10
    assert office_ctx.workplan.mapping()["信息中心"] == "办公室"  # remembered for next year

    page.table.selectRow(0)
    panel = page.panel
    assert panel.heading.text() == "（一）推进财政重点领域信息公开"
    assert "预算科牵头" in panel.text.toPlainText()
    assert panel.section.currentText() == "预算科"
    type_chinese(panel.note_text, "已在门户网站公开部门所属单位预算")
    qtbot.mouseClick(panel.note_button, Qt.MouseButton.LeftButton)
    assert panel.notes.count() == 1 and panel.note_text.text() == ""
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert page.model.index(0, COL_STATUS).data() == "已完成"
    row = office_ctx.workplan.page_tasks(TaskFilter(2021, status="已完成"), 0, 5)
    assert [r.title for r in row] == ["（一）推进财政重点领域信息公开"]
    if SHOTS:
        page.table.selectRow(0)
        page.grab().save(str(Path(SHOTS) / "workplan-page-detail.png"))

    page.status_combo.setCurrentIndex(page.status_combo.findData("已完成"))
    assert page.model.rowCount() == 1 and page.count_label.text() == "共 1 项"
    page.status_combo.setCurrentIndex(0)
    page.review_check.setChecked(True)
    assert page.model.rowCount() == 7  # the undated ones wait for the clerk
    assert page.model.index(0, COL_DUE).data() == "未定"


def test_pasted_text_and_empty_paste(
    page: TasksPage, qtbot: QtBot, office_ctx: AppContext, admin: Actor
) -> None:
    dialog = WorkplanImportDialog(office_ctx.workplan, admin, 2024, page)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.parse_button, Qt.MouseButton.LeftButton)
    assert "没有读到任何内容" in dialog.summary.text() and not dialog.save_button.isEnabled()
    dialog.text.setPlainText((DATA / "workplan_zhaoxiang_town_2024.txt").read_text(encoding="utf-8"))
    qtbot.mouseClick(dialog.parse_button, Qt.MouseButton.LeftButton)
    assert "12 项任务" in dialog.summary.text() and dialog.save_button.isEnabled()
    general = dialog.tree.topLevelItem(0)
    assert general.text(0) == "一、总体要求" and not general.flags() & Qt.ItemFlag.ItemIsUserCheckable


def test_table_model_is_consistent(qtmodeltester: object, office_ctx: AppContext, admin: Actor) -> None:
    service = office_ctx.workplan
    service.import_plan(admin, service.preview_file(DATA / "workplan_qingpu_finance_2022.txt", 2022))
    model = WorkplanTableModel(service)
    assert model.set_filter(TaskFilter(2022)) == 14
    assert model.index(6, COL_TITLE).data() == "（一）继续实行重大行政决策事项目录管理"
    qtmodeltester.check(model)  # type: ignore[attr-defined]
