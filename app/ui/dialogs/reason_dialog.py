"""Asks the clerk why (作废, 删除, changing what was published): the reason goes into the audit log."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from app.ui.controls.dialog_buttons import OK, save_buttons

MAX_CHARS = 500


class ReasonDialog(QDialog):
    """`message` says what will happen; the action button stays disabled until a reason is written."""

    def __init__(
        self, title: str, message: str, action: str, parent: QWidget | None = None, placeholder: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.message = QLabel(message)
        self.message.setWordWrap(True)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(placeholder or "例如：登记重复；误登记；内容写错")
        self.reason_edit.setFixedHeight(84)
        self.buttons = save_buttons(self, action)
        self.action_button = self.buttons.button(OK)
        self.action_button.setEnabled(False)
        self.reason_edit.textChanged.connect(self._changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(QLabel("理由（记入操作日志，必填）："))
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)

    def _changed(self) -> None:
        text = self.reason_edit.toPlainText().strip()
        self.action_button.setEnabled(0 < len(text) <= MAX_CHARS)

    def reason(self) -> str:
        return " ".join(self.reason_edit.toPlainText().split())


def ask_reason(parent: QWidget | None, title: str, message: str, action: str) -> str | None:
    """The reason typed, or None when the clerk cancels. Tests replace this function."""
    dialog = ReasonDialog(title, message, action, parent)
    return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None
