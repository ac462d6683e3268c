"""The 保存/取消 row most dialogs end with; texts are set explicitly, not left to Qt's translator."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox

OK = QDialogButtonBox.StandardButton.Ok
SAVE = QDialogButtonBox.StandardButton.Save
CANCEL = QDialogButtonBox.StandardButton.Cancel


def save_buttons(
    dialog: QDialog,
    save_text: str = "保存",
    *,
    cancel_text: str = "取消",
    on_accept: Callable[[], object] | None = None,
    kind: QDialogButtonBox.StandardButton = OK,
    primary: bool = False,
) -> QDialogButtonBox:
    """`on_accept` replaces dialog.accept for dialogs that validate first; `kind` is OK or SAVE."""
    buttons = QDialogButtonBox(kind | CANCEL)
    accept = buttons.button(kind)
    accept.setText(save_text)
    if primary:
        accept.setProperty("primary", True)
    buttons.button(CANCEL).setText(cancel_text)
    buttons.accepted.connect(on_accept or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
