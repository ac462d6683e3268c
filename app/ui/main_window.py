"""The main window: the frame (window_frame.py) with the data attached — pages, backups, accounts, lock.

`MainWindow(ctx, runner, actor)` builds the frame and attaches at once; start-up builds
`MainWindow(paths=…)`, paints it, opens the data off the GUI thread and then calls `attach` (issue 24).
What needs SQLAlchemy is imported inside the methods, so this module stays light for the first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication

from app import APP_NAME
from app.paths import DataPaths
from app.services.permissions import Actor, Role
from app.ui.day_watch import DayWatcher
from app.ui.idle_lock import Curtain, IdleWatcher
from app.ui.pages import visible_pages
from app.ui.window_frame import WindowFrame

if TYPE_CHECKING:
    from app.services.context import AppContext
    from app.ui.backup_actions import BackupHooks
    from app.ui.dialogs.login_dialog import LockReason
    from app.ui.pages.base_page import BasePage
    from app.ui.tasks import TaskRunner


def window_title(office_name: str) -> str:
    """「赵巷镇人民政府 — 政务公开工作台」: ending with the app's display name, so Windows and Linux do not
    append it a second time (QPlatformWindow::formatWindowTitle appends it unless the title ends with it)."""
    return f"{office_name} — {APP_NAME}"


class MainWindow(WindowFrame):
    ctx: AppContext
    runner: TaskRunner
    actor: Actor

    def __init__(
        self,
        ctx: AppContext | None = None,
        runner: TaskRunner | None = None,
        actor: Actor | None = None,
        *,
        paths: DataPaths | None = None,
    ) -> None:
        folder = ctx.paths if ctx is not None else paths
        assert folder is not None, "MainWindow needs a context or the data folder's paths"
        super().__init__(folder)
        self._locked = False
        if ctx is not None:
            assert runner is not None and actor is not None
            self.attach(ctx, runner, actor)

    def attach(self, ctx: AppContext, runner: TaskRunner, actor: Actor) -> None:
        """The data is open and the clerk signed in: the pages come in, starting with the one selected
        (a click during loading was kept by the navigation), and the data's menu entries work."""
        from app.ui.backup_actions import BackupController

        self.ctx, self.runner, self.actor = ctx, runner, actor
        self.setWindowTitle(window_title(self._office_name()))
        self.backups = BackupController(self, runner, self._backup_hooks())
        self.backup_action.triggered.connect(self.backup)
        self.restore_action.triggered.connect(self.restore)
        self.generation_action.triggered.connect(self.backups.restore_from_generation)
        self.switch_action.triggered.connect(self.switch_account)
        self.lock_action.triggered.connect(lambda: self.lock())
        for action in (self.switch_action, self.lock_action):
            action.setEnabled(True)
            action.setToolTip("")
        self._update_backup_actions()
        self._update_account_label()
        self._update_backup_label()
        self._show_pages_of(actor)
        self.stack.removeWidget(self.loading_label)
        self.loading_label.deleteLater()
        self.day_watch = DayWatcher(ctx.clock, self)  # "today" on the pages moves on at midnight
        self.day_watch.day_changed.connect(self._on_new_day)
        self.idle = IdleWatcher(self._idle_minutes(), self._idle_lock, self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        self.attached = True
        self._on_nav_row_changed(self.nav.currentRow())

    def _show_pages_of(self, actor: Actor) -> None:
        """The navigation lists what this account may see, keeping the selected page where it can."""
        pages = visible_pages(actor)
        if pages != self.visible_pages:
            current = self.current_key()
            self.visible_pages = pages
            self.fill_nav(pages, current)

    def _idle_lock(self) -> None:
        from app.ui.dialogs.login_dialog import LockReason

        self.lock(LockReason.IDLE)

    def _idle_minutes(self) -> int:
        """No idle lock in single-account mode: that mode has no password prompt by design."""
        from app.services.settings import registry

        if self.ctx.accounts.auto_login() is not None:
            return 0
        return self.ctx.settings.read(registry.IDLE_LOCK_MINUTES)

    def _office_name(self) -> str:
        office = self.ctx.settings.office()
        return office.name if office else "未设置单位"

    # --- pages -------------------------------------------------------------------------------------
    def page(self, key: str) -> BasePage:
        from app.ui.page_services import PageServices

        if key not in self.pages:
            spec = next(spec for spec in self.visible_pages if spec.key == key)
            services = PageServices(self.ctx, self.runner, self.actor, self.show_page)
            page = spec.factory(services, self.stack)
            self.pages[key] = page
            self.stack.addWidget(page)
            self.window_state.restore_page(key, page)
        return self.pages[key]

    def show_page(self, key: str) -> BasePage:
        row = next(index for index, spec in enumerate(self.visible_pages) if spec.key == key)
        self.nav.setCurrentRow(row)
        return self.page(key)

    def _on_new_day(self, _today: object) -> None:
        """Other pages refresh when shown; the one on screen (工作台 alerts, overdue tasks) now."""
        page = self.current_page()
        if page is not None:
            page.refresh()

    def _on_nav_row_changed(self, row: int) -> None:
        if row < 0 or not self.attached:
            return
        page = self.page(self.visible_pages[row].key)
        page.refresh()
        self.stack.setCurrentWidget(page)
        self._update_action_states()

    # --- status bar ---------------------------------------------------------------------------------
    def _update_account_label(self) -> None:
        roles = "、".join(role.value for role in Role if role in self.actor.roles)
        self.account_label.setText(f"账户：{self.actor.display_name}（{roles}）")

    def _update_backup_label(self) -> None:
        from app.services.settings import registry

        last = self.ctx.settings.read(registry.LAST_BACKUP_AT)
        self.backup_label.setText(f"上次备份：{last.replace('T', ' ') if last else '从未备份'}")

    # --- backup / restore (app/ui/backup_actions.py) ------------------------------------------------------
    def _backup_hooks(self) -> BackupHooks:
        from app.ui.backup_actions import BackupHooks

        def backed_up(message: str) -> None:
            self._update_backup_label()
            self.statusBar().showMessage(message, 10_000)

        def before_restore() -> None:
            self.cancel_background_loads()
            self.ctx.close()

        return BackupHooks(
            context=lambda: self.ctx,
            actor=lambda: self.actor,
            before_restore=before_restore,
            reopen=self.reopen,
            backed_up=backed_up,
            close_window=self.close,
        )

    def _update_backup_actions(self) -> None:
        self.backups.update_actions((self.backup_action, self.restore_action, self.generation_action))

    def backup(self) -> None:
        self.backups.backup_to_file()

    def restore(self) -> None:
        self.backups.restore_from_file()

    def reopen(self) -> None:
        """Rebuild every page over a freshly opened database (a restore replaced the file)."""
        from app.services.context import open_data_folder

        self.ctx = open_data_folder(self.ctx.paths, clock=self.ctx.clock)
        self._rebuild_pages()

    def cancel_background_loads(self) -> None:
        """Loads nobody will see (closing, restoring, switching account) stop at their next check."""
        for page in self.pages.values():
            cancel_load = getattr(page, "cancel_load", None)  # the 工作台 (dashboard_page.py)
            if callable(cancel_load):
                cancel_load()

    def _rebuild_pages(self) -> None:
        self.cancel_background_loads()
        self.window_state.save_window(self, dict(self.pages))
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self.setWindowTitle(window_title(self._office_name()))
        self._update_backup_label()
        self._update_account_label()
        self._on_nav_row_changed(self.nav.currentRow())

    # --- accounts -------------------------------------------------------------------------------------
    def switch_account(self) -> None:
        from app.ui.dialogs.login_dialog import LoginDialog

        dialog = LoginDialog(self.ctx.accounts, parent=self)
        if dialog.exec() == LoginDialog.DialogCode.Accepted and dialog.actor is not None:
            self._become(dialog.actor)

    def _become(self, actor: Actor) -> None:
        if actor.account_id != self.actor.account_id:
            self.ctx.accounts.log_out(self.actor)
            self.actor = actor
            self.visible_pages = visible_pages(actor)
            self.fill_nav(self.visible_pages)
            self._update_backup_actions()
            self._rebuild_pages()

    def session_ended(self) -> None:
        """The signed-in account was deactivated or removed (issue 19): lock now; only an active account
        gets back in (ui/errors.end_session calls this after the refused action)."""
        from app.ui.dialogs.login_dialog import LockReason

        if self.isVisible():
            self.lock(LockReason.SESSION_ENDED)

    def lock(self, reason: LockReason | None = None) -> None:
        """Hide the data — the pages and every other window and dialog (idle_lock.Curtain) — and ask for a
        password (by default the manual 锁定); 取消 closes the program."""
        from app.ui.dialogs.login_dialog import LockReason, LoginDialog

        if self._locked:  # the idle timer fired again while the log-in dialog waits
            return
        central = self.stack.parentWidget()
        assert central is not None
        self._locked = True
        central.setVisible(False)
        curtain = Curtain(keep=self)
        try:
            dialog = LoginDialog(
                self.ctx.accounts,
                self.actor.username,
                locked=True,
                reason=reason or LockReason.MANUAL,
                parent=self,
            )
            accepted = dialog.exec() == LoginDialog.DialogCode.Accepted and dialog.actor is not None
        finally:
            self._locked = False
        central.setVisible(True)
        if not accepted:
            curtain.close_all()
            curtain.deleteLater()
            self.close()
            return
        curtain.lift()
        curtain.deleteLater()
        assert dialog.actor is not None
        self._become(dialog.actor)
        self.idle.restart()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.attached:
            super().closeEvent(event)
            return
        self.cancel_background_loads()
        self.runner.wait_for_idle()
        # Only a close by the clerk backs up (not a programmatic close, e.g. in tests); once a day.
        if (
            event.spontaneous() or getattr(self, "_quit_requested", False)
        ) and self.backups.start_exit_backup():
            event.ignore()
            return
        self.window_state.save_window(self, dict(self.pages))
        event.accept()
