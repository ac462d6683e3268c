"""`--smoke-test`: build and show every page (and the start-up dialogs), optionally saving screenshots."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from app.ui.dialogs.first_run_dialog import FirstRunDialog
from app.ui.main_window import MainWindow
from app.ui.pages import PAGES

log = logging.getLogger("zwgk.ui")


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _save(widget: QWidget, folder: Path | None, name: str) -> None:
    if folder is not None:
        widget.grab().save(str(folder / f"{name}.png"))


def run_smoke_test(window: MainWindow, screenshots: Path | None) -> int:
    if screenshots is not None:
        screenshots.mkdir(parents=True, exist_ok=True)
    _settle()
    for index, spec in enumerate(PAGES, start=1):
        window.show_page(spec.key)
        _settle()
        _save(window, screenshots, f"{index:02d}-{spec.key}")
        log.info("smoke test: page %s shown", spec.key)
    dialog = FirstRunDialog(window.ctx.settings, window)
    dialog.form.load(window.ctx.settings.office())
    dialog.show()
    _settle()
    _save(dialog, screenshots, "dialog-first-run")
    dialog.close()
    print(f"smoke test OK: {len(PAGES)} pages")
    return 0
