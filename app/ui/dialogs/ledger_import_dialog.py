"""Import an Excel 台账 (any register): preview the valid rows, list each rejected row, save in one go.

Generic: the caller supplies `preview(path) -> LedgerView` and `save(payload, progress, is_cancelled) ->
ImportReport`; both run through the task runner, so the dialog never opens a session itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.common import IsCancelled, Progress
from app.services.formats.xlsx import ImportReport, RejectedRow
from app.ui.controls.dialog_buttons import SAVE, save_buttons
from app.ui.controls.list_table import setup_list_table
from app.ui.errors import show_error
from app.ui.tasks import TaskRunner

MAX_SHOWN = 500  # preview rows drawn; the save still takes every valid row
MAX_COLUMN_WIDTH = 320
ROW_COLUMN = "行号"


@dataclass(frozen=True)
class LedgerView:
    """What the dialog shows: headers, one tuple of texts per valid row (with its sheet row number)."""

    headers: tuple[str, ...]
    rows: Sequence[tuple[int, tuple[str, ...]]]
    rejected: Sequence[RejectedRow]
    payload: object  # handed back to `save` unchanged (the service's own preview)


Preview = Callable[[Path], LedgerView]
Save = Callable[[object, Progress, IsCancelled], ImportReport]


class LedgerImportDialog(QDialog):
    """For tests: `load_file(path)`, `table`, `rejected_list`, `summary`, `save_button`, `report`."""

    def __init__(
        self, title: str, runner: TaskRunner, preview: Preview, save: Save, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(1100, 720)
        self._runner, self._preview, self._save = runner, preview, save
        self.view: LedgerView | None = None
        self.report: ImportReport | None = None
        intro = QLabel(
            "选择 Excel 台账（.xlsx 或旧版 .xls，第一行为表头，列的顺序不限）。先检查，核对无误后再导入；"
            "有问题的行会列在下方并跳过，改好后可以再导入这些行。"
        )
        intro.setWordWrap(True)
        self.file_label = QLabel("尚未选择文件。")
        self.file_label.setObjectName("hintLabel")
        choose = QPushButton("选择文件…")
        choose.clicked.connect(self.choose_file)
        top = QHBoxLayout()
        top.addWidget(choose)
        top.addWidget(self.file_label, 1)
        self.table = QTableWidget(0, 0)
        setup_list_table(self.table)
        self.rejected_list = QListWidget()
        self.rejected_list.setWordWrap(True)
        valid_box, self._valid_title = _titled(self.table, "将导入的行")
        rejected_box, self._rejected_title = _titled(self.rejected_list, "不能导入的行（行号：原因）")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(valid_box)
        splitter.addWidget(rejected_box)
        splitter.setSizes([460, 180])
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        buttons = save_buttons(self, "导入", on_accept=self.save, kind=SAVE, primary=True)
        self.save_button = buttons.button(SAVE)
        self.save_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)

    def choose_file(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name, _ = QFileDialog.getOpenFileName(self, "选择 Excel 台账", folder, "Excel 工作簿 (*.xlsx *.xls)")
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> None:
        self.file_label.setText(str(path))
        self.summary.setText("正在检查表格…")
        self.save_button.setEnabled(False)
        preview = self._preview
        self._runner.run(
            lambda _p, _c: preview(path), on_success=self.show_view, parent=self, label="正在检查表格…"
        )

    def show_view(self, view: LedgerView) -> None:
        self.view = view
        headers = (ROW_COLUMN, *view.headers)
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(list(headers))
        shown = view.rows[:MAX_SHOWN]
        self.table.setRowCount(len(shown))
        for row, (number, cells) in enumerate(shown):
            for column, text in enumerate((str(number), *cells)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        for column in range(len(headers)):  # fit the text, but one long title must not push the rest away
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), MAX_COLUMN_WIDTH))
        self.rejected_list.clear()
        self.rejected_list.addItems([row.message() for row in view.rejected])
        self._valid_title.setText(f"将导入的行（{len(view.rows)} 行）")
        self._rejected_title.setText(f"不能导入的行（{len(view.rejected)} 行，行号：原因）")
        more = f"（下表只显示前 {MAX_SHOWN} 行）" if len(view.rows) > MAX_SHOWN else ""
        if view.rows:
            text = (
                f"可以导入 {len(view.rows)} 行{more}，{len(view.rejected)} 行有问题将跳过。点「导入」保存。"
            )
        else:
            text = "没有可以导入的行。请按下方原因修改表格后重新选择文件。"
        self.summary.setText(text)
        self.save_button.setEnabled(bool(view.rows))

    def save(self) -> None:
        if self.view is None or not self.view.rows:
            return
        self.save_button.setEnabled(False)
        payload, save = self.view.payload, self._save
        self._runner.run(
            lambda progress, cancelled: save(payload, progress, cancelled),
            on_success=self._saved,
            on_failure=self._failed,
            parent=self,
            label="正在导入…",
        )

    def _saved(self, report: ImportReport) -> None:
        self.report = report
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        show_error(self, error)


def _titled(widget: QWidget, title: str) -> tuple[QWidget, QLabel]:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(title)
    label.setStyleSheet("font-weight:bold")
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    return box, label
