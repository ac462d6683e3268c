"""Pick one record by searching: a kind (optional), a search box, a list; `chosen` holds (kind, id, label)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.controls.dialog_buttons import save_buttons
from app.ui.errors import user_errors

Fetch = Callable[[str, str], Sequence[tuple[int, str]]]  # (kind, query) → (id, label) rows
SEARCH_DELAY_MS = 250
DIALOG_SIZE = (640, 460)


class PickerDialog(QDialog):
    """Attributes: `kind`, `search`, `results`; after accept, `chosen` = (kind, id, label)."""

    def __init__(
        self,
        title: str,
        kinds: Sequence[tuple[str, str]],
        fetch: Fetch,
        hint: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(*DIALOG_SIZE)
        self._fetch = fetch
        self.chosen: tuple[str, int, str] | None = None
        self.kind = QComboBox()
        for label, key in kinds:
            self.kind.addItem(label, key)
        self.kind.setVisible(len(kinds) > 1)
        self.search = QLineEdit()
        self.search.setPlaceholderText("输入标题、文号或编号中的字词查找…")
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.itemDoubleClicked.connect(lambda _item: self.accept())
        self.empty = QLabel()
        self.empty.setObjectName("hintLabel")
        buttons = save_buttons(self, "选择")
        row = QHBoxLayout()
        row.addWidget(self.kind)
        row.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        if hint:
            note = QLabel(hint)
            note.setObjectName("hintLabel")
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addLayout(row)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(self._timer.start)
        self.kind.currentIndexChanged.connect(lambda _index: self.reload())
        self.reload()

    def reload(self) -> None:
        self.results.clear()
        with user_errors(self) as attempt:
            rows = self._fetch(str(self.kind.currentData()), self.search.text())
        if not attempt.ok:
            return
        for record_id, label in rows:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            item.setToolTip(label)
            self.results.addItem(item)
        self.empty.setText("" if rows else "没有找到，请换个字词再试。")
        if rows:
            self.results.setCurrentRow(0)

    def accept(self) -> None:
        item = self.results.currentItem()
        if item is None:
            self.empty.setText("请先在列表中选中一项。")
            return
        self.chosen = (str(self.kind.currentData()), int(item.data(Qt.ItemDataRole.UserRole)), item.text())
        super().accept()
