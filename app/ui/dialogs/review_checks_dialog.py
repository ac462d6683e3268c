"""回答审查要点 on a sheet made without the form (e.g. from 公文登记), before anyone signs (issue 21)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from app.services.permissions import SessionEndedError
from app.services.review.types import SheetDetail
from app.ui.controls.dialog_buttons import save_buttons
from app.ui.controls.review_checks import ChecksEditor
from app.ui.errors import user_errors
from app.ui.page_services import PageServices


class ReviewChecksDialog(QDialog):
    """For tests: `checks` (a ChecksEditor)."""

    def __init__(self, sheet: SheetDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"回答审查要点 — {sheet.number}")
        self.setMinimumWidth(640)
        title = QLabel(f"<b>{sheet.values.item_title}</b>")
        title.setWordWrap(True)
        hint = QLabel(
            "逐项判断拟公开的内容是否涉及以下情形。选「是」时写明涉及的内容和处理办法，"
            "审查结论将默认为「部分公开」（涉及国家秘密时为「不予公开」），签署时仍可改选。"
        )
        hint.setObjectName("hintLabel")
        hint.setWordWrap(True)
        self.checks = ChecksEditor()
        self.checks.set_answers(sheet.values.checks, sheet.values.check_notes)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.checks)
        layout.addWidget(save_buttons(self, "保存", primary=True))


def answer_review_checks(
    parent: QWidget | None, services: PageServices, sheet: SheetDetail
) -> SheetDetail | None:
    """The dialog until the answers are saved or the clerk cancels; None when cancelled."""
    dialog = ReviewChecksDialog(sheet, parent)
    while dialog.exec():
        with user_errors(dialog) as attempt:
            return services.ctx.reviews.answer_checks(
                services.actor, sheet.id, dialog.checks.answers(), dialog.checks.notes(), sheet.version
            )
        if attempt.stale or isinstance(attempt.error, SessionEndedError):
            return None
    return None
