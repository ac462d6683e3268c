"""`--smoke-test`: build and show every page (and the start-up dialogs), optionally saving screenshots."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QTabWidget, QWidget

from app.ui.diagnostics import resource_report
from app.ui.dialogs.account_dialog import AccountDialog
from app.ui.dialogs.first_run_dialog import FirstRunDialog
from app.ui.dialogs.login_dialog import LoginDialog
from app.ui.main_window import MainWindow

log = logging.getLogger("zwgk.ui")
LOAD_LIMIT_S = 120.0  # a 工作台 over 100,000 documents loads in seconds; past this the smoke test goes on
POLL_S = 0.01


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _wait_for_loads(window: MainWindow) -> None:
    """Background loads (the 工作台's alerts and charts) finish before their page is photographed."""
    deadline = time.monotonic() + LOAD_LIMIT_S
    while time.monotonic() < deadline and (
        window.runner.busy or any(getattr(page, "loading", False) for page in window.pages.values())
    ):
        QApplication.processEvents()
        time.sleep(POLL_S)
    _settle()


def _save(widget: QWidget, folder: Path | None, name: str) -> None:
    if folder is not None:
        widget.grab().save(str(folder / f"{name}.png"))


def run_smoke_test(window: MainWindow, screenshots: Path | None) -> int:
    if screenshots is not None:
        screenshots.mkdir(parents=True, exist_ok=True)
    _save(window, screenshots, "00-start")  # as the clerk first sees it: the 工作台 still loading
    _wait_for_loads(window)
    for index, spec in enumerate(window.visible_pages, start=1):
        window.show_page(spec.key)
        _wait_for_loads(window)
        _save(window, screenshots, f"{index:02d}-{spec.key}")
        for tabs in window.page(spec.key).findChildren(QTabWidget):
            for tab in range(1, tabs.count()):  # the first tab is in the page shot already
                tabs.setCurrentIndex(tab)
                _settle()
                _save(window, screenshots, f"{index:02d}-{spec.key}-tab{tab + 1}")
            tabs.setCurrentIndex(0)
        log.info("smoke test: page %s shown", spec.key)
    dialogs: list[tuple[str, QDialog]] = [
        ("first-run", FirstRunDialog(window.ctx.settings, window.ctx.accounts, parent=window)),
        ("login", LoginDialog(window.ctx.accounts, "admin", parent=window)),
        ("locked", LoginDialog(window.ctx.accounts, window.actor.username, locked=True, parent=window)),
        ("account", AccountDialog(parent=window)),
    ]
    for name, dialog in dialogs:
        dialog.show()
        _settle()
        _save(dialog, screenshots, f"dialog-{name}")
        dialog.close()
    print(resource_report().summary())  # which bundled files were found: proves a frozen build
    print(f"smoke test OK: {len(window.visible_pages)} pages")
    return 0
