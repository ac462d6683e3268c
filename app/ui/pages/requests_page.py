"""依申请公开: the case list (filters, lazy table, colour badges) and one case with its legal next steps."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QModelIndex, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
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
from app.errors import UserFacingError
from app.services.request_ledger import LedgerPreview
from app.services.request_next_steps import available_steps
from app.services.request_outcomes import GROUPS, OUTCOMES
from app.services.request_types import (
    ApplicantType,
    CaseDetail,
    CaseStatus,
    LetterKind,
    LetterView,
    StepResult,
)
from app.services.requests import DUE, CaseFilter
from app.services.xlsx_io import ImportReport
from app.ui.dialogs.request_registration_dialog import RegistrationDialog
from app.ui.dialogs.request_remedy_dialog import RemedyDialog, RemedyInput
from app.ui.dialogs.request_step_dialog import StepDialog, apply_step
from app.ui.errors import show_error
from app.ui.models.request_table_model import COL_DESCRIPTION, COL_NUMBER, RequestTableModel
from app.ui.pages.base_page import BasePage, PageServices
from app.ui.widgets.request_case_view import RequestCaseView

ALL = "全部"
COLUMN_WIDTHS = (86, 90, 130, 90, 66, 78, 90, 130, 170)
EMPTY_HINT = "还没有登记申请。点击「登记申请」（Ctrl+N），或从 Excel 台账导入。"
NO_MATCH = "没有符合条件的申请，可以点击「清除条件」后再查询。"
LIST_PAGE, CASE_PAGE = 0, 1


def _combo(items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.addItem(ALL, None)
    for text, data in items:
        combo.addItem(text, data)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


class RequestsPage(BasePage):
    """Attributes: `model`, `table`, `stack`, `case_view`, the filter widgets, `count_label`."""

    def __init__(
        self, services: PageServices, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__("依申请公开", services, parent)
        self._service = services.ctx.requests
        self._actor = services.actor
        self._fixed_today = today  # tests pin the date; the app uses the real one
        self.model = RequestTableModel(self._service, self)
        self._last_dialog: QDialog | None = None  # the open dialog, for tests driving it
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
        return self._fixed_today or date.today()

    # ---- layout ---------------------------------------------------------------------------------

    def _build_filter_bar(self) -> None:
        self.status_combo = _combo([(s.value, s.value) for s in CaseStatus])
        self.due_combo = _combo([(d, d) for d in DUE])
        self.year_combo = _combo([])
        outcomes: list[tuple[str, object]] = []
        for group in GROUPS:
            members = [o for o in OUTCOMES if o.group == group]
            prefix = members[0].key.rsplit(".", 1)[0] if len(members) > 1 else members[0].key
            outcomes.append((group, prefix))
            outcomes += [(f"　{o.short}", o.key) for o in members if o.short]
        self.outcome_combo = _combo(outcomes)
        self.type_combo = _combo([(t.value, t.value) for t in ApplicantType])
        self.department_combo = _combo([])
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("搜索受理编号、申请人或申请内容…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.returnPressed.connect(self.apply_filter)
        self.query_button = QPushButton("查询")
        self.query_button.clicked.connect(self.apply_filter)
        self.reset_button = QPushButton("清除条件")
        self.reset_button.clicked.connect(self.reset_filter)
        self.new_button = QPushButton("登记申请")
        self.new_button.setProperty("primary", True)
        self.new_button.setToolTip("登记一件新的政府信息公开申请（Ctrl+N）")
        self.new_button.clicked.connect(self.action_new)
        self.import_button = QPushButton("导入 Excel…")
        self.import_button.clicked.connect(self.action_import)
        self.export_button = QPushButton("导出 Excel…")
        self.export_button.clicked.connect(self.action_export)
        first = QHBoxLayout()
        for label, widget in (
            ("状态", self.status_combo),
            ("期限", self.due_combo),
            ("年度", self.year_combo),
            ("办理结果", self.outcome_combo),
            ("申请人类型", self.type_combo),
            ("承办科室", self.department_combo),
        ):
            first.addWidget(QLabel(label))
            first.addWidget(widget)
            widget.currentIndexChanged.connect(lambda _i: self.apply_filter())
        first.addStretch(1)
        second = QHBoxLayout()
        second.addWidget(self.search_edit, 1)
        for button in (self.query_button, self.reset_button):
            second.addWidget(button)
        second.addStretch(1)
        for button in (self.new_button, self.import_button, self.export_button):
            second.addWidget(button)
        self.filter_bar = QWidget()
        bar = QVBoxLayout(self.filter_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addLayout(first)
        bar.addLayout(second)
        self.root_layout.addWidget(self.filter_bar)

    def _build_list(self) -> QWidget:
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(COL_NUMBER, Qt.SortOrder.DescendingOrder)
        for column, width in enumerate(COLUMN_WIDTHS):
            if column < COL_DESCRIPTION:
                self.table.setColumnWidth(column, width)
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

    # ---- list -----------------------------------------------------------------------------------

    def current_filter(self) -> CaseFilter:
        current = self.model.current_filter
        return CaseFilter(
            status=self.status_combo.currentData(),
            due=self.due_combo.currentData(),
            year=self.year_combo.currentData(),
            outcome=self.outcome_combo.currentData(),
            applicant_type=self.type_combo.currentData(),
            department=self.department_combo.currentData(),
            text=self.search_edit.text().strip() or None,
            sort=current.sort,
            descending=current.descending,
        )

    def apply_filter(self) -> None:
        try:
            total = self.model.set_filter(self.current_filter(), self.today)
        except UserFacingError as error:
            show_error(self, error)
            return
        if total:
            self.count_label.setText(f"共 {total} 件")
        else:
            anything = self._service.count(CaseFilter(), self.today)
            self.count_label.setText(NO_MATCH if anything else EMPTY_HINT)
        self._show_summary(None)

    def reset_filter(self) -> None:
        for combo in (
            self.status_combo,
            self.due_combo,
            self.year_combo,
            self.outcome_combo,
            self.type_combo,
            self.department_combo,
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search_edit.clear()
        self.apply_filter()

    def _refill(self, combo: QComboBox, values: list[object]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(ALL, None)
        for value in values:
            combo.addItem(str(value), value)
        combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
        combo.blockSignals(False)

    def refresh(self) -> None:
        self._refill(self.year_combo, list(self._service.years()))
        self._refill(self.department_combo, list(self._service.departments()))
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
        from app.services.request_core import due_phrase

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
        try:
            detail = self._service.detail(case_id, self.today)
        except UserFacingError as error:
            show_error(self, error)
            return None
        steps = available_steps(detail, self._actor, self.today)
        reasons = {kind.value: self._service.letters.why_not(detail, kind) for kind in LetterKind}
        proposal = (
            self._service.proactive_proposal_for(detail.id) if detail.outcome in ("R3.1", "R3.2") else None
        )
        offer = f"依申请转主动：{proposal.reason}（{'、'.join(proposal.numbers)}）" if proposal else ""
        self.case_view.show_case(detail, steps, reasons, offer, self.today)
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
            lambda values: apply_step(steps, actor, detail.id, kind, values, today),
            today,
            actor.display_name,
            self._service.departments(),
            self,
        )
        self._last_dialog = dialog
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._reload(dialog.result_value)
        return dialog

    def action_new(self) -> None:
        service, actor, today = self._service, self._actor, self.today
        now = datetime.now().replace(second=0, microsecond=0)
        if self._fixed_today is not None:
            now = datetime.combine(today, now.time())
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

    def issue_letter(self, kind: str) -> None:
        detail = self.case_view.detail
        if detail is None:
            return
        letters, actor, today = self._service.letters, self._actor, self.today
        self.services.runner.run(
            lambda _p, _c: letters.issue(actor, detail.id, kind, today),
            on_success=self._on_letter_issued,
            parent=self,
            label=f"正在生成{kind}…",
        )

    def _on_letter_issued(self, letter: LetterView) -> None:
        self._reload()
        self.case_view.letters.setCurrentRow(self.case_view.letters.count() - 1)
        QMessageBox.information(self, APP_NAME, f"已出具{letter.kind}（{letter.number}），已保存在本案件中。")

    def _readable_copy(self, letter: LetterView) -> Path:
        """The store keeps files by checksum; Word needs a .docx name, so open a named temporary copy."""
        folder = Path(tempfile.mkdtemp(prefix="zwgk-letter-"))
        target = folder / letter.file_name
        shutil.copyfile(self._service.letters.file_path(letter), target)
        return target

    def open_letter(self, letter: LetterView) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._readable_copy(letter))))

    def print_letter(self, letter: LetterView) -> None:
        try:
            self._service.letters.record_print(self._actor, letter.id)
        except UserFacingError as error:
            show_error(self, error)
            return
        # WORKAROUND: Qt has no .docx printing; the office's Word/WPS prints it from its own dialog.
        self.open_letter(letter)

    def add_remedy(self) -> None:
        detail = self.case_view.detail
        if detail is None:
            return
        remedies, actor, today = self._service.remedies, self._actor, self.today

        def submit(values: RemedyInput) -> object:
            stage, filed, body, result, closed = values
            return remedies.add(actor, detail.id, stage, filed, body, result, closed, today=today)

        default_body = str(self.services.ctx.settings.get("request.review_body"))
        dialog = RemedyDialog(submit, today, default_body, self)  # type: ignore[arg-type]
        self._last_dialog = dialog
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._reload()

    def show_explanation(self) -> None:
        detail = self.case_view.detail
        if detail is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(f"答复期限如何计算 — {detail.number}")
        dialog.resize(640, 560)
        text = QPlainTextEdit(detail.explanation)
        text.setReadOnly(True)
        close = QPushButton("关闭")
        close.clicked.connect(dialog.accept)
        layout = QVBoxLayout(dialog)
        layout.addWidget(text)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self._last_dialog = dialog
        dialog.exec()

    def reveal_id(self) -> None:
        detail = self.case_view.detail
        if detail is None:
            return
        try:
            value = self._service.reveal_id_number(self._actor, detail.id)
        except UserFacingError as error:
            show_error(self, error)
            return
        QMessageBox.information(self, APP_NAME, f"{detail.id_type}：{value}\n（本次查看已记入操作日志）")

    # ---- Excel ledger ---------------------------------------------------------------------------

    def _documents(self) -> str:
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    def action_export(self) -> None:
        suggested = Path(self._documents()) / f"依申请公开台账_{self.today:%Y%m%d}.xlsx"
        name, _ = QFileDialog.getSaveFileName(
            self, "导出依申请公开台账", str(suggested), "Excel 工作簿 (*.xlsx)"
        )
        if not name:
            return
        path = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
        ledger, actor = self._service.ledger, self._actor
        self.services.runner.run(
            lambda progress, cancelled: ledger.export_xlsx(actor, path, progress, cancelled),
            on_success=lambda count: self.count_label.setText(f"已导出 {count} 件申请到 {path}"),
            parent=self,
            label="正在导出依申请公开台账…",
        )

    def action_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "导入依申请公开台账", self._documents(), "Excel 工作簿 (*.xlsx)"
        )
        if not name:
            return
        ledger, today = self._service.ledger, self.today
        self.services.runner.run(
            lambda _p, _c: ledger.preview(Path(name), today),
            on_success=self._confirm_import,
            parent=self,
            label="正在检查表格…",
        )

    def _on_imported(self, report: ImportReport) -> None:
        self.refresh()
        self.count_label.setText(report.summary())

    def _confirm_import(self, preview: LedgerPreview) -> None:
        problems = "\n".join(row.message() for row in preview.rejected[:20])
        more = f"\n……另有 {len(preview.rejected) - 20} 行" if len(preview.rejected) > 20 else ""
        text = f"可以导入 {len(preview.rows)} 行，{len(preview.rejected)} 行有问题将跳过。"
        if problems:
            text += f"\n\n{problems}{more}"
        if not preview.rows:
            QMessageBox.warning(self, APP_NAME, text)
            return
        answer = QMessageBox.question(self, APP_NAME, text + "\n\n确定导入吗？")
        if answer != QMessageBox.StandardButton.Yes:
            return
        ledger, actor, today = self._service.ledger, self._actor, self.today
        self.services.runner.run(
            lambda progress, cancelled: ledger.import_rows(actor, preview, today, progress, cancelled),
            on_success=self._on_imported,
            parent=self,
            label="正在导入…",
        )
