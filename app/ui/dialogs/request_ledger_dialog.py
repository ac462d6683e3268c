"""The 依申请公开 台账: its import (the generic ledger dialog fed with the request ledger's preview and save)
and its export (masked unless the clerk ticks 「包含完整证件号」)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QWidget

from app.services.common import IsCancelled, Progress
from app.services.formats.xlsx import ImportReport
from app.services.permissions import Actor
from app.services.privacy.masking import mask_id_number
from app.services.requests.ledger import LedgerPreview, LedgerService
from app.services.requests.ledger_rows import HEADERS, SUIT_PREFIXES, LedgerRow
from app.services.requests.outcomes import BY_KEY
from app.ui.dialogs import ledger_export_dialog
from app.ui.dialogs.ledger_import_dialog import LedgerImportDialog, LedgerView
from app.ui.page_services import PageServices
from app.ui.tasks import TaskRunner

SUIT_WORDS = {stage: word for word, stage in SUIT_PREFIXES.items()}


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def row_cells(row: LedgerRow) -> tuple[str, ...]:
    """One preview row in the order of HEADERS, written as the clerk's sheet had it."""
    outcome = BY_KEY.get(row.outcome or "")
    suit = f"{SUIT_WORDS.get(row.suit[0], row.suit[0])}:{row.suit[1]}" if row.suit else ""
    cells = (
        row.case_number,
        _day(row.received_on),
        row.channel,
        row.applicant_type,
        row.name,
        mask_id_number(row.id_number) if row.id_number else "",
        row.contact,
        row.description,
        _day(row.answered_on),
        outcome.ledger_label if outcome else "",
        row.review or "",
        suit,
    )
    assert len(cells) == len(HEADERS)
    return cells


def ledger_view(preview: LedgerPreview) -> LedgerView:
    rows = [(row.number, row_cells(row)) for row in preview.rows]
    return LedgerView(HEADERS, rows, preview.rejected, preview)


def request_import_dialog(
    runner: TaskRunner, ledger: LedgerService, actor: Actor, today: date, parent: QWidget | None = None
) -> LedgerImportDialog:
    def preview(path: Path) -> LedgerView:
        return ledger_view(ledger.preview(path, today))

    def save(payload: object, progress: Progress, cancelled: IsCancelled) -> ImportReport:
        assert isinstance(payload, LedgerPreview)
        return ledger.import_rows(actor, payload, today, progress, cancelled)

    return LedgerImportDialog("导入依申请公开台账", runner, preview, save, parent)


MASKED_NOTE = "。证件号码和联系方式已遮盖后导出（如 3101**********1234）"


def export_request_ledger(services: PageServices, parent: QWidget, done: Callable[[str], None]) -> None:
    """Ask where and whether with full numbers, then export in the background; `done` gets the message."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = Path(folder) / f"依申请公开台账_{services.ctx.clock.today():%Y%m%d}.xlsx"
    choice = ledger_export_dialog.ask_ledger_export("导出依申请公开台账", suggested, services.actor, parent)
    if choice is None:
        return
    ledger, actor, path, full = services.ctx.requests.ledger, services.actor, choice.path, choice.include_full
    note = "" if full else MASKED_NOTE
    services.runner.run(
        lambda progress, cancelled: ledger.export_xlsx(actor, path, progress, cancelled, include_full=full),
        on_success=lambda count: done(f"已导出 {count} 件申请到 {path}{note}"),
        parent=parent,
        label="正在导出依申请公开台账…",
    )
