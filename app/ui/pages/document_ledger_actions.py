"""公文登记 ↔ Excel 台账: the import dialog's preview/save callables and the export of the filtered list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QWidget

from app.services.common import IsCancelled, Progress
from app.services.documents.ledger import DocumentLedger, LedgerPreview
from app.services.documents.query import DocumentFilter
from app.services.formats.xlsx import ImportReport
from app.ui.dialogs import ledger_export_dialog
from app.ui.dialogs.ledger_import_dialog import LedgerImportDialog, LedgerView
from app.ui.page_services import PageServices

SHOWN_HEADERS = (
    "索引号",
    "文号",
    "标题",
    "发布机构",
    "成文日期",
    "公开日期",
    "公开属性",
    "主题分类",
    "体裁分类",
)


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def ledger_view(preview: LedgerPreview) -> LedgerView:
    rows = [
        (row.number, (
            row.index_no or "（自动生成）", row.value.doc_number, row.value.title, row.value.publisher,
            _day(row.value.written_on), _day(row.published_on), row.value.disclosure, row.value.topic,
            row.value.genre,
        ))
        for row in preview.valid
    ]  # fmt: skip
    return LedgerView(SHOWN_HEADERS, rows, preview.rejected, preview)


def ledger_of(services: PageServices) -> DocumentLedger:
    return DocumentLedger(services.ctx.sessions, services.ctx.documents)


def import_dialog(services: PageServices, parent: QWidget | None) -> LedgerImportDialog:
    ledger, actor = ledger_of(services), services.actor

    def save(payload: object, progress: Progress, cancelled: IsCancelled) -> ImportReport:
        assert isinstance(payload, LedgerPreview)
        return ledger.save(actor, payload, progress, cancelled)  # a cancel saves none of it

    return LedgerImportDialog(
        "导入公文登记台账", services.runner, lambda path: ledger_view(ledger.preview(path)), save, parent
    )


def export_ledger(
    services: PageServices, parent: QWidget, flt: DocumentFilter, done: Callable[[str], None]
) -> None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = Path(folder) / f"公文登记台账_{services.ctx.clock.today():%Y%m%d}.xlsx"
    choice = ledger_export_dialog.ask_ledger_export("导出公文登记台账", suggested, services.actor, parent)
    if choice is None:
        return
    ledger, actor, path, full = ledger_of(services), services.actor, choice.path, choice.include_full
    services.runner.run(
        lambda progress, cancelled: ledger.export(actor, flt, path, progress, cancelled, include_full=full),
        on_success=lambda count: done(f"已导出 {count} 件公文到 {path}"),
        parent=parent,
        label="正在导出公文登记台账…",
    )
