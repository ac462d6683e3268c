"""The 「公开情况」 tab: statuses coloured and counted, the filter, 记录公开, 设定期限 (only where the
catalogue fixes no date), 暂定 due dates, the clock's today, and a line opening what it is about."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QApplication

from app.services.catalogue.links import LinkService
from app.services.catalogue.types import Status
from app.services.context import AppContext
from app.services.permissions import Actor
from app.ui.dialogs import catalogue_publication_dialog as dialogs
from app.ui.dialogs.catalogue_publication_dialog import PublicationEntry, recordable
from app.ui.main_window import MainWindow
from app.ui.page_services import PageServices
from app.ui.pages.catalogue_link_actions import compliance_view
from app.ui.pages.catalogue_page import CataloguePage
from app.ui.tasks import TaskRunner
from app.ui.widgets.catalogue_compliance_model import COL_DUE, COL_LATE, COL_MISSING, COL_STATUS, RED
from app.ui.widgets.catalogue_compliance_view import CatalogueComplianceView
from tests.conftest import set_today
from tests.services.catalogue import seed

pytestmark = pytest.mark.gui
TODAY = date(2026, 11, 23)


class Opened:
    """A stand-in for the 公文登记 page: records what the line asked it to select."""

    def __init__(self) -> None:
        self.selected: list[int] = []

    def select_document(self, document_id: int) -> None:
        self.selected.append(document_id)


@pytest.fixture
def pages() -> dict[str, Opened]:
    return {}


@pytest.fixture
def services(office_ctx: AppContext, admin: Actor, pages: dict[str, Opened]) -> PageServices:
    set_today(office_ctx, TODAY)
    return PageServices(office_ctx, TaskRunner(), admin, lambda key: pages.setdefault(key, Opened()))


def _link(ctx: AppContext, admin: Actor, item: int, title: str, formed: date) -> int:
    document = seed.add_document(ctx, title, formed)
    LinkService(ctx.sessions, ctx.calendar).link(admin, item, "公文", document, formed)
    return document


def _view(qtbot: QtBot, services: PageServices) -> CatalogueComplianceView:
    view = compliance_view(services)  # as the 标准目录 page builds it: lines open their records
    qtbot.addWidget(view)
    view.show()
    return view


def _select(view: CatalogueComplianceView, source_id: int) -> None:
    number = [row.source_id for row in view.shown_rows()].index(source_id)
    view.select_row(number)


def test_statuses_counted_coloured_and_filtered(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor, services: PageServices
) -> None:
    budget = seed.add_item(office_ctx, "1", "财政预算")
    final = seed.add_item(office_ctx, "2", "财政决算", channels="政府网站、政务新媒体")
    late = _link(office_ctx, admin, budget, "2026年预算", date(2026, 10, 10))  # due 2026-11-06
    pending = _link(office_ctx, admin, budget, "预算调整", date(2026, 11, 16))
    gap = _link(office_ctx, admin, final, "2025年决算", date(2026, 8, 3))
    overdue = _link(office_ctx, admin, final, "决算补充说明", date(2026, 9, 1))
    seed.add_package(office_ctx, datetime(2026, 11, 20, 10), ("document", late))
    seed.add_package(office_ctx, datetime(2026, 8, 20, 10), ("document", gap))
    view = _view(qtbot, services)
    by_source = {row.source_id: row.status for row in view.rows}
    assert by_source == {late: Status.LATE, pending: Status.PENDING, gap: Status.CHANNEL_GAP,
                         overdue: Status.OVERDUE}  # fmt: skip
    assert view.as_of_label.text() == "截至 2026-11-23"
    counts = view.counts.text()
    assert counts.startswith("共 4 条") and "未公开且已逾期 <b style='color:#c62828'>1</b>" in counts
    model, rows = view.model, view.shown_rows()
    late_line = [row.source_id for row in rows].index(late)
    assert model.index(late_line, COL_LATE).data() == "10 个工作日"  # 2026-11-06 → 11-20
    overdue_line = [row.source_id for row in rows].index(overdue)
    colour = model.index(overdue_line, COL_STATUS).data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(colour, QBrush) and colour.color() == RED
    gap_line = [row.source_id for row in rows].index(gap)
    assert model.index(gap_line, COL_MISSING).data() == "政务新媒体"
    assert model.index(overdue_line, COL_MISSING).data() == ""  # nothing published: not a channel gap

    view.table.sortByColumn(COL_LATE, Qt.SortOrder.DescendingOrder)  # the header click: most late first
    assert [row.source_id for row in view.shown_rows()] == [gap, overdue, late, pending]
    view.status_filter.setCurrentIndex(view.status_filter.findData(Status.LATE))
    assert [row.source_id for row in view.shown_rows()] == [late]
    view.status_filter.setCurrentIndex(view.status_filter.findData(Status.ON_TIME))
    assert view.shown_rows() == [] and view.empty.isVisibleTo(view) and "已按时公开" in view.empty.text()


def test_record_publication_closes_a_channel_gap(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor, services: PageServices,
    monkeypatch: pytest.MonkeyPatch, messages: list[str], tmp_path: Path,
) -> None:  # fmt: skip
    item = seed.add_item(office_ctx, "2", "财政决算", channels="政府网站、政务新媒体")
    document = _link(office_ctx, admin, item, "2025年决算", date(2026, 8, 3))
    seed.add_package(office_ctx, datetime(2026, 8, 20, 10), ("document", document))
    view = _view(qtbot, services)
    _select(view, document)
    assert view.record_button.isEnabled() and not view.due_button.isEnabled()  # the rule gives the date
    asked: list[tuple[str, ...]] = []

    def enter(_parent: object, _heading: str, missing: tuple[str, ...], formed: date, today: date) -> object:
        asked.append(missing)
        assert (formed, today) == (date(2026, 8, 3), TODAY)
        return PublicationEntry("政务新媒体", date(2026, 8, 25), "镇公众号 8月25日推文", None)

    monkeypatch.setattr(dialogs, "ask_publication", enter)
    view.record_publication()
    assert asked == [("政务新媒体",)] and not messages
    (row,) = view.shown_rows()
    assert (row.status, row.published_on, row.missing_channels) == (Status.ON_TIME, date(2026, 8, 25), ())
    assert recordable(("政务新媒体",))[0] == "政务新媒体" and "政府网站" not in recordable(())


def test_due_date_is_set_only_for_manual_items(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor, services: PageServices,
    monkeypatch: pytest.MonkeyPatch, messages: list[str],
) -> None:  # fmt: skip
    item = seed.add_item(office_ctx, "8", "征收土地预公告", seed.MANUAL, channels="政府网站", level1="征地")
    document = _link(office_ctx, admin, item, "某村土地征收预公告", date(2026, 11, 2))
    view = _view(qtbot, services)
    (row,) = view.shown_rows()
    assert row.status is Status.UNDATED and view.model.index(0, COL_DUE).data() == "需人工确定"
    view.select_row(0)
    assert view.due_button.isEnabled()
    monkeypatch.setattr(dialogs, "ask_due", lambda *_args: (True, date(2026, 11, 30)))
    view.set_due()
    (row,) = view.shown_rows()
    assert (row.status, row.due, row.source_id) == (Status.PENDING, date(2026, 11, 30), document)
    set_today(office_ctx, date(2026, 12, 2))
    view.refresh()  # as the page does on a new day (the window's day watch) or when shown again
    assert view.as_of_label.text() == "截至 2026-12-02"
    assert view.shown_rows()[0].status is Status.OVERDUE and not messages


def test_due_in_a_year_without_its_notice_says_provisional(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor, services: PageServices
) -> None:
    item = seed.add_item(office_ctx, "1", "财政预算")
    _link(office_ctx, admin, item, "年底预算调整", date(2026, 12, 21))  # 20 working days run into 2027
    view = _view(qtbot, services)
    (row,) = view.shown_rows()
    assert row.due is not None and row.due.year == 2027 and row.due_provisional
    assert view.model.index(0, COL_DUE).data() == f"{row.due.isoformat()}（暂定）"


def test_a_line_opens_its_document_or_its_item(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor, services: PageServices,
    pages: dict[str, Opened],
) -> None:  # fmt: skip
    budget = seed.add_item(office_ctx, "1", "财政预算")
    seed.add_item(office_ctx, "3", "惠民补贴", seed.QUARTERLY_20TH, level1="惠民资金")
    document = _link(office_ctx, admin, budget, "2026年预算", date(2026, 10, 10))
    view = _view(qtbot, services)
    _select(view, document)
    view.open_current()
    assert pages["documents"].selected == [document]
    periodic = [row.source_id for row in view.shown_rows()].index(None)
    view.select_row(periodic)
    with qtbot.waitSignal(view.item_requested) as opened:
        view.open_current()
    assert opened.args == [view.shown_rows()[periodic].item_id]


def test_empty_year_says_what_to_do(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, services: PageServices
) -> None:
    view = _view(qtbot, services)
    assert not view.table.isVisibleTo(view)
    assert view.empty.text() == "2026年还没有标准目录。请在「目录事项」中导入目录，或从上一年复制。"
    seed.add_item(office_ctx, "1", "财政预算")
    view.refresh()
    assert "关联标准目录" in view.empty.text()


def test_the_window_moves_the_tab_on_at_midnight(
    window: MainWindow, office_ctx: AppContext, admin: Actor
) -> None:
    item = seed.add_item(office_ctx, "1", "财政预算")
    document = _link(office_ctx, admin, item, "2026年预算调整", date(2026, 10, 30))  # due 2026-11-27
    set_today(office_ctx, datetime(2026, 11, 27, 23, 59))
    page = window.show_page("catalogue")
    assert isinstance(page, CataloguePage)
    page.tabs.setCurrentWidget(page.compliance_view)
    (row,) = page.compliance_view.rows
    assert (row.source_id, row.status) == (document, Status.PENDING)
    set_today(office_ctx, datetime(2026, 11, 30, 8, 0))  # the PC was left on over the weekend
    window.day_watch.check()
    (row,) = page.compliance_view.rows
    assert (row.status, row.days_late) == (Status.OVERDUE, 1)
    assert page.compliance_view.as_of_label.text() == "截至 2026-11-30"
