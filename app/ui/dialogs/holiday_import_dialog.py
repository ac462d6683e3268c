"""Paste the State Council's 放假安排 notice (or pick a CSV), preview it as a year calendar, then save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
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
from app.services.calendar_service import CalendarService
from app.services.holiday_notice import ParsedArrangement, parse_import, parse_notice
from app.services.permissions import Actor
from app.services.workcalendar import DayKind
from app.ui.errors import show_error
from app.ui.widgets.dialog_buttons import SAVE, save_buttons
from app.ui.widgets.holiday_year_view import HolidayYearView


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
            "点「解析」后核对日历，无误再保存。也可以导入 CSV（日期,类型,节日名称,通知文号）。"
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
        self.preview = HolidayYearView()
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
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)

    def show_parsed(self, parsed: ParsedArrangement) -> None:
        self.parsed = parsed
        rest, work = len(parsed.days(DayKind.REST)), len(parsed.days(DayKind.WORK))
        lines = [
            f"{parsed.year}年：放假 {rest} 天（红色），调休上班 {work} 天（蓝色）。依据：{parsed.source}"
        ]
        lines += [f"请注意：{warning}" for warning in parsed.warnings]
        if self._service.calendar().covers(parsed.year):
            lines.append(f"{parsed.year}年已有安排，保存后将整体替换，已计算的期限会重新计算。")
        self.summary.setText("\n".join(lines))
        self.preview.set_year(parsed.year, [e for e in parsed.entries if e.day.year == parsed.year])
        self.save_button.setEnabled(True)

    def action_parse(self) -> None:
        try:
            self.show_parsed(parse_notice(self.text.toPlainText()))
        except UserFacingError as error:
            self.save_button.setEnabled(False)
            self.summary.setText(error.message)

    def action_csv(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "选择 CSV 或通知文本文件", "", "CSV 或文本 (*.csv *.txt)")
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> None:
        try:
            self.show_parsed(parse_import(path.read_bytes()))
        except (UserFacingError, OSError) as error:
            show_error(
                self,
                error
                if isinstance(error, UserFacingError)
                else UserFacingError(f"无法读取文件 {path}：{error}"),
            )

    def accept(self) -> None:
        if self.parsed is None:
            return
        try:
            changed = self._service.save_arrangement(self._actor, self.parsed)
        except UserFacingError as error:
            QMessageBox.warning(self, APP_NAME, error.message)
            return
        QMessageBox.information(
            self,
            APP_NAME,
            f"{self.parsed.year}年放假安排已保存，共 {len(self.parsed.entries)} 条，变化 {len(changed)} 天。",
        )
        super().accept()
