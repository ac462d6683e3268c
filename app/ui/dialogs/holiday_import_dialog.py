"""Paste the State Council's 放假安排 notice (or pick a CSV), preview it as a year calendar, then save.

A notice that misses a festival, or that changes days already loaded, is listed in a yellow box and can be
saved only after the administrator ticks 「我已核对上述差异，仍要导入」.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.errors import UserFacingError
from app.services.permissions import Actor
from app.services.workdays.calendar import DayKind
from app.services.workdays.holiday_notice import (
    ParsedArrangement,
    changes_against,
    parse_import,
    parse_notice,
)
from app.services.workdays.service import CalendarService
from app.ui.controls.dialog_buttons import SAVE, save_buttons
from app.ui.controls.holiday_year_view import HolidayYearView
from app.ui.errors import user_errors

CONFIRM_TEXT = "我已核对上述差异，仍要导入"
WARNING_STYLE = (
    "QPlainTextEdit { background: #fff4e0; color: #6b4200; border: 1px solid #e8b54d; border-radius: 4px; }"
)
WARNING_LINES_SHOWN = 8


class HolidayImportDialog(QDialog):
    def __init__(
        self, calendar_service: CalendarService, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service, self._actor = calendar_service, actor
        self.parsed: ParsedArrangement | None = None
        self.setWindowTitle("导入放假安排")
        self.resize(980, 760)
        intro = QLabel(
            "把国务院办公厅「关于××××年部分节假日安排的通知」全文（含标题）粘贴到下面，"
            "当年后来又有调整、延长假期的通知时接在后面一起粘贴；点「解析」后核对日历，无误再保存。"
            "也可以导入 CSV（日期,类型,节日名称,通知文号）。"
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(
            "国务院办公厅关于2027年部分节假日安排的通知\n国办发明电〔2026〕…号\n"
            "一、元旦：1月1日放假，与周末连休。\n……"
        )
        self.text.setMaximumHeight(160)
        self.parse_button = QPushButton("解析")
        self.parse_button.clicked.connect(self.action_parse)
        self.csv_button = QPushButton("从 CSV 文件导入…")
        self.csv_button.clicked.connect(self.action_csv)
        self.summary = QLabel("尚未解析。")
        self.summary.setWordWrap(True)
        self.summary.setObjectName("hintLabel")
        self.notes: list[str] = []
        self.warning_box = QPlainTextEdit(readOnly=True)
        self.warning_box.setStyleSheet(WARNING_STYLE)
        self.warning_box.document().setDocumentMargin(6)
        self.warning_box.setVisible(False)
        self.confirm = QCheckBox(CONFIRM_TEXT)
        self.confirm.setStyleSheet("QCheckBox { color: #6b4200; font-weight: bold; }")
        self.confirm.setVisible(False)
        self.confirm.toggled.connect(self._update_save_button)
        self.preview = HolidayYearView(calendar_service.today().year + 1)  # the year a notice usually brings
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.preview)
        self.buttons = save_buttons(self, kind=SAVE, primary=True)
        self.save_button = self.buttons.button(SAVE)
        self.save_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.parse_button)
        row.addWidget(self.csv_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.warning_box)
        layout.addWidget(scroll, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.confirm)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

    def show_parsed(self, parsed: ParsedArrangement) -> None:
        self.parsed = parsed
        calendar = self._service.calendar()
        rest, work = len(parsed.days(DayKind.REST)), len(parsed.days(DayKind.WORK))
        lines = [
            f"{parsed.year}年：放假 {rest} 天（红色），调休上班 {work} 天（蓝色）。依据：{parsed.source}"
        ]
        if calendar.covers(parsed.year):
            lines.append(f"{parsed.year}年已有安排，保存后将整体替换，已计算的期限会重新计算。")
        self.summary.setText("\n".join(lines))
        self._show_notes(list(parsed.warnings), changes_against(parsed, calendar))
        self.preview.set_year(parsed.year, [e for e in parsed.entries if e.day.year == parsed.year])

    def _show_notes(self, warnings: list[str], changes: list[str]) -> None:
        """The yellow box: problems of the notice, then the loaded days it changes; both need confirming."""
        self.notes = warnings + changes
        lines = [f"请先核对以下 {len(self.notes)} 处，确认无误后勾选下方的「{CONFIRM_TEXT}」再保存："]
        lines += [f"· {warning}" for warning in warnings]
        if changes:
            lines.append("与已录入的安排相比，导入后这些日期的上班、休息会改变：")
            lines += [f"· {change}" for change in changes]
        self.warning_box.setPlainText("\n".join(lines))
        self.warning_box.setVisible(bool(self.notes))
        self._fit_warning_box(len(lines))
        self.confirm.setChecked(False)
        self.confirm.setVisible(bool(self.notes))
        self._update_save_button()

    def _fit_warning_box(self, lines: int) -> None:
        """Tall enough for every line, up to WARNING_LINES_SHOWN; a longer list scrolls."""
        box, block = self.warning_box, self.warning_box.document().firstBlock()
        line_height = box.blockBoundingRect(block).height() if block.isValid() else 18.0
        margins = 2 * box.document().documentMargin() + 2 * box.frameWidth()
        box.setFixedHeight(int(min(lines, WARNING_LINES_SHOWN) * line_height + margins) + 2)

    def _needs_confirmation(self) -> bool:
        return bool(self.notes) and not self.confirm.isChecked()

    def _update_save_button(self) -> None:
        self.save_button.setEnabled(self.parsed is not None and not self._needs_confirmation())

    def action_parse(self) -> None:
        try:
            self.show_parsed(parse_notice(self.text.toPlainText()))
        except UserFacingError as error:
            self.parsed = None
            self._show_notes([], [])
            self.summary.setText(error.message)

    def action_csv(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "选择 CSV 或通知文本文件", "", "CSV 或文本 (*.csv *.txt)")
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> None:
        with user_errors(self):
            try:
                data = path.read_bytes()
            except OSError as error:
                raise UserFacingError(f"无法读取文件 {path}：{error}") from None
            self.show_parsed(parse_import(data))

    def accept(self) -> None:
        if self.parsed is None:
            return
        if self._needs_confirmation():
            QMessageBox.warning(self, APP_NAME, f"请先核对黄色框中的差异，并勾选「{CONFIRM_TEXT}」。")
            return
        with user_errors(self) as attempt:
            changed = self._service.save_arrangement(self._actor, self.parsed)
        if not attempt.ok:
            return
        QMessageBox.information(
            self,
            APP_NAME,
            f"{self.parsed.year}年放假安排已保存，共 {len(self.parsed.entries)} 条，变化 {len(changed)} 天。",
        )
        super().accept()
