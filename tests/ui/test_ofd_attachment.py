"""An OFD attachment in 公文登记: the panel says it opens in the computer's OFD reader, and 「打开附件」 hands
the reader a copy named …ofd (the store keeps files by checksum, without an extension)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.services.context import AppContext
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor
from app.ui.attachment_open import OFD_HINT
from app.ui.dialogs.document_dialog import DocumentDialog
from app.ui.page_services import PageServices
from app.ui.pages.documents_page import DocumentsPage
from app.ui.tasks import TaskRunner
from tests.services.formats.ofd_fixtures import red_header_ofd

pytestmark = pytest.mark.gui


@pytest.fixture
def page(themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor) -> DocumentsPage:
    widget = DocumentsPage(PageServices(office_ctx, TaskRunner(), admin, lambda _key: None))
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


@pytest.fixture
def ofd_document(tmp_path: Path, office_ctx: AppContext, admin: Actor) -> tuple[int, bytes]:
    data = red_header_ofd()
    path = tmp_path / "东府发〔2026〕12号.ofd"
    path.write_bytes(data)
    value = DocumentInput(
        "东湖镇人民政府关于做好冬季防火工作的通知", "东湖镇人民政府", written_on=date(2026, 8, 3)
    )
    return office_ctx.documents.create(admin, value, (path,)).id, data


def test_an_ofd_attachment_says_where_it_opens_and_opens_under_its_own_name(
    page: DocumentsPage, ofd_document: tuple[int, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    document_id, data = ofd_document
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    page.refresh()
    page.select_document(document_id)
    assert OFD_HINT in page.detail.text()
    page.open_file_button.click()
    copy = Path(opened[0].toLocalFile())
    assert copy.name == "东府发〔2026〕12号.ofd" and copy.read_bytes() == data
    page.grab().save("/tmp/ofd_documents_page.png")


def test_without_an_ofd_reader_the_clerk_is_told_to_install_one(
    page: DocumentsPage, ofd_document: tuple[int, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)

    def warn(_parent: QWidget, _title: str, text: str) -> QMessageBox.StandardButton:
        warnings.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warn)
    page.refresh()
    page.select_document(ofd_document[0])
    page.open_file_button.click()
    assert warnings and "没有能打开 OFD 文件的程序" in warnings[0] and "OFD 阅读器" in warnings[0]


def test_registering_from_an_ofd_fills_the_dialog(
    page: DocumentsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "通知.ofd"
    path.write_bytes(red_header_ofd())
    seen: list[DocumentDialog] = []

    def look(dialog: DocumentDialog) -> int:
        seen.append(dialog)
        dialog.show()
        dialog.grab().save("/tmp/ofd_register_dialog.png")
        return 0

    monkeypatch.setattr(DocumentDialog, "exec", look)
    page.register_from_file(path)
    dialog = seen[0]
    assert dialog.number.text() == "东府发〔2026〕12号"
    assert dialog.title_edit.text() == "东湖镇人民政府关于做好冬季防火工作的通知"
    assert dialog.written_on.date().toString("yyyy-MM-dd") == "2026-08-03"
