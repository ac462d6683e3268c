"""The 村（社区） list of the 「村（居）务公开」 tab: add, rename, 停用 (with a reason; postings are kept) and
delete one entered by mistake. Emits `changed` so the summary grid follows."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.models.catalogue import VILLAGE_KINDS
from app.services.catalogue.villages import VillageService
from app.services.catalogue.villages_store import VillageRow
from app.services.permissions import Actor
from app.ui.controls.list_table import setup_list_table
from app.ui.dialogs import reason_dialog
from app.ui.errors import user_errors


class VillageListPanel(QGroupBox):
    """For tests: `table`, `new_name`, `new_kind`, `add_button`, `rename_button`, `active_button`,
    `delete_button`."""

    changed = Signal()

    def __init__(self, service: VillageService, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__("村（社区）", parent)
        self.service, self.actor = service, actor
        self._villages: list[VillageRow] = []
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["名称", "类型", "状态"])
        setup_list_table(self.table, widths=(130, 56), striped=True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("新村（社区）名称")
        self.new_name.returnPressed.connect(self.add_village)
        self.new_kind = QComboBox()
        self.new_kind.addItems(VILLAGE_KINDS)
        self.add_button = QPushButton("添加")
        self.add_button.clicked.connect(self.add_village)
        self.rename_button = QPushButton("改名…")
        self.rename_button.clicked.connect(self.rename_village)
        self.active_button = QPushButton("停用…")
        self.active_button.setToolTip("停用后不再出现在汇总表中，已登记的公示记录保留")
        self.active_button.clicked.connect(self.toggle_active)
        self.delete_button = QPushButton("删除")
        self.delete_button.setToolTip("只能删除误添加、还没有登记过公示的村（社区）")
        self.delete_button.clicked.connect(self.delete_village)
        adding = QHBoxLayout()
        adding.addWidget(self.new_name, 1)
        adding.addWidget(self.new_kind)
        adding.addWidget(self.add_button)
        changing = QHBoxLayout()
        changing.addWidget(self.rename_button)
        changing.addWidget(self.active_button)
        changing.addWidget(self.delete_button)
        changing.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(adding)
        layout.addLayout(changing)

    def _selected_village(self) -> VillageRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self._villages[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        village = self._selected_village()
        self.rename_button.setEnabled(village is not None)
        self.active_button.setEnabled(village is not None)
        self.active_button.setText("启用" if village is not None and not village.active else "停用…")
        self.delete_button.setEnabled(village is not None and village.postings == 0)

    def refresh(self) -> None:
        self._villages = self.service.villages()
        self.table.setRowCount(len(self._villages))
        for row, village in enumerate(self._villages):
            state = "使用中" if village.active else "已停用"
            for column, text in enumerate((village.name, village.kind, state)):
                item = QTableWidgetItem(text)
                if not village.active:
                    item.setForeground(QBrush(QColor("#757575")))
                self.table.setItem(row, column, item)
        self._update_buttons()

    def add_village(self) -> None:
        with user_errors(self) as attempt:
            self.service.add_village(self.actor, self.new_name.text(), self.new_kind.currentText())
        if attempt.ok:
            self.new_name.clear()
            self._changed()

    def rename_village(self) -> None:
        village = self._selected_village()
        if village is None:
            return
        name, ok = QInputDialog.getText(self, "改名", f"「{village.name}」的新名称：", text=village.name)
        if not ok:
            return
        with user_errors(self) as attempt:
            self.service.rename(self.actor, village.id, name)
        if attempt.ok:
            self._changed()

    def toggle_active(self) -> None:
        village = self._selected_village()
        if village is None:
            return
        reason = ""
        if village.active:
            message = (
                f"停用「{village.name}」后，它不再出现在汇总表中；"
                f"已登记的 {village.postings} 条公示记录保留。"
            )
            asked = reason_dialog.ask_reason(self, "停用村（社区）", message, "停用")
            if asked is None:
                return
            reason = asked
        with user_errors(self) as attempt:
            self.service.set_active(self.actor, village.id, not village.active, reason)
        if attempt.ok:
            self._changed()

    def delete_village(self) -> None:
        village = self._selected_village()
        if village is None:
            return
        asked = QMessageBox.question(self, APP_NAME, f"删除「{village.name}」？（它还没有登记过公示）")
        if asked != QMessageBox.StandardButton.Yes:
            return
        with user_errors(self) as attempt:
            self.service.delete_village(self.actor, village.id)
        if attempt.ok:
            self._changed()

    def _changed(self) -> None:
        self.refresh()
        self.changed.emit()
