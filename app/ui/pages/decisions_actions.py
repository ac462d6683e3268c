"""决策目录 page actions: Excel import (preview → confirm → one transaction) and 发起保密审查."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.services.decisions.imports import DecisionImportPreview
from app.services.formats.xlsx import ImportReport
from app.services.review.kinds import ItemKind
from app.ui.pages.decisions_view import DecisionsView
from app.ui.review_launch import start_review

SHOWN_PROBLEMS = 20  # more would not fit a message box; the rest is counted


def import_directory(page: DecisionsView) -> None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    name, _ = QFileDialog.getOpenFileName(page, "导入决策事项目录", folder, "Excel 工作簿 (*.xlsx *.xls)")
    if not name:
        return
    importer = page.service.imports
    page.services.runner.run(
        lambda _p, _c: importer.preview(Path(name)),
        on_success=lambda preview: confirm_import(page, preview),
        parent=page,
        label="正在检查表格…",
    )


def confirm_import(page: DecisionsView, preview: DecisionImportPreview) -> None:
    problems = "\n".join(row.message() for row in preview.rejected[:SHOWN_PROBLEMS])
    hidden = len(preview.rejected) - SHOWN_PROBLEMS
    text = preview.summary() + (f"\n\n{problems}" if problems else "")
    if hidden > 0:
        text += f"\n……另有 {hidden} 行"
    if not preview.rows:
        QMessageBox.warning(page, "导入决策事项目录", text)
        return
    answer = QMessageBox.question(page, "导入决策事项目录", text + "\n\n确定导入吗？")
    if answer != QMessageBox.StandardButton.Yes:
        return
    importer, actor = page.service.imports, page.actor
    year = preview.rows[0].year

    def done(report: ImportReport) -> None:
        page.show_year(year)
        page.status_label.setText(report.summary() + "（未导入的行见上一步的提示）" * bool(report.rejected))

    page.services.runner.run(
        lambda progress, cancelled: importer.import_rows(actor, preview, progress, cancelled),
        on_success=done,
        parent=page,
        label="正在导入…",
    )


def review_directory(page: DecisionsView) -> None:
    if page.info is None:
        return
    title = f"{page.year}年重大行政决策事项目录"
    start_review(page, page.services, ItemKind.DECISION_DIRECTORY.value, page.info.id, title)
