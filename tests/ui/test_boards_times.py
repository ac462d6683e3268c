"""Issue 21 point 4 on screen: 登记张贴 and 登记撤除 ask for a date and time (now, or the photo's EXIF time),
keep the dialog open on a refusal, and every field a refusal names is a field the clerk can see."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QApplication, QLabel, QWidget

from app.models.document import ReviewSheet
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.postings.periods import PeriodPreset
from app.services.postings.types import PostingDraft
from app.ui.dialogs.posting_time_dialog import PostingTimeDialog
from app.ui.page_services import PageServices
from app.ui.pages.boards_page import BoardsPage
from app.ui.tasks import TaskRunner
from tests.conftest import set_today
from tests.services.review_support import reviewed

pytestmark = pytest.mark.gui
NOW = datetime(2026, 11, 23, 9, 31, 0)
APPROVED = datetime(2026, 11, 23, 9, 30, 40)


@pytest.fixture
def page(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor
) -> Iterator[BoardsPage]:
    office_ctx.settings.save_boards(admin, ["镇政府公开栏"])
    set_today(office_ctx, NOW)
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


def _posting(ctx: AppContext, admin: Actor, start_days_ago: int = 0) -> int:
    start = NOW.date() - timedelta(days=start_days_ago)
    draft = PostingDraft(
        title="关于拟新增低保对象的公示",
        body="经民主评议，现予公示。",
        boards=("镇政府公开栏",),
        preset=PeriodPreset.DAYS_7.value,
        period_start=start,
        unit="测试镇人民政府",
    )
    posting_id = ctx.postings.create(admin, draft).id
    with ctx.sessions.begin() as session:
        session.add(
            ReviewSheet(
                number=f"保审〔2026〕{posting_id}号",
                item_kind="posting",
                item_id=posting_id,
                item_title="公示",
                filled_on=start,
                steps="分管领导审批",
                status="已通过",
                conclusion="同意公开",
                approved_at=APPROVED,
                **reviewed(session, "posting", posting_id),
            )
        )
    return posting_id


def _labels(widget: QWidget) -> set[str]:
    return {label.text() for label in widget.findChildren(QLabel)}


def _named_fields(message: str) -> list[str]:
    """The 「…」 a message asks the clerk to change (not the quoted 公开栏 names or titles)."""
    return re.findall(r"(?:把|在)「([^」]+)」", message) + re.findall(r"」的「([^」]+)」", message)


def _photo(path: Path, taken: str) -> Path:
    exif = Image.Exif()
    exif.get_ifd(0x8769)[36867] = taken
    Image.new("RGB", (64, 48), "orange").save(path, "JPEG", exif=exif.tobytes())
    return path


def test_posting_time_is_corrected_in_the_dialog_and_taken_from_the_photo(
    page: BoardsPage,
    office_ctx: AppContext,
    admin: Actor,
    messages: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    posting_id = _posting(office_ctx, admin)
    page.open_posting(posting_id)
    seen: list[PostingTimeDialog] = []

    def clerk(dialog: PostingTimeDialog) -> bool:
        seen.append(dialog)
        assert abs(dialog.moment() - office_ctx.clock.now()) < timedelta(seconds=5)  # default: now
        assert dialog.when.displayFormat() == "yyyy-MM-dd HH:mm:ss"
        dialog.set_moment(datetime(2026, 11, 23, 9, 30, 10))  # same minute as the approval, 30 s before
        assert dialog.submit() is False and dialog.result() != PostingTimeDialog.DialogCode.Accepted
        assert "请把「张贴时间」改为审批通过之后" in messages[-1] and "09:30:40" in messages[-1]
        for field in _named_fields(messages[-1]):
            assert field in _labels(dialog), field
        dialog.use_photo(_photo(tmp_path / "上墙.jpg", "2026:11:23 09:30:55"))
        assert dialog.moment() == datetime(2026, 11, 23, 9, 30, 55)
        assert "照片的拍摄时间 2026-11-23 09:30:55" in dialog.note.text()
        return dialog.submit()

    monkeypatch.setattr(page.controls, "open_dialog", clerk)
    page.controls.mark_posted()
    page.services.runner.wait_for_idle()
    info = office_ctx.postings.get(posting_id)
    assert len(seen) == 1 and info.stored_status == "张贴中"
    assert info.posted_at == datetime(2026, 11, 23, 9, 30, 55)
    assert [(p.stage, p.taken_at, p.file_name) for p in info.photos] == [
        ("张贴", datetime(2026, 11, 23, 9, 30, 55), "上墙.jpg")
    ]


def test_removal_asks_for_the_reason_in_a_field_that_is_there(
    page: BoardsPage,
    office_ctx: AppContext,
    admin: Actor,
    messages: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    posting_id = _posting(office_ctx, admin)
    office_ctx.postings.mark_posted(admin, posting_id, datetime(2026, 11, 23, 9, 30, 50))
    set_today(office_ctx, datetime(2026, 11, 25, 14, 0))
    page.open_posting(posting_id)

    def clerk(dialog: PostingTimeDialog) -> bool:
        assert dialog.windowTitle() == "登记撤除" and dialog.reason.isEnabled()
        assert dialog.submit() is False  # early, no reason
        fields = _named_fields(messages[-1])
        assert fields == ["提前撤除原因"] and set(fields) <= _labels(dialog)
        dialog.set_moment(datetime(2026, 11, 23, 9, 0, 0))
        dialog.reason.setPlainText("内容有误，已撤下更正")
        assert dialog.submit() is False and "早于张贴时间" in messages[-1]
        assert set(_named_fields(messages[-1])) <= _labels(dialog)
        dialog.set_moment(datetime(2026, 11, 25, 13, 45, 12))
        return dialog.submit()

    monkeypatch.setattr(page.controls, "open_dialog", clerk)
    page.controls.mark_removed()
    info = office_ctx.postings.get(posting_id)
    assert info.stored_status == "已撤除存档" and info.early_removal_reason == "内容有误，已撤下更正"


def test_a_late_posting_names_the_editor_fields_to_change(
    page: BoardsPage,
    office_ctx: AppContext,
    admin: Actor,
    messages: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    posting_id = _posting(office_ctx, admin, start_days_ago=1)
    page.open_posting(posting_id)
    monkeypatch.setattr(page.controls, "open_dialog", lambda dialog: dialog.submit())
    page.controls.mark_posted()
    assert "实际公示时间会不足" in messages[-1]
    fields = _named_fields(messages[-1])
    assert fields == ["公示期", "自"] and set(fields) <= _labels(page.editor)
