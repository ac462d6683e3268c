"""Record one procedure stage of a decision; the form is built from the stage's field list."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.errors import UserFacingError
from app.models.decision import Stage
from app.services.decisions.stages import COUNT_FIELDS, DATE_FIELDS, STAGE_FIELDS, StageRecord
from app.services.documents.query import DocumentFilter
from app.ui.controls.date_fields import date_edit, date_of
from app.ui.controls.dialog_buttons import save_buttons
from app.ui.dialogs.decision_dialogs import DIALOG_WIDTH, text_box
from app.ui.dialogs.picker_dialog import PickerDialog

if TYPE_CHECKING:
    from app.services.documents.service import DocumentService

PICK_LIMIT = 50  # documents listed at a time in the 政策解读 picker

LINE_FIELDS = ("channels",)
HINTS: dict[Stage, str] = {
    Stage.CONSULT: "公开征求意见的期限一般不少于30日（条例第十五条），缩短须说明理由。",
    Stage.HEARING: "听证材料应于召开听证会7日前送达听证参加人（条例第十七条）。",
    Stage.LEGALITY: "送请合法性审查一般不少于7个工作日（条例第二十七条）。",
    Stage.MEETING: "须先取得合法性审查意见；不同意见应如实载明（条例第二十五条、第三十条）。",
    Stage.PUBLISH: "公布前须补齐全部必经环节，并经保密审查。",
}


class DocumentLink(QWidget):
    """The linked 政策解读: chosen from the document register by search, not typed as a number."""

    def __init__(self, documents: DocumentService | None, document_id: int | None) -> None:
        super().__init__()
        self._documents = documents
        self.document_id: int | None = None
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.pick = QPushButton("选择…")
        self.pick.setEnabled(documents is not None)
        self.pick.clicked.connect(self.choose)
        self.clear = QPushButton("清除")
        self.clear.clicked.connect(lambda: self.set_document(None, ""))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.pick)
        row.addWidget(self.clear)
        self.set_document(document_id, self._title(document_id))

    def _title(self, document_id: int | None) -> str:
        if document_id is None or self._documents is None:
            return "" if document_id is None else f"第{document_id}号公文"
        try:
            detail = self._documents.detail(document_id)
        except UserFacingError:
            return f"第{document_id}号公文（已不在公文登记中）"
        return "　".join(part for part in (detail.values.doc_number, detail.values.title) if part)

    def set_document(self, document_id: int | None, title: str) -> None:
        self.document_id = document_id
        self.label.setText(title if document_id is not None else "（未关联）")
        self.clear.setEnabled(document_id is not None)

    def choose(self) -> None:
        documents = self._documents
        if documents is None:
            return

        def fetch(_kind: str, query: str) -> list[tuple[int, str]]:
            if query.strip():
                return [
                    (hit.id, f"{hit.doc_number}　{hit.title}".strip())
                    for hit in documents.search(query, PICK_LIMIT)
                ]
            rows = documents.page(DocumentFilter(), 0, PICK_LIMIT)
            return [(row.id, f"{row.doc_number}　{row.title}".strip()) for row in rows]

        hint = "在公文登记中查找本决策的政策解读（先在「公文登记」中登记解读材料）。"
        dialog = PickerDialog("关联政策解读", [("登记公文", "document")], fetch, hint, self)
        if dialog.exec() == PickerDialog.DialogCode.Accepted and dialog.chosen is not None:
            _kind, document_id, label = dialog.chosen
            self.set_document(document_id, label)


class DecisionStageDialog(QDialog):
    """Attributes: `widgets` maps each StageRecord field of the stage to its editor."""

    def __init__(
        self,
        stage: Stage,
        existing: StageRecord | None,
        parent: QWidget | None = None,
        documents: DocumentService | None = None,
        *,
        today: date,
    ) -> None:
        super().__init__(parent)
        self.stage = stage
        self.setWindowTitle(f"登记「{stage.value}」")
        self.setMinimumWidth(DIALOG_WIDTH)
        form = QFormLayout(self)
        if stage in HINTS:
            hint = QLabel(HINTS[stage])
            hint.setObjectName("hintLabel")
            hint.setWordWrap(True)
            form.addRow(hint)
        self.widgets: dict[str, QWidget] = {}
        for name, label in STAGE_FIELDS[stage]:
            value = getattr(existing, name) if existing else None
            widget: QWidget
            if name == "document_id":
                widget = DocumentLink(documents, value)
            elif name in DATE_FIELDS:
                widget = date_edit(value or today)
            elif name in COUNT_FIELDS or name in LINE_FIELDS:
                widget = QLineEdit("" if value is None else str(value))
            else:
                widget = text_box()
                widget.setPlainText(value or "")
            self.widgets[name] = widget
            form.addRow("关联政策解读" if name == "document_id" else label, widget)
        form.addRow(save_buttons(self))

    def collect(self) -> StageRecord:
        values: dict[str, object] = {}
        labels = dict(STAGE_FIELDS[self.stage])
        for name, widget in self.widgets.items():
            if isinstance(widget, DocumentLink):
                values[name] = widget.document_id
            elif isinstance(widget, QDateEdit):
                values[name] = date_of(widget)
            elif isinstance(widget, QPlainTextEdit):
                values[name] = widget.toPlainText()
            elif name in COUNT_FIELDS:
                assert isinstance(widget, QLineEdit)
                text = widget.text().strip()
                if text and not text.isdigit():
                    raise UserFacingError(f"「{labels[name]}」请填写整数，例如 12。")
                values[name] = int(text) if text else None
            else:
                assert isinstance(widget, QLineEdit)
                values[name] = widget.text()
        return StageRecord(self.stage, **values)  # type: ignore[arg-type]
