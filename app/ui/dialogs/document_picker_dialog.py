"""Pick one registered 公文 by searching the register (e.g. the document a 政策解读 interprets)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.controls.dialog_buttons import OK, save_buttons

Finder = Callable[[str], list[tuple[int, str]]]  # query → (document id, one-line description)
MAX_QUERY = 200


class DocumentPickerDialog(QDialog):
    """For tests: `query`, `results`, `search()`, `chosen` (id, text) after accepting."""

    def __init__(self, find: Finder, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(640, 460)
        self._find = find
        self.chosen: tuple[int, str] | None = None
        self.query = QLineEdit()
        self.query.setPlaceholderText("输入标题、文号或索引号中的几个字")
        self.query.returnPressed.connect(self.search)
        search = QPushButton("搜索")
        search.clicked.connect(self.search)
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(search)
        self.results = QListWidget()
        self.results.itemDoubleClicked.connect(lambda _item: self.accept())
        self.hint = QLabel("搜索后在列表中选择一件公文。")
        self.hint.setObjectName("hintLabel")
        buttons = save_buttons(self, "选定")
        self._ok = buttons.button(OK)
        self._ok.setEnabled(False)
        self.results.currentItemChanged.connect(lambda item, _old: self._ok.setEnabled(item is not None))
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.search()

    def search(self) -> None:
        found = self._find(self.query.text().strip()[:MAX_QUERY])
        self.results.clear()
        for document_id, text in found:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, document_id)
            self.results.addItem(item)
        self.hint.setText(f"找到 {len(found)} 件" if found else "没有找到，换个关键词试试。")
        if found:
            self.results.setCurrentRow(0)

    def accept(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        self.chosen = (int(item.data(Qt.ItemDataRole.UserRole)), item.text())
        super().accept()
