"""Issue 21 on the 公文登记 page: 「标记为已公开」 once, a published edit asks why, 删除 or 作废."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.context import AppContext
from app.services.documents.query import DocumentFilter
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor
from app.ui.dialogs import reason_dialog
from app.ui.dialogs.document_dialog import DocumentDialog
from app.ui.dialogs.reason_dialog import ReasonDialog
from app.ui.page_services import PageServices
from app.ui.pages.documents_page import DocumentsPage
from app.ui.tasks import TaskRunner
from tests.conftest import set_today
from tests.services.review_support import approve, make_signers

pytestmark = pytest.mark.gui
TITLE = "关于做好冬春农田水利建设的通知"


def _doc(title: str = TITLE) -> DocumentInput:
    return DocumentInput(
        title, "测试镇人民政府", doc_number="测府发〔2026〕8号", written_on=date(2026, 11, 2)
    )


def _page(qtbot: QtBot, ctx: AppContext, actor: Actor) -> DocumentsPage:
    page = DocumentsPage(PageServices(ctx, TaskRunner(), actor))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.table.selectRow(0)
    return page


def _published(ctx: AppContext, admin: Actor) -> int:
    detail = ctx.documents.create(admin, _doc())
    approve(ctx, make_signers(ctx, admin), "document", detail.id)
    set_today(ctx, datetime(2026, 11, 23, 10, 0))
    ctx.documents.publish(admin, detail.id, datetime(2026, 11, 23, 10, 0))
    return detail.id


@pytest.fixture
def reasons(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The reason dialog answers 「登记重复」 and records (title, message) it was asked with."""
    asked: list[tuple[str, str]] = []

    def answer(_parent: object, title: str, message: str, _action: str) -> str:
        asked.append((title, message))
        return "登记重复"

    monkeypatch.setattr(reason_dialog, "ask_reason", answer)
    return asked


def test_publish_button_is_disabled_once_published(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor, messages: list[str]
) -> None:
    document_id = _published(office_ctx, admin)
    page = _page(qtbot, office_ctx, admin)
    assert not page.publish_button.isEnabled()
    assert "已于 2026-11-23 10:00 公开" in page.publish_button.toolTip()
    assert "公开时间：2026-11-23 10:00" in page.detail.text()
    qtbot.mouseClick(page.publish_button, Qt.MouseButton.LeftButton)  # disabled: nothing happens
    assert office_ctx.documents.detail(document_id).publications[0].published_at == datetime(2026, 11, 23, 10)


def test_editing_a_published_title_asks_why_and_shows_the_old_publication(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor,
    messages: list[str], reasons: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    document_id = _published(office_ctx, admin)

    def edit_title(dialog: DocumentDialog) -> int:
        dialog.title_edit.setText(TITLE + "（更正）")
        return 1

    monkeypatch.setattr(DocumentDialog, "exec", edit_title)
    page = _page(qtbot, office_ctx, admin)
    page.edit_current()
    assert reasons and reasons[0][0] == "修改已公开的公文" and "重新发起保密审查" in reasons[0][1]
    detail = office_ctx.documents.detail(document_id)
    assert detail.values.title.endswith("（更正）") and detail.review.label.value == "审查中"
    page.table.selectRow(0)
    text = page.detail.text()
    assert "2026-11-23 10:00 的公开已于" in text and "因修改结束：登记重复" in text
    assert "审查通过后，请再登记公开" in text
    assert page.publish_button.isEnabled()  # the corrected version may be published once approved


def test_an_unused_document_is_deleted_after_asking(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor,
    messages: list[str], reasons: list[tuple[str, str]],
) -> None:  # fmt: skip
    office_ctx.documents.create(admin, _doc())
    page = _page(qtbot, office_ctx, admin)
    assert page.remove_button.isEnabled()
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert reasons[0][0] == "删除公文" and "删除后不能恢复" in reasons[0][1]
    assert office_ctx.documents.count_all() == 0 and page.model.rowCount() == 0


def test_a_published_document_is_voided_and_leaves_the_list(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor,
    messages: list[str], reasons: list[tuple[str, str]],
) -> None:  # fmt: skip
    document_id = _published(office_ctx, admin)
    page = _page(qtbot, office_ctx, admin)
    with qtbot.waitActive(page):
        page.activateWindow()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # the Delete key asks the same
    title, message = reasons[0]
    assert title == "作废公文" and "已登记公开" in message and "只能作废" in message
    assert page.model.rowCount() == 0 and office_ctx.documents.count(DocumentFilter()) == 0
    page.status_combo.setCurrentText("已作废")
    assert page.model.rowCount() == 1
    page.table.selectRow(0)
    assert "已作废" in page.detail.text() and "登记重复" in page.detail.text()
    assert not page.remove_button.isEnabled() and not page.publish_button.isEnabled()
    assert not page.edit_button.isEnabled()
    assert office_ctx.documents.detail(document_id).void_reason == "登记重复"


def test_the_reason_dialog_needs_a_reason(themed_app: QApplication, qtbot: QtBot) -> None:
    dialog = ReasonDialog("作废公文", "作废后……", "作废")
    qtbot.addWidget(dialog)
    assert not dialog.action_button.isEnabled()
    dialog.reason_edit.setPlainText("   ")
    assert not dialog.action_button.isEnabled()
    dialog.reason_edit.setPlainText(" 登记\n重复 ")
    assert dialog.action_button.isEnabled() and dialog.reason() == "登记 重复"
