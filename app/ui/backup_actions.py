"""Automatic backups in the window: the backup on exit (at most once a day) and 从自动备份恢复…"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QMessageBox

from app.errors import CancelledError
from app.services.auto_backup import ON_EXIT, Generation, restore_generation
from app.ui import strings
from app.ui.dialogs.restore_dialog import RestoreDialog
from app.ui.errors import show_error

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

log = logging.getLogger("zwgk.ui")
CONFIRM = (
    "确定用 {when} 的自动备份替换当前的全部数据吗？\n\n"
    "当前数据会先自动备份为新的一份（时机「恢复前」），恢复错了也能再恢复回来。"
)


def start_exit_backup(window: MainWindow) -> bool:
    """Start the day's backup and return True (the window closes when it ends); False when not due."""
    if getattr(window, "_exit_backup_started", False):
        return False
    try:
        due = window.ctx.auto_backups.due()
    except Exception:  # a broken backup folder must never keep the clerk from quitting
        log.exception("automatic backup: could not list generations")
        return False
    if not due:
        return False
    window._exit_backup_started = True  # type: ignore[attr-defined]
    backups = window.ctx.auto_backups

    def succeeded(_generation: Generation) -> None:
        window.close()

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, CancelledError):
            show_error(window, exc)
        window.close()

    window.runner.run(
        lambda progress, cancelled: backups.run(ON_EXIT, progress, cancelled),
        on_success=succeeded,
        on_failure=failed,
        parent=window,
        label="正在自动备份，完成后退出…",
    )
    return True


def restore_from_generation(window: MainWindow) -> None:
    backups = window.ctx.auto_backups
    dialog = RestoreDialog(backups.generations(), backups.root(), window)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.selected is None:
        return
    chosen = dialog.selected
    when = chosen.created_at.strftime("%Y-%m-%d %H:%M")
    if (
        QMessageBox.question(window, "从自动备份恢复", CONFIRM.format(when=when))
        != QMessageBox.StandardButton.Yes
    ):
        return
    paths = window.ctx.paths
    window.ctx.close()

    def done(safety: Generation) -> None:
        window._reopen()
        window.ctx.settings.note_restore(window.actor, str(safety.folder))
        QMessageBox.information(window, "恢复完成", strings.RESTORE_DONE.format(safety=safety.folder))

    window.runner.run(
        lambda progress, cancelled: restore_generation(paths, chosen, progress, cancelled),
        on_success=done,
        on_failure=window._on_restore_failed,
        parent=window,
        label="正在恢复数据…",
    )
