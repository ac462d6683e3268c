"""设置 → 节假日: pick a year, see it coloured by kind, import next year's notice, edit one day (管理员)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services.permissions import Actor, Perm
from app.services.workdays.calendar import DayKind
from app.services.workdays.provisional import PROVISIONAL_LABEL, provisional_rule
from app.services.workdays.service import CalendarService
from app.ui.controls.dialog_buttons import save_buttons
from app.ui.controls.holiday_year_view import REST_COLOR, WEEKEND_COLOR, WORK_COLOR, HolidayYearView
from app.ui.dialogs.holiday_import_dialog import HolidayImportDialog
from app.ui.errors import user_errors

ORDINARY = "普通日（按星期）"


class DayEditDialog(QDialog):
    def __init__(self, service: CalendarService, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("修改单日")
        self.date = QDateEdit(QDate(day.year, day.month, day.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy年M月d日")
        self.kind = QComboBox()
        self.kind.addItems([DayKind.REST.value, DayKind.WORK.value, ORDINARY])
        self.name = QLineEdit(placeholderText="例如：国庆节", maxLength=60)
        self.source = QLineEdit(placeholderText="例如：国办发明电〔2026〕9号", maxLength=120)
        entry = service.calendar().entry_for(day)
        if entry is not None:
            self.kind.setCurrentText(entry.kind.value)
            self.name.setText(entry.name)
            self.source.setText(entry.source)
        else:
            self.kind.setCurrentText(ORDINARY)
        form = QFormLayout(self)
        form.addRow("日期", self.date)
        form.addRow("类型", self.kind)
        form.addRow("节日名称", self.name)
        form.addRow("依据通知", self.source)
        form.addRow(save_buttons(self))

    def values(self) -> tuple[date, DayKind | None, str, str]:
        chosen = self.date.date()
        kind = None if self.kind.currentText() == ORDINARY else DayKind(self.kind.currentText())
        return date(chosen.year(), chosen.month(), chosen.day()), kind, self.name.text(), self.source.text()


class HolidayPanel(QWidget):
    def __init__(
        self,
        calendar_service: CalendarService,
        actor: Actor,
        parent: QWidget | None = None,
        on_changed: Callable[[], str | None] | None = None,
    ) -> None:
        """`on_changed` re-flows dependent deadlines after an edit and returns what to tell the clerk."""
        super().__init__(parent)
        self._service, self._actor, self._on_changed = calendar_service, actor, on_changed
        self.year_box = QComboBox()
        self.year_box.currentIndexChanged.connect(self._show_selected)
        self.source_label = QLabel()
        self.source_label.setObjectName("hintLabel")
        self.source_label.setWordWrap(True)
        self.view = HolidayYearView(calendar_service.today().year)
        self.view.day_clicked.connect(self._day_clicked)
        self.import_button = QPushButton("导入下一年安排…")
        self.import_button.clicked.connect(self.action_import)
        self.edit_button = QPushButton("修改单日…")
        self.edit_button.clicked.connect(lambda: self.action_edit_day(None))
        can_edit = actor.can(Perm.EDIT_CALENDAR)
        self.import_button.setVisible(can_edit)
        self.edit_button.setVisible(can_edit)
        top = QHBoxLayout()
        top.addWidget(QLabel("年份"))
        top.addWidget(self.year_box)
        top.addWidget(self._legend())
        top.addStretch(1)
        top.addWidget(self.import_button)
        top.addWidget(self.edit_button)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.source_label)
        layout.addWidget(scroll, 1)
        self.refresh()

    @staticmethod
    def _legend() -> QLabel:
        swatch = '<span style="background:{};color:{};">&nbsp;{}&nbsp;</span>'
        return QLabel(
            "&nbsp;&nbsp;".join(
                [
                    swatch.format(REST_COLOR.name(), "white", "放假"),
                    swatch.format(WORK_COLOR.name(), "white", "调休上班"),
                    swatch.format(WEEKEND_COLOR.name(), "#222", "周末"),
                ]
            )
        )

    def refresh(self, select_year: int | None = None) -> None:
        calendar = self._service.calendar()
        years = list(calendar.covered_years)
        wanted = select_year or (
            int(self.year_box.currentText()) if self.year_box.count() else self._service.today().year
        )
        next_missing = self._service.missing_next_year()
        if next_missing is not None:
            years.append(next_missing)
        self.year_box.blockSignals(True)
        self.year_box.clear()
        self.year_box.addItems([str(year) for year in years])
        if str(wanted) in [str(y) for y in years]:
            self.year_box.setCurrentText(str(wanted))
        elif years:
            self.year_box.setCurrentIndex(len(years) - 1)
        self.year_box.blockSignals(False)
        self._show_selected()

    def _show_selected(self) -> None:
        if not self.year_box.count():
            return
        year = int(self.year_box.currentText())
        calendar = self._service.calendar()
        covered = calendar.covers(year)
        entries = calendar.entries(year) if covered else calendar.assumed_entries(year)
        self.view.set_year(year, entries, covered)
        info = next((i for i in self._service.years() if i.year == year), None)
        if info is None:
            hint = (
                "请管理员导入国务院办公厅的通知。"
                if not self._actor.can(Perm.EDIT_CALENDAR)
                else "请点「导入下一年安排…」粘贴通知全文。"
            )
            self.source_label.setText(
                f"{year}年放假安排未录入：图中浅色虚线框的日子{provisional_rule(year)}，"
                f"涉及该年的期限都标为「{PROVISIONAL_LABEL}」，导入通知后自动更正。{hint}"
            )
        else:
            self.source_label.setText(
                f"{year}年：放假 {info.rest_days} 天，调休上班 {info.work_days} 天。"
                f"依据：{info.source}（把鼠标停在日期上可查看每一天的依据）"
            )

    def action_import(self) -> None:
        dialog = HolidayImportDialog(self._service, self._actor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.parsed is not None:
            self.refresh(dialog.parsed.year)
            self._after_change()

    def _day_clicked(self, day: date) -> None:
        if self._actor.can(Perm.EDIT_CALENDAR):
            self.action_edit_day(day)

    def action_edit_day(self, day: date | None) -> None:
        if day is None:
            day = (
                date(int(self.year_box.currentText()), 1, 1)
                if self.year_box.count()
                else self._service.today()
            )
        dialog = DayEditDialog(self._service, day, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        chosen, kind, name, source = dialog.values()
        with user_errors(self) as attempt:
            self._service.set_day(self._actor, chosen, kind, name, source)
        if not attempt.ok:
            return
        self.refresh(chosen.year)
        self._after_change()

    def _after_change(self) -> None:
        message = self._on_changed() if self._on_changed else None
        if message:
            QMessageBox.information(self, "期限已重新计算", message)
