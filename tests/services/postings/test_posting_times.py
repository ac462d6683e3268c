"""Issue 21 point 4: 登记张贴 / 登记撤除 take a date and time the clerk can correct. Seconds are kept, so an
approval and a posting in the same minute are in the right order; a time in the future or before the
approval is refused, and the message names the field the clerk changes (「张贴时间」「撤除时间」)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from app.errors import UserFacingError
from app.models.audit import AuditEntry
from app.models.document import ReviewSheet
from app.models.posting import Posting
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.postings.periods import PeriodPreset
from app.services.postings.times import propose_time
from app.services.postings.types import PostingDraft, PostingStatus
from tests.conftest import set_today
from tests.services.review_support import reviewed

NOW = datetime(2026, 11, 23, 9, 31, 0)
APPROVED = datetime(2026, 11, 23, 9, 30, 40)


@pytest.fixture
def posting_id(office_ctx: AppContext, admin: Actor) -> int:
    office_ctx.settings.save_boards(admin, ["镇政府公开栏"])
    set_today(office_ctx, NOW)
    draft = PostingDraft(
        title="关于拟新增低保对象的公示",
        body="经民主评议，现予公示。",
        boards=("镇政府公开栏",),
        preset=PeriodPreset.DAYS_7.value,
        period_start=NOW.date(),
        unit="测试镇人民政府",
    )
    created = office_ctx.postings.create(admin, draft).id
    with office_ctx.sessions.begin() as session:
        session.add(
            ReviewSheet(
                number="保审〔2026〕7号",
                item_kind="posting",
                item_id=created,
                item_title="公示",
                filled_on=NOW.date(),
                steps="分管领导审批",
                status="已通过",
                conclusion="同意公开",
                approved_at=APPROVED,
                **reviewed(session, "posting", created),
            )
        )
    return created


def _details(ctx: AppContext, action: str = "状态变更") -> list[dict[str, object]]:
    with ctx.sessions() as session:
        rows = session.scalars(
            select(AuditEntry.details_json).where(
                AuditEntry.entity == "公开栏张贴", AuditEntry.action == action
            )
        )
        return [json.loads(row) for row in rows]


def test_a_posting_seconds_before_the_approval_in_the_same_minute_is_refused_by_its_field(
    office_ctx: AppContext, admin: Actor, posting_id: int
) -> None:
    with pytest.raises(UserFacingError) as refused:
        office_ctx.postings.mark_posted(admin, posting_id, datetime(2026, 11, 23, 9, 30, 10))
    assert "2026-11-23 09:30:40 审批通过" in refused.value.message
    assert "张贴时间 2026-11-23 09:30:10" in refused.value.message
    assert "请把「张贴时间」改为审批通过之后" in refused.value.message
    assert office_ctx.postings.get(posting_id).stored_status == PostingStatus.WAITING


def test_the_posting_keeps_its_seconds_after_an_approval_in_the_same_minute(
    office_ctx: AppContext, admin: Actor, posting_id: int
) -> None:
    info = office_ctx.postings.mark_posted(admin, posting_id, datetime(2026, 11, 23, 9, 30, 50, 700))
    assert info.posted_at == datetime(2026, 11, 23, 9, 30, 50)
    with office_ctx.sessions() as session:
        assert session.get(Posting, posting_id).posted_at == datetime(2026, 11, 23, 9, 30, 50)  # type: ignore[union-attr]
    assert _details(office_ctx)[-1]["张贴时间"] == "2026-11-23 09:30:50"


def test_the_approval_second_itself_is_allowed(office_ctx: AppContext, admin: Actor, posting_id: int) -> None:
    assert office_ctx.postings.mark_posted(admin, posting_id, APPROVED).posted_at == APPROVED


def test_a_posting_time_in_the_future_is_refused(
    office_ctx: AppContext, admin: Actor, posting_id: int
) -> None:
    with pytest.raises(UserFacingError, match="晚于现在.*请在实际完成后登记，并把「张贴时间」改为实际的时间"):
        office_ctx.postings.mark_posted(admin, posting_id, office_ctx.clock.now() + timedelta(minutes=2))
    assert office_ctx.postings.get(posting_id).stored_status == PostingStatus.WAITING


def test_removal_takes_a_time_checked_against_the_posting_and_now(
    office_ctx: AppContext, admin: Actor, posting_id: int
) -> None:
    postings = office_ctx.postings
    postings.mark_posted(admin, posting_id, datetime(2026, 11, 23, 9, 30, 50))
    set_today(office_ctx, datetime(2026, 12, 2, 16, 0))  # the 公示期 ended on 11-29 (a Sunday → 11-30)
    with pytest.raises(UserFacingError, match="09:30:20 早于张贴时间.*请把「撤除时间」改为"):
        postings.mark_removed(admin, posting_id, datetime(2026, 11, 23, 9, 30, 20), "贴错了")
    with pytest.raises(UserFacingError, match="晚于现在.*「撤除时间」"):
        postings.mark_removed(admin, posting_id, office_ctx.clock.now() + timedelta(hours=1))
    info = postings.mark_removed(admin, posting_id, datetime(2026, 12, 2, 15, 20, 33))
    assert info.status is PostingStatus.ARCHIVED and str(info.removed_on) == "2026-12-02"
    assert _details(office_ctx)[-1]["撤除时间"] == "2026-12-02 15:20:33"


def _photo(path: Path, taken: str | None) -> Path:
    exif = Image.Exif()
    if taken:
        exif.get_ifd(0x8769)[36867] = taken  # DateTimeOriginal, as a phone writes it
    Image.new("RGB", (32, 24), "white").save(path, "JPEG", exif=exif.tobytes())
    return path


def test_the_proposed_time_comes_from_the_photo_unless_it_has_none_or_is_ahead(tmp_path: Path) -> None:
    now = datetime(2026, 11, 23, 9, 31, 5, 400)
    taken = propose_time(_photo(tmp_path / "a.jpg", "2026:11:23 08:12:09"), now)
    assert taken.moment == datetime(2026, 11, 23, 8, 12, 9) and "照片的拍摄时间" in taken.note
    plain = propose_time(_photo(tmp_path / "b.jpg", None), now)
    assert plain.moment == datetime(2026, 11, 23, 9, 31, 5) and "没有拍摄时间" in plain.note
    ahead = propose_time(_photo(tmp_path / "c.jpg", "2026:11:23 09:45:00"), now)
    assert ahead.moment == datetime(2026, 11, 23, 9, 31, 5) and "晚于现在" in ahead.note
    assert propose_time(None, now).moment == datetime(2026, 11, 23, 9, 31, 5)
