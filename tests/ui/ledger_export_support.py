"""Answer the ledger export dialog in a test: where to save, and whether 「包含完整证件号」 is ticked."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ui.dialogs import ledger_export_dialog
from app.ui.dialogs.ledger_export_dialog import LedgerExportChoice


def choose_export(monkeypatch: pytest.MonkeyPatch, path: Path, include_full: bool = False) -> None:
    xlsx = path if path.suffix == ".xlsx" else path.with_name(path.name + ".xlsx")
    choice = LedgerExportChoice(xlsx, include_full)
    monkeypatch.setattr(ledger_export_dialog, "ask_ledger_export", lambda *_a, **_k: choice)
