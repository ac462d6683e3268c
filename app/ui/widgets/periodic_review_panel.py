"""定期评估 (条例第十八条): 依申请公开/不予公开 items whose review is due; keep, or convert to 主动公开."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.errors import UserFacingError
from app.services.documents.query import DocumentRow
from app.ui.controls.list_table import setup_list_table
from app.ui.errors import show_error, user_errors
from app.ui.page_services import PageServices

HEADERS = ("评估到期", "索引号", "文号", "标题", "公开属性")
WIDTHS = (92, 170, 140, 330)
INTRO = (
    "依申请公开、不予公开的公文应定期评估（条例第十八条）：不再需要限制的，转为主动公开，"
    "系统会为它新建一张保密审查单；仍需限制的，记录评估意见，一年后再评估。"
)
NOTHING_DUE = "目前没有到期需要评估的公文。"
OPINION_ROWS_HEIGHT = 56


class PeriodicReviewPanel(QWidget):
    """For tests: `table`, `opinion`, `keep_button`, `convert_button`, `rows`; `today` may be replaced."""

    def __init__(
        self, services: PageServices, changed: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services, self._changed = services, changed
        self.today: Callable[[], date] = services.ctx.clock.today  # the one clock (issue 18)
        self.rows: list[DocumentRow] = []
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        intro.setObjectName("hintLabel")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        setup_list_table(self.table, widths=WIDTHS)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.empty_label = QLabel(NOTHING_DUE)
        self.empty_label.setObjectName("hintLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.opinion = QPlainTextEdit()
        self.opinion.setPlaceholderText("评估意见，例如：涉及个人隐私的情形仍然存在，继续不予公开")
        self.opinion.setFixedHeight(OPINION_ROWS_HEIGHT)
        self.keep_button = QPushButton("维持原公开属性（一年后再评估）")
        self.keep_button.clicked.connect(lambda: self.record(False))
        self.convert_button = QPushButton("转为主动公开并发起保密审查")
        self.convert_button.setProperty("primary", True)
        self.convert_button.clicked.connect(lambda: self.record(True))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.convert_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(QLabel("评估意见"))
        layout.addWidget(self.opinion)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.rows = self.services.ctx.documents.review_due(self.today())
        self.table.setRowCount(len(self.rows))
        for position, row in enumerate(self.rows):
            due = row.next_review_on.isoformat() if row.next_review_on else ""
            for column, text in enumerate((due, row.index_no, row.doc_number, row.title, row.disclosure)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                self.table.setItem(position, column, item)
        self.table.setVisible(bool(self.rows))
        self.empty_label.setVisible(not self.rows)
        self._update_buttons()

    def current(self) -> DocumentRow | None:
        selected = self.table.selectionModel().selectedRows()
        return self.rows[selected[0].row()] if selected else None

    def _update_buttons(self) -> None:
        chosen = self.current() is not None
        self.keep_button.setEnabled(chosen)
        self.convert_button.setEnabled(chosen)

    def record(self, convert: bool) -> None:
        row = self.current()
        if row is None:
            return
        note = self.opinion.toPlainText().strip()
        if not convert and not note:
            show_error(self, UserFacingError("维持原公开属性时请填写评估意见（仍需限制公开的理由）。"))
            return
        if convert:
            question = f"把「{row.title}」转为主动公开？\n系统将新建一张保密审查单，审批通过后才能公开。"
            if QMessageBox.question(self, APP_NAME, question) != QMessageBox.StandardButton.Yes:
                return
        with user_errors(self) as attempt:
            self.services.ctx.documents.record_periodic_review(self.services.actor, row.id, convert, note)
        if not attempt.ok:
            return
        self.opinion.clear()
        self.refresh()
        self._changed()
        if convert:
            QMessageBox.information(
                self, APP_NAME, "已转为主动公开，保密审查单已建立，请到「保密审查」页签署。"
            )
