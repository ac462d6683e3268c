"""One catalogue item: its fields, its 公开时限 rule (correctable, said back in words), 作废 / 恢复.

Opened on an existing item (double-click) or empty for 「新增事项」; every save is audited by the service.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models.catalogue import TIERS
from app.services.catalogue import channels as ch
from app.services.catalogue.imports import rule_for
from app.services.catalogue.items import LIMITS, ItemFields
from app.services.catalogue.service import CatalogueService, ItemRow
from app.services.permissions import Actor
from app.ui.controls.dialog_buttons import SAVE, save_buttons
from app.ui.dialogs import reason_dialog
from app.ui.dialogs.catalogue_rule_editor import RuleEditor
from app.ui.errors import user_errors

MODES = ("主动", "依申请公开", "主动、依申请公开")


@dataclass
class _Texts:
    """The plain text fields, by ItemFields name."""

    lines: dict[str, QLineEdit]
    boxes: dict[str, QPlainTextEdit]


class CatalogueItemDialog(QDialog):
    """For tests: the edits (`texts.lines[...]`, `channel_boxes`, `tier_box`, `rule_editor`), `save()`,
    `void_button`, and `saved` (the item after the last change, or None)."""

    def __init__(
        self, service: CatalogueService, actor: Actor, year: int, row: ItemRow | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self._service, self._actor, self._year, self._row = service, actor, year, row
        self.saved: ItemRow | None = None
        self.setWindowTitle(f"目录事项 {row.seq}（{year}年）" if row else f"新增目录事项（{year}年）")
        self.resize(1040, 600)
        value = row.value if row else ItemFields(seq="", level1="")
        self.texts = _Texts({}, {})
        form = QFormLayout()
        for name in ("seq", "level1", "level2"):
            form.addRow(LIMITS[name][0] + "：", self._line(name, getattr(value, name)))
        for name in ("content", "basis"):
            form.addRow(LIMITS[name][0] + "：", self._box(name, getattr(value, name)))
        form.addRow("公开时限（原文）：", self._line("time_limit", value.time_limit))
        form.addRow("公开主体：", self._line("subject", value.subject))
        form.addRow("公开渠道：", self._channels(value.channels))
        form.addRow("公开对象：", self._line("audience", value.audience))
        self.mode_box = QComboBox()
        self.mode_box.setEditable(True)
        self.mode_box.addItems(MODES)
        self.mode_box.setCurrentText(value.mode)
        form.addRow("公开方式：", self.mode_box)
        self.tier_box = QComboBox()
        self.tier_box.addItems(TIERS)
        self.tier_box.setCurrentText(value.tier)
        form.addRow("公开层级：", self.tier_box)
        self.rule_editor = RuleEditor(row.rule if row else rule_for(""))
        self.rule_touched = False  # only a rule the clerk changed here becomes a correction
        self.rule_editor.changed.connect(self._rule_changed)
        rule_group = QGroupBox(
            "公开时限规则" + ("（已更正）" if row and row.rule_corrected else "（按原文解析）")
        )
        rule_layout = QVBoxLayout(rule_group)
        rule_layout.addWidget(self.rule_editor)
        hint = QLabel("在这里改动的规则记为人工更正，重新导入目录时保留；期限按这条规则计算。")
        hint.setObjectName("hintLabel")
        hint.setWordWrap(True)
        rule_layout.addWidget(hint)
        self.reset_button = QPushButton("恢复为按原文解析")
        self.reset_button.setVisible(bool(row and row.rule_corrected))
        self.reset_button.clicked.connect(self.reset_rule)
        rule_layout.addWidget(self.reset_button)
        buttons = save_buttons(self, "保存", on_accept=self.save, kind=SAVE, primary=True)
        self.void_button = QPushButton("恢复此项…" if row and row.voided else "作废此项…")
        self.void_button.setVisible(row is not None)
        self.void_button.clicked.connect(self.toggle_void)
        bottom = QHBoxLayout()
        bottom.addWidget(self.void_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        rule_layout.addStretch(1)
        for line in _status_lines(row):
            label = QLabel(line)
            label.setWordWrap(True)
            rule_layout.addWidget(label)
        columns = QHBoxLayout()  # side by side: the dialog fits a 1366×768 screen
        columns.addLayout(form, 3)
        columns.addWidget(rule_group, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)

    def _line(self, name: str, text: str) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setMaxLength(LIMITS[name][1])
        self.texts.lines[name] = edit
        return edit

    def _box(self, name: str, text: str) -> QPlainTextEdit:
        box = QPlainTextEdit(text)
        box.setFixedHeight(58)
        self.texts.boxes[name] = box
        return box

    def _channels(self, chosen: tuple[str, ...]) -> QWidget:
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        self.channel_boxes: dict[str, QCheckBox] = {}
        for index, name in enumerate(ch.CANONICAL):
            box = QCheckBox(name)
            box.setChecked(name in chosen)
            self.channel_boxes[name] = box
            grid.addWidget(box, index // 3, index % 3)
        self.other_channels = QLineEdit("、".join(name for name in chosen if name not in ch.CANONICAL))
        self.other_channels.setPlaceholderText("其他渠道，用顿号分隔")
        grid.addWidget(self.other_channels, 2, 0, 1, 3)
        return holder

    def fields(self) -> ItemFields:
        texts = {name: edit.text() for name, edit in self.texts.lines.items()}
        texts |= {name: box.toPlainText() for name, box in self.texts.boxes.items()}
        ticked = [name for name, box in self.channel_boxes.items() if box.isChecked()]
        channels = (*ticked, *ch.split_channels(self.other_channels.text()))
        return ItemFields(
            **texts, channels=channels, mode=self.mode_box.currentText(), tier=self.tier_box.currentText()
        )

    def _rule_changed(self) -> None:
        self.rule_touched = True

    def save(self) -> None:
        rule = self.rule_editor.rule()
        with user_errors(self) as attempt:
            if self._row is None:
                saved = self._service.add_item(self._actor, self._year, self.fields())
            else:
                saved = self._service.update_item(self._actor, self._row.id, self.fields())
            if self.rule_touched and rule != saved.rule:
                saved = self._service.set_rule(self._actor, saved.id, rule)
        if attempt.ok:
            self.saved = saved
            self.accept()

    def reset_rule(self) -> None:
        if self._row is None:
            return
        with user_errors(self) as attempt:
            saved = self._service.reset_rule(self._actor, self._row.id)
        if attempt.ok:
            self.saved = self._row = saved
            self.rule_editor.set_rule(saved.rule)
            self.rule_touched = False
            self.reset_button.hide()

    def toggle_void(self) -> None:
        row = self._row
        if row is None:
            return
        doing = "恢复" if row.voided else "作废"
        message = (
            f"恢复后「{row.value.level2 or row.value.level1}」重新计入{row.year}年的目录检查。"
            if row.voided
            else f"作废后「{row.value.level2 or row.value.level1}」不再计入{row.year}年的目录检查，"
            "已关联的公开信息保留。"
        )
        reason = reason_dialog.ask_reason(self, f"{doing}目录事项", message, doing)
        if reason is None:
            return
        with user_errors(self) as attempt:
            if row.voided:
                saved = self._service.restore_item(self._actor, row.id, reason)
            else:
                saved = self._service.void_item(self._actor, row.id, reason)
        if attempt.ok:
            self.saved = saved
            self.accept()


def _status_lines(row: ItemRow | None) -> list[str]:
    if row is None:
        return []
    lines = [f"此项已作废：{row.void_reason}"] if row.voided else []
    if row.links:
        lines.append(f"已关联 {row.links} 条公开信息。")
    return lines
