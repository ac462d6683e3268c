"""公文登记 with a search that matches more than the list counts (issue 24): the line under the list says
「超过 N 件」 and the rows are the newest N matches, down to the last row."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.context import AppContext
from app.services.documents.query import DocumentFilter
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor
from app.ui.page_services import PageServices
from app.ui.pages.documents_page import DocumentsPage
from app.ui.tasks import TaskRunner
from app.ui.widgets.document_filter_bar import status_text
from tests.ui.conftest import type_chinese

pytestmark = pytest.mark.gui
CAP = 4


def test_a_search_over_the_cap_says_more_and_lists_the_newest(
    themed_app: QApplication,
    qtbot: QtBot,
    office_ctx: AppContext,
    admin: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("app.services.documents.query.COUNT_CAP", CAP)
    ids = [
        office_ctx.documents.create(admin, DocumentInput(f"关于第{n}批防汛物资的通知", "测试镇人民政府")).id
        for n in range(CAP + 3)
    ]
    office_ctx.documents.create(admin, DocumentInput("防汛值班表", "测试镇人民政府"))
    page = DocumentsPage(PageServices(office_ctx, TaskRunner(), admin, lambda _name: None))
    qtbot.addWidget(page)
    type_chinese(page.search_edit, "物资")
    page.apply_filter()
    assert page.count_label.text() == "超过 4 件，列出最新登记的 4 件；输入更多字或加上筛选条件可缩小范围"
    assert page.model.rowCount() == CAP
    last = page.model.index(CAP - 1, 0).data(Qt.ItemDataRole.UserRole)  # read from the end of the list
    shown = [page.model.index(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(CAP)]
    assert shown == sorted(ids, reverse=True)[:CAP] and last == shown[-1]

    page.search_edit.setText("值班")
    page.apply_filter()
    assert page.count_label.text() == "共 1 件（按相关度排序）"


def test_a_sorted_list_over_the_cap_says_which_rows_it_holds() -> None:
    sorted_search = DocumentFilter(text="通知", sort="title")
    assert status_text(10000, sorted_search, ranked=False, more=True).startswith(
        "超过 10000 件，列出排在前面的 10000 件"
    )
    assert status_text(10000, DocumentFilter(text="通知"), ranked=False, more=False).startswith("共 10000 件")
