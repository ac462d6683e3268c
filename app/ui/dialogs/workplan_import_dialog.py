"""Import a 工作要点: paste or pick a file, check the tree, units, dates and 科室, then save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.errors import UserFacingError
from app.services.permissions import Actor
from app.services.workplan.imports import ImportPreview, ImportResult, TaskEdits
from app.services.workplan.parser import PlanItem
from app.services.workplan.service import WorkplanService
from app.services.workplan.terms import units_by_role
from app.ui.controls.dialog_buttons import SAVE, save_buttons
from app.ui.dialogs.workplan_preview_edits import COL_DUE, COL_SECTION, attach_editors, collect_edits
from app.ui.errors import user_errors

NO_SECTION = "（不对应科室）"
COL_UNITS = 3
UNIT_COLOUR = QColor("#fff1b8")
DATE_COLOUR = QColor("#d6e8ff")
REVIEW_TEXT = "待定"
FRAMING_TEXT = "总体说明，不作为任务"
KEY_ROLE = Qt.ItemDataRole.UserRole
YEAR_RANGE = (2000, 2100)
PASTE_HINT = "一、夯实政务公开工作基础\n（一）做好平台维护。……（党政办公室负责）\n……"


class WorkplanImportDialog(QDialog):
    """Attributes: `text` (paste box), `tree` (preview), `mapping` (unit → 科室), `imported` after saving."""

    def __init__(
        self, service: WorkplanService, actor: Actor, year: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service, self._actor = service, actor
        self.preview: ImportPreview | None = None
        self.imported: ImportResult | None = None
        self._items: dict[str, PlanItem] = {}
        self.setWindowTitle("导入工作要点")
        self.resize(1180, 780)
        intro = QLabel(
            "把年度政务公开工作要点（或本单位的实施方案）全文粘贴到下面，或选择 .docx / .txt 文件，"
            "点「解析」后核对条目、责任单位和到期日（可直接修改到期日和科室），无误再保存。"
            "不需要跟踪的条目可以取消勾选。"
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(PASTE_HINT)
        self.text.setMaximumHeight(120)
        self.year = QSpinBox()
        self.year.setRange(*YEAR_RANGE)
        self.year.setValue(year)
        self.year.setSuffix(" 年")
        self.parse_button = QPushButton("解析")
        self.parse_button.setProperty("primary", True)
        self.parse_button.clicked.connect(self.action_parse)
        self.file_button = QPushButton("选择文件…")
        self.file_button.clicked.connect(self.action_file)
        row = QHBoxLayout()
        row.addWidget(QLabel("台账年份"))
        row.addWidget(self.year)
        row.addWidget(self.parse_button)
        row.addWidget(self.file_button)
        row.addStretch(1)
        self.summary = QLabel("尚未解析。")
        self.summary.setObjectName("hintLabel")
        self.summary.setWordWrap(True)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["条目", "到期日", "科室", "牵头/责任单位"])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(COL_DUE, 130)
        self.tree.setColumnWidth(COL_SECTION, 130)
        self.tree.setColumnWidth(COL_UNITS, 200)
        self.tree.currentItemChanged.connect(self._on_tree_current_item_changed)
        self.full_text = QTextEdit()
        self.full_text.setReadOnly(True)
        self.full_text.setPlaceholderText("选择左侧条目，这里显示全文：黄色为责任单位，蓝色为时间要求。")
        self.mapping = QTableWidget(0, 2)
        self.mapping.setHorizontalHeaderLabels(["文中的单位", "对应本单位科室"])
        self.mapping.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.mapping.setColumnWidth(1, 180)
        self.mapping.verticalHeader().hide()
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.full_text)
        right.addWidget(self.mapping)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(self.tree)
        body.addWidget(right)
        body.setSizes([700, 460])

        self.buttons = save_buttons(self, "保存到台账", kind=SAVE, primary=True)
        self.save_button = self.buttons.button(SAVE)
        self.save_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(body, 1)
        layout.addWidget(self.buttons)

    # ---- parsing --------------------------------------------------------------------------------

    def action_parse(self) -> None:
        try:
            self.show_preview(self._service.preview_text(self.text.toPlainText(), self.year.value()))
        except UserFacingError as error:
            self.save_button.setEnabled(False)
            self.summary.setText(error.message)

    def action_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "选择工作要点文件", "", "工作要点 (*.docx *.txt)")
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> None:
        with user_errors(self) as attempt:
            preview = self._service.preview_file(path, self.year.value())
        if not attempt.ok:
            return
        self.text.setPlainText(f"（已读取文件：{path.name}）")
        self.show_preview(preview)

    def show_preview(self, preview: ImportPreview) -> None:
        self.preview = preview
        plan = preview.plan
        self.summary.setText(
            f"《{plan.title or '工作要点'}》：{preview.task_items} 项任务，"
            f"共 {preview.instances} 个到期节点；"
            f"{preview.undated} 项原文没有明确时限，标为「{REVIEW_TEXT}」，保存后请确定到期日。"
        )
        self.tree.clear()
        self._items = {}
        for item in plan.items:
            self.tree.addTopLevelItem(self._tree_item(item))
        self.tree.expandAll()
        sections = self._service.sections()
        for node, item in self._nodes():
            attach_editors(self.tree, node, item, sections)
        self._fill_mapping(preview)
        self.save_button.setEnabled(preview.task_items > 0)

    def _tree_item(self, item: PlanItem) -> QTreeWidgetItem:
        self._items[item.key] = item
        units = units_by_role(item.units)
        names = "、".join(dict.fromkeys(n for role in units.values() for n in role)) if item.is_task else ""
        due = ""
        if item.is_task:
            dues = item.schedule.dues
            due = REVIEW_TEXT if dues == (None,) else dues[0].isoformat() if dues[0] else REVIEW_TEXT
            if len(dues) > 1:
                due = f"{len(dues)}次，首次 {due}"
        node = QTreeWidgetItem([item.heading, due, "", names])
        node.setData(0, KEY_ROLE, item.key)
        node.setToolTip(0, item.heading)
        if item.is_task:
            node.setFlags(node.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            node.setCheckState(0, Qt.CheckState.Checked)
        else:
            node.setFlags(node.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
            if not item.children:
                node.setText(1, FRAMING_TEXT)
        if item.is_task and item.schedule.needs_review:
            node.setForeground(1, QColor("#9a6700"))
        for child in item.children:
            node.addChild(self._tree_item(child))
        return node

    def _fill_mapping(self, preview: ImportPreview) -> None:
        sections = self._service.sections()
        self.mapping.setRowCount(len(preview.units))
        for row, unit in enumerate(preview.units):
            label = QTableWidgetItem(unit.unit + ("（已记住）" if unit.remembered else ""))
            label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.mapping.setItem(row, 0, label)
            combo = QComboBox()
            combo.addItem(NO_SECTION, None)
            for name in sections:
                combo.addItem(name, name)
            combo.setCurrentIndex(max(combo.findData(unit.section), 0) if unit.section else 0)
            self.mapping.setCellWidget(row, 1, combo)

    def _on_tree_current_item_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        item = self._items.get(str(current.data(0, KEY_ROLE))) if current else None
        if item is None:
            self.full_text.clear()
            return
        lines = [item.heading, "", item.text]
        if item.is_task and item.schedule.notes:
            lines += ["", *(f"提示：{note}" for note in item.schedule.notes)]
        self.full_text.setPlainText("\n".join(lines))
        offset = len(item.heading) + 2
        spans = [(m.start, m.end, UNIT_COLOUR) for m in item.units]
        spans += [(t.start, t.end, DATE_COLOUR) for t in item.timings]
        for start, end, colour in spans:
            cursor = QTextCursor(self.full_text.document())
            cursor.setPosition(offset + start)
            cursor.setPosition(offset + end, QTextCursor.MoveMode.KeepAnchor)
            highlight = QTextCharFormat()
            highlight.setBackground(colour)
            cursor.mergeCharFormat(highlight)

    # ---- saving ---------------------------------------------------------------------------------

    def choices(self) -> dict[str, str | None]:
        if self.preview is None:
            return {}
        result: dict[str, str | None] = {}
        for row, unit in enumerate(self.preview.units):
            combo = self.mapping.cellWidget(row, 1)
            assert isinstance(combo, QComboBox)
            result[unit.unit] = combo.currentData()
        return result

    def _nodes(self) -> list[tuple[QTreeWidgetItem, PlanItem]]:
        found: list[tuple[QTreeWidgetItem, PlanItem]] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            node = stack.pop()
            if node is None:
                continue
            item = self._items.get(str(node.data(0, KEY_ROLE)))
            if item is not None:
                found.append((node, item))
            stack += [node.child(i) for i in range(node.childCount())]
        return found

    def edits(self) -> TaskEdits:
        return collect_edits(self.tree, self._items, KEY_ROLE)

    def excluded(self) -> frozenset[str]:
        keys: set[str] = set()
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            node = stack.pop()
            if node is None:
                continue
            item = self._items.get(str(node.data(0, KEY_ROLE)))
            if item is not None and item.is_task and node.checkState(0) != Qt.CheckState.Checked:
                keys.add(str(node.data(0, KEY_ROLE)))
            stack += [node.child(i) for i in range(node.childCount())]
        return frozenset(keys)

    def accept(self) -> None:
        if self.preview is None:
            return
        with user_errors(self) as attempt:
            self.imported = self._service.import_plan(
                self._actor, self.preview, self.choices(), self.excluded(), self.edits()
            )
        if not attempt.ok:
            return
        r = self.imported
        QMessageBox.information(
            self, APP_NAME, f"已导入《{r.title}》：{r.task_items} 项任务，{r.instances} 个到期节点。"
        )
        super().accept()
