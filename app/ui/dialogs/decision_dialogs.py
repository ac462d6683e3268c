"""决策目录 dialogs: an item (with the 调整 date and reason once the directory is published), a dated note."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.models.decision import PROCEDURE_LABELS
from app.services.decisions.types import MAX_NAME, MAX_UNIT, ItemDraft, ItemInfo, Procedures
from app.ui.controls.date_fields import date_edit, date_of
from app.ui.controls.dialog_buttons import save_buttons

TEXT_LINES_HEIGHT = 72  # about three lines of text
DIALOG_WIDTH = 560
PROCEDURE_COLUMNS = 3


def text_box(placeholder: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(TEXT_LINES_HEIGHT)
    box.setTabChangesFocus(True)
    return box


class DecisionItemDialog(QDialog):
    """`adjusting` adds 调整日期 and 调整理由 (a published directory changes only with a reason)."""

    def __init__(
        self,
        year: int,
        existing: ItemInfo | None = None,
        adjusting: str = "",
        parent: QWidget | None = None,
        *,
        today: date,
    ) -> None:
        super().__init__(parent)
        action = adjusting or ("修改决策事项" if existing else "新增决策事项")
        self.setWindowTitle(f"{year}年目录 — {action}")
        self.setMinimumWidth(DIALOG_WIDTH)
        self.name = QLineEdit(maxLength=MAX_NAME, placeholderText="例如：赵巷镇老旧小区综合改造实施方案")
        self.subject = QLineEdit(maxLength=MAX_UNIT, placeholderText="例如：赵巷镇人民政府")
        self.undertaker = QLineEdit(maxLength=MAX_UNIT, placeholderText="例如：镇建设和管理办公室")
        self.basis = text_box("法律、法规、规章和政策文件，例如《重大行政决策程序暂行条例》")
        self.procedures = {key: QCheckBox(label) for key, label in PROCEDURE_LABELS.items()}
        grid = QGridLayout()
        for index, box in enumerate(self.procedures.values()):
            grid.addWidget(box, index // PROCEDURE_COLUMNS, index % PROCEDURE_COLUMNS)
        self.planned = date_edit(date(year, 12, 31))
        form = QFormLayout()
        form.addRow("决策事项名称", self.name)
        form.addRow("决策主体", self.subject)
        form.addRow("承办单位", self.undertaker)
        form.addRow("法律政策依据", self.basis)
        form.addRow("履行程序", grid)
        form.addRow("计划完成时间", self.planned)
        self.adjusted_on = date_edit(today)
        self.reason = text_box("例如：经镇政府常务会议研究，根据上级部署调整")
        if adjusting:
            form.addRow(f"{adjusting[:2]}日期", self.adjusted_on)
            form.addRow(f"{adjusting[:2]}理由", self.reason)
        self.load(existing)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(save_buttons(self))

    def load(self, existing: ItemInfo | None) -> None:
        draft = existing.draft if existing else None
        procedures = draft.procedures if draft else Procedures()
        if draft is not None:
            self.name.setText(draft.name)
            self.subject.setText(draft.subject)
            self.undertaker.setText(draft.undertaker)
            self.basis.setPlainText(draft.basis)
            self.planned.setDate(QDate(draft.planned_on.year, draft.planned_on.month, draft.planned_on.day))
        for key, box in self.procedures.items():
            box.setChecked(bool(getattr(procedures, key)))

    def collect(self) -> ItemDraft:
        flags = {key: box.isChecked() for key, box in self.procedures.items()}
        return ItemDraft(
            self.name.text(),
            self.subject.text(),
            self.undertaker.text(),
            self.basis.toPlainText(),
            Procedures(**flags),
            date_of(self.planned),
        )

    def adjustment(self) -> tuple[date, str]:
        return date_of(self.adjusted_on), self.reason.toPlainText()


class DatedTextDialog(QDialog):
    """A date and one text: 公布目录 (date + 文号), 撤销 (date + reason)."""

    def __init__(
        self,
        title: str,
        date_label: str,
        text_label: str,
        placeholder: str,
        multiline: bool,
        parent: QWidget | None = None,
        *,
        today: date,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(DIALOG_WIDTH)
        self.day = date_edit(today)
        self.text_line = QLineEdit(placeholderText=placeholder)
        self.text_box = text_box(placeholder)
        self._multiline = multiline
        form = QFormLayout(self)
        form.addRow(date_label, self.day)
        form.addRow(text_label, self.text_box if multiline else self.text_line)
        form.addRow(save_buttons(self, "确定"))

    def values(self) -> tuple[date, str]:
        text = self.text_box.toPlainText() if self._multiline else self.text_line.text()
        return date_of(self.day), text
