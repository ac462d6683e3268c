"""The 「村（居）务公开」 tab: the villages and communities (add, rename, 停用), a quarter, and the summary
grid of each village's postings of the 村级 items due in it; double-click a cell to record or correct one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.services.catalogue.villages import VillageService
from app.services.catalogue.villages_summary import VillageQuarterTable, quarter_title
from app.ui.dialogs import village_posting_dialog
from app.ui.dialogs.village_posting_dialog import PostingContext
from app.ui.errors import user_errors
from app.ui.page_services import PageServices
from app.ui.widgets.catalogue_villages_grid import VillageQuarterGrid
from app.ui.widgets.catalogue_villages_list import VillageListPanel

LEGEND = (
    "✓ 按时公示　红色：逾期公示　黄色：已过期限仍未公示　—：还没到公示期限。"
    "双击格子（或选中后按回车）登记或更正公示。"
)


class CatalogueVillagesView(QWidget):
    """For tests: `villages` (the list panel), `year`, `quarter`, `grid`, `table` (the VillageQuarterTable
    shown), `open_cell(row, column)`, `export_to(path)`."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        ctx = services.ctx
        self.service = VillageService(ctx.sessions, ctx.attachments, ctx.calendar)
        today = ctx.clock.today()
        self.table: VillageQuarterTable | None = None

        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.year.setSuffix(" 年")
        self.quarter = QComboBox()
        for number in range(1, 5):
            self.quarter.addItem(f"第{number}季度", number)
        self.quarter.setCurrentIndex((today.month - 1) // 3)
        self.as_of_label = QLabel()
        self.export_button = QPushButton("导出汇总表…")
        self.export_button.setToolTip("把本季度的汇总表导出为 Excel 工作簿（.xlsx）")
        self.export_button.clicked.connect(self.choose_export)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("季度"))
        bar.addWidget(self.year)
        bar.addWidget(self.quarter)
        bar.addWidget(self.as_of_label)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        self.year.valueChanged.connect(lambda _v: self.refresh_grid())
        self.quarter.currentIndexChanged.connect(lambda _i: self.refresh_grid())

        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grid = VillageQuarterGrid()
        self.grid.cellDoubleClicked.connect(self.open_cell)
        enter = QShortcut(
            QKeySequence(Qt.Key.Key_Return), self.grid, context=Qt.ShortcutContext.WidgetShortcut
        )
        enter.activated.connect(lambda: self.open_cell(self.grid.currentRow(), self.grid.currentColumn()))
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.legend = QLabel(LEGEND)
        self.legend.setObjectName("hintLabel")
        self.legend.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.grid, 1)
        right_layout.addWidget(self.empty, 1)
        right_layout.addWidget(self.legend)

        splitter = QSplitter()
        self.villages = VillageListPanel(self.service, services.actor)
        self.villages.changed.connect(self.refresh_grid)
        splitter.addWidget(self.villages)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 950])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.refresh()

    # ---- the quarter -------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.villages.refresh()
        self.refresh_grid()

    def refresh_grid(self) -> None:
        year, quarter = self.year.value(), int(self.quarter.currentData())
        with user_errors(self) as attempt:
            self.table = self.service.quarter_summary(year, quarter, self.services.ctx.clock.today())
        if not attempt.ok or self.table is None:
            return
        table = self.table
        self.title.setText(quarter_title(year, quarter))
        self.as_of_label.setText(f"统计到 {table.as_of.isoformat()}")
        empty = _empty_text(table)
        self.empty.setText(empty)
        self.empty.setVisible(bool(empty))
        self.grid.setVisible(not empty)
        self.legend.setVisible(not empty)
        self.export_button.setEnabled(not empty)
        self.grid.show_table(table)

    def open_cell(self, row: int, column: int) -> None:
        table = self.table
        if table is None or not 0 <= row < len(table.rows) or not 1 <= column <= len(table.columns):
            return
        village, target = table.rows[row], table.columns[column - 1]
        cell = village.cells[column - 1]
        earlier = self.service.posting(target.item_id, village.village_id, target.period_key)
        context = PostingContext(
            village.village,
            f"{target.seq} {target.title}",
            target.period_label,
            target.due,
            self.services.ctx.clock.today(),
            cell.posted_on,
            earlier.checked_by if earlier else "",
            earlier.note if earlier else "",
            cell.has_photo,
        )
        entry = village_posting_dialog.ask_posting(self, context)
        if entry is None:
            return
        with user_errors(self) as attempt:
            self.service.record_posting(
                self.services.actor,
                target.item_id,
                village.village_id,
                target.period_key,
                entry.posted_on,
                entry.photo,
                entry.checked_by,
                entry.note,
            )
        if attempt.ok:
            self.refresh()  # the list's posting counts change too (删除 is only for unused ones)

    # ---- export ------------------------------------------------------------------------------------

    def choose_export(self) -> None:
        if self.table is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"{self.table.title}.xlsx"
        chosen, _ = QFileDialog.getSaveFileName(
            self, "导出汇总表", str(Path(folder) / name), "Excel 工作簿 (*.xlsx)"
        )
        if chosen:
            path = Path(chosen)
            self.export_to(path if path.suffix.lower() == ".xlsx" else path.with_name(f"{path.name}.xlsx"))

    def export_to(self, path: Path) -> None:
        with user_errors(self) as attempt:
            self.service.export_quarter(
                self.services.actor, self.year.value(), int(self.quarter.currentData()), path
            )
        if attempt.ok:
            QMessageBox.information(self, APP_NAME, f"已导出到：{path}")


def _empty_text(table: VillageQuarterTable) -> str:
    if not table.rows:
        return "还没有登记村（社区）。在左侧输入名称，点「添加」。"
    if not table.columns:
        return (
            f"{table.year}年的标准目录中没有在第{table.quarter}季度到期的村级定期公开事项。"
            "请先在「目录事项」中导入目录，并确认村级事项的公开时限（如「每季度首月20日前」「每月」）。"
        )
    return ""
