"""发起保密审查 for one chosen item (一事一审): the sheet is made FROM the item, never typed (issue 19).

The item's 名称, 文号, 公开属性 and the content the sheet will review (texts, each attachment's checksum)
are shown read-only; the clerk fills only the form's own fields. Other pages open it for their item; the
保密审查 page first lets the clerk pick the item (`pick_item`).
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.services.permissions import SessionEndedError
from app.services.review.content import FILES, ITEMS
from app.services.review.items import ItemPreview
from app.services.review.kinds import KIND_LABELS, ItemKind
from app.services.review.types import CARRIERS, SHEET_CHANNELS, SheetDetail, SheetForm
from app.ui.controls.dialog_buttons import save_buttons
from app.ui.controls.review_checks import ChecksEditor
from app.ui.dialogs.picker_dialog import PickerDialog
from app.ui.errors import user_errors
from app.ui.page_services import PageServices

GRID_COLUMNS = 3
NOTE_HEIGHT = 56
CONTENT_HEIGHT = 120
SHORT_SHA = 12  # enough of a SHA-256 to tell two files apart on screen


def _grid(labels: tuple[str, ...]) -> tuple[QGridLayout, dict[str, QCheckBox]]:
    grid, boxes = QGridLayout(), {label: QCheckBox(label) for label in labels}
    for position, box in enumerate(boxes.values()):
        grid.addWidget(box, position // GRID_COLUMNS, position % GRID_COLUMNS)
    return grid, boxes


def content_html(fields: dict[str, Any]) -> str:
    """The reviewed content as the clerk reads it: texts, attachments with checksums, directory items."""
    lines: list[str] = []
    for label, value in fields.items():
        if label == FILES or isinstance(value, list) and value and len(value[0]) == 2:
            files = [
                f"{html.escape(str(name))}（校验值 {str(sha)[:SHORT_SHA]}…）" for name, sha in value or []
            ]
            lines.append(f"<b>{html.escape(label)}</b>：" + ("<br>　".join(files) if files else "无"))
        elif label == ITEMS:
            rows = [
                f"{html.escape(row[0])}. {html.escape(row[1])}（计划 {html.escape(row[6])}）" for row in value
            ]
            lines.append(f"<b>{html.escape(label)}</b>（{len(rows)} 项）：<br>　" + "<br>　".join(rows))
        else:
            lines.append(f"<b>{html.escape(label)}</b>：{html.escape(str(value)) or '（空）'}")
    return "<br>".join(lines)


class ReviewSheetDialog(QDialog):
    """For tests: `item_title`, `doc_number`, `disclosure` (read-only labels), `content`, `unit`,
    `channel_boxes`, `checks` (a ChecksEditor), `note`; `collect()` gives the SheetForm."""

    def __init__(self, preview: ItemPreview, parent: QWidget | None = None, *, today: date) -> None:
        super().__init__(parent)
        self.preview = preview
        values = preview.defaults
        self.setWindowTitle(f"发起保密审查 — {preview.kind.label}")
        self.setMinimumWidth(660)
        self.item_title = self._fixed(values.item_title)
        self.doc_number = self._fixed(values.doc_number or "无")
        self.disclosure = self._fixed(values.disclosure)
        self.state = self._fixed(preview.state.text)
        self.content = QTextBrowser()
        self.content.setHtml(content_html(preview.content.fields))
        self.content.setFixedHeight(CONTENT_HEIGHT)
        self.content.setToolTip("本单审查的就是这些内容；审批通过后如有改动，须重新审查")
        self.unit = QLineEdit(values.unit)
        self.unit.setPlaceholderText("拟稿（承办）科室或单位")
        self.carrier = QComboBox()
        self.carrier.addItems(list(CARRIERS))
        self.carrier.setCurrentText(values.carrier)
        self.planned_on = QDateEdit(QDate(today.year, today.month, today.day))
        self.planned_on.setCalendarPopup(True)
        self.planned_on.setDisplayFormat("yyyy-MM-dd")
        channels, self.channel_boxes = _grid(SHEET_CHANNELS)
        for name in values.channels:
            self.channel_boxes[name].setChecked(True)
        self.checks = ChecksEditor()  # issue 21: every point starts unanswered
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(NOTE_HEIGHT)
        self.note.setPlaceholderText("备注（可不填）")
        form = QFormLayout()
        form.addRow("事项类别", self._fixed(preview.kind.label))
        form.addRow("拟公开信息名称", self.item_title)
        form.addRow("文号", self.doc_number)
        form.addRow("公开属性", self.disclosure)
        form.addRow("目前的审查状态", self.state)
        form.addRow("审查的内容", self.content)
        form.addRow("承办单位", self.unit)
        form.addRow("载体形式", self.carrier)
        form.addRow("拟公开方式", channels)
        form.addRow("拟公开日期", self.planned_on)
        form.addRow("审查要点", self.checks)
        form.addRow("备注", self.note)
        hint = QLabel(
            "名称、文号、公开属性和审查的内容取自该事项本身，不能在此修改；如有错误，请先到原页面改正。"
            "审查要点请逐项选择「是」或「否」，全部回答后才能签署。"
        )
        hint.setObjectName("hintLabel")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(save_buttons(self, "发起审查"))

    @staticmethod
    def _fixed(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def collect(self) -> SheetForm:
        planned = self.planned_on.date().toPython()
        assert isinstance(planned, date)
        return SheetForm(
            unit=self.unit.text(),
            carrier=self.carrier.currentText(),
            channels=tuple(name for name, box in self.channel_boxes.items() if box.isChecked()),
            planned_on=planned,
            checks=self.checks.answers(),
            note=self.note.toPlainText(),
            check_notes=self.checks.notes(),
        )


def pick_item(parent: QWidget | None, services: PageServices) -> tuple[str, int] | None:
    """Choose the item a new sheet is for: its kind, then search its title or number."""
    reviews = services.ctx.reviews

    def fetch(kind: str, text: str) -> list[tuple[int, str]]:
        return [
            (c.item_id, f"{c.title}　（{c.hint}）" if c.hint else c.title)
            for c in reviews.find_items(kind, text)
        ]

    kinds = [(KIND_LABELS[kind], kind.value) for kind in ItemKind]
    picker = PickerDialog(
        "发起保密审查 — 选择事项",
        kinds,
        fetch,
        "先选择要审查的事项：审查单的名称、文号和内容都取自它。",
        parent,
    )
    if not picker.exec() or picker.chosen is None:
        return None
    kind, item_id, _label = picker.chosen
    return kind, item_id


def open_new_review_sheet(
    parent: QWidget | None, services: PageServices, item_kind: str = "", item_id: int = 0, title: str = ""
) -> SheetDetail | None:
    """The dialog for this item (or, without one, the item picker first); creates the sheet. None if
    cancelled. `title` is only what the calling page shows; the sheet reads the item's own."""
    if not item_kind or not item_id:
        chosen = pick_item(parent, services)
        if chosen is None:
            return None
        item_kind, item_id = chosen
    reviews = services.ctx.reviews
    with user_errors(parent) as attempt:
        preview = reviews.preview_item(item_kind, item_id)
    if not attempt.ok:
        return None
    dialog = ReviewSheetDialog(preview, parent, today=services.ctx.clock.today())
    while dialog.exec():
        with user_errors(dialog) as attempt:
            return reviews.create(services.actor, item_kind, item_id, dialog.collect())
        if isinstance(attempt.error, SessionEndedError):  # the window locks: nothing more to do here
            return None
    return None
