"""The frame: left navigation, one stacked page per area, menus and status bar."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from app import APP_NAME, __version__
from app.services.context import AppContext, open_data_folder
from app.services.permissions import Actor, Role
from app.services.settings import registry
from app.ui import strings
from app.ui.backup_actions import BackupController, BackupHooks
from app.ui.day_watch import DayWatcher
from app.ui.dialogs.login_dialog import LockReason, LoginDialog
from app.ui.idle_lock import Curtain, IdleWatcher
from app.ui.page_services import PageServices
from app.ui.pages import visible_pages
from app.ui.pages.base_page import BasePage
from app.ui.pages.dashboard_page import DashboardPage
from app.ui.tasks import TaskRunner
from app.ui.theme import icon
from app.ui.window_state import WindowState


def window_title(office_name: str) -> str:
    """「赵巷镇人民政府 — 政务公开工作台」: ending with the app's display name, so Windows and Linux do not
    append it a second time (QPlatformWindow::formatWindowTitle appends it unless the title ends with it)."""
    return f"{office_name} — {APP_NAME}"


COMMON_ACTIONS = (
    ("new", "新建", QKeySequence.StandardKey.New),
    ("save", "保存", QKeySequence.StandardKey.Save),
    ("find", "查找", QKeySequence.StandardKey.Find),
)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, runner: TaskRunner, actor: Actor) -> None:
        super().__init__()
        self.ctx, self.runner, self.actor = ctx, runner, actor
        self.visible_pages = visible_pages(actor)
        self.setWindowTitle(window_title(self._office_name()))
        self.resize(1200, 760)
        self.setMinimumSize(QSize(960, 600))
        self.window_state = WindowState(ctx.paths.root)
        self.window_state.restore_window(self)  # as the clerk left it (issue 21)
        self.pages: dict[str, BasePage] = {}
        self.nav = QListWidget()
        self.nav.setObjectName("navList")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(184)
        self.nav.ensurePolished()  # else items added before the first show keep the unstyled height
        for spec in self.visible_pages:
            item = QListWidgetItem(icon(spec.icon), spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.backups = BackupController(self, runner, self._backup_hooks())
        self._build_menus()
        self._build_status_bar()
        self.nav.currentRowChanged.connect(self._on_nav_row_changed)
        self.nav.setCurrentRow(0)
        self.day_watch = DayWatcher(ctx.clock, self)  # "today" on the pages moves on at midnight
        self.day_watch.day_changed.connect(self._on_new_day)
        self.idle = IdleWatcher(self._idle_minutes(), lambda: self.lock(LockReason.IDLE), self)
        self._locked = False
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)

    def _idle_minutes(self) -> int:
        """No idle lock in single-account mode: that mode has no password prompt by design."""
        if self.ctx.accounts.auto_login() is not None:
            return 0
        return self.ctx.settings.read(registry.IDLE_LOCK_MINUTES)

    def _office_name(self) -> str:
        office = self.ctx.settings.office()
        return office.name if office else "未设置单位"

    # --- pages -------------------------------------------------------------------------------------
    def page(self, key: str) -> BasePage:
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

    def current_page(self) -> BasePage | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, BasePage) else None

    def _on_new_day(self, _today: object) -> None:
        """Other pages refresh when shown; the one on screen (工作台 alerts, overdue tasks) now."""
        page = self.current_page()
        if page is not None:
            page.refresh()

    def _on_nav_row_changed(self, row: int) -> None:
        if row < 0:
            return
        page = self.page(self.visible_pages[row].key)
        page.refresh()
        self.stack.setCurrentWidget(page)
        self._update_action_states()

    # --- menus ---------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        self.backup_action = file_menu.addAction("备份数据…", self.backup)
        self.restore_action = file_menu.addAction("从备份恢复…", self.restore)
        self.generation_action = file_menu.addAction("从自动备份恢复…", self.backups.restore_from_generation)
        file_menu.setToolTipsVisible(True)  # a disabled entry says why (UX.md); style.qss greys it
        self._update_backup_actions()
        file_menu.addSeparator()
        file_menu.addAction("切换账户…", self.switch_account)
        lock_action = file_menu.addAction("锁定", lambda: self.lock(LockReason.MANUAL))
        lock_action.setShortcut(QKeySequence("Ctrl+L"))
        file_menu.addSeparator()
        quit_action = file_menu.addAction("退出", self.request_quit)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        edit_menu = self.menuBar().addMenu("编辑(&E)")
        self.common_actions: dict[str, QAction] = {}
        for key, label, shortcut in COMMON_ACTIONS:
            action = edit_menu.addAction(label, partial(self.trigger, key))
            action.setShortcut(shortcut)
            self.common_actions[key] = action
        help_menu = self.menuBar().addMenu("帮助(&H)")
        help_menu.addAction("关于", self.about)

    def trigger(self, action: str) -> bool:
        page = self.current_page()
        if page is None or not page.supports(action):
            self.statusBar().showMessage(strings.NOT_SUPPORTED_HERE, 3000)
            return False
        getattr(page, f"action_{action}")()
        return True

    def _update_action_states(self) -> None:
        page = self.current_page()
        for key, action in self.common_actions.items():
            action.setEnabled(page is not None and page.supports(key))

    def _build_status_bar(self) -> None:
        self.account_label = QLabel()
        self._update_account_label()
        self.folder_label = QLabel(f"数据：{self.ctx.paths.root}")
        self.backup_label = QLabel()
        for label in (self.account_label, self.folder_label, self.backup_label):
            self.statusBar().addPermanentWidget(label)
        self._update_backup_label()

    def _update_account_label(self) -> None:
        roles = "、".join(role.value for role in Role if role in self.actor.roles)
        self.account_label.setText(f"账户：{self.actor.display_name}（{roles}）")

    def _update_backup_label(self) -> None:
        last = self.ctx.settings.read(registry.LAST_BACKUP_AT)
        self.backup_label.setText(f"上次备份：{last.replace('T', ' ') if last else '从未备份'}")

    # --- backup / restore (app/ui/backup_actions.py) ------------------------------------------------------
    def _backup_hooks(self) -> BackupHooks:
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
        self.ctx = open_data_folder(self.ctx.paths, clock=self.ctx.clock)
        self._rebuild_pages()

    def cancel_background_loads(self) -> None:
        """Loads nobody will see (closing, restoring, switching account) stop at their next check."""
        for page in self.pages.values():
            if isinstance(page, DashboardPage):
                page.cancel_load()

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
        dialog = LoginDialog(self.ctx.accounts, parent=self)
        if dialog.exec() == LoginDialog.DialogCode.Accepted and dialog.actor is not None:
            self._become(dialog.actor)

    def _become(self, actor: Actor) -> None:
        if actor.account_id != self.actor.account_id:
            self.ctx.accounts.log_out(self.actor)
            self.actor = actor
            self.visible_pages = visible_pages(actor)
            self.nav.blockSignals(True)
            self.nav.clear()
            for spec in self.visible_pages:
                item = QListWidgetItem(icon(spec.icon), spec.title)
                item.setData(Qt.ItemDataRole.UserRole, spec.key)
                self.nav.addItem(item)
            self.nav.setCurrentRow(0)
            self.nav.blockSignals(False)
            self._update_backup_actions()
            self._rebuild_pages()

    def session_ended(self) -> None:
        """The signed-in account was deactivated or removed (issue 19): lock now; only an active account
        gets back in (ui/errors.end_session calls this after the refused action)."""
        if self.isVisible():
            self.lock(LockReason.SESSION_ENDED)

    def lock(self, reason: LockReason = LockReason.MANUAL) -> None:
        """Hide the data — the pages and every other window and dialog (idle_lock.Curtain) — and ask for a
        password; 取消 closes the program."""
        if self._locked:  # the idle timer fired again while the log-in dialog waits
            return
        central = self.stack.parentWidget()
        assert central is not None
        self._locked = True
        central.setVisible(False)
        curtain = Curtain(keep=self)
        try:
            dialog = LoginDialog(
                self.ctx.accounts, self.actor.username, locked=True, reason=reason, parent=self
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

    def about(self) -> None:
        QMessageBox.about(
            self,
            f"关于{APP_NAME}",
            strings.ABOUT.format(name=APP_NAME, version=__version__, data=self.ctx.paths.root),
        )

    def request_quit(self) -> None:
        """退出 (menu or Ctrl+Q): like the window's close button, it makes the day's automatic backup."""
        self._quit_requested = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
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
