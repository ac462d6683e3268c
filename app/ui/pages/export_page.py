"""上报导出: preview what may leave, build the package with progress and 取消, history, verify a package."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.export.catalogue.base import KIND_LABELS
from app.services.export.history import ExportSummary
from app.services.export.service import ExportMode, ExportPlan, ExportResult, ExportService
from app.services.export.verify import VerifyReport, verify_package
from app.ui.controls.date_fields import qdate
from app.ui.page_services import PageServices
from app.ui.pages.base_page import BasePage
from app.ui.pages.export_tables import fill as _fill
from app.ui.pages.export_tables import finding_rows, findings_table
from app.ui.pages.export_tables import make_table as _table
from app.ui.pages.export_tables import size_text as _size

MODES = ((ExportMode.FULL, "全部已公开信息"), (ExportMode.SINCE_LAST, "上次导出以来新增或修改的信息"))
PREVIEW_HEADERS = ("上报", "名称", "说明", "索引号")
HISTORY_HEADERS = ("导出时间", "方式", "条数", "文件数", "大小", "文件")
ITEM_HEADERS = ("类别", "索引号", "名称", "附件数")
SHOWN_PROBLEMS = 15
MASK_LABEL = "遮盖个人信息后上报"
MASK_TIP = (
    "不勾选：名称、发布机构、附件等处有身份证号、电话、银行卡号、住址的信息整条不上报（默认）。\n"
    "勾选：这些号码遮盖后上报（如 3101**********1234）；PDF 附件不能自动遮盖，仍不上报。"
)
TITLE_WIDTH = 230
INDEX_WIDTH = 130
NOTHING_YET = "还没有可以上报的信息：公文登记后经保密审查通过并公开，才会出现在这里。"
NOTHING_NEW = "上次导出以来没有新增或修改的可上报信息。"
EMPTY_PREVIEW = "点击「预览」查看哪些信息会放进数据包、哪些不能上报以及原因。"


class ExportPage(BasePage):
    """Attributes for tests: `preview_table`, `findings_table`, `mask_check`, `history_table`, `items_table`,
    `summary`, `last_result`."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__("上报导出", services, parent)
        self.last_result: ExportResult | None = None
        self.last_report: VerifyReport | None = None
        self._history: list[ExportSummary] = []
        self._service: ExportService = services.ctx.exports
        intro = QLabel(
            "只有经保密审查通过、已公开的主动公开信息才会放进数据包；依申请公开的答复和个人信息不会上报。"
            "数据包含清单 manifest.json、信息目录.xlsx、附件和 SHA256SUMS 校验值。"
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        self.root_layout.addWidget(intro)
        what, actions = self._build_controls()
        self.root_layout.addLayout(what)
        self.root_layout.addLayout(actions)
        self.summary = QLabel(EMPTY_PREVIEW)
        self.summary.setWordWrap(True)
        self.root_layout.addWidget(self.summary)
        self.preview_table = _table(PREVIEW_HEADERS, 2)
        for column, width in ((1, TITLE_WIDTH), (3, INDEX_WIDTH)):
            self.preview_table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Interactive
            )
            self.preview_table.setColumnWidth(column, width)
        self.findings_table = findings_table()
        self.left_tabs = QTabWidget()
        self.left_tabs.addTab(self.preview_table, "预览")
        self.left_tabs.addTab(self.findings_table, "个人信息")
        self.history_table = _table(HISTORY_HEADERS, 5)
        self.items_table = _table(ITEM_HEADERS, 2)
        self.history_table.itemSelectionChanged.connect(self._show_items)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self._titled("导出记录", self.history_table))
        right.addWidget(self._titled("所选数据包中的信息", self.items_table))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.left_tabs)
        split.addWidget(right)
        split.setSizes([640, 440])
        self.root_layout.addWidget(split, 1)

    def _titled(self, title: str, table: QTableWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(title)
        label.setObjectName("sectionTitle")
        layout.addWidget(label)
        layout.addWidget(table)
        return box

    def _build_controls(self) -> tuple[QHBoxLayout, QHBoxLayout]:
        row = QHBoxLayout()
        row.addWidget(QLabel("导出范围："))
        self.mode_group = QButtonGroup(self)
        for index, (_mode, label) in enumerate(MODES):
            radio = QRadioButton(label)
            radio.setChecked(index == 0)
            self.mode_group.addButton(radio, index)
            row.addWidget(radio)
        self.since_check = QCheckBox("指定日期起")
        self.since_edit = QDateEdit(qdate(self.clock.today()).addMonths(-1))
        self.since_edit.setCalendarPopup(True)
        self.since_edit.setDisplayFormat("yyyy-MM-dd")
        self.since_edit.setEnabled(False)
        self.since_check.toggled.connect(self.since_edit.setEnabled)
        row.addWidget(self.since_check)
        row.addWidget(self.since_edit)
        row.addStretch(1)
        actions = QHBoxLayout()
        self.part_checks: dict[str, QCheckBox] = {}
        for part in self._service.parts:
            check = QCheckBox(f"附带{part.title}")
            self.part_checks[part.key] = check
            actions.addWidget(check)
        if not self.part_checks:
            actions.addWidget(QLabel("（暂无可附带的年度报告或已公布的决策事项目录）"))
        actions.addStretch(1)
        self.mask_check = QCheckBox(MASK_LABEL)
        self.mask_check.setToolTip(MASK_TIP)
        self.mask_check.setChecked(self._service.masking())
        self.mask_check.toggled.connect(lambda _on: self.preview())
        actions.addWidget(self.mask_check)
        self.preview_button = QPushButton("预览")
        self.build_button = QPushButton("生成数据包…")
        self.build_button.setObjectName("primary")
        self.verify_button = QPushButton("校验数据包…")
        self.preview_button.clicked.connect(self.preview)
        self.build_button.clicked.connect(self.build)
        self.verify_button.clicked.connect(self.verify)
        for button in (self.preview_button, self.build_button, self.verify_button):
            actions.addWidget(button)
        return row, actions

    # --- choices ---------------------------------------------------------------------------------------
    def _mode(self) -> tuple[ExportMode, datetime | None]:
        if self.since_check.isChecked():
            day = self.since_edit.date().toPython()
            assert isinstance(day, date)
            return ExportMode.SINCE_DATE, datetime.combine(day, time.min)
        return MODES[max(self.mode_group.checkedId(), 0)][0], None

    def _parts(self) -> list[str]:
        return [key for key, check in self.part_checks.items() if check.isChecked()]

    # --- actions ---------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._service = self.services.ctx.exports
        self.mask_check.blockSignals(True)  # back to the office's setting; the preview below follows it
        self.mask_check.setChecked(self._service.masking())
        self.mask_check.blockSignals(False)
        self._history = self._service.history()
        _fill(
            self.history_table,
            [
                (
                    h.built_at.strftime("%Y-%m-%d %H:%M"),
                    h.mode,
                    str(h.items),
                    str(h.files),
                    _size(h.size),
                    h.file_name,
                )
                for h in self._history
            ],
        )
        if self._history:
            self.history_table.selectRow(0)
        else:
            self.items_table.setRowCount(0)
        self.preview()

    def preview(self) -> None:
        mode, since = self._mode()
        actor, mask = self.services.actor, self.mask_check.isChecked()
        self.services.runner.run(
            lambda _progress, _cancelled: self._service.preview(actor, mode, since, mask=mask),
            on_success=self._show_plan,
            parent=self,
            label="正在检查哪些信息可以上报…",
        )

    def _show_plan(self, plan: ExportPlan) -> None:
        rows = [("是", item.title, f"附件 {len(item.files)} 个", item.index_no) for item in plan.items]
        rows += [("否", left.title, left.reason, left.index_no) for left in plan.left_out]
        _fill(self.preview_table, rows)
        _fill(self.findings_table, finding_rows(plan))
        count = len(plan.findings)
        self.left_tabs.setTabText(1, f"个人信息（{count}）" if count else "个人信息")
        if not plan.items and not plan.left_out:
            self.summary.setText(NOTHING_YET if plan.mode is not ExportMode.SINCE_LAST else NOTHING_NEW)
            return
        unchanged = f"，{plan.unchanged} 条自上次导出以来没有变化" if plan.unchanged else ""
        personal = (
            f"发现 {count} 处疑似个人信息（{'已遮盖' if plan.masked else '所在信息不上报'}），"
            "见「个人信息」页。"
            if count
            else ""
        )
        self.summary.setText(
            f"将上报 {len(plan.items)} 条信息（{plan.file_count} 个附件，{_size(plan.total_bytes)}），"
            f"{len(plan.left_out)} 条不能上报{unchanged}。{personal}"
        )

    def build(self) -> None:
        office = self.services.ctx.settings.office()
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"{office.name if office else '政务公开'}上报数据包-{self.clock.today():%Y%m%d}.zip"
        target, _ = QFileDialog.getSaveFileName(
            self, "生成数据包", str(Path(folder) / name), "数据包 (*.zip)"
        )
        if not target:
            return
        mode, since = self._mode()
        parts, actor, mask = self._parts(), self.services.actor, self.mask_check.isChecked()
        self.services.runner.run(
            lambda progress, cancelled: self._service.build(
                actor, Path(target), mode, since, parts, progress, cancelled, mask=mask
            ),
            on_success=self._built,
            parent=self,
            label="正在生成数据包…",
        )

    def _built(self, result: ExportResult) -> None:
        self.last_result = result
        self.refresh()
        left = f"\n另有 {len(result.left_out)} 条不能上报，原因见预览。" if result.left_out else ""
        QMessageBox.information(
            self,
            "数据包已生成",
            f"已生成：{result.file}\n{result.items} 条信息，{result.files} 个附件，"
            f"{_size(result.size)}。{left}",
        )

    def verify(self) -> None:
        source, _ = QFileDialog.getOpenFileName(self, "选择要校验的数据包", "", "数据包 (*.zip)")
        if source:
            self.verify_file(Path(source))

    def verify_file(self, path: Path) -> None:
        self.services.runner.run(
            lambda progress, cancelled: verify_package(path, progress, cancelled),
            on_success=self._verified,
            parent=self,
            label="正在校验数据包…",
        )

    def _verified(self, report: VerifyReport) -> None:
        self.last_report = report
        if report.ok:
            QMessageBox.information(
                self,
                "数据包完好",
                f"{Path(report.file).name}：{report.items} 条信息，"
                f"{report.files_checked} 个文件的校验值全部一致。",
            )
            return
        lines = [problem.message() for problem in report.problems[:SHOWN_PROBLEMS]]
        more = len(report.problems) - SHOWN_PROBLEMS
        if more > 0:
            lines.append(f"……还有 {more} 处问题（命令行 python main.py export verify 可列出全部）")
        QMessageBox.warning(
            self,
            "数据包有问题",
            f"{Path(report.file).name} 有 {len(report.problems)} 处问题，请不要上报这个文件：\n\n"
            + "\n".join(lines),
        )

    def _show_items(self) -> None:
        row = self.history_table.currentRow()
        if not 0 <= row < len(self._history):
            return
        items = self._service.items_of(self._history[row].id)
        _fill(
            self.items_table,
            [(KIND_LABELS.get(i.kind, i.kind), i.index_no, i.title, str(i.file_count)) for i in items],
        )
