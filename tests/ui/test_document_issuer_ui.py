"""Issue 22: 发文机关 and 主送 are editable in the 登记 dialog, kept on save, shown in the detail panel
when filled, and a text file's 红头 pre-fills them; a search hit in a scan names its page."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QApplication

from app.services.context import AppContext
from app.services.documents.query import DocumentFilter
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor
from app.services.search.pages import join_pages
from app.ui.dialogs.document_dialog import DocumentDialog
from app.ui.page_services import PageServices
from app.ui.pages.documents_page import DocumentsPage
from app.ui.tasks import TaskRunner
from tests.services.documents.test_red_header import NOISY_SCAN
from tests.ui.conftest import type_chinese

pytestmark = pytest.mark.gui
OFFICE = "测试镇人民政府"


@pytest.fixture
def page(themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor) -> DocumentsPage:
    widget = DocumentsPage(PageServices(office_ctx, TaskRunner(), admin, lambda _key: None))
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def _detail_text(page: DocumentsPage, document_id: int) -> str:
    page.refresh()
    page.select_document(document_id)
    return page.detail.text()


def test_the_dialog_saves_issuer_and_addressee_and_the_panel_shows_them(
    page: DocumentsPage, office_ctx: AppContext, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = office_ctx.documents.create(admin, DocumentInput("关于秋季防火的通知", OFFICE))
    text = _detail_text(page, document.id)
    assert "发文机关" not in text and "主送" not in text  # empty: not shown

    def edit(dialog: DocumentDialog) -> int:
        assert dialog.issuer.text() == "" and dialog.addressee.text() == ""
        dialog.issuer.setText("测试镇人民政府办公室")
        dialog.addressee.setText("各村（居）委会")
        return 1

    monkeypatch.setattr(DocumentDialog, "exec", edit)
    page.select_document(document.id)
    page.edit_current()
    values = office_ctx.documents.detail(document.id).values
    assert (values.issuer, values.addressee) == ("测试镇人民政府办公室", "各村（居）委会")
    text = _detail_text(page, document.id)
    assert "发文机关：测试镇人民政府办公室" in text and "主送：各村（居）委会" in text


def test_registering_a_text_file_pre_fills_them(
    page: DocumentsPage, office_ctx: AppContext, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[tuple[str, str]] = []

    def save(dialog: DocumentDialog) -> int:
        seen.append((dialog.issuer.text(), dialog.addressee.text()))
        return 1 if len(seen) == 1 else 0

    monkeypatch.setattr(DocumentDialog, "exec", save)
    path = tmp_path / "森林防火通知.txt"
    path.write_text(NOISY_SCAN, encoding="utf-8")
    page.register_from_file(path)
    assert seen[0] == ("赵巷镇人民政府", "各村（居）委会、镇属各单位")
    (row,) = office_ctx.documents.page(DocumentFilter(), 0, 5)
    values = office_ctx.documents.detail(row.id).values
    assert (values.issuer, values.addressee) == seen[0]


def test_a_search_hit_in_a_scan_names_its_page_in_the_detail_panel(
    page: DocumentsPage, office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    scan = tmp_path / "森林防火通知.png"
    scan.write_bytes(b"\x89PNG stand-in")
    pages = ["赵巷镇人民政府文件\n关于做好秋冬季森林防火工作的通知", "二、组织护林员开展巡山护林。"]
    office_ctx.documents.create(
        admin, DocumentInput("森林防火通知", OFFICE), (scan,), texts=(join_pages(pages),)
    )
    type_chinese(page.search_edit, "巡山护林")
    page.apply_filter()
    assert page.model.rowCount() == 1
    page.table.selectRow(0)
    assert "检索词见附件「森林防火通知.png」（扫描件第 2 页）" in page.detail.text()
    page.search_edit.clear()
    page.apply_filter()
    page.table.selectRow(0)
    assert "扫描件第" not in page.detail.text()  # no search: no page to point at
