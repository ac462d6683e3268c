"""「关联标准目录」: which catalogue items a 公文 / 张贴 / 决策事项 answers. The year's items, the suggested
ones first (shared title words and 主题分类), a filter, the 形成（变更）日期 the clock starts from, and — as
the clerk ticks items — the date each one must be published by. The dialog never opens a session: the year's
items and suggestions come through the two callables it is given."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserFacingError
from app.services.catalogue.due import item_due
from app.services.catalogue.service import ItemRow
from app.services.catalogue.suggest import Suggestion
from app.services.catalogue.types import RuleKind
from app.services.workdays.calendar import WorkCalendar
from app.ui.controls.date_fields import date_edit, date_of
from app.ui.controls.dialog_buttons import save_buttons
from app.ui.errors import show_error

ItemsOf = Callable[[int], list[ItemRow]]  # the year's live items
SuggestionsOf = Callable[[int], list[Suggestion]]  # the year's best matches for this information
SUGGESTED = "★ "
LIST_HEIGHT = 300


@dataclass(frozen=True)
class LinkChoice:
    item_ids: tuple[int, ...]
    formed_on: date
    note: str
    names: tuple[str, ...]  # 「3 财政信息 › 财政预算」, for the field that shows the choice

    def summary(self) -> str:
        return "；".join(self.names)


def item_label(item: ItemRow) -> str:
    value = item.value
    name = f"{value.level1} › {value.level2}" if value.level2 else value.level1
    return f"{value.seq}　{name}"


def due_line(item: ItemRow, formed: date, calendar: WorkCalendar) -> str:
    """「3 财政信息 › 财政预算：应于 2026-04-01 前公开（形成后 20 个工作日内）」 for one ticked item."""
    rule = item.rule
    due = item_due(rule, formed, calendar)
    if due is not None:
        provisional = "（暂定：该年放假安排尚未公布）" if due.provisional_years else ""
        when = f"应于 <b>{due.day.isoformat()}</b> 前公开{provisional}"
    elif rule.kind is RuleKind.MANUAL:
        wording = html.escape(item.value.time_limit or "未写明")
        name = html.escape(item_label(item))
        return f"{name}：公开时限「{wording}」没有具体日期，关联后在「公开情况」中设定期限"
    else:
        when = "长期公开，没有期限"
    return f"{html.escape(item_label(item))}：{when}（{html.escape(item.rule_text)}）"


class CatalogueLinkDialog(QDialog):
    """For tests: `formed_on`, `filter_edit`, `items_list`, `due_label`, `note`, `check(item_id)`,
    `choice()` after accept."""

    def __init__(
        self,
        heading: str,
        formed: date,
        items_of: ItemsOf,
        suggestions_of: SuggestionsOf,
        calendar: WorkCalendar,
        already: frozenset[int] = frozenset(),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("关联标准目录事项")
        self.setMinimumWidth(600)
        self._items_of, self._suggestions_of, self._calendar = items_of, suggestions_of, calendar
        self._already = already
        self._items: dict[int, ItemRow] = {}
        self._year: int | None = None
        title = QLabel(heading)
        title.setWordWrap(True)
        self.formed_on = date_edit(formed)
        self.formed_on.setToolTip("公开时限从这一天起算：公文的成文日期、变更日期，张贴或决定的日期")
        self.formed_on.dateChanged.connect(lambda _day: self._formed_changed())
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("输入序号或事项名称筛选，如「预算」「低保」")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.items_list = QListWidget()
        self.items_list.setMinimumHeight(LIST_HEIGHT)
        self.items_list.itemChanged.connect(lambda _item: self._show_dues())
        self.hint = QLabel()
        self.hint.setObjectName("hintLabel")
        self.hint.setWordWrap(True)
        self.due_label = QLabel()
        self.due_label.setWordWrap(True)
        self.due_label.setTextFormat(Qt.TextFormat.RichText)
        self.note = QLineEdit()
        self.note.setMaxLength(500)
        self.note.setPlaceholderText("可选，如「第二批调整」")
        top, bottom = QFormLayout(), QFormLayout()
        top.addRow(title)
        top.addRow("形成（变更）日期", self.formed_on)
        top.addRow("查找事项", self.filter_edit)
        bottom.addRow("公开期限", self.due_label)
        bottom.addRow("备注", self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.items_list, 1)
        layout.addWidget(self.hint)
        layout.addLayout(bottom)
        layout.addWidget(save_buttons(self, "关联", on_accept=self._accept, primary=True))
        self.resize(720, 640)
        self.filter_edit.setFocus()
        self._load(formed.year)

    # ---- the list ------------------------------------------------------------------------------------

    def _load(self, year: int) -> None:
        """The year's items, the suggestions first (marked ★ with the words that matched)."""
        ticked = self.checked_ids()
        self._year = year
        self._items = {item.id: item for item in self._items_of(year)}
        suggestions = [s for s in self._suggestions_of(year) if s.item_id in self._items]
        self.items_list.blockSignals(True)
        self.items_list.clear()
        first = [s.item_id for s in suggestions]
        reasons = {s.item_id: s.reason for s in suggestions}
        for item_id in first + [i for i in self._items if i not in reasons]:
            item = self._items[item_id]
            text = item_label(item)
            if item_id in reasons:
                text = f"{SUGGESTED}{text}　（建议，{reasons[item_id]}）"
            row = QListWidgetItem(text)
            row.setData(Qt.ItemDataRole.UserRole, item_id)
            row.setToolTip(f"公开时限：{item.value.time_limit or item.rule_text}")
            if item_id in self._already:
                row.setText(f"{text}　（已关联）")
                row.setFlags(row.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            else:
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = item_id in ticked
                row.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.items_list.addItem(row)
        self.items_list.blockSignals(False)
        if not self._items:
            self.hint.setText(f"{year}年还没有标准目录，请先在「标准目录」中导入或从上一年复制。")
        elif suggestions:
            self.hint.setText("★ 是按标题和主题分类建议的事项，请核对后勾选；可以勾选多项。")
        else:
            self.hint.setText(f"没有找到与标题相近的事项，请在{year}年目录中查找勾选。")
        self._apply_filter(self.filter_edit.text())
        self._show_dues()

    def _apply_filter(self, text: str) -> None:
        words = text.split()
        for number in range(self.items_list.count()):
            row = self.items_list.item(number)
            row.setHidden(not all(word in row.text() for word in words))

    def _formed_changed(self) -> None:
        year = date_of(self.formed_on).year
        if year != self._year:  # a catalogue is kept per year
            self._load(year)
        else:
            self._show_dues()

    def _show_dues(self) -> None:
        formed = date_of(self.formed_on)
        ticked = [self._items[i] for i in self.checked_ids() if i in self._items]
        lines = [due_line(item, formed, self._calendar) for item in ticked]
        self.due_label.setText("<br>".join(lines) or "勾选事项后，这里显示各项应在哪天前公开。")

    def checked_ids(self) -> tuple[int, ...]:
        found = []
        for number in range(self.items_list.count()):
            row = self.items_list.item(number)
            if row.checkState() == Qt.CheckState.Checked:
                found.append(int(row.data(Qt.ItemDataRole.UserRole)))
        return tuple(found)

    def check(self, item_id: int, on: bool = True) -> None:
        for number in range(self.items_list.count()):
            row = self.items_list.item(number)
            if row.data(Qt.ItemDataRole.UserRole) == item_id:
                row.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    # ---- result --------------------------------------------------------------------------------------

    def _accept(self) -> None:
        if not self.checked_ids():
            show_error(self, UserFacingError("请至少勾选一个目录事项；不需要关联时点「取消」。"))
            return
        self.accept()

    def choice(self) -> LinkChoice:
        ids = self.checked_ids()
        return LinkChoice(
            ids,
            date_of(self.formed_on),
            self.note.text().strip(),
            tuple(item_label(self._items[i]) for i in ids),
        )
