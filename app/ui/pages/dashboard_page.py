"""工作台: what needs the clerk now, grouped by urgency; each line opens its item."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.services.alerts import Alert, Urgency
from app.services.dashboard import collect_alerts
from app.ui.pages.base_page import BasePage, PageServices

GROUPS = {
    Urgency.OVERDUE: ("已逾期", "#b3261e"),
    Urgency.DUE_SOON: ("即将到期", "#b26a00"),
    Urgency.WAITING: ("等待我处理", "#1f5fa8"),
    Urgency.REMINDER: ("年度节点与提醒", "#3b4a5a"),
}
EMPTY_TEXT = "目前没有需要处理的事项。"


class DashboardPage(BasePage):
    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__("工作台", services, parent)
        self.today = date.today()
        self.content = QWidget()
        self.column = QVBoxLayout(self.content)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(14)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.content)
        self.root_layout.addWidget(scroll, 1)
        self.alerts: list[Alert] = []  # filled by refresh(), which the main window calls on every visit

    def refresh(self) -> None:
        while self.column.count():
            item = self.column.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # deleteLater runs only after this refresh; hide now so nothing lingers
                widget.deleteLater()
        self.alerts = collect_alerts(self.services.ctx, self.today, self.services.actor)
        if not self.alerts:
            empty = QLabel(EMPTY_TEXT)
            empty.setObjectName("hintLabel")
            self.column.addWidget(empty)
        for urgency, (title, colour) in GROUPS.items():
            group = [alert for alert in self.alerts if alert.urgency is urgency]
            if group:
                self.column.addWidget(self._card(title, colour, group))
        self.column.addWidget(self._statistics())
        self.column.addStretch(1)

    def _statistics(self) -> QWidget:
        """Below the to-dos: small charts of the year (UX 工作台), each exportable."""
        from app.services.statistics import year_statistics
        from app.ui.widgets.stat_charts import StatCharts

        ctx = self.services.ctx
        office = ctx.settings.office()
        stats = year_statistics(
            ctx.sessions, ctx.calendar.calendar(), self.today.year, office.name if office else ""
        )
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 8, 0, 0)
        heading = QLabel(f"{self.today.year}年统计")
        heading.setObjectName("sectionTitle")
        layout.addWidget(heading)
        self.charts = StatCharts(stats)
        layout.addWidget(self.charts)
        return box

    def _card(self, title: str, colour: str, alerts: list[Alert]) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(18, 14, 18, 14)
        heading = QLabel(f"{title}（{len(alerts)}）")
        heading.setStyleSheet(f"color: {colour}; font-weight: bold;")
        layout.addWidget(heading)
        for alert in alerts:
            button = QPushButton(alert.title)
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setStyleSheet("text-align: left; font-weight: bold; border: none; padding: 4px 0;")
            button.clicked.connect(lambda _=False, page=alert.page: self.services.open_page(page))
            detail = QLabel(alert.detail)
            detail.setObjectName("hintLabel")
            detail.setWordWrap(True)
            layout.addWidget(button)
            layout.addWidget(detail)
        return card
