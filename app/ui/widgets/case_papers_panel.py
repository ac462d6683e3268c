"""「案卷材料」 of one case: the papers kept with it, and 「生成案卷…」 (issue 22)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.requests.casefile.papers import PaperView

VOIDED_GREY = "#9e9e9e"
EMPTY = "还没有案卷材料。收到申请书、补正材料、回执等纸件后，扫描或拍照，点「添加材料…」。"


class CasePapersPanel(QWidget):
    """Signals: add_requested, opened(PaperView), void_requested(PaperView), casefile_requested."""

    add_requested = Signal()
    opened = Signal(object)
    void_requested = Signal(object)
    casefile_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._closed = ""  # why papers cannot change now (a voided case)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("案卷材料")
        heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(heading)
        self.empty_label = QLabel(EMPTY)
        self.empty_label.setWordWrap(True)
        self.empty_label.setObjectName("hintLabel")
        layout.addWidget(self.empty_label)
        self.papers = QListWidget()
        self.papers.setMaximumHeight(130)
        self.papers.itemDoubleClicked.connect(lambda _item: self._emit(self.opened))
        self.papers.currentRowChanged.connect(lambda _row: self._selection_state())
        layout.addWidget(self.papers)
        row = QHBoxLayout()
        self.add_button = QPushButton("添加材料…")
        self.add_button.setToolTip(
            "申请书、补正材料、第三方意见、缴费凭证、邮寄凭证、送达回证等的扫描件或照片"
        )
        self.add_button.clicked.connect(self.add_requested.emit)
        self.open_button = QPushButton("打开")
        self.open_button.clicked.connect(lambda: self._emit(self.opened))
        self.void_button = QPushButton("作废…")
        self.void_button.setToolTip("误添加的材料写明理由后作废，不再编入案卷")
        self.void_button.clicked.connect(lambda: self._emit(self.void_requested))
        self.casefile_button = QPushButton("生成案卷…")
        self.casefile_button.setToolTip("封面、卷内目录（含页号），以及全部文书和材料，合成一个 PDF")
        self.casefile_button.clicked.connect(self.casefile_requested.emit)
        for button in (self.add_button, self.open_button, self.void_button, self.casefile_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)

    def show_papers(self, papers: tuple[PaperView, ...], closed_reason: str = "") -> None:
        """`closed_reason`: why no paper may be added or voided (a voided case), "" when they may."""
        self.papers.clear()
        for paper in papers:
            item = QListWidgetItem(paper.listed)
            item.setData(Qt.ItemDataRole.UserRole, paper)
            note = f"\n备注：{paper.note}" if paper.note else ""
            item.setToolTip(f"{paper.added_by} 于 {paper.added_at:%Y-%m-%d %H:%M} 添加{note}")
            if paper.voided:
                item.setForeground(QColor(VOIDED_GREY))
            self.papers.addItem(item)
        self.empty_label.setVisible(not papers)
        self.papers.setVisible(bool(papers))
        self.add_button.setEnabled(not closed_reason)
        self.add_button.setToolTip(closed_reason or self.add_button.toolTip())
        self.casefile_button.setEnabled(not closed_reason)
        self._closed = closed_reason
        self._selection_state()

    def selected(self) -> PaperView | None:
        item = self.papers.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item else None
        return value if isinstance(value, PaperView) else None

    def _selection_state(self) -> None:
        paper = self.selected()
        self.open_button.setEnabled(paper is not None and bool(paper.sha256))
        why = ""
        if paper is None:
            why = "先在列表中选中一份材料"
        elif paper.voided:
            why = "这份材料已作废"
        elif self._closed:
            why = self._closed
        self.void_button.setEnabled(not why)
        self.void_button.setToolTip(why or "误添加的材料写明理由后作废，不再编入案卷")

    def _emit(self, signal: SignalInstance) -> None:
        paper = self.selected()
        if paper is not None:
            signal.emit(paper)
