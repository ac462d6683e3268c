"""公开栏 page: edit with live preview, save, the gate refuses 登记张贴, filters, print path."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QApplication

from app.models.document import ReviewSheet
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.postings.types import PostingFilter, PostingStatus
from app.ui.page_services import PageServices
from app.ui.pages.boards_page import BoardsPage
from app.ui.tasks import TaskRunner
from tests.services.review_support import reviewed
from tests.ui.conftest import type_chinese

pytestmark = pytest.mark.gui
BOARDS = ["镇政府公开栏", "赵巷村公开栏"]


@pytest.fixture
def page(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor
) -> Iterator[BoardsPage]:
    office_ctx.settings.save_boards(admin, BOARDS)
    runner = TaskRunner()
    widget = BoardsPage(PageServices(ctx=office_ctx, runner=runner, actor=admin))
    runner.setParent(widget)
    qtbot.addWidget(widget)
    widget.resize(1280, 860)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget._timer.stop()
    runner.wait_for_idle()
    qtbot.wait(50)  # let queued callbacks land while the page still exists


def _wait_preview(page: BoardsPage, qtbot: QtBot) -> None:
    page.preview.data = b""
    page.render_preview()
    qtbot.waitUntil(lambda: bool(page.preview.data) and page.preview.page_count() > 0, timeout=10_000)


def test_edit_preview_save_and_gate(
    page: BoardsPage,
    qtbot: QtBot,
    office_ctx: AppContext,
    messages: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert "还没有张贴件" in page.message.text()
    assert page.editor.unit.text() == "测试镇人民政府"  # 落款 from the office profile
    type_chinese(page.editor.title, "关于低保对象的公示")
    page.editor.body.setPlainText("经民主评议，现予公示。\n序号\t姓名\n1\t张**")
    page.editor.board_checks[1].setChecked(True)
    page.editor.preset.setCurrentText("10个工作日")
    _wait_preview(page, qtbot)
    assert "10个工作日" in page.editor.period_label.text()
    page.action_save()
    assert messages == []
    saved = office_ctx.postings.page(PostingFilter(office_ctx.clock.today()), 0, 10)
    assert [(r.title, r.boards, r.status) for r in saved] == [
        ("关于低保对象的公示", "赵巷村公开栏", PostingStatus.WAITING)
    ]
    assert page.current is not None and page.controls.post_button.isEnabled()
    monkeypatch.setattr(page.controls, "open_dialog", lambda dialog: dialog.submit())
    page.controls.mark_posted()
    assert messages and "保密审查单" in messages[-1]  # THE GATE
    with office_ctx.sessions.begin() as session:
        session.add(
            ReviewSheet(
                number="保审〔2026〕1号",
                item_kind="posting",
                item_id=page.current.id,
                item_title="公示",
                filled_on=office_ctx.clock.today(),
                steps="分管领导审批",
                status="已通过",
                conclusion="同意公开",
                approved_at=office_ctx.clock.now() - timedelta(hours=1),
                **reviewed(session, "posting", page.current.id),
            )
        )
    page.controls.mark_posted()
    assert page.current.stored_status == "张贴中"
    assert not page.save_button.isEnabled() and page.editor.body.isReadOnly()
    page.status_combo.setCurrentText("待张贴")
    assert page.model.rowCount() == 0
    page.status_combo.setCurrentText("张贴中")
    assert page.model.rowCount() == 1


def test_bad_input_pauses_the_preview_and_print_sends_pages(
    page: BoardsPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    page.editor.title.setText("长" * 300)
    page.render_preview()
    assert "预览暂停" in page.editor.period_label.text() and "标题太长" in page.editor.period_label.text()
    page.editor.title.setText("政策告知")
    page.editor.board_checks[0].setChecked(True)
    _wait_preview(page, qtbot)
    printed: list[tuple[int, str]] = []
    monkeypatch.setattr(
        "app.ui.pages.boards_actions.print_pdf",
        lambda data, _parent, title: printed.append((len(data), title)),
    )
    page.controls.print_current()
    assert printed and printed[0][1] == "政策告知"
