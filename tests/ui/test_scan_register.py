"""从文件登记 of a scan (issue 22 point 2): OCR in the background with progress and 取消, the page beside
the fields, the recognised text editable, and the edited text is what search finds. A fast fake OCRs."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from app import __version__
from app.models.document import DocumentFile
from app.services.common import IsCancelled, Progress, check_cancel
from app.services.context import AppContext
from app.services.documents.query import DocumentFilter
from app.services.permissions import Actor
from app.services.scans import engine
from app.services.search.pages import PAGE_BREAK, join_pages
from app.ui.dialogs.document_dialog import DocumentDialog
from app.ui.page_services import PageServices
from app.ui.pages import scan_register_actions
from app.ui.pages.documents_page import DocumentsPage
from app.ui.pages.scan_register_actions import CANCELLED, NO_ENGINE
from app.ui.tasks import TaskRunner
from app.ui.widgets.scan_preview import ScanPreview, shown_text, stored_text
from tests.ui.conftest import type_chinese

pytestmark = pytest.mark.gui
PAGE_1 = (
    "赵庄镇人民政府文件\n赵政发〔2026〕7号\n关于做好冬季农村道路养护工作的通知\n各村民委员会：\n"
    "为保障冬季道路通行安全，现就有关事项通知如下。\n一、全面排查道路隐患。"
)
PAGE_2 = "二、及时清理沿线排水沟柒，防止路面结冰。\n赵庄镇人民政府\n2026年8月3日"  # 渠 misread as 柒
Reader = Callable[[Path], Sequence[str]]


def scan_png(path: Path) -> Path:
    page = Image.new("RGB", (827, 1169), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((120, 110, 707, 150), fill=(200, 30, 30))  # the red header
    for top in range(260, 900, 40):
        draw.rectangle((100, top, 727, top + 14), fill=(60, 60, 60))
    page.save(path)
    return path


@pytest.fixture
def page(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor, messages: list[str]
) -> Iterator[DocumentsPage]:
    runner = TaskRunner()
    documents = DocumentsPage(PageServices(office_ctx, runner, admin))
    qtbot.addWidget(documents)
    documents.show()
    yield documents
    runner.wait_for_idle()


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[DocumentDialog]:
    """Each 登记 dialog opened; the test's `on_open` (if any) acts as the clerk, then it is saved once."""
    seen: list[DocumentDialog] = []

    def exec_(dialog: DocumentDialog) -> int:
        seen.append(dialog)
        return 1 if len(seen) == 1 else 0

    monkeypatch.setattr(DocumentDialog, "exec", exec_)
    return seen


def fake_ocr(monkeypatch: pytest.MonkeyPatch, gate: threading.Event, wait_for_cancel: bool = False) -> None:
    monkeypatch.setattr(engine, "engine_installed", lambda: True)

    def reader(progress: Progress, is_cancelled: IsCancelled) -> Reader:
        def read(path: Path) -> list[str]:
            progress(0, f"正在读取「{path.name}」第 1/2 页…")
            while not gate.wait(0.02):
                if wait_for_cancel:
                    check_cancel(is_cancelled)
            progress(50, f"正在读取「{path.name}」第 2/2 页…")
            return [PAGE_1, PAGE_2]

        return read

    monkeypatch.setattr(scan_register_actions, "scan_reader", reader)


def _progress_dialog(page: DocumentsPage) -> QProgressDialog | None:
    shown = [dialog for dialog in page.findChildren(QProgressDialog) if dialog.isVisible()]
    return shown[0] if shown else None


def test_scan_is_read_in_background_fields_filled_and_edited_text_searched(
    page: DocumentsPage, dialogs: list[DocumentDialog], office_ctx: AppContext,
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, tmp_path: Path,
) -> None:  # fmt: skip
    gate = threading.Event()
    fake_ocr(monkeypatch, gate)
    page.register_from_file(scan_png(tmp_path / "赵政发7号.png"))
    assert dialogs == []  # returned at once: the window is not blocked while the pages are read
    qtbot.waitUntil(lambda: _progress_dialog(page) is not None, timeout=5000)
    progress = _progress_dialog(page)
    assert progress is not None and "第 1/2 页" in progress.labelText()
    gate.set()
    qtbot.waitUntil(lambda: bool(dialogs), timeout=5000)
    dialog = dialogs[0]
    assert dialog.number.text() == "赵政发〔2026〕7号"
    assert dialog.title_edit.text() == "关于做好冬季农村道路养护工作的通知"
    assert dialog.written_on.date().toString("yyyy-MM-dd") == "2026-08-03"
    assert dialog.publisher.text() == "赵庄镇人民政府"
    scan = dialog.findChild(ScanPreview)
    assert scan is not None and not scan.page_image.pixmap().isNull()
    assert scan.found.text() == "发文机关：赵庄镇人民政府　主送：各村民委员会"
    assert (dialog.issuer.text(), dialog.addressee.text()) == ("赵庄镇人民政府", "各村民委员会")  # editable
    assert "—— 第 2 页 ——" in scan.text_edit.toPlainText()

    detail = office_ctx.documents.page(DocumentFilter(), 0, 5)
    assert detail[0].title == "关于做好冬季农村道路养护工作的通知"  # saved with the text read, page by page
    with office_ctx.sessions() as session:
        stored = session.scalars(select(DocumentFile.text)).one()
    assert stored == join_pages([PAGE_1, PAGE_2])
    values = office_ctx.documents.detail(detail[0].id).values
    assert (values.issuer, values.addressee) == ("赵庄镇人民政府", "各村民委员会")  # kept on save


def test_edited_text_is_what_search_finds(
    page: DocumentsPage, office_ctx: AppContext, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot,
    tmp_path: Path,
) -> None:  # fmt: skip
    def correct_then_save(dialog: DocumentDialog) -> int:
        scan = dialog.findChild(ScanPreview)
        assert scan is not None
        edit = scan.text_edit
        edit.setPlainText(edit.toPlainText().replace("排水沟柒，", ""))
        edit.moveCursor(edit.textCursor().MoveOperation.End)
        type_chinese(edit, "\n排水沟渠已清淤")  # the clerk corrects the misread word
        return 1

    monkeypatch.setattr(DocumentDialog, "exec", correct_then_save)
    gate = threading.Event()
    gate.set()
    fake_ocr(monkeypatch, gate)
    page.register_from_file(scan_png(tmp_path / "scan.png"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    docs = office_ctx.documents
    assert [row.doc_number for row in docs.page(DocumentFilter(text="排水沟渠"), 0, 5)] == [
        "赵政发〔2026〕7号"
    ]
    assert docs.page(DocumentFilter(text="排水沟柒"), 0, 5) == []
    with office_ctx.sessions() as session:
        stored = session.scalars(select(DocumentFile.text)).one()
    assert stored.count(PAGE_BREAK) == 1 and stored.endswith("排水沟渠已清淤")  # still two pages


def test_cancel_leaves_nothing_saved(
    page: DocumentsPage, dialogs: list[DocumentDialog], office_ctx: AppContext,
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, tmp_path: Path,
) -> None:  # fmt: skip
    fake_ocr(monkeypatch, threading.Event(), wait_for_cancel=True)
    page.register_from_file(scan_png(tmp_path / "scan.png"))
    qtbot.waitUntil(lambda: _progress_dialog(page) is not None, timeout=5000)
    progress = _progress_dialog(page)
    assert progress is not None
    cancel = progress.findChild(QPushButton)
    assert cancel is not None
    cancel.click()  # 取消
    qtbot.waitUntil(lambda: page.count_label.text() == CANCELLED, timeout=5000)
    assert dialogs == [] and page.model.rowCount() == 0
    assert office_ctx.documents.page(DocumentFilter(), 0, 5) == []


def test_without_the_engine_says_so_and_the_clerk_types(
    page: DocumentsPage, office_ctx: AppContext, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot,
    tmp_path: Path, messages: list[str],
) -> None:  # fmt: skip
    monkeypatch.setattr(engine, "engine_installed", lambda: False)
    dialogs: list[DocumentDialog] = []

    def close(dialog: DocumentDialog) -> int:
        dialogs.append(dialog)
        return 0  # the clerk looks, then closes

    monkeypatch.setattr(DocumentDialog, "exec", close)
    page.register_from_file(scan_png(tmp_path / "photo.png"))
    qtbot.waitUntil(lambda: bool(dialogs), timeout=5000)
    scan = dialogs[0].findChild(ScanPreview)
    assert scan is not None and scan.note.text() == NO_ENGINE and messages == []
    assert not scan.page_image.pixmap().isNull()  # the page is there to type from
    assert dialogs[0].title_edit.text() == "" and scan.text_edit.toPlainText() == ""


def test_a_build_without_the_ocr_add_on_says_where_to_get_it(
    page: DocumentsPage, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, tmp_path: Path, messages: list[str]
) -> None:  # fmt: skip
    """The real check, as in an installed app without the add-on: the modules are there, the models not."""
    engine.engine_installed.cache_clear()
    monkeypatch.setattr(engine, "_package_folder", lambda: tmp_path / "no-models")
    dialogs: list[DocumentDialog] = []

    def close(dialog: DocumentDialog) -> int:
        dialogs.append(dialog)
        return 0

    monkeypatch.setattr(DocumentDialog, "exec", close)
    try:
        page.register_from_file(scan_png(tmp_path / "photo.png"))
        qtbot.waitUntil(lambda: bool(dialogs), timeout=5000)
    finally:
        engine.engine_installed.cache_clear()
    scan = dialogs[0].findChild(ScanPreview)
    assert scan is not None and messages == []
    assert scan.note.text().startswith("本机没有安装文字识别（OCR）组件")
    assert f"「ZwgkWorkbench-OCR-{__version__}.exe」" in scan.note.text()


def test_page_lines_round_trip() -> None:
    body = join_pages(["第一页", "第二页"])
    assert shown_text(body) == "—— 第 1 页 ——\n第一页\n—— 第 2 页 ——\n第二页"
    assert stored_text(shown_text(body)) == body
    assert stored_text("只有一页的文字\n") == "只有一页的文字"
