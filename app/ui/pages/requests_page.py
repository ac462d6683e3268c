"""依申请公开: the case list (filters, lazy table, colour badges) and one case with its legal next steps."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.services.documents.service import DocumentDetail
from app.services.requests.letters.pdf import find_soffice
from app.services.requests.query import CaseFilter
from app.services.requests.steps.offered import available_steps
from app.services.requests.types import (
    CaseDetail,
    LetterKind,
    StepResult,
)
from app.ui.controls.list_table import setup_list_table
from app.ui.dialogs.ledger_import_dialog import LedgerImportDialog
from app.ui.dialogs.request_ledger_dialog import export_request_ledger, request_import_dialog
from app.ui.dialogs.request_registration_dialog import RegistrationDialog
from app.ui.dialogs.request_step_calls import apply_step
from app.ui.dialogs.request_step_dialog import StepDialog
from app.ui.errors import user_errors
from app.ui.models.request_table_model import COL_NUMBER, RequestTableModel
from app.ui.page_services import PageServices
from app.ui.pages.base_page import BasePage
from app.ui.pages.request_case_actions import RequestCaseActions
from app.ui.pages.request_casefile_actions import RequestCasefileActions
from app.ui.pages.request_removal_actions import RequestRemovalActions
from app.ui.widgets.request_case_view import RequestCaseView
from app.ui.widgets.request_filter_bar import RequestFilterBar

COLUMN_WIDTHS = (86, 90, 130, 90, 66, 78, 124, 130, 170)  # 答复期限 fits 「2027-01-04 暂定」
EMPTY_HINT = "还没有登记申请。点击「登记申请」（Ctrl+N），或从 Excel 台账导入。"
NO_MATCH = "没有符合条件的申请，可以点击「清除条件」后再查询。"
LIST_PAGE, CASE_PAGE = 0, 1


class RequestsPage(RequestCaseActions, RequestRemovalActions, RequestCasefileActions, BasePage):
    """Attributes: `model`, `table`, `stack`, `case_view`, the filter widgets, `count_label`."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__("依申请公开", services, parent)
        self._service = services.ctx.requests
        self._actor = services.actor
        self.model = RequestTableModel(self._service, services.ctx.clock, self)
        self._last_dialog: QDialog | None = None  # the open dialog, for tests driving it
        self.released: DocumentDetail | None = None  # the last 依申请转主动 register entry
        self._build_filter_bar()
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_list())
        self.case_view = RequestCaseView()
        self.stack.addWidget(self.case_view)
        self.root_layout.addWidget(self.stack, 1)
        self._connect_case_view()
        self.refresh()

    @property
    def today(self) -> date:
        return self.clock.today()

    # ---- layout ---------------------------------------------------------------------------------

    def _build_filter_bar(self) -> None:
        self.filter_bar = RequestFilterBar()
        bar = self.filter_bar
        self.status_combo, self.due_combo, self.year_combo = bar.status_combo, bar.due_combo, bar.year_combo
        self.outcome_combo, self.type_combo = bar.outcome_combo, bar.type_combo
        self.department_combo, self.search_edit = bar.department_combo, bar.search_edit
        self.new_button, self.import_button, self.export_button = (
            bar.new_button,
            bar.import_button,
            bar.export_button,
        )
        bar.changed.connect(self.apply_filter)
        bar.new_requested.connect(self.action_new)
        bar.import_requested.connect(self.action_import)
        bar.export_requested.connect(self.action_export)
        self.root_layout.addWidget(bar)

    def _build_list(self) -> QWidget:
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_list_table(
            self.table,
            widths=COLUMN_WIDTHS,  # the last column, 事项描述, takes the rest
            wrap=False,
            uniform_rows=True,
            sort_by=(COL_NUMBER, Qt.SortOrder.DescendingOrder),
        )
        self.table.doubleClicked.connect(
            lambda index: self.open_case(self.model.data(index, Qt.ItemDataRole.UserRole))
        )
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table)
        enter.activated.connect(self._open_current)
        panel = QFrame()
        panel.setProperty("card", True)
        panel.setMinimumWidth(240)
        side = QVBoxLayout(panel)
        heading = QLabel("申请摘要")
        heading.setStyleSheet("font-weight: bold;")
        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.summary.setFrameShape(QFrame.Shape.NoFrame)
        self.open_button = QPushButton("打开（Enter）")
        self.open_button.clicked.connect(self._open_current)
        side.addWidget(heading)
        side.addWidget(self.summary, 1)
        side.addWidget(self.open_button)
        self.year_casefile_button = QPushButton("生成全年案卷…")
        self.year_casefile_button.setToolTip("年终向档案室移交：某年每件申请一个案卷 PDF")
        self.year_casefile_button.clicked.connect(lambda: self.make_year_casefiles())
        side.addWidget(self.year_casefile_button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(panel)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([820, 260])
        self.count_label = QLabel()
        self.count_label.setObjectName("hintLabel")
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count_label)
        return holder

    def _connect_case_view(self) -> None:
        view = self.case_view
        view.back_requested.connect(self.show_list)
        view.step_requested.connect(self.run_step)
        view.letter_requested.connect(self.issue_letter)
        view.letter_opened.connect(self.open_letter)
        view.letter_printed.connect(self.print_letter)
        view.remedy_requested.connect(self.add_remedy)
        view.explain_requested.connect(self.show_explanation)
        view.reveal_requested.connect(self.reveal_id)
        view.edit_requested.connect(self.edit_registration)
        view.remedy_update_requested.connect(self.update_remedy)
        view.release_requested.connect(self.release_proactive)
        view.letter_pdf_requested.connect(self.export_letter_pdf)
        view.letter_void_requested.connect(self.void_letter)
        view.remove_requested.connect(self.remove_case)
        view.pdf_button.setVisible(find_soffice() is not None)
        self.connect_papers(view.papers_panel)

    # ---- list -----------------------------------------------------------------------------------

    def current_filter(self) -> CaseFilter:
        current = self.model.current_filter
        return self.filter_bar.filter(current.sort, current.descending)

    def apply_filter(self) -> None:
        with user_errors(self) as attempt:
            total = self.model.set_filter(self.current_filter())
        if not attempt.ok:
            return
        if total:
            self.count_label.setText(f"共 {total} 件")
        else:
            anything = self._service.count(CaseFilter(), self.today)
            self.count_label.setText(NO_MATCH if anything else EMPTY_HINT)
        self._show_summary(None)

    def reset_filter(self) -> None:
        self.filter_bar.reset()

    def refresh(self) -> None:
        self.filter_bar.set_choices(list(self._service.years()), list(self._service.departments()))
        self.apply_filter()
        if self.stack.currentIndex() == CASE_PAGE and self.case_view.detail is not None:
            self.open_case(self.case_view.detail.id)

    def action_find(self) -> None:
        self.show_list()
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        self._show_summary(row.id if row else None)

    def _show_summary(self, case_id: int | None) -> None:
        self.open_button.setEnabled(case_id is not None)
        if case_id is None:
            self.summary.setPlainText("在左侧选择一件申请，这里显示摘要；双击或按 Enter 打开。")
            return
        detail = self._service.detail(case_id, self.today)
        from app.services.requests.core import due_phrase

        lines = [
            f"受理编号：{detail.number}",
            f"状态：{detail.status}",
            f"期限：{due_phrase(detail)}",
            f"申请人：{detail.applicant_name}（{detail.applicant_type}）",
            f"申请方式：{detail.channel}",
            "",
            detail.description[:500],
            "",
            *(f"{e.on_date.isoformat()} {e.kind}" for e in detail.events[-6:]),
        ]
        self.summary.setPlainText("\n".join(lines))

    def _open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_case(self.model.data(index, Qt.ItemDataRole.UserRole))

    def show_list(self) -> None:
        self.stack.setCurrentIndex(LIST_PAGE)
        self.filter_bar.setVisible(True)

    # ---- one case -------------------------------------------------------------------------------

    def open_case(self, case_id: object) -> CaseDetail | None:
        if not isinstance(case_id, int):
            return None
        with user_errors(self) as attempt:
            detail = self._service.detail(case_id, self.today)
        if not attempt.ok:
            return None
        steps = available_steps(detail, self._actor, self.today)
        reasons = {kind.value: self._service.letters.why_not(detail, kind) for kind in LetterKind}
        proposal = (
            self._service.proactive_proposal_for(detail.id) if detail.outcome in ("R3.1", "R3.2") else None
        )
        offer = f"依申请转主动：{proposal.reason}（{'、'.join(proposal.numbers)}）" if proposal else ""
        self.case_view.show_case(detail, steps, reasons, offer, self.today)
        self.show_papers(detail)
        self.stack.setCurrentIndex(CASE_PAGE)
        self.filter_bar.setVisible(False)
        return detail

    def _reload(self, result: StepResult | None = None) -> None:
        detail = self.case_view.detail
        self.refresh()
        if detail is not None:
            self.open_case(detail.id)
        if result is not None and result.warnings:
            QMessageBox.information(self, APP_NAME, "\n".join(result.warnings))

    def run_step(self, kind: str) -> StepDialog | None:
        detail = self.case_view.detail
        if detail is None:
            return None
        steps, actor, today = self._service.steps, self._actor, self.today
        dialog = StepDialog(
            kind,
            detail,
            lambda values: apply_step(steps, actor, detail.id, kind, values, today, detail.version),
            today,
            actor.display_name,
            self._service.departments(),
            self,
        )
        self._last_dialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self._reload(dialog.result_value if accepted else None)  # a refused stale save shows the latest too
        return dialog

    def action_new(self) -> None:
        service, actor, today = self._service, self._actor, self.today
        now = self.clock.now().replace(second=0, microsecond=0)
        dialog = RegistrationDialog(
            lambda reg: service.register(actor, reg, today),
            service.find_applicant,
            service.departments(),
            now,
            self,
        )
        self._last_dialog = dialog
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_value is not None:
            self.refresh()
            self.open_case(dialog.result_value.detail.id)
            if dialog.result_value.warnings:
                QMessageBox.information(self, APP_NAME, "\n".join(dialog.result_value.warnings))

    # ---- Excel ledger ---------------------------------------------------------------------------

    def action_export(self) -> None:
        export_request_ledger(self.services, self, self.count_label.setText)

    def action_import(self) -> LedgerImportDialog:
        dialog = request_import_dialog(
            self.services.runner, self._service.ledger, self._actor, self.today, self
        )
        self._last_dialog = dialog
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.report is not None:
            self.refresh()
            self.count_label.setText(dialog.report.summary())
        return dialog
