"""Pick a registered 公文 / 公开栏张贴 / 决策事项 as evidence: type to narrow, double-click to choose."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserFacingError
from app.services.workplan.evidence import PICK_LIMIT, EvidenceCandidate
from app.services.workplan.service import WorkplanService
from app.ui.controls.dialog_buttons import save_buttons

SEARCH_DELAY_MS = 250  # wait for the clerk to stop typing before asking the database
CANDIDATE_ROLE = Qt.ItemDataRole.UserRole
DIALOG_SIZE = (620, 460)


class EvidencePickerDialog(QDialog):
    def __init__(
        self, service: WorkplanService, kind: str, text: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"选择{kind}作为佐证")
        self.resize(*DIALOG_SIZE)
        self._service, self._kind = service, kind
        self.chosen: EvidenceCandidate | None = None
        self.search = QLineEdit(text)
        self.search.setPlaceholderText("输入文号或标题中的几个字")
        self.search.setMaxLength(100)
        self.results = QListWidget()
        self.results.itemDoubleClicked.connect(lambda _item: self.accept())
        self.results.currentItemChanged.connect(lambda *_: self._update_ok())
        self.status = QLabel()
        self.buttons = save_buttons(self, "选择")
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.reload()

    def reload(self) -> None:
        self.results.clear()
        try:
            found = self._service.evidence_candidates(self._kind, self.search.text())
        except UserFacingError as error:
            self.status.setText(error.message)
            self._update_ok()
            return
        for candidate in found:
            item = QListWidgetItem(f"{candidate.label}\n    {candidate.detail}")
            item.setData(CANDIDATE_ROLE, candidate)
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)
            more = f"（只列出最新的 {PICK_LIMIT} 条，可输入文字缩小范围）" if len(found) >= PICK_LIMIT else ""
            self.status.setText(f"找到 {len(found)} 条{more}")
        else:
            self.status.setText(f"没有找到符合的{self._kind}，可以换几个字再找。")
        self._update_ok()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.results.currentItem() is not None
        )

    def accept(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        self.chosen = item.data(CANDIDATE_ROLE)
        super().accept()
