"""GUI start-up in the order qutebrowser uses: log, excepthook, QApplication, lock, database, window."""

from __future__ import annotations

import argparse
import faulthandler
import logging
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app import APP_ID, APP_NAME, __version__
from app.errors import UserFacingError
from app.instance_lock import InstanceLock
from app.log import setup_logging
from app.paths import DataPaths
from app.services.context import AppContext, open_data_folder
from app.ui.dialogs.first_run_dialog import FirstRunDialog
from app.ui.errors import install_excepthook
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner
from app.ui.theme import apply_theme

log = logging.getLogger("zwgk.ui")
EXIT_REFUSED = 2


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setApplicationName(APP_ID)
    QApplication.setApplicationDisplayName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    apply_theme(app)
    return app


def build_main_window(ctx: AppContext) -> MainWindow:
    runner = TaskRunner()
    window = MainWindow(ctx, runner)
    runner.setParent(window)
    return window


def run_gui(args: argparse.Namespace, paths: DataPaths, started: float | None = None) -> int:
    paths.ensure()
    setup_logging(paths.log_file, debug=args.debug)
    crash_log = (paths.logs / "crash.log").open("a", encoding="utf-8")
    faulthandler.enable(crash_log)
    install_excepthook(paths.log_file, interactive=not args.smoke_test)
    app = create_application()
    lock = InstanceLock(paths.lock_file)
    try:
        lock.acquire()
        ctx = open_data_folder(paths)
    except UserFacingError as error:
        QMessageBox.warning(None, APP_NAME, error.message)
        return EXIT_REFUSED
    try:
        if args.demo or args.smoke_test and ctx.settings.office() is None:
            from app.services.demo import seed_demo  # python-docx is only needed here

            seed_demo(ctx)
        if (
            ctx.settings.office() is None
            and FirstRunDialog(ctx.settings).exec() != QDialog.DialogCode.Accepted
        ):
            return 0
        window = build_main_window(ctx)
        window.show()
        QApplication.processEvents()
        startup_ms = (time.perf_counter() - (started or time.perf_counter())) * 1000
        log.info("main window shown %.0f ms after start, data folder %s", startup_ms, paths.root)
        if args.smoke_test:
            from app.ui.smoke import run_smoke_test

            print(f"main window shown {startup_ms:.0f} ms after start")
            return run_smoke_test(window, Path(args.screenshots) if args.screenshots else None)
        return app.exec()
    finally:
        ctx.close()
        lock.release()
