"""The main window's frame, shown before the data folder is open (issue 24, "frame first").

Navigation, page area, menus and status bar need no data, so they are built and painted first; the
database, the sign-in and the pages follow (main_window.MainWindow.attach). Light on purpose: nothing
here imports SQLAlchemy, app.models or the services (tests/test_startup_imports.py checks it).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
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
from app.paths import DataPaths
from app.ui import strings
from app.ui.pages import PAGES, PageSpec
from app.ui.theme import icon
from app.ui.window_state import WindowState

if TYPE_CHECKING:
    from app.ui.pages.base_page import BasePage

LOADING = "正在打开数据…"
SIGNING_IN = "数据已打开，登录后显示各页内容。"
COMMON_ACTIONS = (
    ("new", "新建", QKeySequence.StandardKey.New),
    ("save", "保存", QKeySequence.StandardKey.Save),
    ("find", "查找", QKeySequence.StandardKey.Find),
)


class WindowFrame(QMainWindow):
    """The window as it looks while the data opens: every page title in the navigation (a click is
    kept and that page opens once the data is there), 「正在打开数据…」 in the page area."""

    def __init__(self, paths: DataPaths) -> None:
        super().__init__()
        self.paths = paths
        self.attached = False
        self.pages: dict[str, BasePage] = {}
        self.visible_pages: tuple[PageSpec, ...] = PAGES  # until the account is known
        self.setWindowTitle(APP_NAME)
        self.resize(1200, 760)
        self.setMinimumSize(QSize(960, 600))
        self.window_state = WindowState(paths.root)
        self.window_state.restore_window(self)  # as the clerk left it (issue 21)
        self.nav = QListWidget()
        self.nav.setObjectName("navList")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(184)
        self.nav.ensurePolished()  # else items added before the first show keep the unstyled height
        self.fill_nav(self.visible_pages)
        self.stack = QStackedWidget()
        self.loading_label = QLabel(LOADING)
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.loading_label)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self._build_status_bar()
        self.nav.currentRowChanged.connect(self._on_nav_row_changed)
        self.nav.setCurrentRow(0)

    def fill_nav(self, specs: tuple[PageSpec, ...], current: str | None = None) -> None:
        """The navigation lists `specs`; the row of `current` (else the first) is selected, silently."""
        self.nav.blockSignals(True)
        self.nav.clear()
        for spec in specs:
            item = QListWidgetItem(icon(spec.icon), spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
        keys = [spec.key for spec in specs]
        self.nav.setCurrentRow(keys.index(current) if current in keys else 0)
        self.nav.blockSignals(False)

    def current_key(self) -> str | None:
        item = self.nav.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def current_page(self) -> BasePage | None:
        widget = self.stack.currentWidget()
        return next((page for page in self.pages.values() if page is widget), None)

    def _on_nav_row_changed(self, row: int) -> None:
        """Before the data is open the selected row is all there is to remember (attach opens it)."""

    # --- menus ---------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        """Every entry from the start; those that need the data stay disabled until attach connects them."""
        file_menu = self.menuBar().addMenu("文件(&F)")
        self.backup_action = file_menu.addAction("备份数据…")
        self.restore_action = file_menu.addAction("从备份恢复…")
        self.generation_action = file_menu.addAction("从自动备份恢复…")
        file_menu.setToolTipsVisible(True)  # a disabled entry says why (UX.md); style.qss greys it
        file_menu.addSeparator()
        self.switch_action = file_menu.addAction("切换账户…")
        self.lock_action = file_menu.addAction("锁定")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.data_actions = (
            self.backup_action,
            self.restore_action,
            self.generation_action,
            self.switch_action,
            self.lock_action,
        )
        for action in self.data_actions:
            action.setEnabled(False)
            action.setToolTip(LOADING)
        file_menu.addSeparator()
        quit_action = file_menu.addAction("退出", self.request_quit)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        edit_menu = self.menuBar().addMenu("编辑(&E)")
        self.common_actions: dict[str, QAction] = {}
        for key, label, shortcut in COMMON_ACTIONS:
            action = edit_menu.addAction(label, partial(self.trigger, key))
            action.setShortcut(shortcut)
            self.common_actions[key] = action
        self._update_action_states()
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
        self.folder_label = QLabel(f"数据：{self.paths.root}")
        self.backup_label = QLabel()
        for label in (self.account_label, self.folder_label, self.backup_label):
            self.statusBar().addPermanentWidget(label)

    def about(self) -> None:
        QMessageBox.about(
            self,
            f"关于{APP_NAME}",
            strings.ABOUT.format(name=APP_NAME, version=__version__, data=self.paths.root),
        )

    def request_quit(self) -> None:
        """退出 (menu or Ctrl+Q): like the window's close button, it makes the day's automatic backup."""
        self._quit_requested = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closed before the data opened: only the window's place is kept (start-up then ends)."""
        self.window_state.save_window(self, {})
        event.accept()
