from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QFileDialog, QMessageBox

from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.postings.types import PostingDraft
from app.services.workplan.query import TaskFilter, TaskSort
from app.ui.dialogs.evidence_picker_dialog import EvidencePickerDialog
from app.ui.dialogs.workplan_import_dialog import WorkplanImportDialog
from app.ui.dialogs.workplan_preview_edits import COL_DUE as PREVIEW_DUE
from app.ui.dialogs.workplan_preview_edits import COL_SECTION as PREVIEW_SECTION
from app.ui.dialogs.workplan_preview_edits import DueEditor, SectionEditor
from app.ui.models.workplan_table_model import (
    COL_DUE,
    COL_HEADING,
    COL_STATUS,
    COL_TITLE,
    WorkplanTableModel,
)
from app.ui.page_services import PageServices
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
        assert task.text(3).startswith("预算科、国库科")
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
    model = WorkplanTableModel(service, office_ctx.clock)
    assert model.set_filter(TaskFilter(2022)) == 14
    assert model.index(6, COL_TITLE).data() == "（一）继续实行重大行政决策事项目录管理"
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_clicking_a_header_sorts_in_the_database_and_filters_keep_the_order(
    page: TasksPage, qtbot: QtBot, office_ctx: AppContext, admin: Actor
) -> None:
    service = office_ctx.workplan
    service.import_plan(admin, service.preview_file(DATA / "workplan_qingpu_finance_2022.txt", 2022))
    page.refresh()
    page.year_combo.setCurrentIndex(page.year_combo.findData(2022))
    page.apply_filter()
    plan_first = page.model.index(0, COL_TITLE).data()
    header = page.table.horizontalHeader()

    def click(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))

    click(COL_DUE)
    dues = [page.model.index(r, COL_DUE).data() for r in range(page.model.rowCount())]
    dated = [d for d in dues if d != "未定"]
    assert page.model.current_filter.sort is TaskSort.DUE and dated == sorted(dated)
    assert dues[len(dated) :] == ["未定"] * (len(dues) - len(dated))  # undated last
    click(COL_DUE)  # a second click reverses
    assert page.model.current_filter.descending and page.model.index(0, COL_DUE).data() == max(dated)
    page.review_check.setChecked(True)  # the filter bar keeps the clicked order
    assert page.model.current_filter.sort is TaskSort.DUE and page.model.current_filter.needs_review
    page.review_check.setChecked(False)
    click(COL_HEADING)
    assert page.model.current_filter.sort is TaskSort.PLAN
    assert page.model.index(0, COL_TITLE).data() == plan_first
    if SHOTS:
        click(COL_STATUS)
        page.grab().save(str(Path(SHOTS) / "workplan-page-sorted.png"))


def test_evidence_picked_from_the_register_is_linked(
    page: TasksPage, qtbot: QtBot, office_ctx: AppContext, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = office_ctx.workplan
    service.import_plan(admin, service.preview_file(DATA / "workplan_qingpu_finance_2022.txt", 2022))
    office_ctx.settings.save_boards(admin, ["镇政府公开栏"])
    posting = office_ctx.postings.create(
        admin,
        PostingDraft(
            "关于2022年政务公开工作要点落实情况的公示", "正文", ("镇政府公开栏",), "7日", date(2022, 5, 6)
        ),
    )
    page.refresh()
    page.year_combo.setCurrentIndex(page.year_combo.findData(2022))
    page.table.selectRow(0)
    panel = page.panel
    panel.evidence_kind.setCurrentText("网址")
    assert not panel.pick_button.isEnabled()
    panel.evidence_kind.setCurrentText("公开栏张贴")
    assert panel.pick_button.isEnabled()

    def pick(dialog: EvidencePickerDialog) -> int:
        dialog.show()
        type_chinese(dialog.search, "落实情况")
        dialog.reload()
        assert dialog.results.count() == 1 and "公示期" in dialog.results.item(0).text()
        if SHOTS:
            dialog.grab().save(str(Path(SHOTS) / "evidence-picker.png"))
        dialog.accept()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(EvidencePickerDialog, "exec", pick)
    qtbot.mouseClick(panel.pick_button, Qt.MouseButton.LeftButton)
    assert panel.evidence_ref.text() == "关于2022年政务公开工作要点落实情况的公示"
    qtbot.mouseClick(panel.evidence_button, Qt.MouseButton.LeftButton)
    assert panel.evidence.item(0).text().endswith("（已关联登记）")
    task_id = page.model.index(0, COL_TITLE).data(Qt.ItemDataRole.UserRole)
    assert service.task_detail(task_id).evidence[0].ref_id == posting.id
    if SHOTS:
        page.grab().save(str(Path(SHOTS) / "workplan-evidence-linked.png"))


def test_due_and_section_edited_in_the_preview_are_saved(
    page: TasksPage, qtbot: QtBot, office_ctx: AppContext, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    dialog = WorkplanImportDialog(office_ctx.workplan, admin, 2024, page)
    qtbot.addWidget(dialog)
    dialog.resize(1180, 780)
    dialog.show()
    dialog.text.setPlainText(
        "一、工作\n（一）公开财政数据。每季度公开一次。（预算科负责）\n（二）更新政策解读专栏。（办公室负责）"
    )
    qtbot.mouseClick(dialog.parse_button, Qt.MouseButton.LeftButton)
    quarterly, undated = dialog.tree.topLevelItem(0).child(0), dialog.tree.topLevelItem(0).child(1)
    assert dialog.tree.itemWidget(quarterly, PREVIEW_DUE) is None  # four dates: changed later, one by one
    due = dialog.tree.itemWidget(undated, PREVIEW_DUE)
    assert isinstance(due, DueEditor) and due.text() == "待定"
    due.setDate(QDate(2024, 6, 28))
    section = dialog.tree.itemWidget(quarterly, PREVIEW_SECTION)
    assert isinstance(section, SectionEditor) and section.currentText() == "按责任单位"
    section.setCurrentIndex(section.findData("国库科"))
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / "workplan-import-edits.png"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.imported is not None
    rows = office_ctx.workplan.page_tasks(TaskFilter(2024), 0, 10)
    assert [(row.section, row.due) for row in rows if row.instance_count == 4][0][0] == "国库科"
    single = next(row for row in rows if row.instance_count == 1)
    assert (single.due, single.needs_review, single.section) == (date(2024, 6, 28), False, "办公室")
