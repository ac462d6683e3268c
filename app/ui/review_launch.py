"""发起保密审查 from the page of the item to be published (先审查、后公开, RULES §10 rule 30)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app.ui.dialogs.review_sheet_dialog import open_new_review_sheet
from app.ui.page_services import PageServices


def start_review(parent: QWidget, services: PageServices, item_kind: str, item_id: int, title: str) -> bool:
    """The new-sheet dialog, pre-filled with this item (kind from app/services/publication_gate.py)."""
    sheet = open_new_review_sheet(parent, services, item_kind, item_id, title)
    if sheet is None:
        return False
    QMessageBox.information(
        parent,
        "发起保密审查",
        f"已发起保密审查单 {sheet.number}。请在「保密审查」页逐级签批，审批通过后再回到这里登记公布或张贴。",
    )
    return True
