"""工作要点 exports: the ledger as .xlsx (dates as real Excel dates) and the 落实情况 as .docx."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app import APP_NAME
from app.ui.page_services import PageServices


def export_tasks(services: PageServices, parent: QWidget, year: int, kind: str) -> None:
    """Ask where, then write in the background; a message says where the file went."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    name = f"{year}年工作要点台账.xlsx" if kind == "xlsx" else f"{year}年工作要点落实情况.docx"
    pattern = "Excel 工作簿 (*.xlsx)" if kind == "xlsx" else "Word 文档 (*.docx)"
    chosen, _ = QFileDialog.getSaveFileName(parent, "导出", str(Path(folder) / name), pattern)
    if not chosen:
        return
    path = Path(chosen)
    if path.suffix.lower() != f".{kind}":
        path = path.with_name(f"{path.name}.{kind}")
    service, actor = services.ctx.workplan, services.actor
    office = services.ctx.settings.office()
    office_name = office.name if office else ""

    def exported(_result: object) -> None:
        QMessageBox.information(parent, APP_NAME, f"已导出到：{path}")

    if kind == "xlsx":
        services.runner.run(
            lambda progress, cancelled: service.export_xlsx(actor, year, path, progress, cancelled),
            on_success=exported,
            parent=parent,
            label="正在导出工作要点台账…",
        )
    else:
        services.runner.run(
            lambda _progress, _cancelled: service.export_docx(actor, year, path, office_name),
            on_success=exported,
            parent=parent,
            label="正在生成落实情况…",
        )
