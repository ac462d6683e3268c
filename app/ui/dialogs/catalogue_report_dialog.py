"""自查自纠报告: which year or quarter, checked up to which day, and where the .xlsx or .docx goes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services.catalogue.selfcheck.service import scope_words
from app.ui.controls.date_fields import date_edit, date_of
from app.ui.controls.dialog_buttons import save_buttons

QUARTERS = ("全年", "第一季度", "第二季度", "第三季度", "第四季度")
FORMATS = (("Excel 表（汇总和问题清单）", ".xlsx"), ("Word 文档（公文格式的情况报告）", ".docx"))
FILTERS = {".xlsx": "Excel 工作簿 (*.xlsx)", ".docx": "Word 文档 (*.docx)"}
HINT = "按标准目录逐项检查截至所选日期的公开情况；Excel 表列出每一个问题，Word 文档用于上报和存档。"


@dataclass(frozen=True)
class SelfCheckChoice:
    year: int
    quarter: int | None
    as_of: date
    path: Path


class SelfCheckDialog(QDialog):
    """Attributes for tests: `year_spin`, `quarter_combo`, `as_of_edit`, `format_combo`, `path_edit`,
    `error`, and `choice` once 生成 is pressed with a usable file name."""

    def __init__(self, year: int, today: date, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("自查自纠报告")
        self.setMinimumWidth(560)
        self.choice: SelfCheckChoice | None = None
        self._folder = folder
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(year)
        self.year_spin.setSuffix(" 年")
        self.quarter_combo = QComboBox()
        self.quarter_combo.addItems(QUARTERS)
        self.as_of_edit = date_edit(today)
        self.format_combo = QComboBox()
        for label, suffix in FORMATS:
            self.format_combo.addItem(label, suffix)
        self.path_edit = QLineEdit()
        browse = QPushButton("浏览…")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow("目录年度", self.year_spin)
        form.addRow("范围", self.quarter_combo)
        form.addRow("检查截至", self.as_of_edit)
        form.addRow("文件格式", self.format_combo)
        form.addRow("保存到", where)
        hint = QLabel(HINT)
        hint.setObjectName("hintLabel")
        hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(save_buttons(self, "生成", on_accept=self._accept, primary=True))
        for signal in (self.year_spin.valueChanged, self.quarter_combo.currentIndexChanged):
            signal.connect(self._suggest)
        self.format_combo.currentIndexChanged.connect(self._suggest)
        self._suggest()

    @property
    def quarter(self) -> int | None:
        return self.quarter_combo.currentIndex() or None

    @property
    def suffix(self) -> str:
        return str(self.format_combo.currentData())

    def _suggest(self) -> None:
        """The name follows the choices until the clerk types one; the folder stays where it was."""
        current = Path(self.path_edit.text()) if self.path_edit.text().strip() else self._folder / "x"
        name = f"{scope_words(self.year_spin.value(), self.quarter)}基层政务公开标准目录自查自纠{self.suffix}"
        self.path_edit.setText(str(current.parent / name))

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "保存自查自纠报告", self.path_edit.text(), FILTERS[self.suffix]
        )
        if chosen:
            self.path_edit.setText(chosen)

    def _accept(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            self._refuse("请选择保存位置。")
            return
        path = Path(text)
        if path.suffix.lower() not in FILTERS:
            path = path.with_name(path.name + self.suffix)
        if path.suffix.lower() != self.suffix:
            wanted = "Excel 表" if self.suffix == ".xlsx" else "Word 文档"
            self._refuse(f"文件名以「{path.suffix}」结尾，与所选的「{wanted}」不一致，请改文件名或格式。")
            return
        self.choice = SelfCheckChoice(self.year_spin.value(), self.quarter, date_of(self.as_of_edit), path)
        self.accept()

    def _refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
