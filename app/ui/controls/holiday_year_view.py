"""A year at a glance: 12 month grids, 放假 red, 调休上班 blue, weekends grey; tooltips name the notice.

A year without its notice shows the provisional days pale with a dashed outline (暂定, issue 18).
"""

from __future__ import annotations

import calendar as pycalendar
from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.services.workdays.calendar import DayEntry, DayKind, weekday_name
from app.services.workdays.provisional import PROVISIONAL_LABEL

REST_COLOR = QColor("#d93a3a")
WORK_COLOR = QColor("#2f6fd6")
WEEKEND_COLOR = QColor("#e6e6e6")
TEXT_COLOR = QColor("#222222")
MUTED_COLOR = QColor("#777777")
PROVISIONAL_ALPHA = 110  # of 255: assumed days are drawn pale so they never pass for the notice's
CELL_W, CELL_H = 30, 24
MONTH_GAP, TITLE_H = 18, 26
COLUMNS = 4
HEADER = "一二三四五六日"


class HolidayYearView(QWidget):
    """Shows one year; `day_clicked` is emitted with the date under the mouse."""

    day_clicked = Signal(object)

    def __init__(self, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year = year
        self.entries: dict[date, DayEntry] = {}
        self.covered = True
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)

    def set_year(self, year: int, entries: Iterable[DayEntry], covered: bool = True) -> None:
        self.year, self.covered = year, covered
        self.entries = {entry.day: entry for entry in entries}
        self.update()

    def _month_size(self) -> QSize:
        return QSize(7 * CELL_W, TITLE_H + 7 * CELL_H)

    def sizeHint(self) -> QSize:
        month = self._month_size()
        rows = (12 + COLUMNS - 1) // COLUMNS
        return QSize(COLUMNS * (month.width() + MONTH_GAP), rows * (month.height() + MONTH_GAP))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _month_origin(self, month: int) -> QPoint:
        size = self._month_size()
        row, column = divmod(month - 1, COLUMNS)
        return QPoint(column * (size.width() + MONTH_GAP), row * (size.height() + MONTH_GAP))

    def day_rect(self, day: date) -> QRect:
        origin = self._month_origin(day.month)
        first_weekday = date(day.year, day.month, 1).weekday()
        row, column = divmod(first_weekday + day.day - 1, 7)
        return QRect(origin.x() + column * CELL_W, origin.y() + TITLE_H + (row + 1) * CELL_H, CELL_W, CELL_H)

    def day_at(self, point: QPoint) -> date | None:
        for month in range(1, 13):
            for number in range(1, pycalendar.monthrange(self.year, month)[1] + 1):
                day = date(self.year, month, number)
                if self.day_rect(day).contains(point):
                    return day
        return None

    def describe(self, day: date) -> str:
        entry = self.entries.get(day)
        head = f"{day.year}年{day.month}月{day.day}日 {weekday_name(day)}"
        if entry is not None:
            what = "放假" if entry.kind is DayKind.REST else " 调休上班"
            mark = "" if self.covered else f"（{PROVISIONAL_LABEL}）"
            return f"{head}\n{entry.name}{what}{mark}\n依据：{entry.source}"
        plain = "周末" if day.weekday() >= 5 else "工作日"
        if not self.covered:
            return f"{head}\n{plain}（{self.year}年放假安排未录入，{PROVISIONAL_LABEL}）"
        return f"{head}\n{plain}"

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = QFont(self.font())
        for month in range(1, 13):
            origin = self._month_origin(month)
            title = QFont(base)
            title.setBold(True)
            painter.setFont(title)
            painter.setPen(TEXT_COLOR)
            painter.drawText(
                QRect(origin.x(), origin.y(), 7 * CELL_W, TITLE_H),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"{month}月",
            )
            painter.setFont(base)
            painter.setPen(MUTED_COLOR)
            for column, label in enumerate(HEADER):
                painter.drawText(
                    QRect(origin.x() + column * CELL_W, origin.y() + TITLE_H, CELL_W, CELL_H),
                    Qt.AlignmentFlag.AlignCenter,
                    label,
                )
            for number in range(1, pycalendar.monthrange(self.year, month)[1] + 1):
                self._paint_day(painter, date(self.year, month, number))
        painter.end()

    def _paint_day(self, painter: QPainter, day: date) -> None:
        rect = self.day_rect(day).adjusted(1, 1, -1, -1)
        entry = self.entries.get(day)
        fill, text = None, TEXT_COLOR
        if entry is not None:
            fill, text = QColor(REST_COLOR if entry.kind is DayKind.REST else WORK_COLOR), QColor("white")
            if not self.covered:
                fill.setAlpha(PROVISIONAL_ALPHA)
        elif day.weekday() >= 5:
            fill = WEEKEND_COLOR
        if fill is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 4, 4)
        if entry is not None and not self.covered:
            outline = QPen(REST_COLOR if entry.kind is DayKind.REST else WORK_COLOR, 1, Qt.PenStyle.DashLine)
            painter.setPen(outline)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(text if self.covered or entry else MUTED_COLOR)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(day.day))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            day = self.day_at(event.pos())
            if day is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.describe(day), self)
            return True
        return super().event(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is not None and event.button() == Qt.MouseButton.LeftButton:
            self.day_clicked.emit(day)
        super().mouseReleaseEvent(event)
