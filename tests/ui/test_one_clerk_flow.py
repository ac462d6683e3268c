"""Issue 21 "Done when": one account, 单人模式 on, takes a 公文 from registration through a four-step sheet
whose later steps are recorded from paper with a scan, to 已公开; a posting of it is approved the same way and
marked 张贴中; the 上报 package holds the document; the printed sheet says which steps came from paper."""

from __future__ import annotations

import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from PIL import Image
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.postings.types import PostingDraft, PostingStatus
from app.services.review.types import CHECK_ITEMS, SheetDetail
from app.services.settings import registry
from app.ui.dialogs.document_dialog import DocumentDialog
from app.ui.dialogs.paper_signoff_dialog import PaperSignoffDialog
from app.ui.dialogs.review_checks_dialog import ReviewChecksDialog
from app.ui.page_services import PageServices
from app.ui.pages.documents_page import DocumentsPage
from app.ui.pages.review_page import MINE_ONE_CLERK, ReviewPage
from app.ui.pages.settings_page import SettingsPage
from app.ui.tasks import TaskRunner
from tests.conftest import set_today

pytestmark = pytest.mark.gui
SAMPLE = Path(__file__).parent / "data" / "notice_taian_finance_2021.txt"
SIGNERS = "周强（党政办主任）；吴丽（保密审查员）；孙华（分管副镇长）"
PAPER_STEPS = (("周强", ""), ("吴丽", ""), ("孙华", "同意公开"))  # 科室负责人, 保密审查员, 分管领导


@pytest.fixture
def page_services(office_ctx: AppContext, admin: Actor) -> PageServices:
    return PageServices(office_ctx, TaskRunner(), admin, lambda _page: None)


def _scan(folder: Path) -> Path:
    path = folder / "审查单签字页.png"
    Image.new("L", (120, 170), 245).save(path, "PNG")
    return path


def _review_through_the_page(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, services: PageServices, scan: Path
) -> SheetDetail:
    """On the 保密审查 page: answer the six points, sign step 1 in the app, record 2–4 from paper."""
    page = ReviewPage(services)
    qtbot.addWidget(page)
    page.show()
    assert page.view_combo.currentText() == MINE_ONE_CLERK and page.sheet_list.count() == 1
    panel = page.sign_panel
    assert "还没有回答" in panel.checks_label.text() and panel.checks_button.isVisibleTo(page)

    def answer(dialog: ReviewChecksDialog) -> int:
        assert dialog.checks.answers() == {}  # nothing pre-ticked
        for name in CHECK_ITEMS:
            dialog.checks.answer(name, False)
        return 1

    monkeypatch.setattr(ReviewChecksDialog, "exec", answer)
    qtbot.mouseClick(panel.checks_button, Qt.MouseButton.LeftButton)
    assert page._current is not None and page._current.values.unanswered == ()
    assert panel.in_app.isChecked() and page.agree_button.isVisibleTo(page)  # 承办人初审: her own step
    page.opinion.setPlainText("已逐项核对，未发现涉密内容")
    qtbot.mouseClick(page.agree_button, Qt.MouseButton.LeftButton)
    signing = iter(PAPER_STEPS)

    def record(dialog: PaperSignoffDialog) -> int:
        name, conclusion = next(signing)
        dialog.signer.setCurrentIndex(dialog.signer.findData(name))
        dialog.opinion.setPlainText("同意")
        if conclusion:
            assert dialog.final and dialog.conclusion.currentText() == "同意公开"
            dialog.set_scan(scan)
        return 1

    monkeypatch.setattr(PaperSignoffDialog, "exec", record)
    for _step in range(3):
        assert panel.on_paper.isChecked() and panel.paper_button.isVisibleTo(page)  # the clerk can't sign
        qtbot.mouseClick(panel.paper_button, Qt.MouseButton.LeftButton)
    assert page._current is not None and page._current.status == "已通过"
    return page._current


def test_one_clerk_from_registration_to_the_board_and_the_package(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor, page_services: PageServices,
    messages: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:  # fmt: skip
    assert office_ctx.accounts.single_account_mode() and office_ctx.accounts.count() == 1
    settings = SettingsPage(page_services)  # the office's signers, as the administrator enters them
    qtbot.addWidget(settings)
    signers = settings.rule_widgets[registry.PAPER_SIGNERS.key]
    assert isinstance(signers, QLineEdit)
    signers.setText(SIGNERS)
    settings.action_save()
    assert office_ctx.settings.read(registry.PAPER_SIGNERS) == SIGNERS

    monkeypatch.setattr(DocumentDialog, "exec", lambda _dialog: 1)
    documents = DocumentsPage(page_services)
    qtbot.addWidget(documents)
    documents.show()
    documents.register_from_file(SAMPLE)
    documents.table.selectRow(0)
    document_id = documents.model.row_at(0).id  # type: ignore[union-attr]
    assert office_ctx.documents.detail(document_id).values.disclosure == "主动公开"
    qtbot.mouseClick(documents.review_button, Qt.MouseButton.LeftButton)  # 公文登记 → a new sheet
    sheet = office_ctx.reviews.sheets_for("document", document_id)[0]
    assert sheet.values.unanswered == CHECK_ITEMS  # not six 否 that nobody answered

    scan = _scan(tmp_path)
    set_today(office_ctx, office_ctx.clock.now() + timedelta(minutes=5))
    sheet = _review_through_the_page(qtbot, monkeypatch, page_services, scan)
    assert [s.source for s in sheet.signoffs] == ["系统内", "纸质", "纸质", "纸质"]
    assert [s.signer_name for s in sheet.signoffs] == ["王管理", "周强", "吴丽", "孙华"]

    set_today(office_ctx, office_ctx.clock.now() + timedelta(minutes=5))
    documents.select_document(document_id)
    assert documents.publish_button.isEnabled()
    qtbot.mouseClick(documents.publish_button, Qt.MouseButton.LeftButton)
    assert office_ctx.documents.detail(document_id).published_at is not None, messages

    office_ctx.settings.save_boards(admin, ["镇政府公开栏"])
    detail = office_ctx.documents.detail(document_id)
    draft = PostingDraft(
        detail.values.title[:60], "现予公开，详见镇政府网站。", ("镇政府公开栏",), "7日",
        office_ctx.clock.today(), responsible="王管理", unit="测试镇人民政府",
        source_kind="document", source_id=document_id,
    )  # fmt: skip
    posting = office_ctx.postings.create(admin, draft)
    office_ctx.reviews.create(admin, "posting", posting.id)
    _review_through_the_page(qtbot, monkeypatch, page_services, scan)
    set_today(office_ctx, office_ctx.clock.now() + timedelta(minutes=5))
    posted = office_ctx.postings.mark_posted(admin, posting.id, office_ctx.clock.now())
    assert posted.status == PostingStatus.POSTED.value == "张贴中"

    package = office_ctx.exports.build(admin, tmp_path / "上报.zip")
    assert package.items >= 1
    with zipfile.ZipFile(package.file) as archive:
        text = "".join(
            archive.read(name).decode("utf-8", "replace")
            for name in archive.namelist()
            if name.endswith((".json", ".csv", ".xml"))
        )
    assert detail.values.title in text

    review = ReviewPage(page_services)
    qtbot.addWidget(review)
    review.view_combo.setCurrentIndex(review.view_combo.findData("已通过"))
    rows = [
        review.sheet_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(review.sheet_list.count())
    ]
    review.sheet_list.setCurrentRow(rows.index(sheet.id))
    printed = tmp_path / "审查单.docx"
    monkeypatch.setattr(review, "_save_path", lambda *_args: printed)
    review.export_sheet()
    page_services.runner.wait_for_idle()
    qtbot.waitUntil(printed.exists)
    cells = {row.cells[0].text: row.cells[1].text for row in DocxDocument(str(printed)).tables[0].rows}
    assert "系统内签署" in cells["承办人初审意见"]
    for step, name in (("科室负责人审核", "周强"), ("保密审查员审查", "吴丽"), ("分管领导审批", "孙华")):
        assert f"签署人：{name}" in cells[f"{step}意见"]
        assert "据纸质审查单录入（录入人 王管理，录入时间" in cells[f"{step}意见"]
    assert "附扫描件「审查单签字页.png」" in cells["分管领导审批意见"]
