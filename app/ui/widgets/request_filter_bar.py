"""The request list's filter bar: status, 期限, year, outcome, applicant type, 科室, search and actions."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.services.requests.outcomes import GROUPS, OUTCOMES
from app.services.requests.query import DUE, CaseFilter
from app.services.requests.types import ApplicantType, CaseStatus

ALL = "全部"


def _combo(items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.addItem(ALL, None)
    for text, data in items:
        combo.addItem(text, data)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def _outcome_items() -> list[tuple[str, object]]:
    """Each group of table 三, then its leaves indented (a group filters by its key prefix)."""
    items: list[tuple[str, object]] = []
    for group in GROUPS:
        members = [o for o in OUTCOMES if o.group == group]
        prefix = members[0].key.rsplit(".", 1)[0] if len(members) > 1 else members[0].key
        items.append((group, prefix))
        items += [(f"　{o.short}", o.key) for o in members if o.short]
    return items


class RequestFilterBar(QWidget):
    """Signals: changed (any filter), new_requested, import_requested, export_requested."""

    changed = Signal()
    new_requested = Signal()
    import_requested = Signal()
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status_combo = _combo([(s.value, s.value) for s in CaseStatus])
        self.due_combo = _combo([(d, d) for d in DUE])
        self.year_combo = _combo([])
        self.outcome_combo = _combo(_outcome_items())
        self.type_combo = _combo([(t.value, t.value) for t in ApplicantType])
        self.department_combo = _combo([])
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("搜索受理编号、申请人或申请内容…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.returnPressed.connect(self.changed.emit)
        self.query_button = QPushButton("查询")
        self.query_button.clicked.connect(self.changed.emit)
        self.reset_button = QPushButton("清除条件")
        self.reset_button.clicked.connect(self.reset)
        self.new_button = QPushButton("登记申请")
        self.new_button.setProperty("primary", True)
        self.new_button.setToolTip("登记一件新的政府信息公开申请（Ctrl+N）")
        self.new_button.clicked.connect(self.new_requested.emit)
        self.import_button = QPushButton("导入 Excel…")
        self.import_button.setToolTip("从 Excel 台账导入申请：先预览可导入的行和有问题的行，再保存")
        self.import_button.clicked.connect(self.import_requested.emit)
        self.export_button = QPushButton("导出 Excel…")
        self.export_button.setToolTip("按台账格式导出全部申请")
        self.export_button.clicked.connect(self.export_requested.emit)
        first = QHBoxLayout()
        for label, widget in (
            ("状态", self.status_combo),
            ("期限", self.due_combo),
            ("年度", self.year_combo),
            ("办理结果", self.outcome_combo),
            ("申请人类型", self.type_combo),
            ("承办科室", self.department_combo),
        ):
            first.addWidget(QLabel(label))
            first.addWidget(widget)
            widget.currentIndexChanged.connect(lambda _i: self.changed.emit())
        first.addStretch(1)
        second = QHBoxLayout()
        second.addWidget(self.search_edit, 1)
        for button in (self.query_button, self.reset_button):
            second.addWidget(button)
        second.addStretch(1)
        for button in (self.new_button, self.import_button, self.export_button):
            second.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(first)
        layout.addLayout(second)

    def _combos(self) -> tuple[QComboBox, ...]:
        return (
            self.status_combo,
            self.due_combo,
            self.year_combo,
            self.outcome_combo,
            self.type_combo,
            self.department_combo,
        )

    def filter(self, sort: str, descending: bool) -> CaseFilter:
        return CaseFilter(
            status=self.status_combo.currentData(),
            due=self.due_combo.currentData(),
            year=self.year_combo.currentData(),
            outcome=self.outcome_combo.currentData(),
            applicant_type=self.type_combo.currentData(),
            department=self.department_combo.currentData(),
            text=self.search_edit.text().strip() or None,
            sort=sort,
            descending=descending,
        )

    def reset(self) -> None:
        for combo in self._combos():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search_edit.clear()
        self.changed.emit()

    def set_choices(self, years: list[object], departments: list[object]) -> None:
        """Refill the year and 科室 lists from the data, keeping the current choice if it still exists."""
        for combo, values in ((self.year_combo, years), (self.department_combo, departments)):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(ALL, None)
            for value in values:
                combo.addItem(str(value), value)
            combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
            combo.blockSignals(False)
