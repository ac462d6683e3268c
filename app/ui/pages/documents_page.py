"""公文登记: filter and search the register, read a record, register (also by dropping a file), publish."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserFacingError
from app.services.documents.query import DocumentFilter
from app.services.documents.rules import BASIS_LABELS, DocumentInput
from app.services.documents.service import DocumentDetail
from app.services.search.index import query_terms
from app.ui.controls.list_table import setup_list_table
from app.ui.dialogs.document_dialog import DocumentDialog
from app.ui.errors import user_errors
from app.ui.models.document_table_model import (
    COL_DISCLOSURE,
    COL_INDEX_NO,
    COL_NUMBER,
    COL_TITLE,
    COL_WRITTEN,
    DocumentTableModel,
)
from app.ui.page_services import PageServices
from app.ui.pages import catalogue_link_actions as catalogue
from app.ui.pages.base_page import BasePage
from app.ui.pages.document_file_actions import DocumentFileActions
from app.ui.pages.document_ledger_actions import export_ledger, import_dialog
from app.ui.pages.document_removal_actions import correction_reason, remove_document
from app.ui.widgets.document_detail_panel import DocumentDetailPanel, detail_lines, publish_state
from app.ui.widgets.document_filter_bar import DocumentFilterBar, status_text
from app.ui.widgets.periodic_review_panel import PeriodicReviewPanel
from app.ui.widgets.scan_preview import ScanPreview as Scan

EMPTY_TEXT = "还没有登记公文。点击『新建』，或把公文文件拖到这里。"
NO_MATCH = "没有符合条件的公文。可以换个关键词，或点击「清除条件」。"
NO_SELECTION = "在左侧选择一件公文，这里显示它的登记信息、附件和保密审查情况。"
COLUMN_WIDTHS = {COL_INDEX_NO: 170, COL_NUMBER: 140, COL_TITLE: 330, COL_WRITTEN: 92, COL_DISCLOSURE: 84}
PICKER_LIMIT = 50


class DocumentsPage(DocumentFileActions, BasePage):
    """Attributes for tests: `model`, `search_edit`, `detail`, `empty_label`, `publish_button`."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__("公文登记", services, parent)
        self._docs = services.ctx.documents
        self._current: DocumentDetail | None = None
        self.model = DocumentTableModel(self._docs, self)
        self.setAcceptDrops(True)
        register = QWidget()
        self._register_layout = QVBoxLayout(register)
        self._register_layout.setContentsMargins(0, 0, 0, 0)
        self._build_filter_bar()
        self._build_body()
        self.review_panel = PeriodicReviewPanel(services, self._after_periodic_review)
        self.tabs = QTabWidget()
        self.tabs.addTab(register, "登记簿")
        self.tabs.addTab(self.review_panel, "定期评估")
        self.tabs.currentChanged.connect(lambda _index: self._update_review_tab())
        self.root_layout.addWidget(self.tabs, 1)
        self.refresh()

    def _build_filter_bar(self) -> None:
        self.filter_bar = DocumentFilterBar()
        self.filter_bar.changed.connect(self.apply_filter)
        self.search_edit = self.filter_bar.search_edit
        self.disclosure_combo = self.filter_bar.disclosure_combo
        self.status_combo = self.filter_bar.status_combo
        self.new_button = QPushButton("新建")
        self.new_button.setToolTip("登记一件公文（Ctrl+N）")
        self.new_button.clicked.connect(self.action_new)
        from_file = QPushButton("从文件登记…")
        from_file.setToolTip("选择公文文件或扫描件（图片、PDF），自动读出文号、标题、成文日期和公开属性")
        from_file.clicked.connect(self.choose_file)
        self.filter_bar.add_trailing(self.new_button, from_file, self._ledger_button())
        self._register_layout.addWidget(self.filter_bar)

    def _build_body(self) -> None:
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_list_table(self.table, widths=COLUMN_WIDTHS, wrap=False, uniform_rows=True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # 索引号 differ at the end; tooltips: all
        # No sort_by (view sorting stays off): the header click sorts in SQL (model.sort).
        self.table.horizontalHeader().setSectionsClickable(True)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self.model.sort)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(lambda _pos: self._context_menu())
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.table)
        delete.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        delete.activated.connect(self.remove_current)  # UX.md: Delete asks before deleting
        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setObjectName("hintLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty_label)

        panel = DocumentDetailPanel(NO_SELECTION)
        self.detail, self.open_file_button = panel.detail, panel.open_file_button
        self.edit_button, self.review_button = panel.edit_button, panel.review_button
        self.publish_button, self.attach_button = panel.publish_button, panel.attach_button
        self.remove_button, self.link_button = panel.remove_button, panel.link_button
        self.catalogue_label = panel.catalogue_label
        self.link_button.clicked.connect(self.link_catalogue)
        actions = {self.edit_button: self.edit_current, self.review_button: self.open_review,
                   self.publish_button: self.publish_current, self.attach_button: self.add_files,
                   self.open_file_button: self.open_first_file,
                   self.remove_button: self.remove_current}  # fmt: skip
        for button, action in actions.items():
            button.clicked.connect(action)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(panel)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([820, 280])
        self.count_label = QLabel()
        self.count_label.setObjectName("hintLabel")
        self._register_layout.addWidget(splitter, 1)
        self._register_layout.addWidget(self.count_label)
        self._show(None)

    # ---- list -------------------------------------------------------------------------------------------

    def current_filter(self) -> DocumentFilter:
        return self.filter_bar.current_filter()

    def apply_filter(self) -> None:
        flt = self.current_filter()
        total = self.model.set_filter(flt)
        filtered = flt != DocumentFilter()
        self.empty_label.setVisible(total == 0)
        self.empty_label.setText(NO_MATCH if filtered else EMPTY_TEXT)
        self.table.setVisible(total > 0)
        ranked = bool(flt.text) and not self.model.more and self._docs.ranked(flt)
        self.count_label.setText(status_text(total, flt, ranked, self.model.more))
        self._show(None)

    def reset_filter(self) -> None:
        self.filter_bar.reset()

    def refresh(self) -> None:
        self.apply_filter()
        self._update_review_tab()

    def _update_review_tab(self) -> None:
        self.review_panel.refresh()
        self._after_periodic_review(refilter=False)

    def _after_periodic_review(self, refilter: bool = True) -> None:
        if refilter:  # a conversion changed a row's 公开属性
            self.apply_filter()
        due = len(self.review_panel.rows)
        self.tabs.setTabText(1, f"定期评估（{due}）" if due else "定期评估")

    # ---- Excel 台账 ---------------------------------------------------------------------------------------

    def _ledger_button(self) -> QPushButton:
        button = QPushButton("Excel 台账")
        menu = QMenu(button)
        menu.addAction("导入台账…", self.action_import_ledger)
        menu.addAction("导出台账（当前筛选结果）…", self.action_export_ledger)
        button.setMenu(menu)
        return button

    def action_import_ledger(self) -> None:
        dialog = import_dialog(self.services, self)
        if dialog.exec() and dialog.report is not None:
            self.refresh()
            self.count_label.setText(dialog.report.summary())

    def action_export_ledger(self) -> None:
        export_ledger(self.services, self, self.model.current_filter, self.count_label.setText)

    def select_document(self, document_id: int) -> None:
        for row in range(min(self.model.rowCount(), 200)):
            if self.model.index(row, 0).data(Qt.ItemDataRole.UserRole) == document_id:
                self.table.selectRow(row)
                return

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        self._show(self._docs.detail(row.id) if row else None)

    def _show(self, detail: DocumentDetail | None) -> None:
        self._current = detail
        active = detail is not None and detail.voided_at is None
        for button in (self.edit_button, self.review_button, self.attach_button, self.remove_button,
                       self.link_button):  # fmt: skip
            button.setEnabled(active)
        self.catalogue_label.setText(catalogue.links_text(self.services, "公文", detail.id) if detail else "")
        self.open_file_button.setEnabled(bool(detail and detail.files))
        publish_state(self.publish_button, detail)
        if detail is None:
            self.detail.setText(NO_SELECTION)
            return
        query = self.model.current_filter.text
        hit = self._docs.hit_place(detail.id, query) if query.strip() else None  # this one row only
        lines = detail_lines(detail, query_terms(query), BASIS_LABELS, hit)
        self.detail.setText("<br>".join(lines))

    # ---- actions ----------------------------------------------------------------------------------------

    def _dialog(
        self, index_no: str = "", files: list[str] | None = None, *, register: bool = False
    ) -> DocumentDialog:
        ctx = self.services.ctx
        own = index_no
        return DocumentDialog(
            ctx.taxonomy.topic_values(),
            ctx.taxonomy.genres(),
            lambda number: [other for other in self._docs.duplicates_of(number) if other != own],
            self,
            index_no,
            files,
            self._find_for_picker,
            self._describe,
            catalogue.registration_picker(self.services, self) if register else None,
        )

    def _find_for_picker(self, query: str) -> list[tuple[int, str]]:
        rows = self._docs.page(DocumentFilter(text=query), 0, PICKER_LIMIT)
        return [(row.id, " ".join(part for part in (row.doc_number, row.title) if part)) for row in rows]

    def _describe(self, document_id: int) -> str:
        try:
            detail = self._docs.detail(document_id)
        except UserFacingError:
            return ""
        return " ".join(part for part in (detail.values.doc_number, detail.values.title) if part)

    def action_new(
        self, proposal: DocumentInput | None = None, files: tuple[Path, ...] = (), scan: Scan | None = None
    ) -> None:
        """`scan`: a scan's page and (edited) text beside the fields; that text is what search finds."""
        office = self.services.ctx.settings.office()
        dialog = self._dialog(files=[path.name for path in files], register=True)
        if scan is not None:
            dialog.add_side(scan)
        dialog.load(proposal or DocumentInput("", office.name if office else ""))
        while dialog.exec():
            texts = (scan.text(),) if scan is not None else ()
            with user_errors(dialog) as attempt:
                detail = self._docs.create(self.services.actor, dialog.collect(), files, texts=texts)
            if attempt.ok:
                if dialog.catalogue_choice is not None:  # chosen before the document existed
                    catalogue.save_links(self.services, self, "公文", detail.id, dialog.catalogue_choice)
                self.refresh()
                self.select_document(detail.id)
                self.count_label.setText(f"已登记，索引号 {detail.index_no}")
                return

    def edit_current(self) -> None:
        if self._current is None:
            return
        detail = self._current
        dialog = self._dialog(detail.index_no, [file.name for file in detail.files])
        dialog.load(detail.values)
        while dialog.exec():
            value = dialog.collect()
            reason = correction_reason(dialog, detail, value)  # published: why, and a new review
            if reason is None:
                continue
            with user_errors(dialog) as attempt:
                self._docs.update(self.services.actor, detail.id, value, detail.version, reason)
            if attempt.ok:
                self.model.set_filter(self.model.current_filter)
                self.select_document(detail.id)
                return

    def link_catalogue(self) -> None:
        if self._current is not None and catalogue.link_document(self.services, self, self._current):
            self._show(self._docs.detail(self._current.id))

    def action_find(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def action_save(self) -> None:
        self.edit_current()

    def open_review(self) -> None:
        if self._current is None:
            return
        reviews = self.services.ctx.reviews
        with user_errors(self) as attempt:  # a new sheet unless one is being signed or already cleared
            if not reviews.item_state("document", self._current.id).cleared and not any(
                sheet.status == "审查中" for sheet in reviews.sheets_for("document", self._current.id)
            ):
                reviews.create_for_document(self.services.actor, self._current.id)
        if attempt.ok:
            self.services.open_page("review")

    def publish_current(self) -> None:
        if self._current is None:
            return
        with user_errors(self) as attempt:  # the gate's message says what is missing
            self._docs.publish(self.services.actor, self._current.id, self.clock.now())
        if not attempt.ok:
            return
        document_id = self._current.id
        self.model.set_filter(replace(self.model.current_filter))
        self.select_document(document_id)

    def remove_current(self) -> None:
        """删除 (nothing depends on it) or 作废 with a reason (issue 21); the Delete key asks the same."""
        if self._current is not None and remove_document(
            self, self._docs, self.services.actor, self._current
        ):
            self.apply_filter()

    def _context_menu(self) -> None:
        if self._current is None:
            return
        menu = QMenu(self)
        menu.addAction("编辑…", self.edit_current).setEnabled(self._current.voided_at is None)
        menu.addAction("删除或作废…", self.remove_current).setEnabled(self._current.voided_at is None)
        self._last_menu = menu
        menu.popup(self.cursor().pos())
