"""公文登记's search bar (text, 公开属性, 公开状态) and the list's status line (count, and the order)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from app.services.documents.query import DocumentFilter
from app.services.search.index import MANY_MATCHES, MAX_QUERY_CHARS

VOIDED = "voided"  # the 「已作废」 choice: only the voided documents (issue 21)
STATUS_CHOICES = (("全部", None), ("已公开", True), ("未公开", False), ("已作废", VOIDED))
DISCLOSURES = ("主动公开", "依申请公开", "不予公开")
RANKED_NOTE = "（按相关度排序）"
MANY_NOTE = f"。匹配较多（超过 {MANY_MATCHES} 条），按时间从新到旧排列；输入更多字可按相关度排序"


def status_text(total: int, flt: DocumentFilter, ranked: bool, more: bool = False) -> str:
    """The line under the list: how many, and in which order a search is listed. With `more`, the search
    matched more than the `total` rows the list holds (query.COUNT_CAP), and the line says so."""
    if more:
        order = "排在前面的" if flt.sort else "最新登记的"
        return f"超过 {total} 件，列出{order} {total} 件；输入更多字或加上筛选条件可缩小范围"
    if not flt.text or flt.sort or total == 0:
        return f"共 {total} 件"
    return f"共 {total} 件" + (RANKED_NOTE if ranked else MANY_NOTE)


class DocumentFilterBar(QWidget):
    """Signals: changed (Enter, 查询, a combo, or 清除条件). `add_trailing` appends the page's buttons."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("搜索标题、文号、索引号、发布机构和附件内容（Ctrl+F）")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.returnPressed.connect(self.changed.emit)
        self.disclosure_combo = QComboBox()
        self.disclosure_combo.addItem("全部公开属性", "")
        for disclosure in DISCLOSURES:
            self.disclosure_combo.addItem(disclosure, disclosure)
        self.status_combo = QComboBox()
        for label, published in STATUS_CHOICES:
            self.status_combo.addItem(label, published)
        for combo in (self.disclosure_combo, self.status_combo):
            combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        query = QPushButton("查询")
        query.setProperty("primary", True)
        query.clicked.connect(self.changed.emit)
        reset = QPushButton("清除条件")
        reset.clicked.connect(self.reset)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.search_edit, 1)
        for widget in (self.disclosure_combo, self.status_combo, query, reset):
            self._layout.addWidget(widget)
        self._layout.addSpacing(12)

    def add_trailing(self, *widgets: QWidget) -> None:
        for widget in widgets:
            self._layout.addWidget(widget)

    def current_filter(self) -> DocumentFilter:
        status = self.status_combo.currentData()
        return DocumentFilter(
            text=self.search_edit.text().strip()[:MAX_QUERY_CHARS],
            disclosure=self.disclosure_combo.currentData() or "",
            published=None if status == VOIDED else status,
            voided=status == VOIDED,
        )

    def reset(self) -> None:
        """Clear every condition, then refilter once (not once per cleared combo)."""
        self.blockSignals(True)
        try:
            self.search_edit.clear()
            self.disclosure_combo.setCurrentIndex(0)
            self.status_combo.setCurrentIndex(0)
        finally:
            self.blockSignals(False)
        self.changed.emit()
