"""年度报告: the year's tables counted from the data, entered figures, narratives, checks, export, publish."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QWidget,
)

from app.services.common import IsCancelled, Progress
from app.services.formats.chinese import cn_date
from app.services.permissions import Perm, Role
from app.services.report.types import AnnualReportView
from app.ui.controls.date_fields import qdate
from app.ui.controls.dialog_buttons import save_buttons
from app.ui.errors import user_errors
from app.ui.page_services import PageServices
from app.ui.pages.base_page import BasePage
from app.ui.widgets.report_grids import (
    fill_table2,
    fill_table3,
    fill_table4,
    table2_grid,
    table3_grid,
    table4_grid,
)
from app.ui.widgets.report_inputs import FiguresForm, NarrativesForm

OK_STYLE = "color: #1e7b34; font-weight: bold;"
FAIL_STYLE = "color: #b3261e;"
WARN_STYLE = "color: #b26a00;"


class ReportPage(BasePage):
    """Attributes for tests: `year_box`, `checks_label`, `docx_button`, `json_button`, `checker_button`,
    `opening_box`, `view`, `last_file`."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__("年度报告", services, parent)
        self.service = services.ctx.annual_report
        self.view: AnnualReportView | None = None
        self.last_file: Path | None = None
        intro = QLabel(
            "按国办公开办函〔2021〕30号格式，表格数字直接从公文登记、依申请公开和复议诉讼记录统计；"
            "表二中登记簿无法统计的数字和文字部分在此录入。导出前自动核对表格的勾稽关系。"
        )
        intro.setWordWrap(True)
        intro.setObjectName("hintLabel")
        self.root_layout.addWidget(intro)
        self.root_layout.addLayout(self._toolbar())
        self.root_layout.addLayout(self._output_row())
        self.checks_label = QLabel()
        self.checks_label.setWordWrap(True)
        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet(WARN_STYLE)
        self.root_layout.addWidget(self.checks_label)
        self.root_layout.addWidget(self.warnings_label)
        self.tabs = QTabWidget()
        self.table2, self.table3, self.table4 = table2_grid(), table3_grid(), table4_grid()
        self.figures = FiguresForm(self._save_figures, self._save_prior)
        self.narratives = NarrativesForm(self._save_narratives)
        for widget, title in (
            (self.table3, "表三 收到和处理申请"),
            (self.table2, "表二 主动公开"),
            (self.table4, "表四 复议诉讼"),
            (self.figures, "录入数据"),
            (self.narratives, "文字部分（一、五、六）"),
        ):
            self.tabs.addTab(widget, title)
        self.root_layout.addWidget(self.tabs, 1)
        self._fill_years()

    def _toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel("报告年度："))
        self.year_box = QComboBox()
        self.year_box.currentIndexChanged.connect(lambda _index: self.refresh())
        row.addWidget(self.year_box)
        self.status_label = QLabel()
        row.addWidget(self.status_label)
        row.addStretch(1)
        self.publish_button = QPushButton("公布并锁定…")
        self.unlock_button = QPushButton("撤销锁定…")
        self.publish_button.clicked.connect(self.publish)
        self.unlock_button.clicked.connect(self.unlock)
        row.addWidget(self.publish_button)
        row.addWidget(self.unlock_button)
        actor = self.services.actor
        self.publish_button.setVisible(actor.can(Perm.PUBLISH_ANNUAL_REPORT))
        self.unlock_button.setVisible(Role.ADMIN in actor.roles)
        return row

    def _output_row(self) -> QHBoxLayout:
        """生成 .docx (with the optional 概述), the numbers as JSON, and the checkers' JSON."""
        row = QHBoxLayout()
        self.docx_button = QPushButton("生成年度报告 .docx…")
        self.docx_button.setObjectName("primary")
        self.opening_box = QCheckBox("开头加概述段")
        self.opening_box.setToolTip(
            "在「一、总体情况」之前加一段概述：编制依据、统计期限（1月1日至12月31日）和本机关的联系方式。"
        )
        self.json_button = QPushButton("导出数字 .json…")
        self.checker_button = QPushButton("导出核查用数字 .json…")
        self.checker_button.setToolTip(
            "按年报核查工具读取的结构（六部分，表二至表四按官方表格的行列）写出全部数字，"
            "上级核查时不必识别 PDF。"
        )
        self.docx_button.clicked.connect(lambda: self._ask_and_export(".docx"))
        self.json_button.clicked.connect(lambda: self._ask_and_export(".json"))
        self.checker_button.clicked.connect(lambda: self._ask_and_export(".json", checker=True))
        for widget in (self.docx_button, self.opening_box, self.json_button, self.checker_button):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _fill_years(self) -> None:
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for year in self.service.years():
            self.year_box.addItem(f"{year}年", year)
        self.year_box.blockSignals(False)
        self.refresh()

    @property
    def year(self) -> int:
        value = self.year_box.currentData()
        return int(value) if value is not None else self.clock.today().year - 1

    def select_year(self, year: int) -> None:
        index = self.year_box.findData(year)
        if index < 0:
            self.year_box.addItem(f"{year}年", year)
            index = self.year_box.count() - 1
        self.year_box.setCurrentIndex(index)
        self.refresh()

    # ---- showing ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        view = self.service.report(self.year)
        self.view = view
        fill_table2(self.table2, view.table2)
        fill_table3(self.table3, view.table3)
        fill_table4(self.table4, view.table4)
        self.figures.load(view)
        self.narratives.load(view)
        if view.locked and view.published_on:
            self.status_label.setText(f"已于{cn_date(view.published_on)}公布，本年度已锁定")
        else:
            self.status_label.setText("编制中")
        if view.failures:
            self.checks_label.setStyleSheet(FAIL_STYLE)
            self.checks_label.setText(
                f"有 {len(view.failures)} 项核对未通过，改正前不能导出：\n" + "\n".join(view.failures)
            )
        else:
            source = f"（上年结转已与{view.last_year_source}核对）" if view.last_year_source else ""
            self.checks_label.setStyleSheet(OK_STYLE)
            self.checks_label.setText(f"✓ 表三、表四的勾稽关系全部核对通过{source}。")
        self.warnings_label.setText("\n".join(view.warnings))
        self.warnings_label.setVisible(bool(view.warnings))
        for button in (self.docx_button, self.json_button, self.checker_button):
            button.setEnabled(view.ok)
            button.setToolTip("" if view.ok else "表格核对未通过，请先按上方提示核对数据。")
        self.publish_button.setEnabled(view.ok and not view.locked)
        self.unlock_button.setEnabled(view.locked)
        self.figures.setEnabled(not view.locked)
        self.narratives.setEnabled(not view.locked)

    # ---- saving -----------------------------------------------------------------------------------

    def _try(self, change: Callable[[], object]) -> bool:
        """Run one service call; a refusal is shown calmly and the page stays as it was."""
        with user_errors(self) as attempt:
            change()
        if attempt.ok:
            self.refresh()
        return attempt.ok

    def _save_figures(self) -> None:
        actor, year = self.services.actor, self.year
        self._try(lambda: self.service.save_figures(actor, year, self.figures.collect()))

    def _save_prior(self) -> None:
        actor, year = self.services.actor, self.year
        self._try(lambda: self.service.save_prior_carryover(actor, year, self.figures.collect_prior()))

    def _save_narratives(self, texts: dict[str, str]) -> None:
        actor, year = self.services.actor, self.year
        self._try(lambda: self.service.save_narratives(actor, year, texts))

    def action_save(self) -> None:
        self.narratives.save()

    # ---- output -----------------------------------------------------------------------------------

    def _ask_and_export(self, suffix: str, checker: bool = False) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        office = self.view.office if self.view else ""
        name = f"{office}{self.year}年政府信息公开工作年度报告{'（核查用）' if checker else ''}{suffix}"
        kind = "Word 文档 (*.docx)" if suffix == ".docx" else "JSON 文件 (*.json)"
        target, _ = QFileDialog.getSaveFileName(self, "保存年度报告", str(Path(folder) / name), kind)
        if target:
            self.export_to(Path(target), checker=checker)

    def export_to(self, target: Path, checker: bool = False) -> None:
        """Write the .docx or a .json (`checker`: the checkers' structure) in the background; a refusal
        (failed check, office name unset, 五/六 left as 「无」) comes back as a message."""
        actor, year, service = self.services.actor, self.year, self.service
        opening = self.opening_box.isChecked()

        def job(progress: Progress, cancelled: IsCancelled) -> Path:
            if checker:
                return service.export_checker_json(actor, year, target)
            if target.suffix.lower() == ".json":
                return service.export_json(actor, year, target)
            return service.export_docx(actor, year, target, progress, cancelled, opening=opening)

        self.services.runner.run(job, on_success=self._exported, parent=self, label="正在生成年度报告…")

    def _exported(self, path: Path) -> None:
        self.last_file = path
        QMessageBox.information(self, "已生成", f"已保存：{path}")

    def publish(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle("公布并锁定年度报告")
        form = QFormLayout(dialog)
        form.addRow(
            QLabel(f"公布后，{self.year}年办结的申请和本报告将被锁定，只有管理员填写原因后才能修改。")
        )
        day = QDateEdit(qdate(self.clock.today()))
        day.setCalendarPopup(True)
        day.setDisplayFormat("yyyy-MM-dd")
        form.addRow("公布日期：", day)
        form.addRow(save_buttons(dialog, "确定"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            on = day.date().toPython()
            assert isinstance(on, date)
            self.publish_on(on)

    def publish_on(self, on: date) -> None:
        actor, year = self.services.actor, self.year
        self._try(lambda: self.service.publish(actor, year, on))

    def unlock(self) -> None:
        reason, ok = QInputDialog.getText(self, "撤销锁定", "撤销锁定的原因（记入操作日志）：")
        if ok:
            actor, year = self.services.actor, self.year
            self._try(lambda: self.service.unlock(actor, year, reason))
