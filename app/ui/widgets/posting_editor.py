"""The posting editor: 公开栏 and 公示期 above, then the text; `collect()` gives a PostingDraft."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.clock import Clock
from app.services.postings.periods import PeriodPreset
from app.services.postings.types import PostingDraft, PostingInfo, SourceKind
from app.ui.controls.date_fields import qdate

BOARD_COLUMNS = 3
BODY_HINT = (
    "一行一段。「一、」「（一）」开头的段落自动用黑体、楷体；"
    "从 Excel 复制的表格（含制表符的行）直接粘贴即可排成表格。"
)


def _date_edit(today: date) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(qdate(today))
    return edit


def _pydate(edit: QDateEdit) -> date:
    value = edit.date().toPython()
    assert isinstance(value, date)
    return value


class PostingEditor(QWidget):
    """Signals: `changed` whenever anything the PDF shows is edited."""

    changed = Signal()

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        today = clock.today()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.board_box = QWidget()
        self._board_grid = QGridLayout(self.board_box)
        self._board_grid.setContentsMargins(0, 0, 0, 0)
        self.board_checks: list[QCheckBox] = []
        self.preset = QComboBox()
        self.preset.addItems([preset.value for preset in PeriodPreset])
        self.start, self.custom_end, self.signed_on = _date_edit(today), _date_edit(today), _date_edit(today)
        self.period_label = QLabel()
        self.period_label.setObjectName("hintLabel")
        self.period_label.setWordWrap(True)
        period_row = QHBoxLayout()
        period_widgets: tuple[tuple[str, QWidget], ...] = (
            ("期限", self.preset),
            ("自", self.start),
            ("至", self.custom_end),
        )
        for label, widget in period_widgets:
            period_row.addWidget(QLabel(label))
            period_row.addWidget(widget)
        period_row.addStretch(1)
        self.title, self.responsible, self.unit = QLineEdit(), QLineEdit(), QLineEdit()
        self.phone, self.qr_url = QLineEdit(), QLineEdit()
        self.qr_url.setPlaceholderText("网上公开版本的网址（可不填），打印时生成「扫码看」二维码")
        self.paper = QComboBox()
        self.paper.addItems(["A4", "A3"])
        self.paper.setToolTip("A3 用于海报式张贴，版式按比例放大")
        self.body = QPlainTextEdit()
        self.body.setPlaceholderText(BODY_HINT)
        self.body.setToolTip(BODY_HINT)
        self.source_kind: str = SourceKind.FREE.value
        self.source_id: int | None = None
        self.source_label = QLabel(SourceKind.FREE.label)
        self.source_button = QPushButton("选择来源…")
        self.source_button.setToolTip("从登记公文、决策事项目录或依申请公开信息带出标题和正文")
        self.free_button = QPushButton("取消关联")
        self.free_button.setToolTip("不再关联来源记录，按自行录入保存（已带出的文字保留）")
        self.free_button.clicked.connect(lambda: self.set_source(SourceKind.FREE.value, None, ""))
        self.source_label.setObjectName("hintLabel")
        self.source_label.hide()
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.source_button)
        title_row.addWidget(self.free_button)
        form = QFormLayout()
        form.addRow("公开栏", self.board_box)
        form.addRow("公示期", period_row)
        form.addRow("", self.period_label)
        form.addRow("标题", title_row)
        form.addRow("", self.source_label)
        people = QHBoxLayout()
        people_widgets: tuple[tuple[str, QWidget], ...] = (
            ("责任人", self.responsible),
            ("联系电话", self.phone),
            ("纸张", self.paper),
        )
        for label, widget in people_widgets:
            people.addWidget(QLabel(label))
            people.addWidget(widget, 1 if widget is not self.paper else 0)
        form.addRow("", people)
        signature = QHBoxLayout()
        signature.addWidget(self.unit, 1)
        signature.addWidget(QLabel("成文日期"))
        signature.addWidget(self.signed_on)
        form.addRow("落款", signature)
        form.addRow("二维码", self.qr_url)
        layout.addLayout(form)
        layout.addWidget(QLabel("正文"))  # the messages name it (「正文太长」「正文：疑似身份证号」)
        layout.addWidget(self.body, 1)
        for line in (self.title, self.responsible, self.unit, self.phone, self.qr_url):
            line.textChanged.connect(self.changed)
        for combo in (self.preset, self.paper):
            combo.currentIndexChanged.connect(self.changed)
        for edit in (self.start, self.custom_end, self.signed_on):
            edit.dateChanged.connect(self.changed)
        self.body.textChanged.connect(self.changed)
        self.preset.currentIndexChanged.connect(self._on_preset_changed)
        self._on_preset_changed()

    def set_boards(self, names: list[str]) -> None:
        checked = set(self.checked_boards())
        for check in self.board_checks:
            check.deleteLater()
        self.board_checks = []
        for number, name in enumerate(names):
            check = QCheckBox(name)
            check.setChecked(name in checked)
            check.toggled.connect(self.changed)
            self._board_grid.addWidget(check, number // BOARD_COLUMNS, number % BOARD_COLUMNS)
            self.board_checks.append(check)
        if not names:
            hint = QCheckBox("（还没有公开栏，请先在「设置」中添加）")
            hint.setEnabled(False)
            self._board_grid.addWidget(hint, 0, 0)
            self.board_checks.append(hint)

    def set_source(self, kind: str, source_id: int | None, label: str) -> None:
        """Remember where the text came from; `label` names the record (e.g. its 文号 and title)."""
        self.source_kind, self.source_id = kind, source_id
        name = SourceKind(kind).label
        self.source_label.setText(f"来源：{name}「{label}」" if label else f"来源：{name}")
        self.source_label.setToolTip(self.source_label.text())
        self.source_label.setVisible(kind != SourceKind.FREE.value)
        self.free_button.setVisible(kind != SourceKind.FREE.value)

    def checked_boards(self) -> list[str]:
        return [c.text() for c in self.board_checks if c.isChecked() and c.isEnabled()]

    def _on_preset_changed(self) -> None:
        self.custom_end.setEnabled(self.preset.currentText() == PeriodPreset.CUSTOM.value)

    def show_period(self, text: str) -> None:
        self.period_label.setText(text)

    def load(self, info: PostingInfo | None, unit: str = "", phone: str = "") -> None:
        """Fill from a saved posting, or clear for a new one (落款 and 电话 from the office profile)."""
        draft = info.draft if info else None
        widgets: list[QWidget] = [self.title, self.body, self.preset, self.paper, *self.board_checks]
        for widget in widgets:
            widget.blockSignals(True)
        self.title.setText(draft.title if draft else "")
        self.body.setPlainText(draft.body if draft else "")
        self.responsible.setText(draft.responsible if draft else "")
        self.unit.setText(draft.unit if draft else unit)
        self.phone.setText(draft.phone if draft else phone)
        self.qr_url.setText(draft.qr_url if draft else "")
        self.preset.setCurrentText(draft.preset if draft else PeriodPreset.DAYS_7.value)
        self.paper.setCurrentText(draft.paper if draft else "A4")
        today = self._clock.today()
        self.start.setDate(qdate(draft.period_start if draft else today))
        self.custom_end.setDate(qdate(info.period_end if info else today))
        self.signed_on.setDate(qdate(draft.signed_on or today if draft else today))
        if draft is None or draft.source_id is None:
            self.set_source(SourceKind.FREE.value, None, "")
        else:
            self.set_source(draft.source_kind, draft.source_id, f"第{draft.source_id}号记录")
        boards = set(draft.boards) if draft else set()
        for check in self.board_checks:
            check.setChecked(check.text() in boards)
        for widget in widgets:
            widget.blockSignals(False)
        self._on_preset_changed()
        self.changed.emit()

    def collect(self) -> PostingDraft:
        custom = self.preset.currentText() == PeriodPreset.CUSTOM.value
        return PostingDraft(
            title=self.title.text(),
            body=self.body.toPlainText(),
            boards=tuple(self.checked_boards()),
            preset=self.preset.currentText(),
            period_start=_pydate(self.start),
            custom_end=_pydate(self.custom_end) if custom else None,
            responsible=self.responsible.text(),
            unit=self.unit.text(),
            signed_on=_pydate(self.signed_on),
            phone=self.phone.text(),
            qr_url=self.qr_url.text(),
            paper=self.paper.currentText(),
            source_kind=self.source_kind,
            source_id=self.source_id,
        )

    def set_read_only(self, read_only: bool) -> None:
        for line in (self.title, self.responsible, self.unit, self.phone, self.qr_url):
            line.setReadOnly(read_only)
        self.body.setReadOnly(read_only)
        widgets = (self.preset, self.paper, self.start, self.custom_end, self.signed_on, self.board_box)
        for widget in (*widgets, self.source_button):
            widget.setEnabled(not read_only)
        self.free_button.setEnabled(not read_only)
        if not read_only:
            self._on_preset_changed()
