"""GUI start-up in the order qutebrowser uses: log, excepthook, QApplication, lock, window, then the data.

"Frame first" (issue 24): the main window's frame is painted before SQLAlchemy is even imported; the data
folder opens on a worker thread while the window stays responsive, then the clerk signs in and the pages
attach (main_window.MainWindow.attach). Nothing imported before the first paint may pull in SQLAlchemy,
app.models or the services (tests/test_startup_imports.py).
"""

from __future__ import annotations

import argparse
import faulthandler
import logging
import sys
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QMetaObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from app import APP_ID, APP_NAME, __version__
from app.errors import UserFacingError
from app.instance_lock import InstanceLock
from app.log import setup_logging
from app.paths import DataPaths
from app.ui.errors import install_excepthook, show_error, user_errors
from app.ui.main_window import MainWindow
from app.ui.qt_messages import install_qt_message_handler
from app.ui.theme import apply_theme
from app.ui.window_frame import SIGNING_IN

if TYPE_CHECKING:
    from app.services.context import AppContext
    from app.services.permissions import Actor

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


def attach(window: MainWindow, ctx: AppContext, actor: Actor) -> None:
    """The pages come in over the painted frame, with the task runner their background loads use."""
    from app.ui.tasks import TaskRunner

    runner = TaskRunner()
    runner.setParent(window)
    window.attach(ctx, runner, actor)


def sign_in(ctx: AppContext, *, smoke_test: bool, parent: QWidget | None = None) -> Actor | None:
    """First run creates the administrator; single-account mode skips the password; else log in."""
    from app.services.permissions import SYSTEM

    actor = ctx.accounts.auto_login()
    if smoke_test:
        return actor or replace(SYSTEM, display_name="自检")
    from app.ui.dialogs.first_run_dialog import FirstRunDialog  # most starts need neither dialog
    from app.ui.dialogs.login_dialog import LoginDialog

    if actor is None and ctx.accounts.count():
        login = LoginDialog(ctx.accounts, parent=parent)
        if login.exec() != QDialog.DialogCode.Accepted:
            return None
        actor = login.actor
    if ctx.accounts.count() == 0 or ctx.settings.office() is None:
        first_run = FirstRunDialog(ctx.settings, ctx.accounts, actor, parent=parent)
        return first_run.actor if first_run.exec() == QDialog.DialogCode.Accepted else None
    return actor


@dataclass
class Opened:
    """What the worker brought back: the open data, or why not; and the demo's refusal, if any."""

    ctx: AppContext | None = None
    error: BaseException | None = None
    demo_refused: str = ""


def _open(paths: DataPaths, args: argparse.Namespace, opened: Opened) -> None:
    """On the worker: import SQLAlchemy and the models, open (and if needed migrate) the data folder,
    write the demo when asked, and import what attach needs, all while the frame stays responsive."""
    try:
        from app.services.context import open_data_folder

        opened.ctx = open_data_folder(paths)
        if args.demo or args.smoke_test and opened.ctx.settings.office() is None:
            from app.services.demo.seed_demo import seed_demo  # python-docx is only needed here

            try:
                seed_demo(opened.ctx)  # all or nothing, placed around today (issue 18)
            except UserFacingError as error:  # a folder with other data, or a server database: open as is
                log.warning("demo not written: %s", error.message)
                opened.demo_refused = error.message
        import app.ui.backup_actions  # noqa: F401  -- modules only: their widgets are built on the GUI thread
        import app.ui.pages.dashboard_page  # noqa: F401
    except BaseException as error:  # handed to the GUI thread, which shows or raises it
        opened.error = error


def open_in_background(paths: DataPaths, args: argparse.Namespace) -> Opened:
    """Open the data on a worker thread and keep the event loop running meanwhile: the window repaints,
    and a click in the navigation is kept (the page opens once attached). SQLite connections may move
    between threads here (SQLAlchemy's file pool), as they do for the task runner's jobs."""
    opened = Opened()
    loop = QEventLoop()

    def work() -> None:
        _open(paths, args, opened)
        QMetaObject.invokeMethod(loop, "quit", Qt.ConnectionType.QueuedConnection)

    worker = threading.Thread(target=work, name="open-data", daemon=True)
    worker.start()
    loop.exec()  # also left early if the clerk closes the window: then the worker is waited for below
    worker.join()
    return opened


def _show_frame(window: MainWindow, probe: bool) -> None:
    if probe:  # `bench` times a fresh process up to this paint (app/cli/bench/measure_startup.py)
        from app.ui.startup_probe import show_and_wait_for_first_paint

        show_and_wait_for_first_paint(window)
    else:
        window.show()
        QApplication.processEvents()


def run_gui(args: argparse.Namespace, paths: DataPaths, started: float | None = None) -> int:
    started = started or time.perf_counter()
    paths.ensure()
    setup_logging(paths.log_file, debug=args.debug)
    install_qt_message_handler()
    crash_log = (paths.logs / "crash.log").open("a", encoding="utf-8")
    faulthandler.enable(crash_log)
    install_excepthook(paths.log_file, interactive=not (args.smoke_test or args.startup_probe))
    app = create_application()
    lock = InstanceLock(paths.lock_file)
    with user_errors(None) as attempt:  # another window has the folder
        lock.acquire()
    if not attempt.ok:
        return EXIT_REFUSED
    try:
        window = MainWindow(paths=paths)  # the frame: navigation, 「正在打开数据…」, 数据：<folder>
        _show_frame(window, args.startup_probe)
        shown_ms = (time.perf_counter() - started) * 1000
        if args.startup_probe or args.smoke_test:
            print(
                f"main window shown {shown_ms:.0f} ms after start, CPU {time.process_time() * 1000:.0f} ms",
                flush=True,
            )
        opened = open_in_background(paths, args)
        if isinstance(opened.error, UserFacingError):  # locked, damaged, or from a newer version
            window.hide()
            show_error(None, opened.error)
            return EXIT_REFUSED
        if opened.error is not None:
            raise opened.error
        assert opened.ctx is not None
        return _signed_in_run(app, window, opened, args, started, shown_ms)
    finally:
        lock.release()


def _signed_in_run(
    app: QApplication,
    window: MainWindow,
    opened: Opened,
    args: argparse.Namespace,
    started: float,
    shown_ms: float,
) -> int:
    ctx = opened.ctx
    assert ctx is not None
    try:
        if not window.isVisible():  # closed while the data was opening
            return 0
        if opened.demo_refused and not args.smoke_test:
            QMessageBox.warning(window, APP_NAME, opened.demo_refused)
        window.loading_label.setText(SIGNING_IN)  # behind the log-in or first-run dialog, if one comes
        actor = sign_in(ctx, smoke_test=args.smoke_test or args.startup_probe, parent=window)
        if actor is None:
            return 0
        attach(window, ctx, actor)
        QApplication.processEvents()
        attached_ms = (time.perf_counter() - started) * 1000
        log.info(
            "main window shown %.0f ms after start, data attached %.0f ms, data folder %s",
            shown_ms,
            attached_ms,
            ctx.paths.root,
        )
        # The pages are attached and the navigation leads to them; the 工作台 says 「正在汇总提醒…」 and
        # fills in when its background load arrives (it starts on the page's first paint, dashboard_page.py).
        if args.startup_probe:
            print(
                f"data attached {attached_ms:.0f} ms after start, CPU {time.process_time() * 1000:.0f} ms",
                flush=True,
            )
            window.close()  # stops the 工作台 load, so the process exits with no worker running
            return 0
        if args.smoke_test:
            from app.ui.smoke import run_smoke_test

            code = run_smoke_test(window, Path(args.screenshots) if args.screenshots else None)
            window.close()
            return code
        return app.exec()
    finally:
        ctx.close()
