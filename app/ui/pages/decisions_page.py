"""决策目录: the year's directory, its adjustments, the 听证事项目录, and each item's process record."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QWidget,
)

from app.services.common import IsCancelled, Progress
from app.services.decisions.types import DirectoryInfo, DirectoryStatus, ItemInfo, ItemStatus
from app.ui.dialogs.decision_dialogs import DatedTextDialog, DecisionItemDialog
from app.ui.errors import user_errors
from app.ui.page_services import PageServices
from app.ui.pages import decisions_actions as actions
from app.ui.pages import decisions_tables as tables
from app.ui.pages.decisions_view import DecisionsView
from app.ui.widgets.decision_process_panel import DecisionProcessPanel

YEARS_AROUND = 1  # the year selector also offers last year and next year
PANEL_WIDTH = 420
LIST_WIDTH = 720
EMPTY_YEAR = "还没有{year}年的决策事项目录。点击「新建目录」开始编制，每年应于 {due} 前公布。"


class DecisionsPage(DecisionsView):
    """Attributes: `items` (the directory table), `process` (the selected item's record), `tabs`."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__("决策目录", services, parent)
        self.service = services.ctx.decisions
        self.actor = services.actor
        self.info: DirectoryInfo | None = None
        self._build_bar()
        self._build_tabs()
        self.refresh()

    # ---- layout ---------------------------------------------------------------------------------

    def _build_bar(self) -> None:
        self.year_combo = QComboBox()
        self.year_combo.currentIndexChanged.connect(lambda _index: self.load_year())
        self.status_label = QLabel()
        self.status_label.setObjectName("hintLabel")
        self.create_button = self._button("新建目录", self.create_directory, primary=True)
        self.new_button = self._button("新增事项…", self.action_new, "Ctrl+N")
        self.edit_button = self._button("修改…", self.edit_item)
        self.remove_button = self._button("删除", self.remove_item)
        self.publish_button = self._button("公布目录…", self.publish)
        self.docx_button = self._button("导出 Word…", lambda: self.export(".docx"))
        self.xlsx_button = self._button("导出 Excel…", lambda: self.export(".xlsx"))
        self.import_button = self._button("导入 Excel…", lambda: actions.import_directory(self))
        self.import_button.setToolTip("按导出 Excel 的列导入事项到编制中的目录；有问题的行列出行号，不导入")
        self.review_button = self._button("发起审查…", lambda: actions.review_directory(self))
        self.review_button.setToolTip("先审查、后公开：目录公布前须有审批通过的保密审查单")
        bar = QHBoxLayout()
        bar.addWidget(QLabel("年度"))
        bar.addWidget(self.year_combo)
        bar.addStretch(1)
        for button in (
            self.create_button,
            self.new_button,
            self.edit_button,
            self.remove_button,
            self.review_button,
            self.publish_button,
            self.docx_button,
            self.xlsx_button,
            self.import_button,
        ):
            bar.addWidget(button)
        self.root_layout.addLayout(bar)
        self.root_layout.addWidget(self.status_label)

    def _button(self, text: str, slot: object, shortcut_hint: str = "", primary: bool = False) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        if shortcut_hint:
            button.setToolTip(shortcut_hint)
        if primary:
            button.setProperty("primary", True)
        return button

    def _build_tabs(self) -> None:
        self.items = tables.make_table(tables.ITEM_HEADERS, tables.ITEM_WIDTHS)
        self.items.currentCellChanged.connect(lambda *_args: self._on_item_changed())
        self.items.doubleClicked.connect(lambda _index: self.edit_item())
        self.empty_label = QLabel()
        self.empty_label.setObjectName("hintLabel")
        self.empty_label.setWordWrap(True)
        self.process = DecisionProcessPanel(self.service, self.actor, self.services)
        self.process.changed.connect(self._reload_keep_selection)
        self.process.setMinimumWidth(PANEL_WIDTH)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.items)
        splitter.addWidget(self.process)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([LIST_WIDTH, PANEL_WIDTH])
        self.hearings = tables.make_table(tables.HEARING_HEADERS, tables.HEARING_WIDTHS)
        self.adjustments = tables.make_table(tables.ADJUSTMENT_HEADERS, tables.ADJUSTMENT_WIDTHS)
        self.tabs = QTabWidget()
        self.tabs.addTab(splitter, "决策事项目录")
        self.tabs.addTab(self.hearings, "听证事项目录")
        self.tabs.addTab(self.adjustments, "目录调整记录")
        self.root_layout.addWidget(self.empty_label)
        self.root_layout.addWidget(self.tabs, 1)

    # ---- loading --------------------------------------------------------------------------------

    def refresh(self) -> None:
        years = set(self.service.years())
        this_year = self.clock.today().year
        years |= set(range(this_year - YEARS_AROUND, this_year + YEARS_AROUND + 1))
        current = self.year_combo.currentData() or (max(self.service.years(), default=this_year))
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in sorted(years, reverse=True):
            self.year_combo.addItem(f"{year}年", year)
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(current), 0))
        self.year_combo.blockSignals(False)
        self.load_year()

    def show_year(self, year: int) -> None:
        """After an import: the imported year, with its new directory listed."""
        self.year_combo.blockSignals(True)
        if self.year_combo.findData(year) < 0:
            self.year_combo.addItem(f"{year}年", year)
        self.year_combo.setCurrentIndex(self.year_combo.findData(year))
        self.year_combo.blockSignals(False)
        self.load_year()

    @property
    def year(self) -> int:
        return int(self.year_combo.currentData())

    def load_year(self) -> None:
        self.info = self.service.directory(self.year)
        info = self.info
        draft = info is not None and info.status is DirectoryStatus.DRAFT
        published = info is not None and info.status is DirectoryStatus.PUBLISHED
        self.create_button.setVisible(info is None)
        self.new_button.setText("增补事项…" if published else "新增事项…")
        self.edit_button.setText("调整…" if published else "修改…")
        self.remove_button.setText("撤销…" if published else "删除")
        for button in (
            self.new_button,
            self.edit_button,
            self.remove_button,
            self.docx_button,
            self.xlsx_button,
        ):
            button.setEnabled(info is not None)
        self.publish_button.setEnabled(draft)
        # a draft needs its review; a published one again after 增补/调整/撤销 changed what was reviewed
        self.review_button.setVisible(draft or (published and info is not None and info.review == "待审查"))
        self.tabs.setVisible(info is not None)
        self.empty_label.setVisible(info is None)
        if info is None:
            due = self.service.directory_due(self.year)
            self.empty_label.setText(EMPTY_YEAR.format(year=self.year, due=due.isoformat()))
            self.status_label.setText("")
            return
        if published:
            number = f"（{info.doc_number}）" if info.doc_number else ""
            status = f"已公布：{info.published_on}{number}，共 {len(info.active_items)} 项"
        else:
            status = f"编制中，共 {len(info.items)} 项；应于 {info.due} 前公布"
        reason = f"（{info.review_reason}）" if info.review_reason else ""
        self.status_label.setText(f"{status}；保密审查：{info.review}{reason}")
        records = {item.id: self.service.process.record(item.id) for item in info.items}
        tables.fill_table(self.items, tables.item_rows(info, records), [item.id for item in info.items])
        tables.fill_table(self.hearings, tables.hearing_rows(self.service.hearing_items(self.year)))
        tables.fill_table(self.adjustments, tables.adjustment_rows(self.service.adjustments(self.year)))
        if self.items.rowCount() and self.items.currentRow() < 0:
            self.items.setCurrentCell(0, 0)
        self._on_item_changed()

    def selected_item(self) -> ItemInfo | None:
        row = self.items.currentRow()
        if self.info is None or row < 0 or row >= len(self.info.items):
            return None
        return self.info.items[row]

    def _on_item_changed(self) -> None:
        item = self.selected_item()
        self.process.show_item(item.id if item else None)

    def _reload_keep_selection(self) -> None:
        row = self.items.currentRow()
        self.load_year()
        if 0 <= row < self.items.rowCount():
            self.items.setCurrentCell(row, 0)

    def _run(self, call: Callable[..., object], *args: object) -> bool:
        """Call the service; a refusal is shown and the caller keeps its dialog open."""
        with user_errors(self) as attempt:
            call(self.actor, *args)
        if not (attempt.ok or attempt.stale):
            return False
        self._reload_keep_selection()  # stale: someone else changed it; close the dialog, show the latest
        return True

    # ---- actions --------------------------------------------------------------------------------

    def create_directory(self) -> None:
        self._run(self.service.create_directory, self.year)

    def action_new(self) -> None:
        if self.info is None:
            return
        published = self.info.status is DirectoryStatus.PUBLISHED
        dialog = DecisionItemDialog(
            self.year, None, "增补事项" if published else "", self, today=self.clock.today()
        )
        while dialog.exec() == DecisionItemDialog.DialogCode.Accepted:
            if published:
                done = self._run(
                    self.service.add_by_adjustment, self.year, dialog.collect(), *dialog.adjustment()
                )
            else:
                done = self._run(self.service.add_item, self.year, dialog.collect())
            if done:
                self.items.setCurrentCell(self.items.rowCount() - 1, 0)
                return

    def edit_item(self) -> None:
        item = self.selected_item()
        if item is None or self.info is None or item.status is ItemStatus.WITHDRAWN:
            return
        published = self.info.status is DirectoryStatus.PUBLISHED
        dialog = DecisionItemDialog(
            self.year, item, "调整事项" if published else "", self, today=self.clock.today()
        )
        while dialog.exec() == DecisionItemDialog.DialogCode.Accepted:
            if published:
                done = self._run(
                    self.service.adjust_item, item.id, dialog.collect(), *dialog.adjustment(), item.version
                )
            else:
                done = self._run(self.service.update_item, item.id, dialog.collect(), item.version)
            if done:
                return

    def remove_item(self) -> None:
        item = self.selected_item()
        if item is None or self.info is None:
            return
        if self.info.status is DirectoryStatus.DRAFT:
            answer = QMessageBox.question(self, "删除决策事项", f"确定从目录中删除「{item.name}」吗？")
            if answer == QMessageBox.StandardButton.Yes:
                self._run(self.service.delete_item, item.id, item.version)
            return
        dialog = DatedTextDialog(
            f"撤销「{item.name}」",
            "撤销日期",
            "撤销理由",
            "例如：纳入区级统一实施",
            True,
            self,
            today=self.clock.today(),
        )
        while dialog.exec() == DatedTextDialog.DialogCode.Accepted:
            if self._run(self.service.withdraw_item, item.id, *dialog.values(), item.version):
                return

    def publish(self) -> None:
        title = f"公布{self.year}年决策事项目录"
        dialog = DatedTextDialog(
            title, "公布日期", "公布文号", "例如：赵府办〔2025〕27号", False, self, today=self.clock.today()
        )
        while dialog.exec() == DatedTextDialog.DialogCode.Accepted:
            if self._run(self.service.publish_directory, self.year, *dialog.values()):
                return

    def export(self, suffix: str) -> None:
        if self.info is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        kind = "Word 文档 (*.docx)" if suffix == ".docx" else "Excel 工作簿 (*.xlsx)"
        suggested = Path(folder) / f"{self.year}年重大行政决策事项目录{suffix}"
        name, _ = QFileDialog.getSaveFileName(self, "导出决策事项目录", str(suggested), kind)
        if not name:
            return
        path = Path(name) if name.lower().endswith(suffix) else Path(name + suffix)
        service, actor, year = self.service, self.actor, self.year

        def job(progress: Progress, is_cancelled: IsCancelled) -> object:
            if suffix == ".docx":
                return service.export_docx(actor, year, path)
            return service.export_xlsx(actor, year, path, progress, is_cancelled)

        self.services.runner.run(
            job,
            on_success=lambda _result: self.status_label.setText(f"已导出到 {path}"),
            parent=self,
            label="正在导出决策事项目录…",
        )
