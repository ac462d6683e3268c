"""Frame first (issue 24): the window is painted before the data folder opens; the navigation works
meanwhile, a click is kept, and the pages attach without moving anything."""

from __future__ import annotations

import argparse
import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from app.errors import UserFacingError
from app.services import context
from app.services.context import AppContext
from app.services.permissions import Actor
from app.ui import application
from app.ui.application import attach, open_in_background
from app.ui.launch import window_args
from app.ui.main_window import MainWindow
from app.ui.window_frame import LOADING, SIGNING_IN

pytestmark = pytest.mark.gui
NO_DEMO = argparse.Namespace(demo=False, smoke_test=False)


@pytest.fixture
def frame(themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext) -> Iterator[MainWindow]:
    window = MainWindow(paths=office_ctx.paths)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    if window.attached:
        window.cancel_background_loads()
        window.runner.wait_for_idle()


def _click_nav(qtbot: QtBot, window: MainWindow, title: str) -> None:
    item = next(
        window.nav.item(row) for row in range(window.nav.count()) if window.nav.item(row).text() == title
    )
    rect = window.nav.visualItemRect(item)
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_frame_shows_the_navigation_and_says_the_data_is_opening(frame: MainWindow) -> None:
    titles = [frame.nav.item(row).text() for row in range(frame.nav.count())]
    assert titles[:2] == ["工作台", "公文登记"] and titles[-1] == "设置"
    shown = frame.stack.currentWidget()
    assert isinstance(shown, QLabel) and shown.text() == LOADING == "正在打开数据…"
    assert frame.folder_label.text() == f"数据：{frame.paths.root}"
    assert not frame.backup_action.isEnabled() and not frame.lock_action.isEnabled()
    assert frame.current_page() is None and not frame.trigger("save")  # 「当前页面没有这个操作。」


def test_a_click_during_loading_opens_that_page_once_attached(
    frame: MainWindow, qtbot: QtBot, office_ctx: AppContext, admin: Actor
) -> None:
    _click_nav(qtbot, frame, "依申请公开")
    assert frame.current_key() == "requests" and frame.pages == {}  # kept, nothing built yet
    nav_before = frame.nav.geometry()
    attach(frame, office_ctx, admin)
    page = frame.current_page()
    assert page is not None and page.page_title == "依申请公开"
    assert frame.nav.geometry() == nav_before  # the pages come in without moving the navigation
    assert frame.backup_action.isEnabled() and frame.account_label.text().startswith("账户：")
    _click_nav(qtbot, frame, "公文登记")
    page = frame.current_page()
    assert page is not None and page.page_title == "公文登记"


def test_the_window_answers_while_the_data_opens(
    themed_app: QApplication, office_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The opening waits for a timer of the GUI thread: it can only finish if the event loop runs."""
    ticked = threading.Event()
    real_open = context.open_data_folder

    def slow_open(paths: object, **kwargs: object) -> AppContext:
        assert ticked.wait(20), "the event loop did not run while the data was opening"
        return real_open(paths, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(context, "open_data_folder", slow_open)
    QTimer.singleShot(50, ticked.set)
    opened = open_in_background(office_ctx.paths, NO_DEMO)
    assert opened.error is None and opened.ctx is not None
    opened.ctx.close()


def test_a_folder_that_cannot_be_opened_comes_back_as_the_clerks_message(
    themed_app: QApplication, office_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(paths: object, **kwargs: object) -> AppContext:
        raise UserFacingError("数据文件由更新版本的程序创建，请安装最新版本后再打开。")

    monkeypatch.setattr(context, "open_data_folder", refuse)
    opened = open_in_background(office_ctx.paths, NO_DEMO)
    assert isinstance(opened.error, UserFacingError) and "更新版本" in opened.error.message
    assert application.EXIT_REFUSED == 2


def test_behind_the_log_in_dialog_the_page_area_no_longer_says_the_data_is_opening(
    themed_app: QApplication, frame: MainWindow, office_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def cancelled_log_in(ctx: AppContext, **kwargs: object) -> Actor | None:
        seen.append(frame.loading_label.text())
        return None  # 取消 in the log-in dialog: the program ends

    monkeypatch.setattr(application, "sign_in", cancelled_log_in)
    args = argparse.Namespace(demo=False, smoke_test=False, startup_probe=False)
    opened = application.Opened(ctx=office_ctx)
    assert application._signed_in_run(themed_app, frame, opened, args, 0.0, 0.0) == 0
    assert seen == [SIGNING_IN] and SIGNING_IN != LOADING and not frame.attached


@pytest.mark.parametrize(
    ("argv", "window"),
    [
        ([], True),
        (["--data-dir", "数据", "--startup-probe"], True),
        (["--demo", "--smoke-test", "--screenshots", "shots"], True),
        (["--data-dir", "数据", "documents", "list"], False),  # a command: app.cli
        (["--version"], False),
        (["--help"], False),
        (["--db-url", "postgresql://zwgk@host/zwgk"], False),  # server mode: app.cli sets it up
        (["--data-dir"], False),  # app.cli says what is missing
    ],
)
def test_only_a_command_line_without_a_command_skips_app_cli(argv: list[str], window: bool) -> None:
    assert (window_args(argv) is not None) is window
