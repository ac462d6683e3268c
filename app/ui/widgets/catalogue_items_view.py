"""「目录事项」: one year's 基层政务公开标准目录 — each item's 公开时限 in the catalogue's words beside
the rule the app reads from it (amber where the clerk must decide, marked where the clerk corrected it)."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.catalogue.service import CatalogueService, ItemRow
from app.ui.controls.list_table import setup_list_table
from app.ui.dialogs.catalogue_import_dialog import CatalogueImportDialog
from app.ui.dialogs.catalogue_item_dialog import CatalogueItemDialog
from app.ui.errors import user_errors
from app.ui.page_services import PageServices

HEADERS = ("序号", "一级事项", "二级事项", "公开时限", "解析结果", "公开渠道", "层级", "公开主体")
WIDTHS = (48, 110, 170, 250, 215, 215, 48)
RULE_COLUMN = 4
MANUAL_BG, MANUAL_FG = QColor("#fff4e0"), QColor("#9a6700")
VOIDED_FG = QColor("#8a8f98")
CORRECTED = "（已更正）"
EMPTY_TEXT = (
    "{year}年还没有标准目录。点击「导入目录…」选择本单位的 Excel 目录，或选上一年度后点「复制到下一年…」。"
)


class CatalogueItemsView(QWidget):
    """For tests: `year_box`, `filter_edit`, `table`, `rows`, `count_label`, `import_button`, `copy_button`,
    `reload()`, `open_row(index)`."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.service = CatalogueService(services.ctx.sessions)
        self.rows: list[ItemRow] = []
        self.year_box = QComboBox()
        self.year_box.setMinimumWidth(100)
        self.year_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.copy_button = QPushButton("复制到下一年…")
        self.copy_button.setToolTip(
            "动态调整：以本年度目录为底稿建立下一年度目录（只复制事项，不复制关联的信息）"
        )
        self.copy_button.clicked.connect(self.copy_forward)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("查找：序号、事项、内容、时限、主体或渠道")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(lambda _t: self.reload())
        self.import_button = QPushButton("导入目录…")
        self.import_button.setProperty("primary", True)
        self.import_button.clicked.connect(self.import_catalogue)
        self.add_button = QPushButton("新增事项…")
        self.add_button.clicked.connect(self.add_item)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("年度："))
        bar.addWidget(self.year_box)
        bar.addWidget(self.copy_button)
        bar.addSpacing(12)
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.import_button)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        setup_list_table(self.table, widths=WIDTHS)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.table.activated.connect(lambda index: self.open_row(index.row()))
        self.empty_label = QLabel()
        self.empty_label.setObjectName("hintLabel")
        self.empty_label.setWordWrap(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("hintLabel")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.fill_years()

    @property
    def year(self) -> int:
        data = self.year_box.currentData()
        return int(data) if data is not None else self._services.ctx.clock.today().year

    def fill_years(self, select: int | None = None) -> None:
        today = self._services.ctx.clock.today().year
        years = sorted(set(self.service.years()) | {today})
        wanted = select or (self.year_box.currentData() if self.year_box.count() else None) or today
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for year in reversed(years):
            self.year_box.addItem(f"{year}年", year)
        self.year_box.setCurrentIndex(max(self.year_box.findData(wanted), 0))
        self.year_box.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        self.rows = self.service.items(self.year, self.filter_edit.text().strip() or None)
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            self._fill(index, row)
        self.table.resizeRowsToContents()
        filtering = bool(self.filter_edit.text().strip())
        self.empty_label.setVisible(not self.rows and not filtering)
        self.empty_label.setText(EMPTY_TEXT.format(year=self.year))
        self.copy_button.setEnabled(bool(self.rows))
        self.count_label.setText(_counts(self.rows, filtering))

    def _fill(self, index: int, row: ItemRow) -> None:
        value = row.value
        rule_text = row.rule_text + (CORRECTED if row.rule_corrected else "")
        level2 = value.level2 + ("（已作废）" if row.voided else "")
        texts = (value.seq, value.level1, level2, value.time_limit, rule_text, "、".join(value.channels),
                 value.tier, value.subject)  # fmt: skip
        cells = [QTableWidgetItem(text) for text in texts]
        for column, cell in enumerate(cells):
            cell.setToolTip(cell.text())
            if row.voided:
                cell.setForeground(QBrush(VOIDED_FG))
            self.table.setItem(index, column, cell)
        rule_cell = cells[RULE_COLUMN]
        if row.needs_manual and not row.voided:
            rule_cell.setBackground(MANUAL_BG)
            rule_cell.setForeground(MANUAL_FG)
            rule_cell.setToolTip(
                f"{row.rule.note or '这条公开时限没有固定日期'}。双击设定规则，或在关联信息时填写期限。"
            )
        elif row.rule_corrected:
            rule_cell.setToolTip("公开时限规则已由人工更正；重新导入目录时保留。")

    def open_row(self, index: int) -> None:
        if not 0 <= index < len(self.rows):
            return
        services = self._services
        dialog = CatalogueItemDialog(self.service, services.actor, self.year, self.rows[index], self)
        if dialog.exec() and dialog.saved is not None:
            self.reload()

    def add_item(self) -> None:
        dialog = CatalogueItemDialog(self.service, self._services.actor, self.year, None, self)
        if dialog.exec() and dialog.saved is not None:
            self.fill_years(self.year)

    def import_catalogue(self) -> None:
        services = self._services
        dialog = CatalogueImportDialog(self.service, services.runner, services.actor, self.year, self)
        if dialog.exec() and dialog.import_result is not None:
            self.fill_years(dialog.import_result.year)
            QMessageBox.information(self, "导入标准目录", dialog.import_result.summary())

    def copy_forward(self) -> None:
        source, target = self.year, self.year + 1
        live = sum(not row.voided for row in self.rows)
        question = (
            f"以{source}年目录（{live} 项，不含已作废的）为底稿建立{target}年目录？"
            "只复制事项和公开时限规则，不复制已关联的公开信息。复制后可在新年度中修改、增删（动态调整）。"
        )
        if QMessageBox.question(self, "复制到下一年", question) != QMessageBox.StandardButton.Yes:
            return
        with user_errors(self) as attempt:
            count = self.service.copy_year(self._services.actor, source, target)
        if attempt.ok:
            self.fill_years(target)
            QMessageBox.information(self, "复制到下一年", f"已建立{target}年目录，共 {count} 项。")


def _counts(rows: list[ItemRow], filtering: bool) -> str:
    if not rows:
        return "没有符合条件的事项。" if filtering else ""
    live = [row for row in rows if not row.voided]
    manual = sum(row.needs_manual for row in live)
    text = f"{'找到' if filtering else '共'} {len(live)} 项"
    if len(live) < len(rows):
        text += f"（另有 {len(rows) - len(live)} 项已作废）"
    if manual:
        text += f"；{manual} 项的公开时限没有固定日期（标黄），需人工确定"
    village = sum(row.value.tier == "村级" for row in live)
    if village:
        text += f"；村级事项 {village} 项"
    return text + "。"
