"""Backup and restore in the window (文件 menu, 管理员 only), and the automatic backup on exit (at most
once a day, for everyone: it stays on this PC).

`BackupController` knows nothing of the window: it is given the context, the account, the task runner and
the callbacks it needs (reopen the data after a restore, say what happened), so the window imports it and
never the other way round (LAYOUT.md).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from app.errors import CancelledError
from app.services.context import AppContext
from app.services.permissions import Actor, Role
from app.services.storage.auto_backup import ON_EXIT, Generation
from app.services.storage.backup import BackupResult, create_backup, default_backup_name, restore_backup
from app.services.storage.generation_restore import restore_generation
from app.ui import strings
from app.ui.dialogs.restore_dialog import RestoreDialog
from app.ui.errors import show_error
from app.ui.tasks import TaskRunner

log = logging.getLogger("zwgk.ui")
BACKUP_ADMIN_ONLY = (
    "备份文件里有全部申请人的个人信息，只有管理员可以备份和恢复。需要时请管理员登录（文件 → 切换账户）。"
)
NOTHING_BEFORE = "（恢复前数据文件夹中没有数据，无需保存）"
CONFIRM = (
    "确定用 {when} 的自动备份替换当前的全部数据吗？\n\n"
    "当前数据会先自动备份为新的一份（时机「恢复前」），恢复错了也能再恢复回来。"
)


@dataclass
class BackupHooks:
    """What the controller asks of its window."""

    context: Callable[[], AppContext]  # the data folder now open (a restore replaces it)
    actor: Callable[[], Actor]
    before_restore: Callable[[], None]  # stop background loads and close the database
    reopen: Callable[[], None]  # open the restored data and rebuild the pages
    backed_up: Callable[[str], None]  # a status-bar line after a backup to a file
    close_window: Callable[[], object]  # after the backup on exit (QWidget.close; its bool is ignored)


class BackupController:
    def __init__(self, parent: QWidget, runner: TaskRunner, hooks: BackupHooks) -> None:
        self._parent, self._runner, self._hooks = parent, runner, hooks
        self._exit_backup_started = False

    def update_actions(self, actions: tuple[QAction, ...]) -> None:
        """Backups carry every applicant's personal data: 管理员 only (issue 19); the others see why."""
        allowed = self._is_admin()
        for action in actions:
            action.setEnabled(allowed)
            action.setToolTip("" if allowed else BACKUP_ADMIN_ONLY)

    def _is_admin(self) -> bool:
        return Role.ADMIN in self._hooks.actor().roles

    # ---- on exit ---------------------------------------------------------------------------------------

    def start_exit_backup(self) -> bool:
        """Start the day's backup and return True (the window closes when it ends); False when not due."""
        if self._exit_backup_started:
            return False
        backups = self._hooks.context().auto_backups
        try:
            due = backups.due()
        except Exception:  # a broken backup folder must never keep the clerk from quitting
            log.exception("automatic backup: could not list generations")
            return False
        if not due:
            return False
        self._exit_backup_started = True

        def succeeded(_generation: Generation) -> None:
            self._hooks.close_window()

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, CancelledError):
                show_error(self._parent, exc)
            self._hooks.close_window()

        self._runner.run(
            lambda progress, cancelled: backups.run(ON_EXIT, progress, cancelled),
            on_success=succeeded,
            on_failure=failed,
            parent=self._parent,
            label="正在自动备份，完成后退出…",
        )
        return True

    # ---- to and from a file -------------------------------------------------------------------------------

    def backup_to_file(self) -> None:
        if not self._is_admin():
            return  # the entry is disabled; a shortcut reaching here does nothing (the service refuses too)
        ctx, actor = self._hooks.context(), self._hooks.actor()
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(documents) / default_backup_name(ctx.clock.now()))
        target, _ = QFileDialog.getSaveFileName(self._parent, "备份数据", suggested, "备份文件 (*.zip)")
        if not target:
            return

        def done(result: BackupResult) -> None:
            ctx.settings.note_backup(actor, result.created_at, str(result.file))
            size = f"{result.size / 1_048_576:.1f} MB"
            self._hooks.backed_up(
                strings.BACKUP_DONE.format(file=result.file, size=size, count=result.attachments)
            )

        self._runner.run(
            lambda progress, cancelled: create_backup(
                ctx.engine, ctx.paths, Path(target), progress, cancelled, clock=ctx.clock, actor=actor
            ),
            on_success=done,
            parent=self._parent,
            label="正在备份数据…",
        )

    def restore_from_file(self) -> None:
        if not self._is_admin():
            return
        source, _ = QFileDialog.getOpenFileName(self._parent, "选择备份文件", "", "备份文件 (*.zip)")
        if not source:
            return
        answer = QMessageBox.question(self._parent, "从备份恢复", strings.RESTORE_CONFIRM)
        if answer != QMessageBox.StandardButton.Yes:
            return
        ctx, actor = self._hooks.context(), self._hooks.actor()
        paths, clock = ctx.paths, ctx.clock
        self._hooks.before_restore()

        def done(safety: Path | None) -> None:
            self._hooks.reopen()  # the restore is already in the restored database's audit log
            kept = safety or NOTHING_BEFORE
            QMessageBox.information(self._parent, "恢复完成", strings.RESTORE_DONE.format(safety=kept))

        self._runner.run(
            lambda progress, cancelled: restore_backup(
                paths, Path(source), progress, cancelled, clock, actor=actor
            ),
            on_success=done,
            on_failure=self._restore_failed,
            parent=self._parent,
            label="正在恢复数据…",
        )

    def restore_from_generation(self) -> None:
        ctx, actor = self._hooks.context(), self._hooks.actor()
        backups = ctx.auto_backups
        dialog = RestoreDialog(backups.generations(), backups.root(), self._parent)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.selected is None:
            return
        chosen = dialog.selected
        when = chosen.created_at.strftime("%Y-%m-%d %H:%M")
        answer = QMessageBox.question(self._parent, "从自动备份恢复", CONFIRM.format(when=when))
        if answer != QMessageBox.StandardButton.Yes:
            return
        paths, clock = ctx.paths, ctx.clock
        self._hooks.before_restore()

        def done(safety: Generation | None) -> None:
            self._hooks.reopen()
            kept = safety.folder if safety else NOTHING_BEFORE
            QMessageBox.information(self._parent, "恢复完成", strings.RESTORE_DONE.format(safety=kept))

        self._runner.run(
            lambda progress, cancelled: restore_generation(
                paths, chosen, progress, cancelled, clock, actor=actor
            ),
            on_success=done,
            on_failure=self._restore_failed,
            parent=self._parent,
            label="正在恢复数据…",
        )

    def _restore_failed(self, exc: BaseException) -> None:
        self._hooks.reopen()
        show_error(self._parent, exc)
