"""公开栏 service: 公示期 on the real calendar, the gate, the status lifecycle, photos, reminders, 登记簿."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from openpyxl import load_workbook
from PIL import Image
from sqlalchemy import select

from app.errors import UserFacingError
from app.models.audit import AuditEntry
from app.models.document import ReviewSheet
from app.services.alerts import Urgency
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.postings import register as posting_register
from app.services.postings.periods import PeriodPreset, compute_period
from app.services.postings.types import PhotoStage, PostingDraft, PostingFilter, PostingStatus
from tests.conftest import TEST_NOW
from tests.services.review_support import reviewed

BOARDS = ["镇政府公开栏", "赵巷村公开栏", "方夏村公开栏"]
TODAY = TEST_NOW.date()  # the test contexts' clock starts here (tests/conftest.py)


@pytest.fixture
def boards_ctx(office_ctx: AppContext, admin: Actor) -> AppContext:
    office_ctx.settings.save_boards(admin, BOARDS)
    return office_ctx


def _draft(**changes: object) -> PostingDraft:
    draft = PostingDraft(
        title="关于2025年第三季度拟新增最低生活保障对象的公示",
        body="经本人申请、村民委员会入户调查、民主评议，现予公示。\n序号\t姓名\n1\t张**",
        boards=("镇政府公开栏", "赵巷村公开栏"),
        preset=PeriodPreset.DAYS_7.value,
        period_start=TODAY,
        responsible="王敏",
        unit="测试镇人民政府",
        signed_on=TODAY,
        phone="0512-0000000",
    )
    return replace(draft, **changes)  # type: ignore[arg-type]


def _approve(ctx: AppContext, posting_id: int, at: datetime) -> None:
    with ctx.sessions.begin() as session:
        session.add(
            ReviewSheet(
                number=f"保审〔{at.year}〕{posting_id}号",
                item_kind="posting",
                item_id=posting_id,
                item_title="公示",
                filled_on=at.date(),
                steps="承办人初审、科室负责人审核、保密审查员审查、分管领导审批",
                status="已通过",
                conclusion="同意公开",
                approved_at=at,
                **reviewed(session, "posting", posting_id),
            )
        )


def _photo(path: Path, taken: str | None) -> Path:
    image = Image.new("RGB", (64, 48), "white")
    exif = Image.Exif()
    if taken:
        exif.get_ifd(0x8769)[36867] = taken
    image.save(path, "JPEG", exif=exif.tobytes())
    return path


@pytest.mark.parametrize(
    ("preset", "start", "end"),
    [
        # 10个工作日 starting before 国庆 2025: 9/28 (Sun) and 10/11 (Sat) are 调休上班, 10/1–10/8 off.
        (PeriodPreset.WORKDAYS_10, date(2025, 9, 26), date(2025, 10, 15)),
        (PeriodPreset.WORKDAYS_15, date(2025, 9, 30), date(2025, 10, 27)),
        (PeriodPreset.DAYS_5, date(2026, 11, 23), date(2026, 11, 27)),
        # 7日 from 2025-09-29 ends on 10/5, a holiday: runs to 10/9 (民法典 art. 203).
        (PeriodPreset.DAYS_7, date(2025, 9, 29), date(2025, 10, 9)),
        (PeriodPreset.DAYS_30, date(2025, 3, 3), date(2025, 4, 1)),
        # Started on a rest day: day 1 is the next working day.
        (PeriodPreset.WORKDAYS_10, date(2025, 10, 4), date(2025, 10, 21)),
    ],
)
def test_period_presets_on_the_real_calendar(
    ctx: AppContext, preset: PeriodPreset, start: date, end: date
) -> None:
    assert compute_period(preset, start, ctx.calendar.calendar()).end == end


def test_period_explains_holiday_extension_and_refuses_bad_custom(ctx: AppContext) -> None:
    period = compute_period(PeriodPreset.DAYS_7, date(2025, 9, 29), ctx.calendar.calendar())
    assert "顺延至2025年10月9日" in period.explanation
    with pytest.raises(UserFacingError, match="结束日期"):
        compute_period(PeriodPreset.CUSTOM, date(2025, 9, 29), ctx.calendar.calendar())
    with pytest.raises(UserFacingError, match="早于"):
        compute_period(PeriodPreset.CUSTOM, date(2025, 9, 29), ctx.calendar.calendar(), date(2025, 9, 1))
    provisional = compute_period(PeriodPreset.WORKDAYS_15, date(2026, 12, 20), ctx.calendar.calendar())
    assert provisional.end == date(2027, 1, 11)  # 元旦 2027-01-01–03 assumed (issue 18)
    assert "（暂定：2027年放假安排尚未录入" in provisional.explanation


def test_create_lists_filters_and_renders(boards_ctx: AppContext, admin: Actor) -> None:
    service = boards_ctx.postings
    created = service.create(admin, _draft())
    other = service.create(admin, _draft(title="方夏村村务公开", boards=("方夏村公开栏",)))
    assert created.status is PostingStatus.WAITING
    assert created.period_end >= TODAY + timedelta(days=6)
    assert service.count(PostingFilter(TODAY)) == 2
    assert [r.id for r in service.page(PostingFilter(TODAY, board="方夏村公开栏"), 0, 50)] == [other.id]
    assert service.count(PostingFilter(TODAY, text="100%'\"低保")) == 0  # quotes and % taken literally
    row = service.page(PostingFilter(TODAY, PostingStatus.WAITING), 0, 1)[0]
    assert row.boards == "镇政府公开栏、赵巷村公开栏" or row.boards == "方夏村公开栏"
    content = service.content(created.id)
    assert content.period == (TODAY, created.period_end) and content.unit == "测试镇人民政府"


def test_bad_drafts_are_refused_and_nothing_saved(boards_ctx: AppContext, admin: Actor) -> None:
    service = boards_ctx.postings
    for changes, message in (
        ({"title": "长" * 10_000}, "标题太长"),
        ({"boards": ()}, "至少选择一个公开栏"),
        ({"boards": ("../../x",)}, "不在本单位的公开栏名单中"),
        ({"preset": "3日"}, "不是可选的期限"),
        ({"source_kind": "document"}, "请选择要张贴的登记公文"),
    ):
        with pytest.raises(UserFacingError, match=message):
            service.create(admin, _draft(**changes))
    assert service.count(PostingFilter(TODAY)) == 0


def test_the_gate_then_the_lifecycle(boards_ctx: AppContext, admin: Actor) -> None:
    service = boards_ctx.postings
    start = TODAY - timedelta(days=10)
    posting = service.create(admin, _draft(period_start=start, preset=PeriodPreset.DAYS_5.value))
    posted_at = datetime.combine(start, datetime.min.time()).replace(hour=9)
    with pytest.raises(UserFacingError, match="保密审查单"):
        service.mark_posted(admin, posting.id, posted_at)
    _approve(boards_ctx, posting.id, posted_at + timedelta(hours=1))
    with pytest.raises(UserFacingError, match="审批通过，张贴时间 .* 在它之前"):  # 先审查、后公开
        service.mark_posted(admin, posting.id, posted_at)
    with pytest.raises(UserFacingError, match="实际公示时间会不足"):
        service.mark_posted(admin, posting.id, posted_at + timedelta(days=1))
    info = service.mark_posted(admin, posting.id, posted_at + timedelta(hours=2))
    assert info.stored_status == "张贴中" and "保审" in info.clearance
    assert info.status is PostingStatus.DUE_DOWN  # 5日 ended days ago: 到期待撤 is derived
    assert service.get(posting.id, today=start + timedelta(days=1)).status is PostingStatus.POSTED
    with pytest.raises(UserFacingError, match="不能再修改内容"):
        service.update(admin, posting.id, _draft(title="改过的标题"))
    info = service.mark_removed(admin, posting.id, TODAY)
    assert info.status is PostingStatus.ARCHIVED and info.early_removal_reason == ""
    with pytest.raises(UserFacingError, match="不能删除"):
        service.delete(admin, posting.id)


def test_removal_before_the_period_ends_needs_a_reason(boards_ctx: AppContext, admin: Actor) -> None:
    service = boards_ctx.postings
    posting = service.create(admin, _draft(preset=PeriodPreset.DAYS_30.value))
    _approve(boards_ctx, posting.id, boards_ctx.clock.now() - timedelta(hours=2))
    service.mark_posted(admin, posting.id, boards_ctx.clock.now() - timedelta(hours=1))
    with pytest.raises(UserFacingError, match="请在「提前撤除原因」中填写原因"):
        service.mark_removed(admin, posting.id, TODAY)
    assert service.get(posting.id).stored_status == "张贴中"
    info = service.mark_removed(admin, posting.id, TODAY, "  公告被雨水损毁，  已重新张贴更正版 ")
    assert info.early_removal_reason == "公告被雨水损毁， 已重新张贴更正版"
    with boards_ctx.sessions() as session:
        actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "公开栏张贴")))
    assert actions == ["新建", "状态变更", "状态变更"]


def test_photos_take_the_exif_date_and_reminders_follow(
    boards_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    service = boards_ctx.postings
    posting = service.create(admin, _draft(period_start=TODAY))
    alerts = service.alerts(TODAY)
    assert [(a.urgency, a.title[:4]) for a in alerts] == [(Urgency.DUE_SOON, "待张贴：")]
    with pytest.raises(UserFacingError, match="登记张贴之后"):
        service.add_photo(admin, posting.id, PhotoStage.POSTED, _photo(tmp_path / "a.jpg", None))
    _approve(boards_ctx, posting.id, boards_ctx.clock.now() - timedelta(minutes=30))
    service.mark_posted(admin, posting.id, boards_ctx.clock.now() - timedelta(minutes=10))
    assert [a.title[:4] for a in service.alerts(TODAY)] == ["待拍照："]
    (tmp_path / "x.jpg").write_text("不是图片", encoding="utf-8")
    with pytest.raises(UserFacingError, match="不是可识别的照片"):
        service.add_photo(admin, posting.id, PhotoStage.POSTED, tmp_path / "x.jpg")
    photo = service.add_photo(
        admin,
        posting.id,
        PhotoStage.POSTED,
        _photo(tmp_path / "上墙.jpg", "2025:09:26 08:31:05"),
        "赵巷村公开栏",
    )
    assert photo.taken_at == datetime(2025, 9, 26, 8, 31, 5) and photo.taken_source == "照片EXIF"
    assert boards_ctx.attachments.path_of(photo.sha256).is_file()
    plain = service.add_photo(admin, posting.id, PhotoStage.POSTED, _photo(tmp_path / "b.jpg", None))
    assert plain.taken_source == "登记时间"
    assert service.alerts(TODAY) == []
    assert service.alerts(service.get(posting.id).period_end + timedelta(days=1))[0].title.startswith(
        "到期待撤"
    )


def test_register_docx_and_xlsx(boards_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    service = boards_ctx.postings
    first = service.create(admin, _draft())
    service.create(admin, _draft(title="方夏村村务公开", boards=("方夏村公开栏",)))
    _approve(boards_ctx, first.id, boards_ctx.clock.now() - timedelta(minutes=30))
    service.mark_posted(admin, first.id, boards_ctx.clock.now() - timedelta(minutes=10))
    start, end = TODAY - timedelta(days=30), TODAY + timedelta(days=30)
    docx_path = posting_register.export_docx(
        boards_ctx.sessions, admin, "赵巷村公开栏", start, end, tmp_path / "登记簿.docx", "测试镇人民政府"
    )
    document = DocxDocument(str(docx_path))
    assert document.paragraphs[0].text == "赵巷村公开栏张贴登记簿"
    table = document.tables[0]
    assert len(table.rows) == 2 and table.rows[1].cells[1].text == first.title
    assert "张贴中" in table.rows[1].cells[6].text
    count = posting_register.export_xlsx(
        boards_ctx.sessions, admin, "方夏村公开栏", start, end, tmp_path / "登记簿.xlsx"
    )
    sheet = load_workbook(tmp_path / "登记簿.xlsx").active
    assert count == 1 and sheet["B2"].value == "方夏村村务公开" and sheet["G2"].value == "待张贴"
    with pytest.raises(UserFacingError, match="早于"):
        posting_register.register_rows(boards_ctx.sessions, "方夏村公开栏", end, start, TODAY)


def test_due_on_board_for_batch_printing(boards_ctx: AppContext, admin: Actor) -> None:
    service = boards_ctx.postings
    due = service.create(admin, _draft())
    service.create(admin, _draft(period_start=TODAY + timedelta(days=3)))
    service.create(admin, _draft(boards=("方夏村公开栏",)))
    assert service.due_on_board("赵巷村公开栏", TODAY) == [due.id]
