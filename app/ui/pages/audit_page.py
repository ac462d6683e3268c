"""操作日志: filter the tamper-evident audit log, read an entry, open its object, export to Excel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QModelIndex, QStandardPaths, Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserFacingError
from app.services.audit.query import AuditDetail, AuditFilter, AuditQueryService
from app.ui.audit_names import UserNames
from app.ui.controls.date_fields import qdate
from app.ui.controls.list_table import setup_list_table
from app.ui.errors import show_error, user_errors
from app.ui.models.audit_table_model import (
    COL_ACTION,
    COL_AT,
    COL_ENTITY,
    COL_ENTITY_ID,
    COL_USERNAME,
    AuditTableModel,
)
from app.ui.page_services import PageServices
from app.ui.pages.base_page import BasePage

ALL = "全部"
DEFAULT_DAYS = 30
# Where each kind of logged object can be looked at; others have no page yet.
ENTITY_PAGES = {
    "单位信息": "settings",
    "设置": "settings",
    "公开栏位置": "settings",
    "账户": "settings",
    "节假日": "settings",
    "文书模板": "settings",
    "公文": "documents",
    "保密审查单": "review",
    "依申请公开": "requests",
    "决策目录": "decisions",
    "决策事项": "decisions",
    "决策过程": "decisions",
    "公开栏张贴": "boards",
    "张贴登记簿": "boards",
    "工作要点": "tasks",
    "工作要点任务": "tasks",
    "上报数据包": "export",
    "备份": "export",
}
COLUMN_WIDTHS = {COL_AT: 142, COL_USERNAME: 84, COL_ACTION: 84, COL_ENTITY: 88, COL_ENTITY_ID: 80}
NO_SELECTION = "在左侧选择一条日志，这里显示它的完整内容和校验值。"
DENIED_HINT = "如需查看，请联系管理员为您的账户添加相应角色。"


def _combo(width: int = 130) -> QComboBox:
    combo = QComboBox()
    combo.setMinimumWidth(width)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


def _fill(combo: QComboBox, values: list[str], label: Callable[[str], str] = str) -> None:
    """Replace the items, keeping the current choice when it still exists."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(ALL, None)
    for value in values:
        combo.addItem(label(value), value)
    combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
    combo.blockSignals(False)


class AuditPage(BasePage):
    """Attributes: `model` (the lazy table), `detail` (the selected entry's text), `count_label`."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__("操作日志", services, parent)
        self._service = AuditQueryService(services.ctx.sessions)
        self._actor = services.actor
        self.denied: str | None = None
        try:
            self._service.distinct_values(self._actor)
        except UserFacingError as refused:  # the UI only hides; the service decides
            self.denied = f"{refused.message}\n{DENIED_HINT}"
            message = QLabel(self.denied)
            message.setObjectName("hintLabel")
            message.setWordWrap(True)
            self.root_layout.addWidget(message)
            self.root_layout.addStretch(1)
            return
        self.model = AuditTableModel(self._service, self._actor, self)
        self.names = UserNames()
        self._build_filter_bar()
        self._build_body()
        self.refresh()

    # ---- layout ---------------------------------------------------------------------------------

    def _build_filter_bar(self) -> None:
        self.date_from, self.date_to = QDateEdit(), QDateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self._set_default_dates()
        self.username_combo, self.entity_combo, self.action_combo = _combo(), _combo(), _combo()
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText("搜索详情…")
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.setMaximumWidth(360)
        self.text_edit.setToolTip("在详情和编号中查找（Ctrl+F）")
        self.text_edit.returnPressed.connect(self.apply_filter)
        self.query_button = QPushButton("查询")
        self.query_button.setProperty("primary", True)
        self.query_button.clicked.connect(self.apply_filter)
        self.reset_button = QPushButton("清除条件")
        self.reset_button.clicked.connect(self.reset_filter)
        self.export_button = QPushButton("导出 Excel…")
        self.export_button.setToolTip("把当前列表中的日志导出为 Excel 文件")
        self.export_button.clicked.connect(self.action_export)

        first = QHBoxLayout()
        first.setSpacing(8)
        for label, widget in (
            ("日期", self.date_from),
            ("至", self.date_to),
            ("账户", self.username_combo),
            ("对象", self.entity_combo),
            ("操作", self.action_combo),
        ):
            first.addWidget(QLabel(label))
            first.addWidget(widget)
            first.addSpacing(6)
        first.addStretch(1)
        second = QHBoxLayout()
        second.setSpacing(8)
        second.addWidget(self.text_edit, 1)
        second.addWidget(self.query_button)
        second.addWidget(self.reset_button)
        second.addStretch(1)
        second.addWidget(self.export_button)
        self.root_layout.addLayout(first)
        self.root_layout.addLayout(second)

    def _build_body(self) -> None:
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_list_table(self.table, widths=COLUMN_WIDTHS, wrap=False, uniform_rows=True)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.table.doubleClicked.connect(lambda _index: self.open_entity())

        panel = QFrame()
        panel.setProperty("card", True)
        panel.setMinimumWidth(260)
        side = QVBoxLayout(panel)
        heading = QLabel("日志详情")
        heading.setStyleSheet("font-weight: bold;")
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setFrameShape(QFrame.Shape.NoFrame)
        self.detail.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # 64-char hashes
        self.open_button = QPushButton("打开对象")
        self.open_button.clicked.connect(self.open_entity)
        side.addWidget(heading)
        side.addWidget(self.detail, 1)
        side.addWidget(self.open_button)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(panel)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([760, 290])
        self.count_label = QLabel()
        self.count_label.setObjectName("hintLabel")
        self.root_layout.addWidget(splitter, 1)
        self.root_layout.addWidget(self.count_label)
        self._show_detail(None)

    # ---- filtering ------------------------------------------------------------------------------

    def current_filter(self) -> AuditFilter:
        start, end = self.date_from.date().toPython(), self.date_to.date().toPython()
        assert isinstance(start, date) and isinstance(end, date)
        return AuditFilter(
            date_from=start,
            date_to=end,
            username=self.username_combo.currentData(),
            entity=self.entity_combo.currentData(),
            action=self.action_combo.currentData(),
            text=self.text_edit.text().strip() or None,
        )

    def apply_filter(self) -> None:
        flt = self.current_filter()
        if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
            self.count_label.setText("开始日期晚于结束日期，请调整日期后再查询。")
            return
        with user_errors(self) as attempt:
            total = self.model.set_filter(flt)
        if not attempt.ok:
            return
        if total:
            self.count_label.setText(f"共 {total} 条")
        else:
            self.count_label.setText(
                "共 0 条。没有符合条件的日志，可以放宽日期范围或点击「清除条件」后再查询。"
            )
        self._show_detail(None)

    def _set_default_dates(self) -> None:
        today = self.clock.today()
        self.date_from.setDate(qdate(today - timedelta(days=DEFAULT_DAYS - 1)))
        self.date_to.setDate(qdate(today))

    def reset_filter(self) -> None:
        self._set_default_dates()
        for combo in (self.username_combo, self.entity_combo, self.action_combo):
            combo.setCurrentIndex(0)
        self.text_edit.clear()
        self.apply_filter()

    def refresh(self) -> None:
        if self.denied:
            return
        with user_errors(self) as attempt:
            usernames, entities, actions = self._service.distinct_values(self._actor)
        if not attempt.ok:
            return
        accounts = self.services.ctx.accounts.list_accounts()  # 账户 shown by name (issue 21)
        self.names = UserNames({account.username: account.display_name for account in accounts})
        self.model.names = self.names
        _fill(self.username_combo, usernames, self.names.full)
        _fill(self.entity_combo, entities)
        _fill(self.action_combo, actions)
        self.apply_filter()

    def action_find(self) -> None:
        if self.denied:
            return
        self.text_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text_edit.selectAll()

    # ---- detail and navigation ------------------------------------------------------------------

    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        self._show_detail(self._service.detail(self._actor, row.id) if row else None)

    def _show_detail(self, detail: AuditDetail | None) -> None:
        self._detail = detail
        if detail is None:
            self.detail.setPlainText(NO_SELECTION)
            self.open_button.setEnabled(False)
            self.open_button.setToolTip("先在列表中选择一条日志。")
            return
        row = detail.row
        target = f"{row.entity}（编号 {row.entity_id}）" if row.entity_id else row.entity
        who = self.names.full(row.username)
        lines = [f"时间：{row.at}", f"账户：{who}", f"操作：{row.action}", f"对象：{target}", ""]
        lines += ["内容：", *(detail.lines or ["（无其他内容）"]), ""]
        lines += ["本条校验值：", detail.hash, "", "前一条的校验值：", detail.prev_hash]
        self.detail.setPlainText("\n".join(lines))
        page = ENTITY_PAGES.get(row.entity)
        self.open_button.setEnabled(page is not None)
        self.open_button.setToolTip(
            "打开该对象所在的页面（双击也可以）"
            if page
            else f"「{row.entity}」没有可以打开的页面，请在上面的详情中查看。"
        )

    def open_entity(self) -> None:
        if self._detail is None:
            return
        page = ENTITY_PAGES.get(self._detail.row.entity)
        if page is not None:
            self.services.open_page(page)

    # ---- export ---------------------------------------------------------------------------------

    def action_export(self) -> None:
        if self.denied:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = Path(folder) / f"操作日志_{self.clock.today():%Y%m%d}.xlsx"
        name, _ = QFileDialog.getSaveFileName(self, "导出操作日志", str(suggested), "Excel 工作簿 (*.xlsx)")
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        service, actor, flt = self._service, self._actor, self.model.current_filter
        self.export_button.setEnabled(False)
        self.services.runner.run(
            lambda progress, is_cancelled: service.export_xlsx(actor, flt, path, progress, is_cancelled),
            on_success=lambda count: self._on_export_done(count, path),
            on_failure=self._on_export_failed,
            parent=self,
            label="正在导出操作日志…",
        )

    def _on_export_done(self, count: int, path: Path) -> None:
        self.export_button.setEnabled(True)
        self.refresh()  # the export logged itself
        self.count_label.setText(f"{self.count_label.text()}　已导出 {count} 条到 {path}")

    def _on_export_failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        show_error(self, error)
