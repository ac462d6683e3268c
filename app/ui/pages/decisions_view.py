"""What the 决策目录 page's actions (decisions_actions.py) use of the page: DecisionsPage builds it.

Typed against this base, the actions module and the page never import each other (LAYOUT.md).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.services.decisions.service import DecisionService
from app.services.decisions.types import DirectoryInfo
from app.services.permissions import Actor
from app.ui.pages.base_page import BasePage


class DecisionsView(BasePage):
    service: DecisionService
    actor: Actor
    info: DirectoryInfo | None
    status_label: QLabel

    @property
    def year(self) -> int:
        raise NotImplementedError

    def show_year(self, year: int) -> None:
        raise NotImplementedError
