"""Issue 23 "Done when": import the catalogue, register a 公文 linked at registration to an item with
a 「信息形成（变更）之日起20个工作日内」 rule, see it 待公开, then 未公开且已逾期 as the clock moves, put it
in an 上报 package (through the review gate) and see it 逾期公开 with the number of working days; the
自查自纠 .xlsx lists it."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication

from app.services.catalogue.links import LinkService
from app.services.catalogue.selfcheck.service import SelfCheckService
from app.services.catalogue.selfcheck.xlsx import write_xlsx
from app.services.catalogue.service import CatalogueService
from app.services.catalogue.types import ComplianceRow, Status
from app.services.context import AppContext
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor
from app.ui.dialogs.catalogue_link_dialog import CatalogueLinkDialog
from app.ui.dialogs.document_dialog import DocumentDialog
from app.ui.page_services import PageServices
from app.ui.pages.documents_page import DocumentsPage
from app.ui.tasks import TaskRunner
from app.ui.widgets.catalogue_compliance_view import CatalogueComplianceView
from tests.conftest import set_today
from tests.services.catalogue.sample import FORMED_20, write_sample
from tests.services.review_support import approve, make_signers

pytestmark = pytest.mark.gui
YEAR = 2026
TITLE = "关于开展2026年冬季安全生产监管专项检查的通知"
WRITTEN = date(2026, 11, 20)  # a Friday: 20 working days on → Friday 2026-12-18
DUE = date(2026, 12, 18)


@pytest.fixture
def services(office_ctx: AppContext, admin: Actor) -> PageServices:
    return PageServices(office_ctx, TaskRunner(), admin, lambda _page: None)


def _import_catalogue(ctx: AppContext, admin: Actor, folder: Path) -> int:
    """The 30-item sample in the national layout; returns the id of 21 安全生产 › 安全生产监管."""
    catalogue = CatalogueService(ctx.sessions)
    catalogue.imports.commit(admin, catalogue.imports.preview(write_sample(folder / "目录.xlsx"), YEAR))
    item = catalogue.item_by_seq(YEAR, "21")
    assert item.value.time_limit == FORMED_20 and item.value.channels == ("政府网站",)
    return item.id


def _register_linked(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, services: PageServices, item_id: int, folder: Path
) -> int:
    """公文登记 → 新建: fill the fields, pick the suggested catalogue item in the dialog, save."""
    picked: list[str] = []

    def pick(dialog: CatalogueLinkDialog) -> int:
        first = dialog.items_list.item(0)
        picked.append(first.text())
        dialog.check(item_id)
        picked.append(dialog.due_label.text())
        return 1

    def fill(dialog: DocumentDialog) -> int:
        dialog.title_edit.setText(TITLE)
        dialog.written_on.setDate(QDate(2026, 11, 20))
        dialog.pick_catalogue()
        return 1

    monkeypatch.setattr(CatalogueLinkDialog, "exec", pick)
    monkeypatch.setattr(DocumentDialog, "exec", fill)
    page = DocumentsPage(services)
    qtbot.addWidget(page)
    page.show()
    text = folder / "通知.txt"
    text.write_text(TITLE, encoding="utf-8")
    page.action_new(DocumentInput("", "测试镇人民政府"), (text,))
    assert picked[0].startswith("★ 21") and "安全生产监管" in picked[0]  # suggested first, from the title
    assert DUE.isoformat() in picked[1]  # the due date shown live as the item is ticked
    document_id = page.model.row_at(0).id  # type: ignore[union-attr]
    page.select_document(document_id)
    assert "21 安全生产 › 安全生产监管" in page.catalogue_label.text()
    return document_id


def _row(view: CatalogueComplianceView, document_id: int) -> ComplianceRow:
    view.refresh()
    found = [row for row in view.shown_rows() if row.source_kind == "公文" and row.source_id == document_id]
    assert len(found) == 1
    return found[0]


def test_register_link_overdue_package_late_and_selfcheck(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor, services: PageServices,
    monkeypatch: pytest.MonkeyPatch, messages: list[str], tmp_path: Path,
) -> None:  # fmt: skip
    item_id = _import_catalogue(office_ctx, admin, tmp_path)
    document_id = _register_linked(qtbot, monkeypatch, services, item_id, tmp_path)
    links = LinkService(office_ctx.sessions, office_ctx.calendar).links_for_source("公文", document_id)
    assert [(link.item_id, link.formed_on) for link in links] == [(item_id, WRITTEN)]

    view = CatalogueComplianceView(services)
    qtbot.addWidget(view)
    view.show()
    row = _row(view, document_id)
    assert (row.status, row.due, row.days_late) == (Status.PENDING, DUE, 0)

    set_today(office_ctx, date(2026, 12, 22))  # Monday 21st and Tuesday 22nd are past the due date
    row = _row(view, document_id)
    assert (row.status, row.days_late) == (Status.OVERDUE, 2)
    view.status_filter.setCurrentIndex(view.status_filter.findData(Status.OVERDUE))
    overdue = view.shown_rows()  # with the periodic items nobody has posted yet
    assert document_id in [r.source_id for r in overdue] and {r.status for r in overdue} == {Status.OVERDUE}
    assert "未公开且已逾期 <b" in view.counts.text()

    approve(office_ctx, make_signers(office_ctx, admin), "document", document_id)  # 先审查、后公开
    set_today(office_ctx, datetime(2026, 12, 24, 10, 0))
    office_ctx.documents.publish(admin, document_id, office_ctx.clock.now())
    package = office_ctx.exports.build(admin, tmp_path / "上报.zip")
    assert package.items >= 1
    view.status_filter.setCurrentIndex(view.status_filter.findData(Status.LATE))
    row = _row(view, document_id)
    assert (row.status, row.published_on, row.days_late) == (Status.LATE, date(2026, 12, 24), 4)
    shown = view.model.index(0, 6).data()
    assert shown == "4 个工作日"

    selfcheck = SelfCheckService(office_ctx.sessions, office_ctx.calendar, office_ctx.settings)
    written = write_xlsx(selfcheck.build(YEAR), tmp_path / "自查自纠.xlsx")
    sheet = load_workbook(written)["问题清单"]
    lines = [[str(cell or "") for cell in line] for line in sheet.iter_rows(values_only=True)]
    ours = [line for line in lines if TITLE in " ".join(line)]
    assert len(ours) == 1 and "逾期公开" in ours[0] and "安全生产监管" in ours[0]
    assert not messages
