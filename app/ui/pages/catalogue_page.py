"""「标准目录」 (issue 23): the office's 基层政务公开标准目录 in three tabs — the items and their 公开时限,
what is published, due or late, and the villages' 村（居）务公开 — with the 自查自纠 report beside them."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QWidget

from app.ui.page_services import PageServices
from app.ui.pages.base_page import BasePage
from app.ui.pages.catalogue_link_actions import compliance_view
from app.ui.pages.catalogue_report_actions import copy_report_paragraph, make_self_check_report
from app.ui.widgets.catalogue_items_view import CatalogueItemsView
from app.ui.widgets.catalogue_villages_view import CatalogueVillagesView

ITEMS_TAB, COMPLIANCE_TAB, VILLAGES_TAB = range(3)


class CataloguePage(BasePage):
    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__("标准目录", services, parent)
        self.items_view = CatalogueItemsView(services)
        self.compliance_view = compliance_view(services)  # its lines open the linked 公文/张贴/决策事项
        self.compliance_view.item_requested.connect(self.open_item)
        self.villages_view = CatalogueVillagesView(services)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.items_view, "目录事项")
        self.tabs.addTab(self.compliance_view, "公开情况")
        self.tabs.addTab(self.villages_view, "村（居）务公开")
        self.tabs.currentChanged.connect(lambda _index: self.refresh())
        self.report_button = QPushButton("自查自纠报告…")
        self.report_button.setToolTip(
            "按一级事项统计应公开、按时、逾期、未公开和渠道缺失，导出 Excel 或 Word"
        )
        self.report_button.clicked.connect(lambda: make_self_check_report(self, services, self._year()))
        self.paragraph_button = QPushButton("复制年报段落")
        self.paragraph_button.setToolTip("年度报告第五、六部分可用的一段自查情况，复制到剪贴板")
        self.paragraph_button.clicked.connect(lambda: copy_report_paragraph(self, services, self._year()))
        corner = QWidget()  # beside the tabs: the report covers all three
        actions = QHBoxLayout(corner)
        actions.setContentsMargins(0, 0, 0, 4)
        actions.addWidget(self.report_button)
        actions.addWidget(self.paragraph_button)
        self.tabs.setCornerWidget(corner)
        self.root_layout.addWidget(self.tabs, 1)

    def _year(self) -> int:
        return self.items_view.year

    def refresh(self) -> None:
        current = self.tabs.currentWidget()
        if current is self.items_view:
            self.items_view.fill_years(self.items_view.year)
        elif current is self.compliance_view:
            self.compliance_view.refresh()
        elif current is self.villages_view:
            self.villages_view.refresh()

    def open_item(self, item_id: int) -> None:
        """A 公开情况 line without linked information (a period, a village) opens its catalogue item."""
        year = self.items_view.service.item(item_id).year
        self.tabs.setCurrentIndex(ITEMS_TAB)
        self.items_view.fill_years(year)
        for index, row in enumerate(self.items_view.rows):
            if row.id == item_id:
                self.items_view.table.selectRow(index)
                self.items_view.table.scrollTo(self.items_view.table.model().index(index, 0))
                break

    def show_compliance(self) -> None:
        """Where the 工作台's catalogue alerts lead."""
        self.tabs.setCurrentIndex(COMPLIANCE_TAB)
