"""公开栏 page extras: text from a source record, photo thumbnails, 登记簿 for any period, 保密审查."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

from app.models.document import ReviewSheet
from app.services.context import AppContext
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor
from app.services.postings.types import PhotoStage
from app.ui.dialogs.picker_dialog import PickerDialog
from app.ui.dialogs.register_period_dialog import RegisterPeriodDialog
from app.ui.dialogs.review_sheet_dialog import ReviewSheetDialog
from app.ui.page_services import PageServices
from app.ui.pages import boards_actions
from app.ui.pages.boards_actions import photo_filter
from app.ui.pages.boards_page import BoardsPage
from app.ui.tasks import TaskRunner
from tests.services.decision_support import draft
from tests.services.review_support import reviewed
from tests.ui.conftest import type_chinese

pytestmark = pytest.mark.gui
BOARDS = ["镇政府公开栏", "赵巷村公开栏"]
NOTICE = "经本人申请、村民委员会入户调查，现将拟新增低保对象予以公示。"


@pytest.fixture
def opened() -> list[str]:
    return []


@pytest.fixture
def page(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor, opened: list[str]
) -> Iterator[BoardsPage]:
    office_ctx.settings.save_boards(admin, BOARDS)
    runner = TaskRunner()
    services = PageServices(ctx=office_ctx, runner=runner, actor=admin, open_page=opened.append)
    widget = BoardsPage(services)
    runner.setParent(widget)
    qtbot.addWidget(widget)
    widget.resize(1280, 900)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget._timer.stop()
    runner.wait_for_idle()
    qtbot.wait(50)


def _pick(kind: str, query: str) -> object:
    def exec_(dialog: PickerDialog) -> int:
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
        type_chinese(dialog.search, query)
        dialog.reload()
        dialog.accept()
        return QDialog.DialogCode.Accepted

    return exec_


def test_text_comes_from_a_document_or_the_decision_directory(
    page: BoardsPage, office_ctx: AppContext, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text_file = tmp_path / "公示.txt"
    text_file.write_text(NOTICE, encoding="utf-8")
    document = office_ctx.documents.create(
        admin, DocumentInput("关于拟新增低保对象的公示", "测试镇人民政府"), (text_file,)
    )
    monkeypatch.setattr(PickerDialog, "exec", _pick("document", "低保"))
    page.controls.choose_source()
    assert page.editor.title.text() == "关于拟新增低保对象的公示"
    assert page.editor.body.toPlainText() == NOTICE
    assert "登记公文" in page.editor.source_label.text() and not page.editor.source_label.isHidden()
    page.editor.board_checks[0].setChecked(True)
    page.action_save()
    assert page.current is not None
    saved = office_ctx.postings.get(page.current.id).draft
    assert (saved.source_kind, saved.source_id, saved.body) == ("document", document.id, NOTICE)
    page.open_posting(page.current.id)  # reopened: the 来源 line names the document
    assert "关于拟新增低保对象的公示" in page.editor.source_label.text()

    office_ctx.decisions.create_directory(admin, 2025)
    office_ctx.decisions.add_item(admin, 2025, draft("赵巷镇老旧小区综合改造实施方案"))
    page.action_new()
    monkeypatch.setattr(PickerDialog, "exec", _pick("decision_directory", "2025"))
    page.controls.choose_source()
    assert page.editor.title.text() == "2025年重大行政决策事项目录"
    lines = page.editor.body.toPlainText().splitlines()
    assert lines[0].split("\t")[:2] == ["序号", "决策事项名称"]
    assert lines[1].split("\t")[:2] == ["1", "赵巷镇老旧小区综合改造实施方案"]
    page.editor.board_checks[1].setChecked(True)
    page.action_save()
    assert page.current is not None and page.current.draft.source_kind == "decision_directory"
    page.editor.free_button.click()  # back to free text: nothing linked when saved
    page.action_save()
    assert office_ctx.postings.get(page.current.id).draft.source_id is None


def _posted(ctx: AppContext, admin: Actor, page: BoardsPage) -> int:
    page.editor.title.setText("政策告知")
    page.editor.body.setPlainText(NOTICE)
    page.editor.board_checks[0].setChecked(True)
    page.action_save()
    assert page.current is not None
    posting_id = page.current.id
    with ctx.sessions.begin() as session:
        session.add(
            ReviewSheet(
                number="保审〔2026〕9号",
                item_kind="posting",
                item_id=posting_id,
                item_title="政策告知",
                filled_on=ctx.clock.today(),
                steps="分管领导审批",
                status="已通过",
                conclusion="同意公开",
                approved_at=ctx.clock.now() - timedelta(hours=1),
                **reviewed(session, "posting", posting_id),
            )
        )
    ctx.postings.mark_posted(admin, posting_id, ctx.clock.now().replace(microsecond=0))
    return posting_id


def test_photos_show_as_thumbnails_and_open_in_the_viewer(
    page: BoardsPage, office_ctx: AppContext, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert page.controls.photos.isHidden()
    posting_id = _posted(office_ctx, admin, page)
    photo = tmp_path / "上墙.jpg"
    Image.new("RGB", (640, 480), "orange").save(photo, "JPEG")
    saved = office_ctx.postings.add_photo(admin, posting_id, PhotoStage.POSTED, photo, "镇政府公开栏")
    page.open_posting(posting_id)
    strip = page.controls.photos
    assert not strip.isHidden() and strip.count() == 1
    item = strip.item(0)
    assert item.text().startswith("张贴") and not item.icon().isNull()
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    strip.itemActivated.emit(item)
    assert [Path(url.toLocalFile()) for url in urls] == [office_ctx.attachments.path_of(saved.sha256)]


def test_a_phone_heic_photo_is_offered_dated_from_its_exif_and_shown(
    page: BoardsPage, office_ctx: AppContext, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pillow_heif  # writes HEIC as a phone does; the program reads it with pi-heif

    assert "*.heic" in photo_filter()
    posting_id = _posted(office_ctx, admin, page)
    exif = Image.Exif()
    exif.get_ifd(0x8769)[36867] = "2026:11:22 16:05:00"  # DateTimeOriginal
    photo = tmp_path / "IMG_0412.HEIC"
    pillow_heif.from_pillow(Image.new("RGB", (640, 480), "orange")).save(photo, exif=exif.tobytes())
    saved = office_ctx.postings.add_photo(admin, posting_id, PhotoStage.POSTED, photo, "镇政府公开栏")
    assert saved.taken_at == datetime(2026, 11, 22, 16, 5) and saved.taken_source == "照片EXIF"
    page.open_posting(posting_id)
    item = page.controls.photos.item(0)
    assert item.text() == "张贴 2026-11-22" and not item.icon().isNull()  # Qt alone cannot read HEIC
    monkeypatch.setattr(boards_actions, "heic_readable", lambda: False)
    assert "heic" not in photo_filter()  # without pi-heif a HEIC would be refused: not offered


def test_register_for_a_chosen_board_and_period(
    page: BoardsPage, office_ctx: AppContext, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _posted(office_ctx, admin, page)
    today = office_ctx.clock.today()

    def exec_(dialog: RegisterPeriodDialog) -> int:
        dialog.board.setCurrentText("镇政府公开栏")
        dialog.quick.setCurrentText("本月")
        assert dialog.start.date() == QDate(today.year, today.month, 1)
        dialog.format.setCurrentIndex(dialog.format.findData(".xlsx"))
        return QDialog.DialogCode.Accepted

    out = tmp_path / "登记簿.xlsx"
    monkeypatch.setattr(RegisterPeriodDialog, "exec", exec_)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    page.controls.export_register()
    page.services.runner.wait_for_idle()
    QApplication.processEvents()
    book = load_workbook(out, read_only=True)  # read-only books keep the file open until closed
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    assert rows[1][1] == "政策告知" and "已导出" in page.message.text()
    monkeypatch.setattr(RegisterPeriodDialog, "exec", lambda _d: QDialog.DialogCode.Accepted)
    last_year = tmp_path / "去年.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(last_year), ""))
    page.controls.write_register(
        "镇政府公开栏", date(today.year - 1, 1, 1), date(today.year - 1, 12, 31), last_year
    )
    page.services.runner.wait_for_idle()
    book = load_workbook(last_year, read_only=True)
    assert len(list(book.worksheets[0].iter_rows())) == 1  # header only
    book.close()


def test_review_is_started_for_the_saved_posting(
    page: BoardsPage, office_ctx: AppContext, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    page.controls.start_review()
    assert "请先保存" in page.message.text()
    page.editor.title.setText("政策告知")
    page.editor.board_checks[0].setChecked(True)
    page.action_save()
    assert page.current is not None and page.controls.review_button.isEnabled()
    shown: list[tuple[str, int, str]] = []

    def exec_(dialog: ReviewSheetDialog) -> int:
        shown.append((dialog.preview.kind.value, dialog.preview.item_id, dialog.item_title.text()))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReviewSheetDialog, "exec", exec_)
    page.controls.start_review()
    assert shown == [("posting", page.current.id, "政策告知")]  # made from the saved posting itself
    with office_ctx.sessions() as session:
        sheet = session.scalars(select(ReviewSheet)).one()
    assert (sheet.item_kind, sheet.item_id, sheet.item_title) == ("posting", page.current.id, "政策告知")
    assert sheet.number in messages[-1]


@pytest.fixture(autouse=True)
def _no_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
