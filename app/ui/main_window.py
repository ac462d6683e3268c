"""The frame: left navigation, one stacked page per area, menus and status bar."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
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
from app.services.backup import BackupResult, create_backup, default_backup_name, restore_backup
from app.services.context import AppContext, open_data_folder
from app.ui import strings
from app.ui.errors import show_error
from app.ui.pages import PAGES, BasePage, PageServices
from app.ui.tasks import TaskRunner
from app.ui.theme import icon

COMMON_ACTIONS = (
    ("new", "新建", QKeySequence.StandardKey.New),
    ("save", "保存", QKeySequence.StandardKey.Save),
    ("find", "查找", QKeySequence.StandardKey.Find),
)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, runner: TaskRunner) -> None:
        super().__init__()
        self.ctx, self.runner = ctx, runner
        self.setWindowTitle(f"{APP_NAME} — {self._office_name()}")
        self.resize(1200, 760)
        self.setMinimumSize(QSize(960, 600))
        self.pages: dict[str, BasePage] = {}
        self.nav = QListWidget()
        self.nav.setObjectName("navList")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(184)
        self.nav.ensurePolished()  # else items added before the first show keep the unstyled height
        for spec in PAGES:
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
        self._build_menus()
        self._build_status_bar()
        self.nav.currentRowChanged.connect(self._on_nav_row_changed)
        self.nav.setCurrentRow(0)

    def _office_name(self) -> str:
        office = self.ctx.settings.office()
        return office.name if office else "未设置单位"

    # --- pages -------------------------------------------------------------------------------------
    def page(self, key: str) -> BasePage:
        if key not in self.pages:
            spec = next(spec for spec in PAGES if spec.key == key)
            page = spec.factory(PageServices(self.ctx, self.runner), self.stack)
            self.pages[key] = page
            self.stack.addWidget(page)
        return self.pages[key]

    def show_page(self, key: str) -> BasePage:
        row = next(index for index, spec in enumerate(PAGES) if spec.key == key)
        self.nav.setCurrentRow(row)
        return self.page(key)

    def current_page(self) -> BasePage | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, BasePage) else None

    def _on_nav_row_changed(self, row: int) -> None:
        if row < 0:
            return
        page = self.page(PAGES[row].key)
        page.refresh()
        self.stack.setCurrentWidget(page)
        self._update_action_states()

    # --- menus ---------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        self.backup_action = file_menu.addAction("备份数据…", self.backup)
        self.restore_action = file_menu.addAction("从备份恢复…", self.restore)
        file_menu.addSeparator()
        quit_action = file_menu.addAction("退出", self.close)
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
        self.account_label = QLabel("账户：单人模式")
        self.folder_label = QLabel(f"数据：{self.ctx.paths.root}")
        self.backup_label = QLabel()
        for label in (self.account_label, self.folder_label, self.backup_label):
            self.statusBar().addPermanentWidget(label)
        self._update_backup_label()

    def _update_backup_label(self) -> None:
        last = str(self.ctx.settings.get("backup.last_at") or "")
        self.backup_label.setText(f"上次备份：{last.replace('T', ' ') if last else '从未备份'}")

    # --- backup / restore ------------------------------------------------------------------------------
    def backup(self) -> None:
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        target, _ = QFileDialog.getSaveFileName(
            self, "备份数据", str(Path(documents) / default_backup_name()), "备份文件 (*.zip)"
        )
        if not target:
            return
        self.runner.run(
            lambda progress, cancelled: create_backup(
                self.ctx.engine, self.ctx.paths, Path(target), progress, cancelled
            ),
            on_success=self._on_backup_done,
            parent=self,
            label="正在备份数据…",
        )

    def _on_backup_done(self, result: BackupResult) -> None:
        self.ctx.settings.set("backup.last_at", result.created_at)
        self._update_backup_label()
        size = f"{result.size / 1_048_576:.1f} MB"
        self.statusBar().showMessage(
            strings.BACKUP_DONE.format(file=result.file, size=size, count=result.attachments), 10_000
        )

    def restore(self) -> None:
        source, _ = QFileDialog.getOpenFileName(self, "选择备份文件", "", "备份文件 (*.zip)")
        if not source:
            return
        answer = QMessageBox.question(self, "从备份恢复", strings.RESTORE_CONFIRM)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ctx.close()
        self.runner.run(
            lambda progress, cancelled: restore_backup(self.ctx.paths, Path(source), progress, cancelled),
            on_success=self._on_restore_done,
            on_failure=self._on_restore_failed,
            parent=self,
            label="正在恢复数据…",
        )

    def _on_restore_done(self, safety: Path) -> None:
        self._reopen()
        QMessageBox.information(self, "恢复完成", strings.RESTORE_DONE.format(safety=safety))

    def _on_restore_failed(self, exc: BaseException) -> None:
        self._reopen()
        show_error(self, exc)

    def _reopen(self) -> None:
        """Rebuild every page over a freshly opened database (the file was replaced)."""
        self.ctx = open_data_folder(self.ctx.paths)
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self.setWindowTitle(f"{APP_NAME} — {self._office_name()}")
        self._update_backup_label()
        self._on_nav_row_changed(self.nav.currentRow())

    def about(self) -> None:
        QMessageBox.about(
            self,
            f"关于{APP_NAME}",
            strings.ABOUT.format(name=APP_NAME, version=__version__, data=self.ctx.paths.root),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.wait_for_idle()
        event.accept()
