"""公开栏: postings by status and board, editor on the left, live PDF preview on the right, print."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QWidget,
)

from app.errors import UserFacingError
from app.services.postings.pdf import render_pdf
from app.services.postings.types import PostingFilter, PostingInfo, PostingStatus, SourceKind
from app.ui.controls.list_table import setup_list_table
from app.ui.errors import show_error, user_errors
from app.ui.models.posting_table_model import COL_BOARDS, COL_PERIOD, COL_STATUS, COL_TITLE, PostingTableModel
from app.ui.page_services import PageServices
from app.ui.pages.boards_actions import BoardsActions
from app.ui.pages.boards_view import BoardsView
from app.ui.widgets.pdf_preview import PdfPreview
from app.ui.widgets.posting_editor import PostingEditor

ALL = "全部"
PREVIEW_DELAY_MS = 400
TABLE_HEIGHT = 190
COLUMN_WIDTHS = {COL_TITLE: 330, COL_BOARDS: 210, COL_PERIOD: 190, COL_STATUS: 80}
EMPTY = "还没有张贴件。点击「新建」，填写标题和正文，右侧会即时显示打印效果。"


class BoardsPage(BoardsView):
    """Attributes: `model`, `editor`, `preview`, `message` (the line under the buttons)."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__("公开栏", services, parent)
        self.service = services.ctx.postings
        self.current: PostingInfo | None = None
        self._rendering = self._dirty = False
        self.model = PostingTableModel(self.service, services.ctx.clock, self)
        self._build_filter_bar()
        self._build_body()
        self.controls = BoardsActions(self)
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.render_preview)
        self.editor.changed.connect(self._timer.start)
        print_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        print_shortcut.activated.connect(self.controls.print_current)
        self.refresh()
        self.action_new()

    def _build_filter_bar(self) -> None:
        self.status_combo, self.board_combo = QComboBox(), QComboBox()
        self.status_combo.addItem(ALL, None)
        for status in PostingStatus:
            self.status_combo.addItem(status.value, status)
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText("按标题查找…")
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.returnPressed.connect(self.apply_filter)
        for combo in (self.status_combo, self.board_combo):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.new_button, self.save_button = QPushButton("新建"), QPushButton("保存")
        self.save_button.setProperty("primary", True)
        self.delete_button = QPushButton("删除")
        self.new_button.clicked.connect(self.action_new)
        self.save_button.clicked.connect(self.action_save)
        self.delete_button.clicked.connect(self.delete_current)
        bar = QHBoxLayout()
        for label, widget in (("状态", self.status_combo), ("公开栏", self.board_combo)):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addWidget(self.text_edit, 1)
        bar.addSpacing(16)
        for button in (self.new_button, self.save_button, self.delete_button):
            bar.addWidget(button)
        self.root_layout.addLayout(bar)

    def _build_body(self) -> None:
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_list_table(self.table, widths=COLUMN_WIDTHS, uniform_rows=True)
        self.table.setFixedHeight(TABLE_HEIGHT)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.editor = PostingEditor(self.clock)
        self.preview = PdfPreview()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.editor)
        splitter.addWidget(self.preview)
        splitter.setSizes([560, 480])
        self.buttons = QHBoxLayout()
        self.message = QLabel()
        self.message.setObjectName("hintLabel")
        self.message.setWordWrap(True)
        self.root_layout.addWidget(self.table)
        self.root_layout.addWidget(splitter, 1)
        self.root_layout.addLayout(self.buttons)
        self.root_layout.addWidget(self.message)

    # ---- list -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        boards = self.service.boards()
        current = self.board_combo.currentData()
        self.board_combo.blockSignals(True)
        self.board_combo.clear()
        self.board_combo.addItem(ALL, None)
        for name in boards:
            self.board_combo.addItem(name, name)
        self.board_combo.setCurrentIndex(max(self.board_combo.findData(current), 0) if current else 0)
        self.board_combo.blockSignals(False)
        self.editor.set_boards(boards)
        self.apply_filter()

    def apply_filter(self) -> None:
        status = self.status_combo.currentData()
        flt = PostingFilter(
            self.clock.today(),
            PostingStatus(status) if status else None,
            self.board_combo.currentData(),
            self.text_edit.text().strip() or None,
        )
        total = self.model.set_filter(flt)
        self.count_text = f"共 {total} 件" if total else EMPTY
        self.show_message(self.count_text)

    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is not None:
            self.open_posting(row.id)

    def open_posting(self, posting_id: int) -> None:
        with user_errors(self) as attempt:
            self.current = self.service.get(posting_id)
        if not attempt.ok:
            return
        self.editor.load(self.current)
        draft = self.current.draft
        if draft.source_id is not None:
            kind = SourceKind(draft.source_kind)
            self.editor.set_source(
                draft.source_kind, draft.source_id, self.controls.sources.describe(kind, draft.source_id)
            )
        self.editor.set_read_only(self.current.stored_status != PostingStatus.WAITING)
        self.controls.update_buttons()

    def select(self, posting_id: int) -> None:
        self.model.row_at(0)  # newest first: a saved posting is on the first page
        row = self.model.row_of(posting_id)
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.open_posting(posting_id)

    # ---- editing --------------------------------------------------------------------------------

    def action_new(self) -> None:
        self.current = None
        self.table.clearSelection()
        office = self.services.ctx.settings.office()
        self.editor.load(None, office.name if office else "", office.phone if office else "")
        self.editor.set_read_only(False)
        self.controls.update_buttons()

    def action_save(self) -> None:
        if self.current is not None and self.current.stored_status != PostingStatus.WAITING:
            self.show_message("已张贴的公告不能修改。")
            return
        with user_errors(self) as attempt:
            draft = self.editor.collect()
            actor = self.services.actor
            if self.current is None:
                saved = self.service.create(actor, draft)
            else:
                saved = self.service.update(actor, self.current.id, draft, self.current.version)
        if attempt.stale:
            self.show_latest()
        if not attempt.ok:
            return
        self.apply_filter()
        self.current = saved
        self.select(saved.id)
        self.show_message(f"已保存：{saved.title}（公示期 {saved.draft.period_start} 至 {saved.period_end}）")

    def action_find(self) -> None:
        self.text_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text_edit.selectAll()

    def delete_current(self) -> None:
        if self.current is None:
            return
        answer = QMessageBox.question(self, "删除张贴件", f"确定删除「{self.current.title}」吗？")
        if answer != QMessageBox.StandardButton.Yes:
            return
        with user_errors(self) as attempt:
            self.service.delete(self.services.actor, self.current.id, self.current.version)
        if attempt.stale:
            self.show_latest()
        if not attempt.ok:
            return
        self.apply_filter()
        self.action_new()

    def show_latest(self) -> None:
        """Someone else changed the posting since it was opened (already said): show the latest version."""
        if self.current is not None:
            self.apply_filter()
            self.select(self.current.id)

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    # ---- preview --------------------------------------------------------------------------------

    def render_preview(self) -> None:
        """Validate and lay out on the GUI thread (fast), render the PDF on the worker thread."""
        if self._rendering:
            self._dirty = True
            return
        try:
            if self.current is not None and self.current.stored_status != PostingStatus.WAITING:
                content = self.service.content(self.current.id)
                self.editor.show_period(
                    f"公示期 {content.period[0]} 至 {content.period[1]}" if content.period else ""
                )
            else:
                draft = self.editor.collect()
                content = self.service.preview(draft, self.current.id if self.current else None)
                self.editor.show_period(self.service.period(draft).explanation)
        except UserFacingError as error:
            self.editor.show_period(f"预览暂停：{error.message}")
            return
        self._rendering, self._dirty = True, False
        self.services.runner.run(
            lambda _progress, _cancelled: render_pdf(content),
            on_success=self._on_preview_ready,
            on_failure=self._on_preview_failed,
            parent=self,
            label="正在生成预览…",
        )

    def _on_preview_ready(self, data: bytes) -> None:
        self._rendering = False
        self.preview.show_pdf(data)
        if self._dirty:
            self.render_preview()

    def _on_preview_failed(self, error: BaseException) -> None:
        self._rendering = False
        if isinstance(error, UserFacingError):
            self.editor.show_period(f"预览暂停：{error.message}")
        else:
            show_error(self, error)
