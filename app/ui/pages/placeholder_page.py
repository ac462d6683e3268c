"""A page whose feature is not built yet: says what it will do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.ui.page_services import PageServices
from app.ui.pages.base_page import BasePage


class PlaceholderPage(BasePage):
    def __init__(self, title: str, what: str, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(title, services, parent)
        card = QFrame()
        card.setObjectName("card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(24, 24, 24, 24)
        text = QLabel(what)
        text.setWordWrap(True)
        hint = QLabel("此功能正在建设中，后续版本提供。")
        hint.setObjectName("hintLabel")
        layout.addWidget(text)
        layout.addWidget(hint)
        self.root_layout.addWidget(card)
        self.root_layout.addStretch(1)
        text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
