"""GUI start-up in the order qutebrowser uses: log, excepthook, QApplication, lock, database, window."""

from __future__ import annotations

import argparse
import faulthandler
import logging
import sys
import time
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app import APP_ID, APP_NAME, __version__
from app.errors import UserFacingError
from app.instance_lock import InstanceLock
from app.log import setup_logging
from app.paths import DataPaths
from app.services.context import AppContext, open_data_folder
from app.services.permissions import SYSTEM, Actor
from app.ui.errors import install_excepthook, user_errors
from app.ui.main_window import MainWindow
from app.ui.qt_messages import install_qt_message_handler
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


def build_main_window(ctx: AppContext, actor: Actor) -> MainWindow:
    runner = TaskRunner()
    window = MainWindow(ctx, runner, actor)
    runner.setParent(window)
    return window


def sign_in(ctx: AppContext, *, smoke_test: bool) -> Actor | None:
    """First run creates the administrator; single-account mode skips the password; else log in."""
    actor = ctx.accounts.auto_login()
    if smoke_test:
        return actor or replace(SYSTEM, display_name="自检")
    from app.ui.dialogs.first_run_dialog import FirstRunDialog  # most starts need neither dialog
    from app.ui.dialogs.login_dialog import LoginDialog

    if actor is None and ctx.accounts.count():
        login = LoginDialog(ctx.accounts)
        if login.exec() != QDialog.DialogCode.Accepted:
            return None
        actor = login.actor
    if ctx.accounts.count() == 0 or ctx.settings.office() is None:
        first_run = FirstRunDialog(ctx.settings, ctx.accounts, actor)
        return first_run.actor if first_run.exec() == QDialog.DialogCode.Accepted else None
    return actor


def run_gui(args: argparse.Namespace, paths: DataPaths, started: float | None = None) -> int:
    paths.ensure()
    setup_logging(paths.log_file, debug=args.debug)
    install_qt_message_handler()
    crash_log = (paths.logs / "crash.log").open("a", encoding="utf-8")
    faulthandler.enable(crash_log)
    install_excepthook(paths.log_file, interactive=not (args.smoke_test or args.startup_probe))
    app = create_application()
    lock = InstanceLock(paths.lock_file)
    with user_errors(None) as attempt:  # another window has the folder, or it cannot be opened
        lock.acquire()
        ctx = open_data_folder(paths)
    if not attempt.ok:
        return EXIT_REFUSED
    try:
        if args.demo or args.smoke_test and ctx.settings.office() is None:
            from app.services.demo.seed_demo import seed_demo  # python-docx is only needed here

            try:
                seed_demo(ctx)  # all or nothing, placed around today (issue 18)
            except UserFacingError as error:  # a folder with other data, or a server database: open it as is
                log.warning("demo not written: %s", error.message)
                if not args.smoke_test:
                    QMessageBox.warning(None, APP_NAME, error.message)
        actor = sign_in(ctx, smoke_test=args.smoke_test or args.startup_probe)
        if actor is None:
            return 0
        window = build_main_window(ctx, actor)
        if args.startup_probe:  # `bench` times a fresh process up to this paint (app/cli/bench/measure.py)
            from app.ui.startup_probe import show_and_wait_for_first_paint

            show_and_wait_for_first_paint(window)
        else:
            window.show()
            QApplication.processEvents()
        startup_ms = (time.perf_counter() - (started or time.perf_counter())) * 1000
        log.info("main window shown %.0f ms after start, data folder %s", startup_ms, paths.root)
        # Shown, painted and usable: the navigation works, the 工作台 says 「正在汇总提醒…」 and fills in
        # when its background load arrives (it starts on the page's first paint, dashboard_page.py).
        if args.startup_probe:
            print(f"main window shown {startup_ms:.0f} ms after start", flush=True)
            window.close()  # stops the 工作台 load, so the process exits with no worker running
            return 0
        if args.smoke_test:
            from app.ui.smoke import run_smoke_test

            print(f"main window shown {startup_ms:.0f} ms after start")
            code = run_smoke_test(window, Path(args.screenshots) if args.screenshots else None)
            window.close()
            return code
        return app.exec()
    finally:
        ctx.close()
        lock.release()
