"""Issue 19 follow-up on the 公开栏 page: 打印 and 批量打印 refuse a posting whose text holds personal data
(here an ID number far into the body), saying what and where; nothing reaches the printer. A table wider
than the page holds is refused in the editor's preview with the column count."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QApplication, QInputDialog

from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.postings.page import MAX_TABLE_COLUMNS
from app.ui.page_services import PageServices
from app.ui.pages.boards_page import BoardsPage
from app.ui.tasks import TaskRunner
from tests.services.postings.test_posting_personal_data import DRAFT

pytestmark = pytest.mark.gui


@pytest.fixture
def page(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor
) -> Iterator[BoardsPage]:
    office_ctx.settings.save_boards(admin, ["镇政府公开栏"])
    runner = TaskRunner()
    widget = BoardsPage(PageServices(ctx=office_ctx, runner=runner, actor=admin))
    runner.setParent(widget)
    qtbot.addWidget(widget)
    widget.resize(1280, 860)
    widget.show()
    yield widget
    widget._timer.stop()
    runner.wait_for_idle()
    qtbot.wait(50)


def test_print_and_batch_print_refuse_personal_data(
    page: BoardsPage,
    qtbot: QtBot,
    office_ctx: AppContext,
    admin: Actor,
    messages: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    posting = office_ctx.postings.create(admin, DRAFT)
    page.apply_filter()
    page.select(posting.id)
    page.preview.data = b""
    page.render_preview()
    qtbot.waitUntil(lambda: bool(page.preview.data), timeout=10_000)
    printed: list[str] = []
    monkeypatch.setattr(
        "app.ui.pages.boards_actions.print_pdf", lambda _data, _parent, title: printed.append(title)
    )

    page.controls.print_current()
    assert messages and "不能打印张贴" in messages[-1] and "疑似身份证号" in messages[-1]

    monkeypatch.setattr(QInputDialog, "getItem", lambda *_a, **_k: ("镇政府公开栏", True))
    page.controls.batch_print()
    page.services.runner.wait_for_idle()
    qtbot.waitUntil(lambda: len(messages) == 2, timeout=5_000)
    assert "疑似身份证号" in messages[-1] and printed == []


def test_a_table_wider_than_the_page_pauses_the_preview_with_the_column_count(page: BoardsPage) -> None:
    page.editor.title.setText("各村保洁经费明细")
    page.editor.body.setPlainText("\t".join(f"第{n}月" for n in range(1, 31)))
    page.render_preview()
    shown = page.editor.period_label.text()
    assert "预览暂停" in shown and "30 列" in shown and f"最多排 {MAX_TABLE_COLUMNS} 列" in shown
