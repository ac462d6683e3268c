"""A 工作台 alert opens the item it is about: the page is shown, then that row is selected and shown.

Each alert carries its target (`Alert.entity`, `Alert.entity_id`). A page that knows how to show one of its
items offers `show_item(entity, entity_id) -> bool`; for the pages that select rows through their own
methods, the small adapters below call those. A target that no longer exists leaves the page as it is.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QListWidget, QTableWidget, QTabWidget

from app.services.alerts import Alert
from app.ui.page_services import PageServices

Adapter = Callable[[object, str], bool]


def open_alert(services: PageServices, alert: Alert) -> bool:
    """Show the alert's page, then its item; True when the item itself is on screen."""
    page = services.open_page(alert.page)
    if page is None or not alert.entity:
        return False
    show_item = getattr(page, "show_item", None)
    if callable(show_item):
        return bool(show_item(alert.entity, alert.entity_id))
    adapter = ADAPTERS.get(alert.entity)
    return adapter(page, alert.entity_id) if adapter is not None else False


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _call(method: str) -> Adapter:
    """Pages whose `method(id)` already selects the row (公文, 公开栏张贴, 依申请公开)."""

    def adapter(page: object, entity_id: str) -> bool:
        target, number = getattr(page, method, None), _number(entity_id)
        if not callable(target) or number is None:
            return False
        result = target(number)
        return result is not None if method == "open_case" else True

    return adapter


def _review_sheet(page: object, entity_id: str) -> bool:
    """The sheet in the list; if the current view hides it, the view that shows it (「全部」 last)."""
    sheets, views = getattr(page, "sheet_list", None), getattr(page, "view_combo", None)
    number = _number(entity_id)
    if not isinstance(sheets, QListWidget) or not isinstance(views, QComboBox) or number is None:
        return False
    for view in [views.currentIndex(), *range(views.count())]:
        views.setCurrentIndex(view)
        for row in range(sheets.count()):
            if sheets.item(row).data(Qt.ItemDataRole.UserRole) == number:
                sheets.setCurrentRow(row)
                return True
    return False


def _decision(by_directory: bool) -> Adapter:
    """决策目录 (its id) or 决策事项 (an item id): the year that holds it, then the item's row."""

    def adapter(page: object, entity_id: str) -> bool:
        service, number = getattr(page, "service", None), _number(entity_id)
        show_year, table = getattr(page, "show_year", None), getattr(page, "items", None)
        if service is None or number is None or not callable(show_year):
            return False
        if not isinstance(table, QTableWidget):
            return False
        for year in service.years():
            info = service.directory(year)
            if info is None:
                continue
            ids = [item.id for item in info.items]
            if by_directory and info.id == number:
                show_year(year)
                return True
            if not by_directory and number in ids:
                show_year(year)
                table.setCurrentCell(ids.index(number), 0)
                return True
        return False

    return adapter


def _report_year(page: object, entity_id: str) -> bool:
    select_year, year = getattr(page, "select_year", None), _number(entity_id)
    if not callable(select_year) or year is None:
        return False
    select_year(year)
    return True


def _settings_tab(page: object, _entity_id: str) -> bool:
    """节假日 alerts: the 节假日 tab, where next year's notice is imported."""
    tabs = getattr(page, "tabs", None)
    if not isinstance(tabs, QTabWidget):
        return False
    for index in range(tabs.count()):
        if tabs.tabText(index) == "节假日":
            tabs.setCurrentIndex(index)
            return True
    return False


def _catalogue_item(page: object, entity_id: str) -> bool:
    """标准目录 alerts: the 公开情况 tab, on the item's row when the view can select one."""
    show, number = getattr(page, "show_compliance", None), _number(entity_id)
    if not callable(show) or number is None:
        return False
    show()
    select_item = getattr(getattr(page, "compliance_view", None), "select_item", None)
    return bool(select_item(number)) if callable(select_item) else False


ADAPTERS: dict[str, Adapter] = {
    "公文": _call("select_document"),
    "公开栏张贴": _call("select"),
    "依申请公开": _call("open_case"),
    "保密审查单": _review_sheet,
    "决策目录": _decision(by_directory=True),
    "决策事项": _decision(by_directory=False),
    "年度报告": _report_year,
    "节假日": _settings_tab,
    "标准目录事项": _catalogue_item,
}
