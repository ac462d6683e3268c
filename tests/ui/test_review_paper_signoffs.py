"""Issue 21 on the 保密审查 page: the six points start unanswered in every dialog; a paper step is recorded
through its dialog, whose refusals are shown and keep it open; the two ways of signing a step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.context import AppContext
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor
from app.services.review.types import CHECK_ITEMS, SheetDetail
from app.services.settings import registry
from app.ui.dialogs.paper_signoff_dialog import PaperSignoffDialog
from app.ui.dialogs.review_checks_dialog import ReviewChecksDialog
from app.ui.dialogs.review_sheet_dialog import ReviewSheetDialog
from app.ui.page_services import PageServices
from app.ui.pages.review_page import ReviewPage
from app.ui.tasks import TaskRunner
from tests.services.review_support import NONE_APPLY

pytestmark = pytest.mark.gui
SIGNERS = "周强（党政办主任）；吴丽（保密审查员）；孙华（分管副镇长）"


@pytest.fixture
def services(office_ctx: AppContext, admin: Actor) -> PageServices:
    office_ctx.settings.set(admin, registry.PAPER_SIGNERS, SIGNERS)
    return PageServices(office_ctx, TaskRunner(), admin, lambda _page: None)


def _sheet(ctx: AppContext, admin: Actor) -> SheetDetail:
    document = ctx.documents.create(admin, DocumentInput("关于做好冬季防火工作的通知", "测试镇人民政府"))
    return ctx.reviews.create_for_document(admin, document.id)


def _page(qtbot: QtBot, services: PageServices) -> ReviewPage:
    page = ReviewPage(services)
    qtbot.addWidget(page)
    page.show()
    return page


def test_the_new_sheet_dialog_ticks_nothing_and_asks_a_note_for_yes(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor
) -> None:
    document = office_ctx.documents.create(admin, DocumentInput("关于低保对象的公示", "测试镇人民政府"))
    dialog = ReviewSheetDialog(
        office_ctx.reviews.preview_item("document", document.id), today=office_ctx.clock.today()
    )
    qtbot.addWidget(dialog)
    checks = dialog.checks
    assert not any(b.isChecked() for b in (*checks.yes.values(), *checks.no.values()))
    assert dialog.collect().checks == {}  # unanswered, not 否
    assert not checks.note["个人隐私"].isEnabled()
    checks.yes["个人隐私"].setChecked(True)
    assert checks.note["个人隐私"].isEnabled()
    checks.note["个人隐私"].setText("名单含身份证号，遮盖后公开")
    checks.no["国家秘密"].setChecked(True)
    form = dialog.collect()
    assert form.checks == {"国家秘密": False, "个人隐私": True}
    assert form.check_notes == {"个人隐私": "名单含身份证号，遮盖后公开"}


def test_the_page_asks_for_the_points_before_signing(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor, services: PageServices,
    messages: list[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    sheet = _sheet(office_ctx, admin)
    page = _page(qtbot, services)
    panel = page.sign_panel
    assert "还没有回答" in panel.checks_label.text() and panel.checks_button.text() == "回答审查要点…"
    qtbot.mouseClick(page.agree_button, Qt.MouseButton.LeftButton)
    assert "审查要点「国家秘密" in messages[-1] and "还没有回答" in messages[-1]
    assert office_ctx.reviews.detail(sheet.id).signoffs == ()

    tries: list[int] = []

    def answer(dialog: ReviewChecksDialog) -> int:
        tries.append(1)
        for name in CHECK_ITEMS:
            dialog.checks.answer(name, name == "个人隐私")  # 是 without a note: refused, dialog again
        if len(tries) > 1:
            dialog.checks.note["个人隐私"].setText("遮盖电话号码")
        return 1

    monkeypatch.setattr(ReviewChecksDialog, "exec", answer)
    qtbot.mouseClick(panel.checks_button, Qt.MouseButton.LeftButton)
    assert len(tries) == 2 and "「个人隐私」选择了「是」" in messages[-1]
    detail = office_ctx.reviews.detail(sheet.id)
    assert detail.values.checks["个人隐私"] and detail.values.unanswered == ()
    assert panel.checks_button.text() == "修改审查要点…" and "已逐项回答" in panel.checks_label.text()


def test_a_refused_paper_step_keeps_the_dialog_and_records_nothing(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor, services: PageServices,
    messages: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:  # fmt: skip
    sheet = office_ctx.reviews.answer_checks(admin, _sheet(office_ctx, admin).id, NONE_APPLY)
    page = _page(qtbot, services)
    panel = page.sign_panel
    assert panel.in_app.isChecked() and panel.in_app.isEnabled()  # 承办人初审: the clerk's own step
    panel.on_paper.setChecked(True)
    assert panel.paper_button.isVisibleTo(page) and not page.agree_button.isVisibleTo(page)
    shown: list[tuple[str, str]] = []

    def future_then_cancel(dialog: PaperSignoffDialog) -> int:
        shown.append((dialog.windowTitle(), dialog.signer.currentText()))
        if len(shown) > 1:
            return 0  # the clerk gives up
        dialog.signer.setCurrentIndex(dialog.signer.findData("周强"))
        dialog.signed_on.setDate(dialog.signed_on.date().addDays(1))
        return 1

    monkeypatch.setattr(PaperSignoffDialog, "exec", future_then_cancel)
    qtbot.mouseClick(panel.paper_button, Qt.MouseButton.LeftButton)
    assert "晚于今天" in messages[-1] and len(shown) == 2
    assert shown[0] == (f"录入纸质签署 — {sheet.number}　承办人初审", "")  # nobody preselected
    assert office_ctx.reviews.detail(sheet.id).signoffs == ()

    def last_step_without_scan(dialog: PaperSignoffDialog) -> int:
        if messages and "须附签字页的扫描件" in messages[-1]:
            scan = tmp_path / "签字页.jpg"
            Image.new("RGB", (40, 56), "white").save(scan, "JPEG")
            dialog.set_scan(scan)
        else:
            dialog.signer.setCurrentIndex(dialog.signer.findData("孙华"))
        return 1

    office_ctx.settings.set(admin, registry.REVIEW_STEPS, "承办人初审、分管领导审批")
    short = office_ctx.reviews.answer_checks(
        admin, _sheet_titled(office_ctx, admin, "关于秋季征兵的通告").id, NONE_APPLY
    )
    office_ctx.reviews.sign(admin, short.id, True, "")
    page.refresh()
    page._show(office_ctx.reviews.detail(short.id))
    assert panel.on_paper.isChecked() and not panel.in_app.isEnabled()  # she signed step 1 already
    monkeypatch.setattr(PaperSignoffDialog, "exec", last_step_without_scan)
    qtbot.mouseClick(panel.paper_button, Qt.MouseButton.LeftButton)
    done = office_ctx.reviews.detail(short.id)
    assert done.status == "已通过" and done.signoffs[-1].scan_name == "签字页.jpg"
    assert "签署人：孙华（分管副镇长）" in page.form.toPlainText()
    assert "据纸质审查单录入（录入人 王管理" in page.form.toPlainText()


def _sheet_titled(ctx: AppContext, admin: Actor, title: str) -> SheetDetail:
    document = ctx.documents.create(admin, DocumentInput(title, "测试镇人民政府"))
    return ctx.reviews.create_for_document(admin, document.id)


def test_an_empty_signer_list_is_explained_in_the_dialog(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor
) -> None:
    sheet = _sheet(office_ctx, admin)
    dialog = PaperSignoffDialog(sheet, [], today=office_ctx.clock.today(), scan_required=False)
    qtbot.addWidget(dialog)
    assert dialog.signer.count() == 0
    assert "还没有填写本单位的纸质审查单签署人" in dialog.hint.text() and "设置" in dialog.hint.text()
