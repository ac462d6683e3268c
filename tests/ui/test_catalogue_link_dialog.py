"""「关联标准目录」 from the registers: suggestions first, the due date shown live, items already linked
not offered again, the 公文登记 detail panel's 「标准目录」 line and button, the 公开栏 page's button."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from app.services.catalogue.links import LinkService
from app.services.catalogue.service import CatalogueService
from app.services.context import AppContext
from app.services.permissions import Actor
from app.ui.dialogs.catalogue_link_dialog import CatalogueLinkDialog
from app.ui.page_services import PageServices
from app.ui.pages import catalogue_link_actions
from app.ui.pages.boards_page import BoardsPage
from app.ui.pages.documents_page import DocumentsPage
from app.ui.tasks import TaskRunner
from tests.services.catalogue import seed

pytestmark = pytest.mark.gui
TITLE = "关于公布2026年镇级财政预算的公告"


@pytest.fixture
def services(office_ctx: AppContext, admin: Actor) -> PageServices:
    return PageServices(office_ctx, TaskRunner(), admin, lambda _page: None)


def _dialog(ctx: AppContext, formed: date, already: frozenset[int] = frozenset()) -> CatalogueLinkDialog:
    catalogue, links = CatalogueService(ctx.sessions), LinkService(ctx.sessions, ctx.calendar)
    return CatalogueLinkDialog(
        f"公文：{TITLE}",
        formed,
        lambda year: catalogue.items(year, include_voided=False),
        lambda year: links.suggest(year, TITLE),
        ctx.calendar.calendar(),
        already,
    )


def _texts(dialog: CatalogueLinkDialog) -> list[str]:
    return [dialog.items_list.item(n).text() for n in range(dialog.items_list.count())]


def test_suggested_first_due_live_and_filter(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, messages: list[str]
) -> None:
    seed.add_item(office_ctx, "1", "安全生产监管", level1="安全生产")
    budget = seed.add_item(office_ctx, "2", "财政预算")
    manual = seed.add_item(office_ctx, "3", "征收土地预公告", seed.MANUAL, level1="征地")
    dialog = _dialog(office_ctx, date(2026, 11, 20))
    qtbot.addWidget(dialog)
    texts = _texts(dialog)
    assert texts[0].startswith("★ 2　财政信息 › 财政预算") and "匹配：财政预算" in texts[0]
    assert "勾选事项后" in dialog.due_label.text()
    dialog.check(budget)
    assert "应于 <b>2026-12-18</b> 前公开" in dialog.due_label.text()  # 20 working days after 11-20
    dialog.formed_on.setDate(QDate(2026, 11, 27))
    assert "2026-12-25" in dialog.due_label.text()  # moves with the 形成 date
    dialog.check(manual)
    assert "没有具体日期，关联后在「公开情况」中设定期限" in dialog.due_label.text()
    dialog.filter_edit.setText("征收")
    hidden = [dialog.items_list.item(n).isHidden() for n in range(dialog.items_list.count())]
    assert hidden.count(False) == 1
    choice = dialog.choice()
    assert choice.item_ids == (budget, manual) and choice.formed_on == date(2026, 11, 27)
    dialog.check(budget, False)
    dialog.check(manual, False)
    dialog._accept()  # nothing ticked: refused, the dialog stays
    assert messages and "至少勾选一个" in messages[-1] and dialog.result() == 0


def test_already_linked_items_are_not_offered_and_a_year_without_catalogue_says_so(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, messages: list[str]
) -> None:
    budget = seed.add_item(office_ctx, "2", "财政预算")
    dialog = _dialog(office_ctx, date(2026, 11, 20), frozenset({budget}))
    qtbot.addWidget(dialog)
    row = dialog.items_list.item(0)
    assert row.text().endswith("（已关联）") and not row.flags() & Qt.ItemFlag.ItemIsEnabled
    dialog.formed_on.setDate(QDate(2027, 1, 5))  # a catalogue is kept per year
    assert dialog.items_list.count() == 0 and "2027年还没有标准目录" in dialog.hint.text()


def test_detail_panel_links_a_registered_document(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor, services: PageServices,
    monkeypatch: pytest.MonkeyPatch, messages: list[str],
) -> None:  # fmt: skip
    budget = seed.add_item(office_ctx, "2", "财政预算")
    document = seed.add_document(office_ctx, TITLE, date(2026, 11, 20))
    page = DocumentsPage(services)
    qtbot.addWidget(page)
    page.show()
    page.select_document(document)
    assert page.catalogue_label.text() == catalogue_link_actions.NOT_LINKED
    assert page.link_button.isEnabled()

    def pick(dialog: CatalogueLinkDialog) -> int:
        assert dialog.formed_on.date().toPython() == date(2026, 11, 20)  # the 成文日期
        dialog.check(budget)
        return 1

    monkeypatch.setattr(CatalogueLinkDialog, "exec", pick)
    page.link_button.click()
    assert "2 财政信息 › 财政预算（2026-11-20 形成）" in page.catalogue_label.text() and not messages
    (link,) = LinkService(office_ctx.sessions, office_ctx.calendar).links_for_source("公文", document)
    assert (link.item_id, link.formed_on) == (budget, date(2026, 11, 20))


def test_boards_page_links_the_posting_on_screen(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, services: PageServices,
    monkeypatch: pytest.MonkeyPatch, messages: list[str],
) -> None:  # fmt: skip
    item = seed.add_item(office_ctx, "13", "最低生活保障对象", level1="社会救助", channels="公示栏")
    posting = seed.add_posting(office_ctx, "11月低保对象公示", datetime(2026, 11, 18, 9, 0))
    page = BoardsPage(services)
    qtbot.addWidget(page)
    page.controls.catalogue_button.click()  # a new, unsaved posting: nothing to link yet
    assert "请先保存这份张贴" in page.message.text()
    page.select(posting)

    def pick(dialog: CatalogueLinkDialog) -> int:
        assert dialog.formed_on.date().toPython() == date(2026, 11, 18)  # the day it went up
        dialog.check(item)
        return 1

    monkeypatch.setattr(CatalogueLinkDialog, "exec", pick)
    page.controls.catalogue_button.click()
    assert page.message.text() == "标准目录：13 社会救助 › 最低生活保障对象" and not messages
    (link,) = LinkService(office_ctx.sessions, office_ctx.calendar).links_for_source("公开栏", posting)
    assert (link.item_id, link.formed_on) == (item, date(2026, 11, 18))
