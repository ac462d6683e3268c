"""Editors in the import preview tree: a once-only task's 到期日 and any task's 科室, set before saving."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QDateEdit, QTreeWidget, QTreeWidgetItem, QWidget

from app.services.workplan.imports import MAX_YEAR, MIN_YEAR, TaskEdits
from app.services.workplan.parser import PlanItem
from app.ui.controls.date_fields import qdate

COL_DUE, COL_SECTION = 1, 2
UNDATED_TEXT = "待定"
BY_UNIT = "按责任单位"
NO_SECTION = "（不对应科室）"
_KEEP = "__keep__"  # combo data: no override, the unit mapping decides


class DueEditor(QDateEdit):
    """The parsed date, or 「待定」 (the minimum date) when the text gives no time limit."""

    def __init__(self, parsed: date | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setDateRange(QDate(MIN_YEAR, 1, 1), QDate(MAX_YEAR, 12, 31))
        self.setSpecialValueText(UNDATED_TEXT)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.parsed = parsed
        self.setDate(qdate(parsed) if parsed else self.minimumDate())

    def value(self) -> date | None:
        if self.date() == self.minimumDate():
            return None
        picked = self.date().toPython()
        assert isinstance(picked, date)
        return picked

    def wheelEvent(self, event: QWheelEvent) -> None:  # scrolling the tree must not change dates
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class SectionEditor(QComboBox):
    def __init__(self, sections: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.addItem(BY_UNIT, _KEEP)
        self.addItem(NO_SECTION, None)
        for name in sections:
            self.addItem(name, name)

    def overridden(self) -> bool:
        return bool(self.currentData() != _KEEP)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


def attach_editors(tree: QTreeWidget, node: QTreeWidgetItem, item: PlanItem, sections: list[str]) -> None:
    """A task row gets a 科室 choice; a once-only task also a date (a recurring one keeps its text)."""
    if not item.is_task:
        return
    if len(item.schedule.dues) == 1:
        tree.setItemWidget(node, COL_DUE, DueEditor(item.schedule.dues[0]))
    tree.setItemWidget(node, COL_SECTION, SectionEditor(sections))


def collect_edits(tree: QTreeWidget, items: dict[str, PlanItem], key_role: int) -> TaskEdits:
    dues: dict[str, date | None] = {}
    chosen: dict[str, str | None] = {}
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        stack += [node.child(i) for i in range(node.childCount())]
        key = str(node.data(0, key_role))
        if key not in items:
            continue
        due, section = tree.itemWidget(node, COL_DUE), tree.itemWidget(node, COL_SECTION)
        if isinstance(due, DueEditor) and due.value() != due.parsed:
            dues[key] = due.value()
        if isinstance(section, SectionEditor) and section.overridden():
            chosen[key] = section.currentData()
    return TaskEdits(dues, chosen)
