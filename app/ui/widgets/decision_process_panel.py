"""The selected decision's full-process record: a stage checklist, the chosen stage, what is missing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserFacingError
from app.models.decision import Stage
from app.services.decisions.record import ProcessRecord
from app.services.decisions.service import DecisionService
from app.services.decisions.stages import AttachmentRef
from app.services.permissions import Actor
from app.services.review.kinds import ItemKind
from app.ui.controls.list_table import setup_list_table
from app.ui.dialogs.decision_stage_dialog import DecisionStageDialog
from app.ui.errors import show_error, user_errors
from app.ui.review_launch import start_review
from app.ui.widgets.decision_stage_text import missing_line, stage_cells, stage_detail, stage_state

if TYPE_CHECKING:
    from app.ui.page_services import PageServices

HEADERS = ("环节", "要求", "日期", "情况")
STAGE_COLUMN_WIDTH = 116
NEED_COLUMN_WIDTH = 44
DATE_COLUMN_WIDTH = 88
NO_ITEM = "在左侧目录中选择一个决策事项，这里显示它的全过程记录。"
ATTACHMENT_LIST_HEIGHT = 72
REVIEWED_STAGES = {Stage.PUBLISH: ItemKind.DECISION_RESULT, Stage.FEEDBACK: ItemKind.DECISION_FEEDBACK}


class DecisionProcessPanel(QFrame):
    """Signals: `changed` after a stage was saved (the page refreshes its list)."""

    changed = Signal()

    def __init__(
        self,
        service: DecisionService,
        actor: Actor,
        services: PageServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setProperty("card", True)
        self._service, self._actor, self._services = service, actor, services
        self.record: ProcessRecord | None = None
        self.title = QLabel(NO_ITEM)
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        setup_list_table(
            self.table, widths=(STAGE_COLUMN_WIDTH, NEED_COLUMN_WIDTH, DATE_COLUMN_WIDTH), striped=False
        )
        self.table.currentCellChanged.connect(lambda *_args: self._show_stage())
        self.table.doubleClicked.connect(lambda _index: self.edit_stage())
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.edit_button = QPushButton("登记/修改此环节…")
        self.edit_button.setProperty("primary", True)
        self.edit_button.clicked.connect(self.edit_stage)
        self.attach_button = QPushButton("添加附件…")
        self.attach_button.setToolTip("会议纪要、审查意见书、征求意见公告等，保存在数据文件夹中")
        self.attach_button.clicked.connect(self.attach)
        self.review_button = QPushButton("发起保密审查…")
        self.review_button.setToolTip("决策公布和意见采纳情况反馈公开前，须有审批通过的保密审查单")
        self.review_button.clicked.connect(self.start_review)
        self.review_button.setVisible(services is not None)
        self.attachments = QListWidget()
        self.attachments.setFixedHeight(ATTACHMENT_LIST_HEIGHT)
        self.attachments.setToolTip("双击用系统程序打开附件")
        self.attachments.itemActivated.connect(lambda _item: self.open_attachment())
        self.attachments.currentRowChanged.connect(lambda _row: self._update_attachment_buttons())
        self.open_button = QPushButton("打开附件")
        self.open_button.clicked.connect(self.open_attachment)
        self.remove_button = QPushButton("移除附件…")
        self.remove_button.clicked.connect(self.remove_attachment)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.review_button)
        buttons.addStretch(1)
        files = QHBoxLayout()
        files.addWidget(self.attachments, 1)
        file_buttons = QVBoxLayout()
        file_buttons.addWidget(self.open_button)
        file_buttons.addWidget(self.remove_button)
        file_buttons.addStretch(1)
        files.addLayout(file_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.missing)
        layout.addWidget(self.table, 3)
        layout.addLayout(buttons)
        layout.addWidget(self.detail, 1)
        layout.addLayout(files)
        self.show_item(None)

    def show_item(self, item_id: int | None) -> None:
        current = self.table.currentRow()
        self.record = self._service.process.record(item_id) if item_id is not None else None
        enabled = self.record is not None
        for widget in (self.table, self.edit_button, self.attach_button, self.detail):
            widget.setEnabled(enabled)
        self.table.setRowCount(0)
        if self.record is None:
            self.title.setText(NO_ITEM)
            self.missing.setText("")
            self.detail.clear()
            return
        record = self.record
        self.title.setText(f"第{record.item.seq}项　{record.item.name}")
        line, line_color = missing_line(record)
        self.missing.setText(line)
        self.missing.setStyleSheet(f"color: {line_color.name()};")
        self.table.setRowCount(len(record.stages))
        for row, view in enumerate(record.stages):
            state, color = stage_state(view, record.missing)
            for column, text in enumerate((*stage_cells(view), f"{state}　{view.note}".strip())):
                cell = QTableWidgetItem(text)
                if column == len(HEADERS) - 1:
                    cell.setToolTip(text)
                    if color is not None:
                        cell.setForeground(QBrush(color))
                self.table.setItem(row, column, cell)
        self.table.setCurrentCell(max(current, 0), 0)
        self._show_stage()

    def selected_stage(self) -> Stage | None:
        if self.record is None or self.table.currentRow() < 0:
            return None
        return self.record.stages[self.table.currentRow()].stage

    def _show_stage(self) -> None:
        stage = self.selected_stage()
        self._show_attachments()
        if stage is None or self.record is None:
            self.detail.clear()
            return
        view = self.record.view(stage)
        self.review_button.setEnabled(stage in REVIEWED_STAGES)
        self.detail.setPlainText(stage_detail(view))

    def edit_stage(self) -> None:
        stage = self.selected_stage()
        if stage is None or self.record is None:
            return
        view = self.record.view(stage)
        ctx = self._services.ctx
        record = view.info.record if view.info else None
        dialog = DecisionStageDialog(stage, record, self, ctx.documents, today=ctx.clock.today())
        item_id, version = self.record.item.id, self.record.item.version
        while dialog.exec() == DecisionStageDialog.DialogCode.Accepted:
            with user_errors(self) as attempt:
                self._service.process.save_stage(
                    self._actor, item_id, dialog.collect(), expected_version=version
                )
            if attempt.ok or attempt.stale:  # stale: someone else changed it since; show the latest record
                self.show_item(item_id)
                self.changed.emit()
                return

    def attach(self) -> None:
        stage = self.selected_stage()
        if stage is None or self.record is None:
            return
        name, _ = QFileDialog.getOpenFileName(self, f"为「{stage.value}」添加附件", "", "所有文件 (*)")
        if not name:
            return
        item = self.record.item
        with user_errors(self) as attempt:
            self._service.process.attach_file(self._actor, item.id, stage, Path(name), item.version)
        if attempt.ok or attempt.stale:  # stale: someone else changed it since; show the latest record
            self.show_item(item.id)
            self.changed.emit()  # the item's version moved: the page reloads its copy

    # ---- attachments and 保密审查 -----------------------------------------------------------------

    def _show_attachments(self) -> None:
        self.attachments.clear()
        stage = self.selected_stage()
        info = self.record.view(stage).info if stage is not None and self.record is not None else None
        for ref in info.attachments if info else ():
            item = QListWidgetItem(ref.name)
            item.setData(Qt.ItemDataRole.UserRole, ref)
            self.attachments.addItem(item)
        if self.attachments.count():
            self.attachments.setCurrentRow(0)
        self._update_attachment_buttons()

    def _update_attachment_buttons(self) -> None:
        chosen = self.attachments.currentItem() is not None
        self.open_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _chosen_attachment(self) -> AttachmentRef | None:
        item = self.attachments.currentItem()
        ref = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        return ref if isinstance(ref, AttachmentRef) else None

    def open_attachment(self) -> bool:
        ref = self._chosen_attachment()
        if ref is None:
            return False
        path = self._service.process.attachment_path(ref.sha256)
        if not path.is_file():
            show_error(self, UserFacingError(f"附件「{ref.name}」在数据文件夹中找不到，请从备份恢复。"))
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def remove_attachment(self) -> None:
        ref, stage = self._chosen_attachment(), self.selected_stage()
        if ref is None or stage is None or self.record is None:
            return
        question = f"从「{stage.value}」中移除附件「{ref.name}」吗？（操作会记入操作日志）"
        if QMessageBox.question(self, "移除附件", question) != QMessageBox.StandardButton.Yes:
            return
        item_id, version = self.record.item.id, self.record.item.version
        with user_errors(self) as attempt:
            self._service.process.remove_attachment(self._actor, item_id, stage, ref.id, version)
        if attempt.ok or attempt.stale:  # stale: someone else changed it since; show the latest record
            self.show_item(item_id)
            self.changed.emit()

    def start_review(self) -> None:
        stage = self.selected_stage()
        if stage not in REVIEWED_STAGES or self.record is None:
            return
        item = self.record.item
        title = f"{item.name}（{stage.value}）"
        start_review(self, self._services, REVIEWED_STAGES[stage].value, item.id, title)
