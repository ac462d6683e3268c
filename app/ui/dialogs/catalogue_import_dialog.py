"""导入标准目录: pick the .xlsx and the year, see every item as read (with its parsed 公开时限 and any
problem), then import in one go. A file with problems imports nothing: fix it, pick it again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.catalogue.imports import MAX_YEAR, MIN_YEAR, CataloguePreview, ImportResult
from app.services.catalogue.rules import describe
from app.services.catalogue.service import CatalogueService
from app.services.catalogue.types import RuleKind
from app.services.permissions import Actor
from app.ui.controls.dialog_buttons import SAVE, save_buttons
from app.ui.controls.list_table import setup_list_table
from app.ui.errors import show_error
from app.ui.tasks import TaskRunner

HEADERS = ("行号", "序号", "一级事项", "二级事项", "公开时限", "解析结果", "公开渠道", "层级", "问题")
WIDTHS = (44, 44, 110, 150, 190, 160, 170, 44)
PROBLEM_COLOUR, NOTE_COLOUR = QColor("#b42318"), QColor("#9a6700")
MANUAL_BG = QColor("#fff4e0")


class CatalogueImportDialog(QDialog):
    """For tests: `load_file(path)`, `year_box`, `table`, `summary`, `import_button`, `import_result`."""

    def __init__(
        self,
        service: CatalogueService,
        runner: TaskRunner,
        actor: Actor,
        year: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入基层政务公开标准目录")
        self.resize(1180, 720)
        self._service, self._runner, self._actor = service, runner, actor
        self._path: Path | None = None
        self.preview: CataloguePreview | None = None
        self.import_result: ImportResult | None = None
        intro = QLabel(
            "选择本单位的标准目录（.xlsx）。表头可以是一行或两行（如「公开渠道和载体」下分「政府网站」"
            "「政务新媒体」等列并打 ✓），合并单元格的一级事项会填到它所跨的每一项。"
            "该年度已有目录时按序号合并：已关联公开信息的事项不会被删除，您更正过的公开时限规则保留不变。"
        )
        intro.setWordWrap(True)
        self.year_box = QSpinBox()
        self.year_box.setRange(MIN_YEAR, MAX_YEAR)
        self.year_box.setValue(year)
        self.year_box.setSuffix(" 年")
        self.year_box.valueChanged.connect(self._reload)
        choose = QPushButton("选择文件…")
        choose.clicked.connect(self.choose_file)
        self.file_label = QLabel("尚未选择文件。")
        self.file_label.setObjectName("hintLabel")
        top = QHBoxLayout()
        top.addWidget(QLabel("目录年度："))
        top.addWidget(self.year_box)
        top.addSpacing(16)
        top.addWidget(choose)
        top.addWidget(self.file_label, 1)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        setup_list_table(self.table, widths=WIDTHS)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        buttons = save_buttons(self, "导入", on_accept=self.save, kind=SAVE, primary=True)
        self.import_button = buttons.button(SAVE)
        self.import_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)

    def choose_file(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name, _ = QFileDialog.getOpenFileName(self, "选择标准目录", folder, "Excel 工作簿 (*.xlsx)")
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> None:
        self._path = path
        self.file_label.setText(str(path))
        self._reload()

    def _reload(self) -> None:
        if self._path is None:
            return
        self.summary.setText("正在读取表格…")
        self.import_button.setEnabled(False)
        path, year, importer = self._path, self.year_box.value(), self._service.imports
        self._runner.run(
            lambda _p, _c: importer.preview(path, year),
            on_success=self.show_preview,
            on_failure=self._unreadable,
            parent=self,
            label="正在读取表格…",
        )

    def show_preview(self, preview: CataloguePreview) -> None:
        self.preview = preview
        self.table.setRowCount(len(preview.rows))
        for index, row in enumerate(preview.rows):
            value = row.value
            problem = "；".join((*row.problems, *row.notes))
            texts = (str(row.number), value.seq, value.level1, value.level2, value.time_limit,
                     describe(row.rule), "、".join(value.channels), value.tier, problem)  # fmt: skip
            cells = [QTableWidgetItem(text) for text in texts]
            for column, cell in enumerate(cells):
                cell.setToolTip(cell.text())
                self.table.setItem(index, column, cell)
            if row.rule.kind is RuleKind.MANUAL:
                cells[5].setBackground(MANUAL_BG)
                cells[5].setToolTip(row.rule.note or "这条公开时限没有固定日期，请在目录中设定")
            if problem:
                cells[8].setForeground(PROBLEM_COLOUR if row.problems else NOTE_COLOUR)
        self.table.resizeRowsToContents()
        self.summary.setText(_summary(preview))
        self.import_button.setEnabled(not preview.blocking)

    def _unreadable(self, error: BaseException) -> None:
        self.summary.setText("这个文件无法作为标准目录读取，请换一个文件。")
        show_error(self, error)

    def save(self) -> None:
        if self.preview is None or self.preview.blocking:
            return
        self.import_button.setEnabled(False)
        preview, importer, actor = self.preview, self._service.imports, self._actor
        self._runner.run(
            lambda _p, _c: importer.commit(actor, preview),
            on_success=self._saved,
            on_failure=self._failed,
            parent=self,
            label="正在导入…",
        )

    def _saved(self, result: ImportResult) -> None:
        self.import_result = result
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.import_button.setEnabled(True)
        show_error(self, error)


def _summary(preview: CataloguePreview) -> str:
    manual = sum(row.rule.kind is RuleKind.MANUAL for row in preview.rows)
    text = f"读到 {len(preview.rows)} 项"
    if manual:
        text += f"，其中 {manual} 项的公开时限没有固定日期（标黄，导入后可在目录中设定）"
    if preview.blocking:
        return (
            text
            + f"。有 {len(preview.blocking)} 处问题（见「问题」列，红字），请在 Excel 中改正后重新选择文件。"
        )
    if preview.existing:
        text += f"。{preview.year}年已有 {preview.existing} 项，将按序号合并" + (
            f"（{preview.linked} 项已关联公开信息，会保留）" if preview.linked else ""
        )
    return text + "。点「导入」保存。"
