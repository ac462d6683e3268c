"""Issue 21 point 8: the window size, the splitter positions and the column widths come back on the next
start (per page and table, kept in the data folder's window.ini); the title bar names the app once."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QSplitter, QTableView

from app import APP_NAME
from app.services.context import AppContext
from app.services.permissions import Actor
from app.ui.main_window import MainWindow
from app.ui.pages.boards_page import BoardsPage
from app.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def start(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor
) -> Iterator[Callable[[], MainWindow]]:
    """Starts the program's window over the same data folder, as a new start of the program does."""
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        runner = TaskRunner()
        window = MainWindow(office_ctx, runner, admin)
        runner.setParent(window)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.runner.wait_for_idle()


def _boards(window: MainWindow) -> BoardsPage:
    page = window.show_page("boards")
    assert isinstance(page, BoardsPage)
    return page


def _splitter(page: BoardsPage) -> QSplitter:
    splitters = [s for s in page.findChildren(QSplitter) if s.window() is page.window()]
    return splitters[0]


def test_size_splitter_and_column_widths_come_back(
    start: Callable[[], MainWindow], qtbot: QtBot, office_ctx: AppContext
) -> None:
    first = start()
    assert first.size() == QSize(1200, 760)  # a new data folder: the defaults
    first.resize(960, 640)  # fits the offscreen screen (800×800): restoreGeometry keeps windows on screen
    page = _boards(first)
    qtbot.wait(20)
    _splitter(page).setSizes([300, 600])
    moved = _splitter(page).sizes()
    page.table.horizontalHeader().resizeSection(0, 222)
    first.close()
    assert (office_ctx.paths.root / "window.ini").is_file()

    second = start()
    assert second.size() == QSize(960, 640)
    again = _boards(second)
    qtbot.wait(20)
    assert _splitter(again).sizes() == moved and moved[0] != 560
    assert again.table.horizontalHeader().sectionSize(0) == 222
    assert isinstance(again.table, QTableView)


def test_a_table_with_other_columns_keeps_its_defaults(
    start: Callable[[], MainWindow], office_ctx: AppContext
) -> None:
    (office_ctx.paths.root / "window.ini").write_text('[boards]\ntable0="5,6"\n', encoding="utf-8")
    page = _boards(start())
    assert page.table.horizontalHeader().sectionSize(0) == 330  # COLUMN_WIDTHS in boards_page


def test_the_title_names_the_office_and_the_app_once(start: Callable[[], MainWindow]) -> None:
    title = start().windowTitle()
    # The program sets the display name APP_NAME; Windows and Linux append it to every window title unless
    # the title already ends with it — the old 「政务公开工作台 — 测试镇人民政府」 showed it twice.
    assert title == f"测试镇人民政府 — {APP_NAME}" and title.endswith(APP_NAME)
