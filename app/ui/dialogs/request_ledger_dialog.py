"""The 依申请公开 台账 import: the generic ledger dialog fed with the request ledger's preview and save."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.services.common import IsCancelled, Progress
from app.services.formats.xlsx import ImportReport
from app.services.permissions import Actor
from app.services.privacy.masking import mask_id_number
from app.services.requests.ledger import LedgerPreview, LedgerService
from app.services.requests.ledger_rows import HEADERS, SUIT_PREFIXES, LedgerRow
from app.services.requests.outcomes import BY_KEY
from app.ui.dialogs.ledger_import_dialog import LedgerImportDialog, LedgerView
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
