"""Backup and restore in the window (文件 menu, 管理员 only), and the automatic backup on exit (at most
once a day, for everyone: it stays on this PC)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from app.errors import CancelledError
from app.services.auto_backup import ON_EXIT, Generation
from app.services.backup import BackupResult, create_backup, default_backup_name, restore_backup
from app.services.generation_restore import restore_generation
from app.services.permissions import Role
from app.ui import strings
from app.ui.dialogs.restore_dialog import RestoreDialog
from app.ui.errors import show_error

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

log = logging.getLogger("zwgk.ui")
BACKUP_ADMIN_ONLY = (
    "备份文件里有全部申请人的个人信息，只有管理员可以备份和恢复。需要时请管理员登录（文件 → 切换账户）。"
)
NOTHING_BEFORE = "（恢复前数据文件夹中没有数据，无需保存）"
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
    paths, clock, actor = window.ctx.paths, window.ctx.clock, window.actor
    window.cancel_background_loads()
    window.ctx.close()

    def done(safety: Generation | None) -> None:
        window._reopen()  # the restore is already in the restored database's audit log
        kept = safety.folder if safety else NOTHING_BEFORE
        QMessageBox.information(window, "恢复完成", strings.RESTORE_DONE.format(safety=kept))

    window.runner.run(
        lambda progress, cancelled: restore_generation(
            paths, chosen, progress, cancelled, clock, actor=actor
        ),
        on_success=done,
        on_failure=window._on_restore_failed,
        parent=window,
        label="正在恢复数据…",
    )


def update_backup_actions(window: MainWindow) -> None:
    """Backups carry every applicant's personal data: 管理员 only (issue 19); the others see why."""
    allowed = Role.ADMIN in window.actor.roles
    for action in (window.backup_action, window.restore_action, window.generation_action):
        action.setEnabled(allowed)
        action.setToolTip("" if allowed else BACKUP_ADMIN_ONLY)


def backup_to_file(window: MainWindow) -> None:
    if Role.ADMIN not in window.actor.roles:
        return  # the entry is disabled; a shortcut reaching here does nothing (the service refuses too)
    ctx, actor = window.ctx, window.actor
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    target, _ = QFileDialog.getSaveFileName(
        window,
        "备份数据",
        str(Path(documents) / default_backup_name(ctx.clock.now())),
        "备份文件 (*.zip)",
    )
    if not target:
        return

    def done(result: BackupResult) -> None:
        window.ctx.settings.note_backup(actor, result.created_at, str(result.file))
        window._update_backup_label()
        size = f"{result.size / 1_048_576:.1f} MB"
        window.statusBar().showMessage(
            strings.BACKUP_DONE.format(file=result.file, size=size, count=result.attachments), 10_000
        )

    window.runner.run(
        lambda progress, cancelled: create_backup(
            ctx.engine, ctx.paths, Path(target), progress, cancelled, clock=ctx.clock, actor=actor
        ),
        on_success=done,
        parent=window,
        label="正在备份数据…",
    )


def restore_from_file(window: MainWindow) -> None:
    if Role.ADMIN not in window.actor.roles:
        return
    source, _ = QFileDialog.getOpenFileName(window, "选择备份文件", "", "备份文件 (*.zip)")
    if not source:
        return
    if QMessageBox.question(window, "从备份恢复", strings.RESTORE_CONFIRM) != QMessageBox.StandardButton.Yes:
        return
    paths, clock, actor = window.ctx.paths, window.ctx.clock, window.actor
    window.cancel_background_loads()
    window.ctx.close()

    def done(safety: Path | None) -> None:
        window._reopen()  # the restore is already in the restored database's audit log
        QMessageBox.information(
            window, "恢复完成", strings.RESTORE_DONE.format(safety=safety or NOTHING_BEFORE)
        )

    window.runner.run(
        lambda progress, cancelled: restore_backup(
            paths, Path(source), progress, cancelled, clock, actor=actor
        ),
        on_success=done,
        on_failure=window._on_restore_failed,
        parent=window,
        label="正在恢复数据…",
    )
