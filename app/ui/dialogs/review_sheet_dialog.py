"""发起保密审查 for any publishable item (一事一审); other pages call `open_new_review_sheet` pre-filled."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserFacingError
from app.services.document_rules import DISCLOSURES
from app.services.publication_gate import KIND_LABELS, ItemKind
from app.services.review_sheets import CARRIERS, CHECK_ITEMS, SHEET_CHANNELS, SheetDetail, SheetInput
from app.ui.errors import show_error
from app.ui.pages.base_page import PageServices
from app.ui.widgets.dialog_buttons import save_buttons

MAX_ITEM_ID = 2_000_000_000  # SQLite rowids of real records stay far below this
GRID_COLUMNS = 3
NOTE_HEIGHT = 56


def _grid(labels: tuple[str, ...]) -> tuple[QGridLayout, dict[str, QCheckBox]]:
    grid, boxes = QGridLayout(), {label: QCheckBox(label) for label in labels}
    for position, box in enumerate(boxes.values()):
        grid.addWidget(box, position // GRID_COLUMNS, position % GRID_COLUMNS)
    return grid, boxes


class ReviewSheetDialog(QDialog):
    """For tests: `kind`, `item_id`, `item_title`, `channel_boxes`, `check_boxes`; `collect()`."""

    def __init__(
        self,
        item_kind: str = "",
        item_id: int = 0,
        title: str = "",
        parent: QWidget | None = None,
        *,
        today: date,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("发起保密审查")
        self.setMinimumWidth(620)
        self.kind = QComboBox()
        for kind in ItemKind:
            self.kind.addItem(KIND_LABELS[kind], kind.value)
        self.kind.setCurrentIndex(max(self.kind.findData(item_kind), 0))
        self.item_id = QSpinBox()
        self.item_id.setRange(1, MAX_ITEM_ID)
        self.item_id.setValue(max(item_id, 1))
        self.item_id.setToolTip("该事项在本系统中的编号（从其他页面发起时自动填好）")
        self.item_title = QLineEdit(title)
        self.item_title.setPlaceholderText("拟公开信息的名称")
        self.doc_number = QLineEdit()
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("拟稿（承办）科室或单位")
        self.carrier = QComboBox()
        self.carrier.addItems(list(CARRIERS))
        self.disclosure = QComboBox()
        self.disclosure.addItems(list(DISCLOSURES))
        self.planned_on = QDateEdit(QDate(today.year, today.month, today.day))
        self.planned_on.setCalendarPopup(True)
        self.planned_on.setDisplayFormat("yyyy-MM-dd")
        channels, self.channel_boxes = _grid(SHEET_CHANNELS)
        self.channel_boxes[SHEET_CHANNELS[0]].setChecked(True)
        checks, self.check_boxes = _grid(CHECK_ITEMS)
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(NOTE_HEIGHT)
        self.note.setPlaceholderText("备注（可不填）")
        if item_id:  # called from another page: the item is fixed
            self.kind.setEnabled(False)
            self.item_id.setEnabled(False)
        form = QFormLayout()
        form.addRow("事项类别", self.kind)
        form.addRow("事项编号", self.item_id)
        form.addRow("拟公开信息名称 *", self.item_title)
        form.addRow("文号", self.doc_number)
        form.addRow("承办单位", self.unit)
        form.addRow("载体形式", self.carrier)
        form.addRow("公开属性", self.disclosure)
        form.addRow("拟公开方式", channels)
        form.addRow("拟公开日期", self.planned_on)
        form.addRow("涉及以下情形（勾选）", checks)
        form.addRow("备注", self.note)
        buttons = save_buttons(self, "发起审查")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def collect(self) -> SheetInput:
        planned = self.planned_on.date().toPython()
        assert isinstance(planned, date)
        return SheetInput(
            item_kind=str(self.kind.currentData()),
            item_id=self.item_id.value(),
            item_title=self.item_title.text(),
            doc_number=self.doc_number.text(),
            unit=self.unit.text(),
            carrier=self.carrier.currentText(),
            disclosure=self.disclosure.currentText(),
            channels=tuple(name for name, box in self.channel_boxes.items() if box.isChecked()),
            planned_on=planned,
            checks={name: box.isChecked() for name, box in self.check_boxes.items()},
            note=self.note.toPlainText(),
        )


def open_new_review_sheet(
    parent: QWidget | None, services: PageServices, item_kind: str = "", item_id: int = 0, title: str = ""
) -> SheetDetail | None:
    """Show the dialog (pre-filled when kind/id/title are given) and create the sheet; None if cancelled."""
    dialog = ReviewSheetDialog(item_kind, item_id, title, parent, today=services.ctx.clock.today())
    while dialog.exec():
        try:
            return services.ctx.reviews.create(services.actor, dialog.collect())
        except UserFacingError as error:
            show_error(dialog, error)
    return None
