"""What the clerk types into the annual report: table 二 figures, last year's 四, and sections 一, 五, 六."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services.report.narratives import NARRATIVE_TITLES
from app.services.report.tables import TABLE3_COLUMNS
from app.services.report.types import MAX_COUNT, AnnualReportView, EnteredFigures

NARRATIVE_HEIGHT = 150
FIELD_WIDTH = 110


def _spin() -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, MAX_COUNT)
    box.setGroupSeparatorShown(False)
    box.setMaximumWidth(FIELD_WIDTH)
    return box


class FiguresForm(QScrollArea):
    """Table 二 numbers the register cannot count, and the previous report's 四 for the 二 = 四 check."""

    def __init__(self, on_save: Callable[[], None], on_save_prior: Callable[[], None]) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        body = QWidget()
        column = QVBoxLayout(body)
        table2 = QGroupBox("表二中需要录入的数字（规章：乡镇一般为 0）")
        form = QFormLayout(table2)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.regulations = [_spin(), _spin(), _spin()]
        row = QHBoxLayout()
        for label, box in zip(("本年制发", "本年废止", "现行有效"), self.regulations, strict=True):
            row.addWidget(QLabel(label))
            row.addWidget(box)
        row.addStretch(1)
        form.addRow("规章（件）：", row)
        self.permits, self.penalties, self.coercions = _spin(), _spin(), _spin()
        form.addRow("行政许可 本年处理决定数量：", self.permits)
        form.addRow("行政处罚 本年处理决定数量：", self.penalties)
        form.addRow("行政强制 本年处理决定数量：", self.coercions)
        self.fees = QLineEdit()
        self.fees.setPlaceholderText("如 1.25")
        self.fees.setMaximumWidth(FIELD_WIDTH)
        form.addRow("行政事业性收费 本年收费金额（万元）：", self.fees)
        self.save_button = QPushButton("保存表二数字")
        self.save_button.clicked.connect(on_save)
        form.addRow("", self.save_button)
        column.addWidget(table2)

        prior = QGroupBox("上一年度报告第四项「结转下年度继续办理」（上一年度的报告不在本程序中时填写）")
        grid = QGridLayout(prior)
        self.prior_check = QCheckBox("按上一年度报告填写，用于核对本年第二项「上年结转」")
        grid.addWidget(self.prior_check, 0, 0, 1, len(TABLE3_COLUMNS))
        self.prior = [_spin() for _ in TABLE3_COLUMNS]
        for col, (name, box) in enumerate(zip(TABLE3_COLUMNS, self.prior, strict=True)):
            grid.addWidget(QLabel(name), 1, col)
            grid.addWidget(box, 2, col)
            self.prior_check.toggled.connect(box.setEnabled)
        self.prior_button = QPushButton("保存上一年度数字")
        self.prior_button.clicked.connect(on_save_prior)
        grid.addWidget(self.prior_button, 3, 0, 1, 2)
        grid.setColumnStretch(len(TABLE3_COLUMNS), 1)
        column.addWidget(prior)
        column.addStretch(1)
        self.setWidget(body)

    def load(self, view: AnnualReportView) -> None:
        figures = view.entered
        for box, value in zip(self.regulations, figures.regulations, strict=True):
            box.setValue(value)
        self.permits.setValue(figures.permits)
        self.penalties.setValue(figures.penalties)
        self.coercions.setValue(figures.coercions)
        self.fees.setText(f"{figures.fees_wan_yuan:f}")
        prior = view.prior_carryover
        self.prior_check.setChecked(prior is not None)
        for box, value in zip(self.prior, prior or (0,) * len(self.prior), strict=True):
            box.setValue(value)
            box.setEnabled(prior is not None)

    def collect(self) -> EnteredFigures:
        from app.services.report.types import parse_fee

        made, repealed, in_force = (box.value() for box in self.regulations)
        return EnteredFigures(
            (made, repealed, in_force),
            self.permits.value(),
            self.penalties.value(),
            self.coercions.value(),
            parse_fee(self.fees.text()),
        )

    def collect_prior(self) -> list[int] | None:
        return [box.value() for box in self.prior] if self.prior_check.isChecked() else None


class NarrativesForm(QScrollArea):
    """Sections 一, 五, 六: pre-filled from the data; what the clerk saves is printed instead."""

    def __init__(self, on_save: Callable[[dict[str, str]], None]) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self._on_save = on_save
        self._prefilled: dict[str, str] = {}
        body = QWidget()
        column = QVBoxLayout(body)
        hint = QLabel(
            "文字已按本年度数据预先填写，「（请补充）」处请补充后保存。清空后保存即恢复自动生成的文字。"
        )
        hint.setObjectName("hintLabel")
        hint.setWordWrap(True)
        column.addWidget(hint)
        self.editors: dict[str, QPlainTextEdit] = {}
        for title in NARRATIVE_TITLES:
            column.addWidget(QLabel(title))
            editor = QPlainTextEdit()
            editor.setMinimumHeight(NARRATIVE_HEIGHT)
            self.editors[title] = editor
            column.addWidget(editor)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("保存文字（Ctrl+S）")
        self.reset_button = QPushButton("全部恢复为自动生成")
        self.save_button.clicked.connect(self.save)
        self.reset_button.clicked.connect(lambda: self._on_save(dict.fromkeys(NARRATIVE_TITLES, "")))
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.setWidget(body)

    def load(self, view: AnnualReportView) -> None:
        self._prefilled = dict(view.prefilled)
        for title, editor in self.editors.items():
            editor.setPlainText(view.narratives.get(title, ""))

    def save(self) -> None:
        """Unchanged pre-filled text is not stored, so it keeps following the data."""
        texts = {}
        for title, editor in self.editors.items():
            text = editor.toPlainText().strip()
            texts[title] = "" if text == self._prefilled.get(title, "").strip() else text
        self._on_save(texts)
