"""工作要点: import the year's plan, track each task's status, progress and evidence, export the ledger."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QWidget,
)

from app.services.workplan.query import UNASSIGNED, TaskFilter
from app.services.workplan.report import TASK_ENTITY, YEAR_ENTITY
from app.ui.controls.list_table import setup_list_table
from app.ui.dialogs.workplan_import_dialog import WorkplanImportDialog
from app.ui.errors import user_errors
from app.ui.models.paged_table_model import PAGE_SIZE
from app.ui.models.workplan_table_model import (
    COL_DUE,
    COL_HEADING,
    COL_SECTION,
    COL_STATUS,
    COL_TIMES,
    COL_TITLE,
    WorkplanTableModel,
)
from app.ui.page_services import PageServices
from app.ui.pages.base_page import BasePage
from app.ui.pages.tasks_export import export_tasks
from app.ui.widgets.workplan_task_panel import WorkplanTaskPanel

ALL = "全部"
STATUSES = ("未开始", "进行中", "已完成", "不适用")
COLUMN_WIDTHS = {
    COL_DUE: 92,
    COL_STATUS: 64,
    COL_SECTION: 120,
    COL_TITLE: 300,
    COL_TIMES: 70,
    COL_HEADING: 220,
}
EMPTY_YEAR = "{year}年还没有工作要点。点击「导入工作要点…」，粘贴全文或选择 .docx / .txt 文件。"
YEARS_AROUND = 1  # the year selector offers last year, this year and next year besides imported ones


class TasksPage(BasePage):
    """Attributes: `model` (lazy task table), `panel` (the selected task), `count_label`."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__("工作要点", services, parent)
        self._service = services.ctx.workplan
        self._actor = services.actor
        self.model = WorkplanTableModel(self._service, services.ctx.clock, self)
        self._build_toolbar()
        self._build_body()
        self.refresh()

    def _build_toolbar(self) -> None:
        self.year_combo = QComboBox()
        self.year_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.import_button = QPushButton("导入工作要点…")
        self.import_button.setProperty("primary", True)
        self.import_button.clicked.connect(self.action_new)
        self.sections_button = QPushButton("科室列表…")
        self.sections_button.setToolTip("编辑本单位的科室，用于分配任务")
        self.sections_button.clicked.connect(self.action_sections)
        self.xlsx_button = QPushButton("导出台账 Excel…")
        self.xlsx_button.clicked.connect(lambda: self.action_export("xlsx"))
        self.docx_button = QPushButton("导出落实情况 Word…")
        self.docx_button.clicked.connect(lambda: self.action_export("docx"))
        self.status_combo, self.section_combo = QComboBox(), QComboBox()
        self.status_combo.addItem(ALL, None)
        for status in STATUSES:
            self.status_combo.addItem(status, status)
        self.overdue_check = QCheckBox("仅已逾期")
        self.review_check = QCheckBox("仅未定到期日")
        self.next_check = QCheckBox("周期任务只显示下一次")
        self.next_check.setChecked(True)  # issue 21: 「每月…」 is one row, not twelve
        self.next_check.setToolTip(
            "「每月」「每季度」等周期任务只显示下一次（已逾期的取最近一次）；取消勾选显示每一次。"
            "勾选「仅已逾期」时显示每一次已逾期的任务。"
        )
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText("查找任务、标题或单位…")
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.setMaxLength(100)
        self.text_edit.returnPressed.connect(self.apply_filter)
        for combo in (self.status_combo, self.section_combo):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        for check in (self.overdue_check, self.review_check, self.next_check):
            check.toggled.connect(lambda _on: self.apply_filter())
        first = QHBoxLayout()
        first.addWidget(QLabel("年份"))
        first.addWidget(self.year_combo)
        first.addWidget(self.import_button)
        first.addWidget(self.sections_button)
        first.addStretch(1)
        first.addWidget(self.xlsx_button)
        first.addWidget(self.docx_button)
        second = QHBoxLayout()
        for label, widget in (("状态", self.status_combo), ("科室", self.section_combo)):
            second.addWidget(QLabel(label))
            second.addWidget(widget)
        second.addWidget(self.overdue_check)
        second.addWidget(self.review_check)
        second.addWidget(self.next_check)
        second.addWidget(self.text_edit, 1)
        self.root_layout.addLayout(first)
        self.root_layout.addLayout(second)

    def _build_body(self) -> None:
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_list_table(  # the model sorts in SQL; 所属标题 ascending = the plan's order
            self.table,
            widths=COLUMN_WIDTHS,
            wrap=False,
            uniform_rows=True,
            sort_by=(COL_HEADING, Qt.SortOrder.AscendingOrder),
        )
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.panel = WorkplanTaskPanel(self._service, self._actor, self.clock)
        self.panel.changed.connect(self._on_panel_changed)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([720, 420])
        self.count_label = QLabel()
        self.count_label.setObjectName("hintLabel")
        self.count_label.setWordWrap(True)
        self.root_layout.addWidget(splitter, 1)
        self.root_layout.addWidget(self.count_label)

    # ---- filters --------------------------------------------------------------------------------

    def year(self) -> int:
        value = self.year_combo.currentData()
        return int(value) if value is not None else self.clock.today().year

    def current_filter(self) -> TaskFilter:
        today, overdue = self.clock.today(), self.overdue_check.isChecked()
        return TaskFilter(
            year=self.year(),
            status=self.status_combo.currentData(),
            section_id=self.section_combo.currentData(),
            overdue_on=today if overdue else None,
            needs_review=self.review_check.isChecked(),
            text=self.text_edit.text().strip() or None,
            next_on=today if self.next_check.isChecked() and not overdue else None,
        )

    def apply_filter(self) -> None:
        flt = self.current_filter()
        with user_errors(self) as attempt:
            total = self.model.set_filter(self.model.with_sort(flt))
        if not attempt.ok:
            return
        hidden = self._service.count_tasks(replace(flt, next_on=None)) - total if flt.next_on else 0
        if total:
            collapsed = f"（周期任务只显示下一次，其余 {hidden} 次取消勾选即可查看）" if hidden else ""
            self.count_label.setText(f"共 {total} 项{collapsed}")
        elif self._service.count_tasks(TaskFilter(self.year())) == 0:
            self.count_label.setText(EMPTY_YEAR.format(year=self.year()))
        else:
            self.count_label.setText("没有符合条件的任务，可以放宽筛选条件。")
        self.panel.show_detail(None)

    def refresh(self) -> None:
        this_year = self.clock.today().year
        years = sorted(
            set(self._service.years()) | set(range(this_year - YEARS_AROUND, this_year + YEARS_AROUND + 1)),
            reverse=True,
        )
        current = self.year_combo.currentData() or (self._service.years() or [this_year])[0]
        for combo, items, chosen in (
            (self.year_combo, [(f"{y}年", y) for y in years], current),
            (self.section_combo, self._section_items(), self.section_combo.currentData()),
        ):
            combo.blockSignals(True)
            combo.clear()
            for label, value in items:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)
        self.panel.set_sections(self._service.sections())
        self.apply_filter()

    def show_item(self, entity: str, entity_id: str) -> bool:
        """From a 工作台 alert: select that task (showing its year and every instance if needed), or
        switch to the year a 「往年…」 line is about. False when it no longer exists."""
        if entity == YEAR_ENTITY and entity_id.isdigit():
            self.show_year(int(entity_id))
            return True
        if entity != TASK_ENTITY or not entity_id.isdigit():
            return False
        with user_errors(self) as attempt:
            detail = self._service.task_detail(int(entity_id))
        if not attempt.ok:
            return False
        task = detail.row
        self.show_year(task.year)
        if self._find_row(task.id) < 0:  # hidden by a filter: show every task of the year
            self._clear_filters()
        row = self._find_row(task.id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, COL_TITLE))
        return row >= 0

    def _find_row(self, task_id: int) -> int:
        """Its row in the list as filtered now, loading the pages up to it (rows are loaded lazily)."""
        for start in range(0, self.model.rowCount(), PAGE_SIZE):
            self.model.row_at(start)
            if (row := self.model.row_of(task_id)) >= 0:
                return row
        return -1

    def show_year(self, year: int) -> None:
        index = self.year_combo.findData(year)
        if index < 0:
            self.year_combo.addItem(f"{year}年", year)
            index = self.year_combo.count() - 1
        self.year_combo.setCurrentIndex(index)  # applies the filter when it changes

    def _clear_filters(self) -> None:
        checks = (self.overdue_check, self.review_check, self.next_check)
        for widget in (self.status_combo, self.section_combo, *checks):
            widget.blockSignals(True)
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(0)
            else:
                widget.setChecked(False)
            widget.blockSignals(False)
        self.text_edit.clear()
        self.apply_filter()

    def _section_items(self) -> list[tuple[str, int | None]]:
        ids = self._service.section_ids()
        return [(ALL, None), *ids.items(), ("（未分配）", UNASSIGNED)]

    def action_find(self) -> None:
        self.text_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text_edit.selectAll()

    # ---- selection and edits --------------------------------------------------------------------

    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        self.panel.show_detail(self._service.task_detail(row.id) if row else None)

    def _on_panel_changed(self, task_id: int) -> None:
        row = self.model.row_of(task_id)
        self.model.reload()
        if row >= 0:
            self.table.selectionModel().blockSignals(True)
            self.table.selectRow(row)
            self.table.selectionModel().blockSignals(False)

    def action_new(self) -> None:
        dialog = WorkplanImportDialog(self._service, self._actor, self.year(), self)
        if dialog.exec() and dialog.imported is not None:
            year = dialog.imported.year
            self.refresh()
            self.year_combo.setCurrentIndex(max(self.year_combo.findData(year), 0))

    def action_sections(self) -> None:
        text, ok = QInputDialog.getMultiLineText(
            self, "科室列表", "每行一个科室（用于分配工作要点任务）：", "\n".join(self._service.sections())
        )
        if not ok:
            return
        with user_errors(self) as attempt:
            self._service.save_sections(self._actor, text.splitlines())
        if attempt.ok:
            self.refresh()

    def action_export(self, kind: str) -> None:
        export_tasks(self.services, self, self.year(), kind)
