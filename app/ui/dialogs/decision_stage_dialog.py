"""Record one procedure stage of a decision; the form is built from the stage's field list."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDateEdit, QDialog, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from app.errors import UserFacingError
from app.services.decision_stages import COUNT_FIELDS, DATE_FIELDS, STAGE_FIELDS, Stage, StageRecord
from app.ui.dialogs.decision_dialogs import DIALOG_WIDTH, date_edit, date_of, save_buttons, text_box

LINE_FIELDS = ("channels",)
HINTS: dict[Stage, str] = {
    Stage.CONSULT: "公开征求意见的期限一般不少于30日（条例第十五条），缩短须说明理由。",
    Stage.HEARING: "听证材料应于召开听证会7日前送达听证参加人（条例第十七条）。",
    Stage.LEGALITY: "送请合法性审查一般不少于7个工作日（条例第二十七条）。",
    Stage.MEETING: "须先取得合法性审查意见；不同意见应如实载明（条例第二十五条、第三十条）。",
    Stage.PUBLISH: "公布前须补齐全部必经环节，并经保密审查。",
}


class DecisionStageDialog(QDialog):
    """Attributes: `widgets` maps each StageRecord field of the stage to its editor."""

    def __init__(self, stage: Stage, existing: StageRecord | None, parent: QWidget | None = None) -> None:
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
            if name in DATE_FIELDS:
                widget = date_edit(value or date.today())
            elif name in COUNT_FIELDS or name in LINE_FIELDS:
                widget = QLineEdit("" if value is None else str(value))
            else:
                widget = text_box()
                widget.setPlainText(value or "")
            self.widgets[name] = widget
            form.addRow(label, widget)
        form.addRow(save_buttons(self))

    def collect(self) -> StageRecord:
        values: dict[str, object] = {}
        labels = dict(STAGE_FIELDS[self.stage])
        for name, widget in self.widgets.items():
            if isinstance(widget, QDateEdit):
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
