"""决策目录 page extras: Excel import, the 政策解读 picker, stage attachments opened and removed, 保密审查."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

from app.models import AuditEntry
from app.models.decision import Stage
from app.models.document import ReviewSheet
from app.services.context import AppContext
from app.services.decisions.export import XLSX_HEADERS
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor
from app.ui.dialogs.decision_stage_dialog import DecisionStageDialog, DocumentLink
from app.ui.dialogs.picker_dialog import PickerDialog
from app.ui.dialogs.review_sheet_dialog import ReviewSheetDialog
from app.ui.page_services import PageServices
from app.ui.pages.decisions_page import DecisionsPage
from app.ui.tasks import TaskRunner
from tests.services.decision_support import ALL_PROCEDURES, FULL_FLOW, GateRecorder, draft, install_gate
from tests.ui.conftest import type_chinese

pytestmark = pytest.mark.gui
YES = QMessageBox.StandardButton.Yes


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> GateRecorder:
    return install_gate(monkeypatch)


@pytest.fixture
def page(themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor) -> DecisionsPage:
    runner = TaskRunner()
    widget = DecisionsPage(PageServices(ctx=office_ctx, runner=runner, actor=admin))
    runner.setParent(widget)
    qtbot.addWidget(widget)
    widget.resize(1400, 860)
    widget.show()
    return widget


def test_import_button_previews_then_saves_the_good_rows(
    page: DecisionsPage, office_ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "2026年决策事项目录"
    sheet.append(XLSX_HEADERS)
    base = [
        "",
        "",
        "测试镇人民政府",
        "建设管理办公室",
        "",
        "是",
        "否",
        "否",
        "是",
        "是",
        "否",
        "2026-10-31",
        "",
    ]
    for name in ("老旧小区综合改造实施方案", "", "养老服务设施布局规划"):
        sheet.append([base[0], name, *base[2:]])
    path = tmp_path / "目录.xlsx"
    book.save(path)
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *_a: asked.append(text) or YES)
    page.import_button.click()
    page.services.runner.wait_for_idle()
    QApplication.processEvents()
    page.services.runner.wait_for_idle()
    QApplication.processEvents()
    assert "可以导入 2 项，1 行有问题" in asked[0] and "第3行：请填写决策事项名称" in asked[0]
    info = office_ctx.decisions.directory(2026)
    assert info is not None and [i.name for i in info.items] == [
        "老旧小区综合改造实施方案",
        "养老服务设施布局规划",
    ]
    assert page.year == 2026 and page.items.rowCount() == 2
    assert "已导入 2 行" in page.status_label.text()


def _published(office_ctx: AppContext, admin: Actor, page: DecisionsPage) -> int:
    if office_ctx.decisions.directory(2025) is None:
        office_ctx.decisions.create_directory(admin, 2025)
    item = office_ctx.decisions.add_item(
        admin, 2025, draft("赵巷镇老旧小区综合改造实施方案", procedures=ALL_PROCEDURES)
    )
    office_ctx.decisions.publish_directory(admin, 2025, date(2025, 3, 20))
    for record in FULL_FLOW:
        if record.stage is Stage.PUBLISH:
            break
        office_ctx.decisions.process.save_stage(admin, item.id, record)
    page.refresh()
    page.year_combo.setCurrentIndex(page.year_combo.findData(2025))
    return item.id


def _select(page: DecisionsPage, stage: Stage) -> None:
    page.process.table.setCurrentCell([v.stage for v in page.process.record.stages].index(stage), 0)  # type: ignore[union-attr]


def test_interpretation_is_picked_from_the_register(
    page: DecisionsPage,
    office_ctx: AppContext,
    admin: Actor,
    gate: GateRecorder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    item_id = _published(office_ctx, admin, page)
    policy = office_ctx.documents.create(
        admin, DocumentInput("关于老旧小区综合改造实施方案的政策解读", "测试镇人民政府")
    )

    def pick(dialog: PickerDialog) -> int:
        type_chinese(dialog.search, "政策解读")
        dialog.reload()
        dialog.accept()
        return QDialog.DialogCode.Accepted

    def stage_exec(dialog: DecisionStageDialog) -> int:
        link = dialog.widgets["document_id"]
        assert isinstance(link, DocumentLink) and link.label.text() == "（未关联）"
        link.pick.click()
        assert "政策解读" in link.label.text()
        dialog.widgets["channels"].setText("镇政府网站")  # type: ignore[attr-defined]
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PickerDialog, "exec", pick)
    monkeypatch.setattr(DecisionStageDialog, "exec", stage_exec)
    _select(page, Stage.PUBLISH)
    page.process.edit_stage()
    saved = office_ctx.decisions.process.record(item_id).view(Stage.PUBLISH).info
    assert saved is not None and saved.record.document_id == policy.id
    reopened = DecisionStageDialog(
        Stage.PUBLISH, saved.record, page, office_ctx.documents, today=office_ctx.clock.today()
    )
    link = reopened.widgets["document_id"]
    assert isinstance(link, DocumentLink) and "政策解读" in link.label.text()


def test_stage_attachments_open_and_are_removed_with_an_audit_entry(
    page: DecisionsPage,
    office_ctx: AppContext,
    admin: Actor,
    gate: GateRecorder,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    item_id = _published(office_ctx, admin, page)
    minutes = tmp_path / "会议纪要.txt"
    minutes.write_text("第12次常务会议纪要", encoding="utf-8")
    _select(page, Stage.MEETING)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(minutes), ""))
    page.process.attach()
    assert page.process.attachments.count() == 1 and page.process.open_button.isEnabled()
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    page.process.open_button.click()
    assert Path(urls[0].toLocalFile()).read_text(encoding="utf-8") == "第12次常务会议纪要"
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: YES)
    page.process.remove_button.click()
    assert page.process.attachments.count() == 0
    info = office_ctx.decisions.process.record(item_id).view(Stage.MEETING).info
    assert info is not None and info.attachments == ()
    with office_ctx.sessions() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "删除")).one()
    assert str(item_id) == entry.entity_id
    assert "会议纪要.txt" in entry.details_json and entry.entity == "决策过程"


def test_review_for_the_directory_and_a_decision_result(
    page: DecisionsPage,
    office_ctx: AppContext,
    admin: Actor,
    gate: GateRecorder,
    messages: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ReviewSheetDialog, "exec", lambda _d: QDialog.DialogCode.Accepted)
    page.year_combo.setCurrentIndex(page.year_combo.findData(2025))
    page.create_button.click()
    assert not page.review_button.isHidden()
    page.review_button.click()
    item_id = _published(office_ctx, admin, page)
    assert page.review_button.isHidden()  # the directory is published
    _select(page, Stage.MEETING)
    assert not page.process.review_button.isEnabled()
    _select(page, Stage.PUBLISH)
    page.process.review_button.click()
    with office_ctx.sessions() as session:
        sheets = [
            (s.item_kind, s.item_id) for s in session.scalars(select(ReviewSheet).order_by(ReviewSheet.id))
        ]
    directory = office_ctx.decisions.directory(2025)
    assert directory is not None
    assert sheets == [("decision_directory", directory.id), ("decision_result", item_id)]
    assert len(messages) == 2 and "已发起保密审查单" in messages[-1]
