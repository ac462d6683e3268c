"""The 「公开情况」 tab: has the office published what its catalogue requires, and on time? A year (and
quarter), a status filter, the counts, one line per item × occasion; a line opens the information linked to
it (公文, 公开栏张贴, 决策事项) or the item; 「记录公开…」 and 「设定期限…」 act on the selected line.

"Today" is the context's clock, read at every refresh; the 标准目录 page refreshes the tab when it is shown,
when the tab is chosen and when the window's day watch sees a new day."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.alerts import Alert, Urgency
from app.services.catalogue.compliance import ComplianceService
from app.services.catalogue.links import LinkService
from app.services.catalogue.service import CatalogueService
from app.services.catalogue.types import ComplianceRow, RuleKind, Status
from app.ui.controls.list_table import setup_list_table
from app.ui.dialogs import catalogue_publication_dialog as dialogs
from app.ui.errors import user_errors
from app.ui.page_services import PageServices
from app.ui.widgets.catalogue_compliance_model import (
    COL_SEQ,
    COL_VILLAGE,
    ComplianceTableModel,
    item_name,
)

FILTERS = ("全部", Status.PENDING, Status.OVERDUE, Status.LATE, Status.CHANNEL_GAP, Status.ON_TIME,
           Status.UNDATED)  # fmt: skip
COUNTED = (Status.OVERDUE, Status.PENDING, Status.LATE, Status.CHANNEL_GAP, Status.ON_TIME, Status.UNDATED)
COUNT_COLOURS = {Status.OVERDUE: "#c62828", Status.LATE: "#b26a00", Status.CHANNEL_GAP: "#b26a00",
                 Status.ON_TIME: "#2e7d32"}  # fmt: skip
# Where a line's linked information opens: the page and the alert entity its adapter knows.
SOURCE_TARGETS = {
    "公文": ("documents", "公文"),
    "公开栏": ("boards", "公开栏张贴"),
    "决策": ("decisions", "决策事项"),
}
NO_CATALOGUE = "{year}年还没有标准目录。请在「目录事项」中导入目录，或从上一年复制。"
NOTHING_YET = (
    "{year}年目录中还没有需要检查的事项。在「公文登记」等处把公文、公开栏张贴或决策事项关联到目录事项"
    "（「关联标准目录…」），这里就显示它们是否按时公开。"
)
NO_MATCH = "没有「{status}」的事项。"


class CatalogueComplianceView(QWidget):
    """For tests: `year`, `quarter`, `status_filter`, `counts`, `table`, `model`, `rows` (all lines of the
    check), `shown_rows()`, `select_row(n)`, `open_current()`, `record_publication()`, `set_due()`."""

    item_requested = Signal(int)  # a line without linked information opens its catalogue item

    def __init__(
        self,
        services: PageServices,
        parent: QWidget | None = None,
        open_target: Callable[[Alert], object] | None = None,
    ) -> None:
        """`open_target` shows an alert's page and item (pages.alert_targets.open_alert, which a widget
        cannot import); without it a line only switches to the page."""
        super().__init__(parent)
        self.services = services
        self._open_target = open_target or (lambda alert: services.open_page(alert.page))
        ctx = services.ctx
        self.compliance = ComplianceService(ctx.sessions, ctx.calendar)
        self.links = LinkService(ctx.sessions, ctx.calendar, ctx.attachments)
        self.catalogue = CatalogueService(ctx.sessions)
        self.rows: list[ComplianceRow] = []
        self.as_of = ctx.clock.today()
        self._manual: frozenset[int] = frozenset()
        self._has_catalogue = False
        self._time_limits: dict[int, str] = {}
        self._build_bar()
        self.counts = QLabel()
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.model = ComplianceTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_list_table(self.table, widths=(44, 200, 270, 136, 92, 104, 92, 110), wrap=False,
                         uniform_rows=True, sort_by=(COL_SEQ, Qt.SortOrder.AscendingOrder))  # fmt: skip
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._update_buttons())
        self.empty = QLabel()
        self.empty.setObjectName("hintLabel")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addLayout(self._bar)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        self.refresh()

    def _build_bar(self) -> None:
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(self.as_of.year)
        self.year.setSuffix(" 年")
        self.quarter = QComboBox()
        self.quarter.addItem("全年", None)
        for number in range(1, 5):
            self.quarter.addItem(f"截至第{number}季度", number)
        self.status_filter = QComboBox()
        for status in FILTERS:
            self.status_filter.addItem(str(status), None if status == "全部" else status)
        self.as_of_label = QLabel()
        self.as_of_label.setObjectName("hintLabel")
        self.open_button = QPushButton("打开")
        self.open_button.setToolTip("打开这一行关联的公文、张贴或决策事项（双击行也可以）")
        self.record_button = QPushButton("记录公开…")
        self.record_button.setToolTip("登记在政务新媒体、公开查阅点等渠道的公开，附网址、说明或截图")
        self.due_button = QPushButton("设定期限…")
        self.due_button.setToolTip("公开时限「需人工确定」的事项：按有关规定设定这一条信息的公开期限")
        self.open_button.clicked.connect(self.open_current)
        self.record_button.clicked.connect(self.record_publication)
        self.due_button.clicked.connect(self.set_due)
        self.year.valueChanged.connect(lambda _value: self.refresh())
        self.quarter.currentIndexChanged.connect(lambda _index: self.refresh())
        self.status_filter.currentIndexChanged.connect(lambda _index: self._show_rows())
        bar = QHBoxLayout()
        for widget in (QLabel("年度"), self.year, self.quarter, QLabel("状态"), self.status_filter):
            bar.addWidget(widget)
        bar.addWidget(self.as_of_label)
        bar.addStretch(1)
        for button in (self.open_button, self.record_button, self.due_button):
            bar.addWidget(button)
        self._bar = bar

    # ---- loading -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """The page calls this when it is shown, when the tab is chosen and when the day changes."""
        self.as_of = self.services.ctx.clock.today()
        year, quarter = self.year.value(), self.quarter.currentData()
        with user_errors(self) as attempt:
            self.rows = self.compliance.check(self.as_of, year, quarter)
            items = self.catalogue.items(year, include_voided=False)
        if not attempt.ok:
            return
        self._manual = frozenset(item.id for item in items if item.rule.kind is RuleKind.MANUAL)
        self._has_catalogue = bool(items)
        self._time_limits = {item.id: item.value.time_limit for item in items}
        self.as_of_label.setText(f"截至 {self.as_of.isoformat()}")
        self._show_rows()

    def _show_rows(self) -> None:
        wanted = self.status_filter.currentData()
        shown = [row for row in self.rows if wanted is None or row.status == wanted]
        self.model.set_rows(shown, self._manual)
        self.counts.setText(count_text(self.rows))
        year = self.year.value()
        if not self._has_catalogue:
            message = NO_CATALOGUE.format(year=year)
        elif not self.rows:
            message = NOTHING_YET.format(year=year)
        else:
            message = NO_MATCH.format(status=self.status_filter.currentText()) if not shown else ""
        self.empty.setText(message)
        self.empty.setVisible(bool(message))
        self.table.setVisible(not message)
        self.counts.setVisible(bool(self.rows))
        self.table.setColumnHidden(COL_VILLAGE, not any(row.village for row in shown))
        self._update_buttons()

    def shown_rows(self) -> list[ComplianceRow]:
        """The lines as the table shows them (sorted, filtered)."""
        found = (self.model.row_at(number) for number in range(self.model.rowCount()))
        return [row for row in found if row is not None]

    def select_row(self, number: int) -> None:
        self.table.selectRow(number)

    def select_item(self, item_id: int) -> bool:
        """The 工作台's catalogue alert: the item's first line as shown (the most urgent comes first)."""
        self.refresh()
        for number, row in enumerate(self.shown_rows()):
            if row.item_id == item_id:
                self.select_row(number)
                self.table.scrollTo(self.model.index(number, 0))
                return True
        return False

    def current_row(self) -> ComplianceRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        row = self.current_row()
        linked = row is not None and row.link_id is not None and not row.village
        self.open_button.setEnabled(row is not None)
        self.record_button.setEnabled(linked)
        self.due_button.setEnabled(linked and row is not None and row.item_id in self._manual)
        if row is not None and row.item_id not in self._manual:
            self.due_button.setToolTip("这一项的期限由目录的公开时限算出；只有「需人工确定」的事项才手工设定")
        else:
            self.due_button.setToolTip("公开时限「需人工确定」的事项：按有关规定设定这一条信息的公开期限")

    # ---- actions -----------------------------------------------------------------------------------

    def open_current(self) -> None:
        """The linked 公文 / 张贴 / 决策事项 on its page; otherwise (periods, villages) the catalogue item."""
        row = self.current_row()
        if row is None:
            return
        target = SOURCE_TARGETS.get(row.source_kind)
        if target is not None and row.source_id is not None:
            page, entity = target
            alert = Alert(Urgency.REMINDER, occasion_title(row), "", page, entity, str(row.source_id))
            self._open_target(alert)
            return
        self.item_requested.emit(row.item_id)

    def record_publication(self) -> None:
        row = self.current_row()
        if row is None or row.link_id is None or row.formed_on is None:
            return
        entry = dialogs.ask_publication(self, heading(row), row.missing_channels, row.formed_on, self.as_of)
        if entry is None:
            return
        with user_errors(self) as attempt:
            self.links.record_publication(
                self.services.actor, row.link_id, entry.channel, entry.published_on, entry.evidence,
                entry.screenshot,
            )  # fmt: skip
        if attempt.ok:
            self.refresh()

    def set_due(self) -> None:
        row = self.current_row()
        if row is None or row.link_id is None or row.formed_on is None:
            return
        limit = self._time_limits.get(row.item_id, "")
        accepted, due = dialogs.ask_due(self, heading(row), limit, row.due, row.formed_on)
        if not accepted:
            return
        with user_errors(self) as attempt:
            self.links.set_due(self.services.actor, row.link_id, due)
        if attempt.ok:
            self.refresh()


def heading(row: ComplianceRow) -> str:
    what = f"<br>{row.source_kind}：{row.source_title}" if row.source_title else ""
    return f"<b>第 {row.seq} 项　{item_name(row)}</b>{what}"


def occasion_title(row: ComplianceRow) -> str:
    return f"{row.seq} {item_name(row)}"


def count_text(rows: list[ComplianceRow]) -> str:
    """「共 12 条：未公开且已逾期 2　待公开 3 …」, the statuses that occur, the worrying ones first."""
    counts = Counter(row.status for row in rows)
    parts = []
    for status in COUNTED:
        if counts[status]:
            colour = COUNT_COLOURS.get(status)
            number = (
                f"<b style='color:{colour}'>{counts[status]}</b>" if colour else f"<b>{counts[status]}</b>"
            )
            parts.append(f"{status.value} {number}")
    return f"共 {len(rows)} 条　" + "　".join(parts)
