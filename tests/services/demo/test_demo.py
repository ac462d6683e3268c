"""The demo on every date (issue 18): dates placed around today and consistent; written all or nothing."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from app.errors import CancelledError, UserFacingError
from app.models.decision import Stage
from app.services.context import AppContext
from app.services.demo import seed_demo as demo
from app.services.demo.data import DEMO_OFFICE
from app.services.demo.dates import DemoDates, previous_quarter, quarter_of, shift_text, shift_years
from app.services.demo.guard import existing_work, is_complete
from app.services.demo.seed_demo import seed_demo
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor
from app.services.postings.types import PostingFilter
from app.services.requests.query import CaseFilter
from app.services.requests.types import OPEN_STATUSES, TIMED_STATUSES, CaseStatus
from app.services.storage.integrity import run_check
from app.services.storage.server_config import ServerConfig
from tests.conftest import set_today

DATES = (
    date(2024, 3, 15),
    date(2025, 1, 1),
    date(2026, 2, 24),  # the first working day after the 2026 Spring Festival
    date(2026, 11, 22),  # a Sunday
    date(2026, 11, 23),
    date(2026, 12, 5),
    date(2026, 12, 31),
    date(2027, 1, 1),
    date(2027, 2, 15),  # a Monday after the provisional 2027 Spring Festival
    date(2027, 3, 1),
    date(2028, 2, 29),
    date(2029, 12, 31),
)


def test_working_days_before_today_count_like_the_deadline_engine(ctx: AppContext) -> None:
    calendar = ctx.calendar.calendar()
    for today in (date(2026, 10, 8), date(2027, 2, 15), date(2029, 12, 31)):  # loaded and provisional
        dates = DemoDates(today, calendar)
        assert dates.ago(0) <= today and calendar.is_working_day(dates.ago(0))
        assert all(calendar.is_working_day(dates.ago(n)) for n in range(30))
        assert dates.after(dates.ago(24), 20) == dates.ago(4)  # a 20-working-day period from ago(24)
    assert DemoDates(date(2026, 10, 5), calendar).ago(0) == date(2026, 9, 30)  # 国庆 2026: 10-01 … 10-07


def test_years_quarters_and_29_february() -> None:
    assert shift_years(date(2028, 2, 29), -1) == date(2027, 2, 28)
    assert (
        shift_text("赵府办〔2025〕27号（2025—2027年），电话 59750000", -2)
        == "赵府办〔2023〕27号（2023—2025年），电话 59750000"
    )
    assert quarter_of(date(2027, 1, 1)) == (2027, "第一季度")
    assert previous_quarter(date(2027, 1, 1)) == (2026, "第四季度")
    assert previous_quarter(date(2026, 12, 31)) == (2026, "第三季度")


def _seed_on(ctx: AppContext, day: date) -> None:
    set_today(ctx, datetime.combine(day, time(9, 0)))
    result = seed_demo(ctx)
    assert (result.already_present, result.today, result.office) == (False, day, DEMO_OFFICE.name)


def _check_requests(ctx: AppContext, today: date) -> None:
    rows = ctx.requests.page(CaseFilter(), 0, 100, today)
    calendar = ctx.calendar.calendar()
    assert len(rows) == 8
    for row in rows:
        case = ctx.requests.detail(row.id, today)
        assert case.arrived_at.date() <= today
        in_order = sorted(case.events, key=lambda event: event.id)  # as recorded, not as listed
        assert [e.on_date for e in in_order] == sorted(e.on_date for e in in_order), case.number
        assert all(e.on_date <= today for e in case.events)
        assert all(letter.issued_on <= today for letter in case.letters)
        assert all(r.filed_on <= today and (r.closed_on or today) <= today for r in case.remedies)
        if row.status in TIMED_STATUSES:
            assert row.due_on is not None, case.number  # a date on the case, 暂定 if need be
            start = case.deadline.start if case.deadline else None
            assert start is not None
            assumed = any(not calendar.covers(year) for year in range(start.year, row.due_on.year + 1))
            assert row.due_is_provisional == assumed, (case.number, row.due_on, row.due_assumed)
        if row.status == CaseStatus.CORRECTION:
            assert case.deadline is not None and case.deadline.correction_notice_due is not None
    statuses = sorted(row.status for row in rows)
    assert statuses == sorted(
        ["已归档", "已送达", "办理中", "办理中", "办理中", "待补正", "征求意见中", "待确认"]
    )
    assert ctx.requests.count(CaseFilter(due="已逾期"), today) == 1
    assert ctx.requests.count(CaseFilter(due="即将到期"), today) == 1
    assert sum(row.status in OPEN_STATUSES for row in rows) == 6


def _check_decisions(ctx: AppContext, today: date) -> None:
    (year,) = ctx.decisions.years()
    assert year <= 2025 and (year == 2025 or today < date(2025, 10, 1))
    directory = ctx.decisions.directory(year)
    assert directory is not None and directory.published_on is not None and directory.published_on < today
    records = ctx.decisions.process.records([year])
    assert len(records) == 4
    for record in records:
        days = [
            day
            for stage in Stage
            if (info := record.view(stage).info) is not None
            for day in (info.record.started_on or info.record.done_on, info.record.done_on)
            if day is not None
        ]
        assert days == sorted(days) and all(day <= today for day in days), record.item.name
    assert records[0].missing == () and records[0].view(Stage.MEETING).done


@pytest.mark.parametrize("today", DATES, ids=str)
def test_the_demo_is_consistent_on_any_date(ctx: AppContext, today: date) -> None:
    _seed_on(ctx, today)
    _check_requests(ctx, today)
    _check_decisions(ctx, today)
    assert ctx.documents.count_all() == 4
    assert ctx.postings.count(PostingFilter(today)) == 3
    assert ctx.workplan.years() == [today.year]
    assert not ctx.annual_report.is_published(today.year - 1)
    report = run_check(ctx.sessions, ctx.attachments)
    assert report.ok, report.as_json()
    assert seed_demo(ctx).already_present


def test_the_2025_directory_stays_as_written_once_its_year_has_passed(ctx: AppContext) -> None:
    _seed_on(ctx, date(2029, 12, 31))
    directory = ctx.decisions.directory(2025)
    assert directory is not None and directory.published_on == date(2025, 3, 20)
    assert directory.doc_number == "赵府办〔2025〕27号"


def test_midnight_passing_while_writing_starts_again_on_the_new_day(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = demo.seed_postings_demo

    def late(context: AppContext, actor: Actor, today: date | None = None) -> int:
        if context.clock.today() == date(2026, 12, 31):  # the sign-offs and the posting fall on 1 January
            set_today(context, datetime(2027, 1, 1, 0, 0, 1))
        return real(context, actor, today)

    monkeypatch.setattr(demo, "seed_postings_demo", late)
    set_today(ctx, datetime(2026, 12, 31, 23, 59, 58))
    assert seed_demo(ctx).today == date(2027, 1, 1)
    assert is_complete(ctx) and ctx.requests.count(CaseFilter()) == 8 and ctx.workplan.years() == [2027]


def _assert_untouched(ctx: AppContext) -> None:
    assert ctx.settings.office() is None and ctx.accounts.count() == 0
    assert existing_work(ctx) == [] and not is_complete(ctx)
    assert [path for path in ctx.attachments.root.rglob("*")] == []  # no stray blob
    assert list(ctx.paths.root.glob(".demo-*")) == []  # the snapshot went with it


def test_a_failure_half_way_leaves_the_folder_as_it_was_and_a_rerun_completes(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> int:
        raise RuntimeError("磁盘已满")

    # After the decisions, the work plan and the requests (with their letters' files) were written.
    monkeypatch.setattr(demo, "seed_documents_demo", broken)
    with pytest.raises(RuntimeError, match="磁盘已满"):
        seed_demo(ctx)
    _assert_untouched(ctx)
    monkeypatch.undo()
    assert not seed_demo(ctx).already_present
    assert is_complete(ctx) and ctx.requests.count(CaseFilter()) == 8
    assert run_check(ctx.sessions, ctx.attachments).ok
    assert seed_demo(ctx).already_present


def test_cancel_half_way_leaves_the_folder_as_it_was(ctx: AppContext) -> None:
    steps: list[str] = []

    def progress(_percent: int, message: str) -> None:
        steps.append(message)

    with pytest.raises(CancelledError):
        seed_demo(ctx, progress, lambda: len(steps) >= 4)
    assert len(steps) == 4
    _assert_untouched(ctx)


def test_a_folder_with_real_work_is_refused_and_left_alone(office_ctx: AppContext, admin: Actor) -> None:
    office_ctx.documents.create(admin, DocumentInput("关于做好秋季防汛工作的通知", "测试镇人民政府"))
    with pytest.raises(UserFacingError, match="公文 1 件"):
        seed_demo(office_ctx)
    assert office_ctx.documents.count_all() == 1 and not is_complete(office_ctx)
    assert office_ctx.settings.office() is not None and office_ctx.settings.office() != DEMO_OFFICE


def test_a_folder_with_only_the_first_run_settings_gets_the_demo(office_ctx: AppContext) -> None:
    assert not seed_demo(office_ctx).already_present
    assert office_ctx.settings.office() == DEMO_OFFICE and office_ctx.accounts.count() == 1


def test_server_mode_is_refused_before_anything_is_written(ctx: AppContext) -> None:
    ctx.server = ServerConfig("postgresql+psycopg://zwgk@192.168.1.10/zwgk", str(ctx.paths.attachments))
    with pytest.raises(UserFacingError, match="服务器数据库"):
        seed_demo(ctx)
    ctx.server = None
    _assert_untouched(ctx)
