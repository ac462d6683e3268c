"""从自动备份恢复: pick a generation, see what it contains, confirm."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.storage.auto_backup import Generation
from app.ui.controls.list_table import setup_list_table

HEADERS = ("备份时间", "时机", "内容", "附件大小")
MB = 1_048_576
NO_GENERATIONS = "还没有自动备份。程序每天第一次退出时会自动备份一次。"


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    item.setToolTip(text)
    return item


class RestoreDialog(QDialog):
    """`selected` is the chosen generation after `exec()` returns Accepted."""

    def __init__(self, generations: list[Generation], folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("从自动备份恢复")
        self.resize(760, 420)
        self.generations = generations
        self.selected: Generation | None = None
        layout = QVBoxLayout(self)
        where = QLabel(f"自动备份文件夹：{folder}")
        where.setWordWrap(True)
        layout.addWidget(where)
        self.table = QTableWidget(len(generations), len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        setup_list_table(self.table, striped=False, stretch=2)
        for row, generation in enumerate(generations):
            values = (
                generation.created_at.strftime("%Y-%m-%d %H:%M"),
                generation.reason,
                generation.summary(),
                f"{generation.attachment_bytes / MB:.1f} MB",
            )
            for column, text in enumerate(values):
                self.table.setItem(row, column, _cell(text))
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.table.doubleClicked.connect(self.accept)
        layout.addWidget(self.table, 1)
        self.detail = QLabel(NO_GENERATIONS if not generations else "")
        self.detail.setWordWrap(True)
        layout.addWidget(self.detail)
        note = QLabel("恢复前，程序会先把当前数据自动备份为新的一份，恢复错了也能找回。")
        note.setObjectName("hint")
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton("恢复所选备份", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if generations:
            self.table.selectRow(0)

    def _on_selection(self) -> None:
        row = self.table.currentRow()
        self.selected = self.generations[row] if 0 <= row < len(self.generations) else None
        self.restore_button.setEnabled(self.selected is not None)
        if self.selected is not None:
            g = self.selected
            self.detail.setText(
                f"{g.created_at:%Y-%m-%d %H:%M:%S}（{g.reason}）：{g.summary()}。"
                f"数据库 {g.database_size / MB:.1f} MB，附件文件 {g.attachments} 个（相同内容只存一份）；"
                f"程序版本 {g.app_version}。"
            )
