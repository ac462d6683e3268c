"""公文登记 extras through the UI: Excel 台账 import/export, 定期评估, 分类, 政策解读 link, 发起保密审查,
and a real drag-and-drop of a sample file onto the register."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.models.document import Document
from app.services.context import AppContext
from app.services.documents.ledger import HEADERS
from app.services.documents.query import DocumentFilter
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor
from app.services.postings.types import PostingDraft
from app.ui.dialogs.document_dialog import DocumentDialog
from app.ui.dialogs.document_picker_dialog import DocumentPickerDialog
from app.ui.dialogs.picker_dialog import PickerDialog
from app.ui.dialogs.review_sheet_dialog import ReviewSheetDialog, open_new_review_sheet
from app.ui.page_services import PageServices
from app.ui.pages.document_ledger_actions import import_dialog
from app.ui.pages.documents_page import DocumentsPage
from app.ui.pages.review_page import ReviewPage
from app.ui.tasks import TaskRunner
from app.ui.widgets.taxonomy_panel import TaxonomyPanel
from tests.ui.conftest import type_chinese
from tests.ui.ledger_export_support import choose_export

pytestmark = pytest.mark.gui
SAMPLE = Path(__file__).parent / "data" / "notice_taian_finance_2021.txt"
OFFICE = "测试镇人民政府"


@pytest.fixture
def services(office_ctx: AppContext, admin: Actor) -> PageServices:
    return PageServices(office_ctx, TaskRunner(), admin, lambda _key: None)


@pytest.fixture
def page(themed_app: QApplication, qtbot: QtBot, services: PageServices) -> DocumentsPage:
    widget = DocumentsPage(services)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def _ledger_file(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(HEADERS))
    sheet.append(["", "赵府发〔2023〕5号", "关于2023年预算公开的通知", OFFICE, "2023-03-01", "2023-03-10",
                  "主动公开"])  # fmt: skip
    sheet.append(["", "", "日期错误的公文", OFFICE, "2023-02-30", "", "主动公开"])
    sheet.append(["", "", "属性错误", OFFICE, "", "", "半公开"])
    book.save(path)
    return path


def test_ledger_import_previews_rejects_and_saves(
    page: DocumentsPage, qtbot: QtBot, office_ctx: AppContext, tmp_path: Path
) -> None:
    dialog = import_dialog(page.services, page)
    qtbot.addWidget(dialog)
    dialog.load_file(_ledger_file(tmp_path / "台账.xlsx"))
    qtbot.waitUntil(lambda: dialog.view is not None)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 3).text() == "关于2023年预算公开的通知"
    assert dialog.table.item(0, 0).text() == "2"  # the Excel row number
    rejected = [dialog.rejected_list.item(i).text() for i in range(dialog.rejected_list.count())]
    assert rejected[0].startswith("第3行：成文日期") and rejected[1].startswith("第4行：")
    assert office_ctx.documents.count(DocumentFilter()) == 0  # the preview saved nothing
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None)
    assert dialog.report is not None and dialog.report.accepted == 1
    rows = office_ctx.documents.page(DocumentFilter(), 0, 10)
    assert [row.doc_number for row in rows] == ["赵府发〔2023〕5号"]
    assert rows[0].published_on == date(2023, 3, 10)  # history: published before the app


def test_ledger_dialog_with_nothing_valid_cannot_save(
    page: DocumentsPage, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "坏.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(HEADERS))
    sheet.append(["", "", "长" * 20_000, OFFICE])
    book.save(path)
    dialog = import_dialog(page.services, page)
    qtbot.addWidget(dialog)
    dialog.load_file(path)
    qtbot.waitUntil(lambda: dialog.view is not None)
    assert not dialog.save_button.isEnabled() and "没有可以导入的行" in dialog.summary.text()
    assert "第2行：标题太长" in dialog.rejected_list.item(0).text()


def test_export_writes_the_filtered_selection(
    page: DocumentsPage, qtbot: QtBot, office_ctx: AppContext, admin: Actor, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    office_ctx.documents.create(admin, DocumentInput("2025年财政预算公开", OFFICE))
    office_ctx.documents.create(admin, DocumentInput("关于春耕的通知", OFFICE))
    target = tmp_path / "导出"
    choose_export(monkeypatch, target)  # the export dialog (issue 21): path, masked
    page.search_edit.setText("预算")
    page.apply_filter()
    page.action_export_ledger()
    qtbot.waitUntil(lambda: "已导出" in page.count_label.text())
    rows = list(load_workbook(target.with_suffix(".xlsx")).worksheets[0].iter_rows(values_only=True))
    assert rows[0] == HEADERS and [row[2] for row in rows[1:]] == ["2025年财政预算公开"]


def _withheld(office_ctx: AppContext, admin: Actor, title: str) -> int:
    value = DocumentInput(
        title, OFFICE, "不予公开", withhold_reason="内部事务信息", withhold_basis="第十六条第一款"
    )
    document_id = office_ctx.documents.create(admin, value).id
    with office_ctx.sessions.begin() as session:  # a year has passed: the review is due
        row = session.get(Document, document_id)
        assert row is not None
        row.next_review_on = office_ctx.clock.today()
    return document_id


def test_periodic_review_keep_and_convert(
    page: DocumentsPage, qtbot: QtBot, office_ctx: AppContext, admin: Actor, messages: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    keep = _withheld(office_ctx, admin, "内部值班安排")
    convert = _withheld(office_ctx, admin, "村道改造项目方案")
    page.refresh()
    panel = page.review_panel
    assert page.tabs.tabText(1) == "定期评估（2）" and panel.table.rowCount() == 2
    page.tabs.setCurrentIndex(1)
    ids = [row.id for row in panel.rows]
    panel.table.selectRow(ids.index(keep))
    qtbot.mouseClick(panel.keep_button, Qt.MouseButton.LeftButton)
    assert "请填写评估意见" in messages[-1]  # keeping a restriction needs a reason
    type_chinese(panel.opinion, "仍属内部事务信息")
    qtbot.mouseClick(panel.keep_button, Qt.MouseButton.LeftButton)
    assert office_ctx.documents.detail(keep).next_review_on is not None
    assert office_ctx.documents.detail(keep).next_review_on > office_ctx.clock.today()  # type: ignore[operator]

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    assert [row.id for row in panel.rows] == [convert]
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.convert_button, Qt.MouseButton.LeftButton)
    assert office_ctx.documents.detail(convert).values.disclosure == "主动公开"
    sheets = office_ctx.reviews.sheets_for("document", convert)
    assert len(sheets) == 1 and sheets[0].status == "审查中"
    assert panel.table.rowCount() == 0 and page.tabs.tabText(1) == "定期评估"


def test_taxonomy_panel_adds_and_hides(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    panel = TaxonomyPanel(office_ctx.taxonomy, admin)
    qtbot.addWidget(panel)
    panel.topic_name.setText("乡村振兴")
    panel.add_group_button.click()
    group = panel.topic_tree.findItems("乡村振兴", Qt.MatchFlag.MatchExactly)[0]
    panel.topic_tree.setCurrentItem(group)
    panel.topic_name.setText("高标准农田")
    panel.add_child_button.click()
    assert "乡村振兴\\高标准农田" in office_ctx.taxonomy.topic_values()
    panel.genre_name.setText("方案")
    panel.add_genre_button.click()
    assert "方案" in office_ctx.taxonomy.genres()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    panel.genre_list.setCurrentItem(panel.genre_list.findItems("纪要", Qt.MatchFlag.MatchExactly)[0])
    panel.hide_genre_button.click()
    assert "纪要" not in office_ctx.taxonomy.genres()
    recursive = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
    leaf = panel.topic_tree.findItems("高标准农田", recursive)[0]
    panel.topic_tree.setCurrentItem(leaf)
    panel.hide_topic_button.click()
    assert "乡村振兴\\高标准农田" not in office_ctx.taxonomy.topic_values()


def test_interpretation_link_set_through_picker(
    page: DocumentsPage, office_ctx: AppContext, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = office_ctx.documents.create(
        admin,
        DocumentInput("关于农村宅基地管理的规定", OFFICE, doc_number="赵府规〔2025〕1号", normative=True),
    )
    reading = office_ctx.documents.create(admin, DocumentInput("《农村宅基地管理规定》政策解读", OFFICE))
    assert "尚未关联政策解读" in _detail_text(page, policy.id)

    def pick(picker: DocumentPickerDialog) -> int:
        picker.query.setText("宅基地管理的规定")
        picker.search()
        assert picker.results.count() == 1
        picker.accept()
        return 1

    def edit(dialog: DocumentDialog) -> int:
        dialog.pick_button.click()
        assert "赵府规〔2025〕1号" in dialog.interprets_label.text()
        return 1

    monkeypatch.setattr(DocumentPickerDialog, "exec", pick)
    monkeypatch.setattr(DocumentDialog, "exec", edit)
    page.select_document(reading.id)
    page.edit_current()
    assert office_ctx.documents.detail(reading.id).values.interprets_id == policy.id
    assert office_ctx.documents.detail(policy.id).interpretations == ("《农村宅基地管理规定》政策解读",)
    assert "尚未关联政策解读" not in _detail_text(page, policy.id)


def _detail_text(page: DocumentsPage, document_id: int) -> str:
    page.refresh()
    page.select_document(document_id)
    return page.detail.text()


def test_new_review_sheet_for_any_kind(
    themed_app: QApplication, qtbot: QtBot, services: PageServices, office_ctx: AppContext, admin: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """Issue 19 (G1): the sheet is made from the item; nothing about the item is typed in the dialog."""
    office_ctx.settings.save_boards(admin, ["镇政府公开栏"])
    posting = office_ctx.postings.create(admin, PostingDraft(
        "2025年第二季度村务收支公开", "收支明细如下。", ("镇政府公开栏",), "7日", date(2026, 11, 23)
    ))  # fmt: skip
    seen: list[ReviewSheetDialog] = []

    def fill(dialog: ReviewSheetDialog) -> int:
        seen.append(dialog)
        dialog.checks.answer("个人隐私", True, "名单含身份证号，遮盖后公开")  # a 是 needs a note
        dialog.channel_boxes["村（居）务公开栏"].setChecked(True)
        return 1

    monkeypatch.setattr(ReviewSheetDialog, "exec", fill)
    sheet = open_new_review_sheet(None, services, "posting", posting.id, "页面上显示的标题")
    assert seen[0].item_title.text() == "2025年第二季度村务收支公开"  # the item's own title
    assert not hasattr(seen[0], "item_id")  # no number to type either
    assert "正文：收支明细如下。" in seen[0].content.toPlainText()  # what the sheet will review
    assert sheet is not None and sheet.values.item_title == "2025年第二季度村务收支公开"
    saved = office_ctx.reviews.sheets_for("posting", posting.id)[0]
    assert saved.values.checks["个人隐私"] and "村（居）务公开栏" in saved.values.channels

    document = office_ctx.documents.create(admin, DocumentInput("关于做好冬季防火工作的通知", OFFICE))
    review = ReviewPage(services)
    qtbot.addWidget(review)

    def pick(picker: PickerDialog) -> int:  # the 保密审查 page picks the item first
        picker.kind.setCurrentIndex(picker.kind.findData("document"))
        type_chinese(picker.search, "冬季防火")
        picker.reload()
        picker.accept()
        return 1

    monkeypatch.setattr(PickerDialog, "exec", pick)
    monkeypatch.setattr(ReviewSheetDialog, "exec", lambda _dialog: 1)
    review.action_new()
    created = office_ctx.reviews.sheets_for("document", document.id)
    assert [s.values.item_title for s in created] == ["关于做好冬季防火工作的通知"]
    assert review._current is not None and review._current.id == created[0].id
    assert "一致" in review.currency.text()


def _drop(widget: QWidget, path: Path) -> None:
    """What Qt delivers when a file from Explorer is released over `widget` (it bubbles to the page)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    centre = QPointF(widget.rect().center())
    actions, left, plain = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(centre, actions, mime, left, plain)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(centre, actions, mime, left, plain)
    QApplication.sendEvent(widget, drop)
    assert drop.isAccepted()


@pytest.mark.parametrize("onto", ["list", "empty"])
def test_drag_and_drop_sample_proposes_fields(
    page: DocumentsPage, office_ctx: AppContext, admin: Actor, monkeypatch: pytest.MonkeyPatch, onto: str
) -> None:
    if onto == "list":
        office_ctx.documents.create(admin, DocumentInput("关于春耕的通知", OFFICE))
        page.refresh()
    seen: list[DocumentDialog] = []

    def cancel(dialog: DocumentDialog) -> int:
        seen.append(dialog)
        return 0

    monkeypatch.setattr(DocumentDialog, "exec", cancel)
    target = page.table.viewport() if onto == "list" else page.empty_label
    assert target.isVisible()
    _drop(target, SAMPLE)
    assert len(seen) == 1
    dialog = seen[0]
    assert dialog.number.text() == "泰财办〔2021〕2号"
    assert dialog.title_edit.text() == "关于做好新形势下财政工作政务公开的通知"
    assert dialog.written_on.date().toString("yyyy-MM-dd") == "2021-06-15"
    assert dialog.disclosure.currentText() == "主动公开"
    assert office_ctx.documents.count(DocumentFilter()) == (1 if onto == "list" else 0)  # cancelled: nothing
