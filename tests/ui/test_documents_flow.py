"""公文登记 and 保密审查 driven through the pages: register from a sample file, four sign-offs, publish."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.accounts.service import actor_of
from app.services.context import AppContext
from app.services.documents.query import DocumentFilter
from app.services.permissions import Actor, Role
from app.ui.dialogs.document_dialog import DocumentDialog
from app.ui.page_services import PageServices
from app.ui.pages.documents_page import EMPTY_TEXT, DocumentsPage
from app.ui.pages.review_page import ReviewPage
from app.ui.tasks import TaskRunner
from tests.services.review_support import NONE_APPLY
from tests.ui.conftest import type_chinese

pytestmark = pytest.mark.gui
SAMPLE = Path(__file__).parent / "data" / "notice_taian_finance_2021.txt"
STEPS = (
    ("clerk", Role.CLERK),
    ("head", Role.SECTION_HEAD),
    ("secrecy", Role.SECRECY_REVIEWER),
    ("leader", Role.LEADER),
)


def _services(ctx: AppContext, actor: Actor, opened: list[str]) -> PageServices:
    return PageServices(ctx, TaskRunner(), actor, opened.append)


@pytest.fixture
def people(office_ctx: AppContext, admin: Actor) -> dict[str, Actor]:
    return {
        key: actor_of(
            office_ctx.accounts.create_account(
                admin, key, f"{role.value}甲", "pass-word-1", frozenset({role})
            )
        )
        for key, role in STEPS
    }


def test_empty_register_explains_what_to_do(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor
) -> None:
    page = DocumentsPage(_services(office_ctx, admin, []))
    qtbot.addWidget(page)
    assert page.empty_label.text() == EMPTY_TEXT and page.empty_label.isVisibleTo(page)


def test_register_from_sample_review_and_publish(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, people: dict[str, Actor],
    messages: list[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    opened: list[str] = []
    seen: list[DocumentDialog] = []

    def accept(dialog: DocumentDialog) -> int:
        seen.append(dialog)
        return 1

    monkeypatch.setattr(DocumentDialog, "exec", accept)
    page = DocumentsPage(_services(office_ctx, people["clerk"], opened))
    qtbot.addWidget(page)
    page.show()
    page.register_from_file(SAMPLE)
    dialog = seen[0]
    assert dialog.number.text() == "泰财办〔2021〕2号"
    assert dialog.title_edit.text() == "关于做好新形势下财政工作政务公开的通知"
    assert dialog.written_on.date().toString("yyyy-MM-dd") == "2021-06-15"
    assert dialog.disclosure.currentText() == "主动公开"
    assert page.model.rowCount() == 1 and page.table.isVisibleTo(page)
    page.table.selectRow(0)
    document_id = page.model.row_at(0).id  # type: ignore[union-attr]

    qtbot.mouseClick(page.publish_button, Qt.MouseButton.LeftButton)  # no review yet: refused, explained
    assert "还没有保密审查单" in messages[-1]
    assert office_ctx.documents.detail(document_id).published_at is None

    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    assert opened == ["review"]
    sheet_id = office_ctx.reviews.sheets_for("document", document_id)[0].id
    office_ctx.reviews.answer_checks(people["clerk"], sheet_id, NONE_APPLY)  # issue 21: none pre-ticked
    for key, _role in STEPS:
        review = ReviewPage(_services(office_ctx, people[key], []))
        qtbot.addWidget(review)
        review.show()
        assert review.sheet_list.count() == 1, f"{key} should see the sheet waiting"
        assert review.agree_button.isVisibleTo(review)
        for other, _ in STEPS:
            if other != key:
                assert not office_ctx.reviews.detail(review._current.id).can_sign(people[other])  # type: ignore[union-attr]
        type_chinese(review.opinion, "经审查不涉密，同意")
        if key == "leader":
            assert review.conclusion.isVisibleTo(review)
            review.conclusion.setCurrentText("同意公开")
        qtbot.mouseClick(review.agree_button, Qt.MouseButton.LeftButton)
        assert review.sheet_list.count() == 0  # nothing more waiting for this account
    sheet = office_ctx.reviews.sheets_for("document", document_id)[0]
    assert sheet.status == "已通过" and [s.signer_name for s in sheet.signoffs][-1] == "分管领导甲"

    page.refresh()
    page.table.selectRow(0)
    qtbot.mouseClick(page.publish_button, Qt.MouseButton.LeftButton)
    assert office_ctx.documents.detail(document_id).published_at is not None
    assert office_ctx.documents.count(DocumentFilter(published=True)) == 1


def test_wrong_role_sees_no_sign_buttons(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, people: dict[str, Actor]
) -> None:
    from app.services.documents.rules import DocumentInput

    detail = office_ctx.documents.create(people["clerk"], DocumentInput("关于春耕的通知", "测试镇人民政府"))
    office_ctx.reviews.create_for_document(people["clerk"], detail.id)
    review = ReviewPage(_services(office_ctx, people["leader"], []))
    qtbot.addWidget(review)
    review.view_combo.setCurrentIndex(1)  # 审查中
    assert review.sheet_list.count() == 1
    assert not review.agree_button.isVisibleTo(review) and "相应角色" in review.step_label.text()
    assert "信息公开保密审查单" in review.form.toPlainText()


def test_search_box_highlights(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor
) -> None:
    from app.services.documents.rules import DocumentInput

    office_ctx.documents.create(admin, DocumentInput("2025年财政预算公开", "测试镇人民政府"))
    office_ctx.documents.create(admin, DocumentInput("关于春耕的通知", "测试镇人民政府"))
    page = DocumentsPage(_services(office_ctx, admin, []))
    qtbot.addWidget(page)
    page.action_find()
    type_chinese(page.search_edit, "预算")
    page.apply_filter()
    assert page.model.rowCount() == 1
    page.table.selectRow(0)
    assert 'background:#ffe58f">预算</span>' in page.detail.text()


def test_a_broad_search_says_it_is_listed_newest_first(
    themed_app: QApplication,
    qtbot: QtBot,
    office_ctx: AppContext,
    admin: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.services.documents.rules import DocumentInput

    for module in ("search.index", "documents.query"):  # 「many matches」 from 3 documents on, not 2,000
        monkeypatch.setattr(f"app.services.{module}.MANY_MATCHES", 3)
    monkeypatch.setattr(
        "app.ui.widgets.document_filter_bar.MANY_NOTE", "。匹配较多（超过 3 条），按时间从新到旧排列"
    )
    ids = [
        office_ctx.documents.create(admin, DocumentInput(f"关于第{n}批防汛物资的通知", "测试镇人民政府")).id
        for n in range(5)
    ]
    office_ctx.documents.create(admin, DocumentInput("防汛值班表", "测试镇人民政府"))
    page = DocumentsPage(_services(office_ctx, admin, []))
    qtbot.addWidget(page)
    type_chinese(page.search_edit, "物资")
    page.apply_filter()
    assert page.count_label.text() == "共 5 件。匹配较多（超过 3 条），按时间从新到旧排列"
    shown = [page.model.index(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(page.model.rowCount())]
    assert shown == sorted(ids, reverse=True)
    page.search_edit.setText("值班")
    page.apply_filter()
    assert page.count_label.text() == "共 1 件（按相关度排序）"
    page.reset_filter()
    assert page.count_label.text() == "共 6 件" and page.search_edit.text() == ""
