"""What every page offers the main window: a title, a refresh, and optional common actions."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.clock import Clock
from app.ui.page_services import PageServices


class BasePage(QWidget):
    """Pages override the action hooks they support; the window's Ctrl+N/S/F call them."""

    def __init__(self, title: str, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.page_title = title
        self.root_layout = QVBoxLayout(self)
        self.root_layout.setContentsMargins(24, 18, 24, 18)
        self.root_layout.setSpacing(12)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        self.root_layout.addWidget(heading)

    @property
    def clock(self) -> Clock:
        """The one clock (app/clock.py): every "today" on a page comes from here."""
        return self.services.ctx.clock

    def refresh(self) -> None:
        """Reload from the services; called when the page is shown."""

    def supports(self, action: str) -> bool:
        return callable(getattr(self, f"action_{action}", None))
