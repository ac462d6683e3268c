"""What the 公开栏 page's buttons (boards_actions.py) use of the page: BoardsPage builds it.

The buttons live in their own module for size; typing them against this base instead of the page keeps
the two modules from importing each other (LAYOUT.md: no cycles, not even behind TYPE_CHECKING).
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton

from app.services.postings.service import PostingService
from app.services.postings.types import PostingInfo
from app.ui.pages.base_page import BasePage
from app.ui.widgets.pdf_preview import PdfPreview
from app.ui.widgets.posting_editor import PostingEditor


class BoardsView(BasePage):
    service: PostingService
    current: PostingInfo | None
    editor: PostingEditor
    preview: PdfPreview
    board_combo: QComboBox
    buttons: QHBoxLayout
    save_button: QPushButton
    delete_button: QPushButton

    def apply_filter(self) -> None:
        raise NotImplementedError

    def select(self, posting_id: int) -> None:
        raise NotImplementedError

    def show_message(self, text: str) -> None:
        raise NotImplementedError

    def show_latest(self) -> None:
        raise NotImplementedError
