"""工作台: what needs the clerk now, grouped by urgency; each line opens its item (pages/alert_targets.py).

The alerts and charts are computed through the task runner after the window is shown (issue 12: start-up
must not wait for every feature's alerts); until then the page shows a calm 「正在汇总提醒…」.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.errors import CancelledError, UserFacingError
from app.services.alerts import Alert, Urgency
from app.services.dashboard.collect_alerts import DashboardData, load_dashboard
from app.ui.page_services import PageServices
from app.ui.pages.alert_targets import open_alert
from app.ui.pages.base_page import BasePage

if TYPE_CHECKING:
    from app.ui.tasks import Task
    from app.ui.widgets.stat_charts import StatCharts

log = logging.getLogger("zwgk.ui")

GROUPS = {
    Urgency.OVERDUE: ("已逾期", "#b3261e"),
    Urgency.DUE_SOON: ("即将到期", "#b26a00"),
    Urgency.WAITING: ("等待我处理", "#1f5fa8"),
    Urgency.REMINDER: ("年度节点与提醒", "#3b4a5a"),
}
EMPTY_TEXT = "目前没有需要处理的事项。"
LOADING_TEXT = "正在汇总提醒…"
FAILED_TEXT = "提醒暂时没有汇总出来：{reason}。请切换到其他页面后再回到工作台重试。"
FAILED_REASON = "读取数据时出错，详情已记入日志"


class DashboardPage(BasePage):
    """Signals: loaded — the alerts and charts of the latest refresh are on screen."""

    loaded = Signal()

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__("工作台", services, parent)
        self.alerts: list[Alert] = []  # filled when a load arrives; refresh() runs on every visit
        self.charts: StatCharts | None = None
        self._task: Task[DashboardData] | None = None
        self._scheduled = False  # a load is queued for the next event-loop turn
        self._again = False  # refresh() came while a load ran: its result may be stale
        self._painted = False
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.root_layout.addWidget(self.scroll_area, 1)
        self._set_content(self._message(LOADING_TEXT))

    @property
    def loading(self) -> bool:
        return self._scheduled or self._task is not None

    def refresh(self) -> None:
        """Reload in the background; what is on screen stays until the new content replaces it at once."""
        if self._task is not None:
            self._again = True
        elif not self._scheduled:
            self._scheduled = True
            if self._painted:
                QTimer.singleShot(0, self._start)
            # else the first paint starts it: the window is on screen before the worker competes for the GIL

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            if self._scheduled:
                QTimer.singleShot(0, self._start)

    def cancel_load(self) -> None:
        """The window is closing: stop between alert sources instead of finishing the whole load."""
        self._again = False
        if self._task is not None:
            self._task.cancel()

    def _start(self) -> None:
        self._scheduled = False
        if self._task is not None or not shiboken6.isValid(self):
            return
        ctx, actor, today = self.services.ctx, self.services.actor, self.clock.today()
        self._task = self.services.runner.run(
            lambda progress, cancelled: load_dashboard(ctx, today, actor, progress, cancelled),
            on_success=self._on_loaded,
            on_failure=self._on_failed,
            parent=self,
            label=LOADING_TEXT,
            quiet=True,
        )

    def _on_loaded(self, data: DashboardData) -> None:
        self._task = None
        if not shiboken6.isValid(self):  # the page was rebuilt (restore, account switch) meanwhile
            return
        if self._again:  # something changed during the load: one more, then show only the fresh result
            self._again = False
            self._start()
            return
        self.alerts = list(data.alerts)
        self._set_content(self._build(data))
        self.loaded.emit()

    def _on_failed(self, error: BaseException) -> None:
        self._task = None
        if isinstance(error, CancelledError) or not shiboken6.isValid(self):
            return
        if isinstance(error, UserFacingError):
            reason = error.message.rstrip("。")
        else:
            log.error("工作台 load failed", exc_info=error)
            reason = FAILED_REASON
        self._again = False
        self._set_content(self._message(FAILED_TEXT.format(reason=reason)))

    # --- content ------------------------------------------------------------------------------------
    def _set_content(self, content: QWidget) -> None:
        """Swap the whole column in one step, so a reload never shows a half-built page."""
        position = self.scroll_area.verticalScrollBar().value()
        old = self.scroll_area.takeWidget()
        self.scroll_area.setWidget(content)
        self.scroll_area.verticalScrollBar().setValue(position)
        if old is not None:
            old.deleteLater()

    def _message(self, text: str) -> QWidget:
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        label = QLabel(text)
        label.setObjectName("hintLabel")
        label.setWordWrap(True)
        column.addWidget(label)
        column.addStretch(1)
        return content

    def _build(self, data: DashboardData) -> QWidget:
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(14)
        if not data.alerts:
            empty = QLabel(EMPTY_TEXT)
            empty.setObjectName("hintLabel")
            column.addWidget(empty)
        for urgency, (title, colour) in GROUPS.items():
            group = [alert for alert in data.alerts if alert.urgency is urgency]
            if group:
                column.addWidget(self._card(title, colour, group))
        column.addWidget(self._statistics(data))
        column.addStretch(1)
        return content

    def _statistics(self, data: DashboardData) -> QWidget:
        """Below the to-dos: small charts of the year (UX 工作台), each exportable."""
        from app.ui.widgets.stat_charts import StatCharts  # QtCharts loads only once there is data

        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 8, 0, 0)
        heading = QLabel(f"{data.statistics.year}年统计")
        heading.setObjectName("sectionTitle")
        layout.addWidget(heading)
        self.charts = StatCharts(data.statistics)
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
            button.setToolTip("打开这一项" if alert.entity_id else "打开所在页面")
            button.clicked.connect(lambda _=False, target=alert: open_alert(self.services, target))
            detail = QLabel(alert.detail)
            detail.setObjectName("hintLabel")
            detail.setWordWrap(True)
            layout.addWidget(button)
            layout.addWidget(detail)
        return card
