"""Compliance: each status with its exact due date and working days late, judged as of a day.

Due dates worked out by hand from the 2026 notice: 春节 2月15日–23日 off with 2月14日 (Sat) worked, 清明
4月4日–6日, 劳动节 5月1日–5日 with 5月9日 (Sat) worked.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.models.document import Document
from app.services.catalogue.compliance import ComplianceService
from app.services.catalogue.links import LinkService
from app.services.catalogue.types import ComplianceRow, Status
from app.services.context import AppContext
from app.services.permissions import Actor
from tests.services.catalogue.seed import (
    MANUAL,
    QUARTERLY_20TH,
    STANDING,
    add_decision,
    add_document,
    add_item,
    add_package,
    add_posting,
    add_village,
    add_village_posting,
)

FORMED = date(2026, 3, 2)  # a Monday; 20 working days later is 3月30日 (no holiday in March)
DUE = date(2026, 3, 30)


@pytest.fixture
def links(ctx: AppContext) -> LinkService:
    return LinkService(ctx.sessions, ctx.calendar, ctx.attachments)


@pytest.fixture
def compliance(ctx: AppContext) -> ComplianceService:
    return ComplianceService(ctx.sessions, ctx.calendar)


def only(rows: list[ComplianceRow]) -> ComplianceRow:
    assert len(rows) == 1, rows
    return rows[0]


def linked_document(ctx: AppContext, links: LinkService, admin: Actor, channels: str = "政府网站") -> int:
    item = add_item(ctx, "3", "预算公开", channels=channels)
    document = add_document(ctx, "关于2026年财政预算的公告", FORMED)
    links.link(admin, item, "公文", document, FORMED)
    return document


def test_a_linked_document_is_pending_then_overdue_as_the_day_moves(
    ctx: AppContext, admin: Actor, links: LinkService, compliance: ComplianceService
) -> None:
    linked_document(ctx, links, admin)

    pending = only(compliance.check(date(2026, 3, 20), 2026))
    assert (pending.status, pending.due, pending.days_late) == (Status.PENDING, DUE, 0)
    assert pending.source_title == "关于2026年财政预算的公告" and pending.formed_on == FORMED
    assert only(compliance.check(DUE, 2026)).status is Status.PENDING  # the due day itself is still in time

    overdue = only(compliance.check(date(2026, 4, 10), 2026))  # 3月31日–4月3日, 4月7日–10日: 清明 skipped
    assert (overdue.status, overdue.days_late, overdue.missing_channels) == (Status.OVERDUE, 8, ("政府网站",))


def test_the_website_is_published_by_the_first_package_that_carried_the_document(
    ctx: AppContext, admin: Actor, links: LinkService, compliance: ComplianceService
) -> None:
    document = linked_document(ctx, links, admin)
    add_package(ctx, datetime(2026, 4, 8, 16, 30), ("document", document))
    add_package(ctx, datetime(2026, 5, 8, 10, 0), ("document", document))  # carried again: the first counts

    late = only(compliance.check(date(2026, 6, 1), 2026))
    assert (late.status, late.published_on, late.days_late) == (Status.LATE, date(2026, 4, 8), 6)
    assert late.channels_done == ("政府网站",)
    before = only(compliance.check(date(2026, 4, 7), 2026))  # a package built later is not known yet
    assert (before.status, before.published_on, before.days_late) == (Status.OVERDUE, None, 5)


def test_a_package_in_time_is_on_time(
    ctx: AppContext, admin: Actor, links: LinkService, compliance: ComplianceService
) -> None:
    document = linked_document(ctx, links, admin)
    add_package(ctx, datetime(2026, 3, 30, 17, 0), ("document", document))
    row = only(compliance.check(date(2026, 6, 1), 2026))
    assert (row.status, row.published_on, row.days_late) == (Status.ON_TIME, DUE, 0)


def test_the_board_is_published_by_a_posting_with_a_photo(
    ctx: AppContext, admin: Actor, links: LinkService, compliance: ComplianceService
) -> None:
    document = linked_document(ctx, links, admin, channels="村（居）公示栏")
    add_posting(ctx, "预算公告（无照片）", datetime(2026, 3, 10, 9, 0), document_id=document, photo=False)
    assert only(compliance.check(date(2026, 4, 1), 2026)).status is Status.OVERDUE  # no photo: no proof

    add_posting(ctx, "预算公告", datetime(2026, 3, 18, 9, 0), document_id=document)
    row = only(compliance.check(date(2026, 4, 1), 2026))
    assert (row.status, row.published_on, row.channels_done) == (
        Status.ON_TIME,
        date(2026, 3, 18),
        ("公示栏",),
    )


def test_a_posting_linked_itself_counts_on_the_board(
    ctx: AppContext, admin: Actor, links: LinkService, compliance: ComplianceService
) -> None:
    item = add_item(ctx, "7", "征兵公告", channels="公示栏")
    posting = add_posting(ctx, "2026年征兵公告", datetime(2026, 4, 1, 9, 0))
    links.link(admin, item, "公开栏", posting, FORMED)
    row = only(compliance.check(date(2026, 6, 1), 2026))
    assert (row.status, row.days_late, row.source_title) == (Status.LATE, 2, "2026年征兵公告")


def test_a_decision_is_seen_in_the_package_and_on_its_directory_posting(
    ctx: AppContext, admin: Actor, links: LinkService, compliance: ComplianceService
) -> None:
    item = add_item(ctx, "15", "重大行政决策", channels="政府网站、公示栏", level1="决策公开")
    directory, decision = add_decision(ctx, "镇区道路改造")
    links.link(admin, item, "决策", decision, FORMED)
    add_posting(ctx, "2026年重大行政决策事项目录", datetime(2026, 3, 25, 9, 0), directory_id=directory)
    add_package(ctx, datetime(2026, 4, 20, 9, 0), ("decision_result", decision))

    row = only(compliance.check(date(2026, 6, 1), 2026))

    assert (row.source_title, row.channels_done) == ("镇区道路改造", ("政府网站", "公示栏"))
    # 3月31日–4月3日 (4), 清明, 4月7日–10日 (8), 13日–17日 (13), 20日 (14)
    assert (row.status, row.published_on, row.days_late) == (Status.LATE, date(2026, 4, 20), 14)


def test_a_missing_channel_is_a_gap_until_it_is_recorded(
    ctx: AppContext, admin: Actor, links: LinkService, compliance: ComplianceService
) -> None:
    document = linked_document(ctx, links, admin, channels="政府网站、政务新媒体")
    add_package(ctx, datetime(2026, 3, 20, 9, 0), ("document", document))

    gap = only(compliance.check(date(2026, 4, 10), 2026))
    assert (gap.status, gap.missing_channels, gap.channels_done) == (
        Status.CHANNEL_GAP,
        ("政务新媒体",),
        ("政府网站",),
    )
    assert gap.published_on is None and gap.days_late == 8

    (link,) = links.links_for_source("公文", document)
    links.record_publication(admin, link.id, "微信公众号", date(2026, 4, 2), "https://mp.weixin.qq.com/s/1")
    late = only(compliance.check(date(2026, 4, 10), 2026))  # done when the last channel carried it
    assert (late.status, late.published_on, late.days_late) == (Status.LATE, date(2026, 4, 2), 3)


def test_working_days_cross_spring_festival_and_the_worked_saturday(
    ctx: AppContext, admin: Actor, links: LinkService, compliance: ComplianceService
) -> None:
    item = add_item(ctx, "5", "项目公示")
    document = add_document(ctx, "项目公示", date(2026, 2, 6))
    links.link(admin, item, "公文", document, date(2026, 2, 6))  # a Friday
    row = only(compliance.check(date(2026, 2, 25), 2026))
    # 2月9日–13日 (5), 14日 Saturday worked (6), 春节 15日–23日, 24日–27日 (10), 28日 Saturday worked (11),
    # 3月2日–6日 (16), 9日–12日 (20)
    assert (row.status, row.due) == (Status.PENDING, date(2026, 3, 12))


def test_a_due_date_in_a_year_without_its_notice_is_provisional(
    ctx: AppContext, admin: Actor, links: LinkService, compliance: ComplianceService
) -> None:
    item = add_item(ctx, "5", "项目公示")
    links.link(admin, item, "公文", add_document(ctx, "项目公示"), date(2026, 12, 10))
    row = only(compliance.check(date(2026, 12, 11), 2026))
    assert row.due is not None and row.due.year == 2027 and row.due_provisional


def test_manual_and_standing_items(
    ctx: AppContext, admin: Actor, links: LinkService, compliance: ComplianceService
) -> None:
    manual = add_item(ctx, "8", "征地信息", MANUAL)
    standing = add_item(ctx, "9", "机构职能", STANDING)
    document = add_document(ctx, "征地公告")
    link = links.link(admin, manual, "公文", document, FORMED)
    links.link(admin, standing, "公文", document, FORMED)
    assert [r.status for r in compliance.check(date(2026, 4, 10), 2026)] == [Status.UNDATED, Status.UNDATED]

    links.set_due(admin, link.id, date(2026, 4, 1))
    add_package(ctx, datetime(2026, 4, 3, 9, 0), ("document", document))
    manual_row, standing_row = compliance.check(date(2026, 4, 10), 2026)
    assert (manual_row.status, manual_row.due, manual_row.days_late) == (Status.LATE, date(2026, 4, 1), 2)
    assert (standing_row.status, standing_row.due, standing_row.published_on) == (
        Status.ON_TIME,
        None,
        date(2026, 4, 3),
    )


def test_quarterly_items_get_one_row_per_period_answered_in_its_window(
    ctx: AppContext, admin: Actor, links: LinkService, compliance: ComplianceService
) -> None:
    item = add_item(ctx, "12", "财政收支情况", QUARTERLY_20TH)
    first, second = add_document(ctx, "一季度财政收支"), add_document(ctx, "二季度财政收支")
    links.link(admin, item, "公文", first, date(2026, 1, 10))
    links.link(admin, item, "公文", second, date(2026, 4, 15))
    add_package(ctx, datetime(2026, 1, 15, 9, 0), ("document", first))
    add_package(ctx, datetime(2026, 5, 6, 9, 0), ("document", second))

    rows = compliance.check(date(2026, 5, 12), 2026)

    assert [(r.period_key, r.status, r.due, r.days_late) for r in rows] == [
        ("2026Q1", Status.ON_TIME, date(2026, 1, 20), 0),
        ("2026Q2", Status.LATE, date(2026, 4, 20), 9),  # 4月21日–30日 (8), 劳动节, 5月6日 (9)
        ("2026Q3", Status.PENDING, date(2026, 7, 20), 0),  # the next period; the fourth is not shown yet
    ]
    assert rows[1].source_title == "二季度财政收支" and rows[1].period_label == "2026年第2季度"
    assert [r.period_key for r in compliance.check(date(2026, 5, 12), 2026, quarter=1)] == ["2026Q1"]


def test_a_quarterly_item_with_nothing_linked_is_overdue_once_due(
    ctx: AppContext, compliance: ComplianceService
) -> None:
    add_item(ctx, "12", "财政收支情况", QUARTERLY_20TH)
    rows = compliance.check(date(2026, 1, 22), 2026)
    assert [(r.period_key, r.status, r.days_late) for r in rows] == [
        ("2026Q1", Status.OVERDUE, 2),
        ("2026Q2", Status.PENDING, 0),
    ]


def test_village_items_get_one_row_per_active_village_and_period(
    ctx: AppContext, compliance: ComplianceService
) -> None:
    item = add_item(
        ctx, "20", "村级财务收支", QUARTERLY_20TH, "村（居）公示栏", level1="村务公开", tier="村级"
    )
    east, west = add_village(ctx, "东村", 1), add_village(ctx, "西村", 2)
    add_village(ctx, "北村", 3, active=False)
    add_village_posting(ctx, item, east, "2026Q1", date(2026, 1, 16))
    add_village_posting(ctx, item, west, "2026Q1", date(2026, 1, 22))
    add_village_posting(ctx, item, west, "2026Q2", date(2026, 4, 20))

    rows = compliance.check(date(2026, 5, 12), 2026)

    assert [(r.period_key, r.village, r.status, r.days_late) for r in rows] == [
        ("2026Q1", "东村", Status.ON_TIME, 0),
        ("2026Q1", "西村", Status.LATE, 2),
        ("2026Q2", "东村", Status.OVERDUE, 14),  # 4月21日–5月12日 less 劳动节, with 5月9日 worked
        ("2026Q2", "西村", Status.ON_TIME, 0),
        ("2026Q3", "东村", Status.PENDING, 0),
        ("2026Q3", "西村", Status.PENDING, 0),
    ]


def test_a_document_voided_after_linking_no_longer_answers_the_item(
    ctx: AppContext, admin: Actor, links: LinkService, compliance: ComplianceService
) -> None:
    document = linked_document(ctx, links, admin)
    add_package(ctx, datetime(2026, 3, 20, 9, 0), ("document", document))
    assert only(compliance.check(date(2026, 4, 10), 2026)).status is Status.ON_TIME
    with ctx.sessions.begin() as session:
        session.get_one(Document, document).voided_at = datetime(2026, 4, 1, 9, 0)
    assert compliance.check(date(2026, 4, 10), 2026) == []
    assert [u.seq for u in compliance.unlinked(2026)] == ["3"]  # the report asks for the real information


def test_week_ahead_overdue_and_unlinked(
    ctx: AppContext, admin: Actor, links: LinkService, compliance: ComplianceService
) -> None:
    linked_document(ctx, links, admin)  # due 3月30日
    add_item(ctx, "4", "决算公开")  # nothing linked
    add_item(ctx, "12", "财政收支情况", QUARTERLY_20TH)  # periodic: due whether or not anything is linked

    assert [r.seq for r in compliance.week_ahead(date(2026, 3, 24))] == ["3"]
    assert compliance.week_ahead(date(2026, 3, 20)) == []  # ten days ahead: not this week
    assert [r.seq for r in compliance.overdue(date(2026, 3, 31), 2026)] == ["3", "12"]
    assert [(u.seq, u.level2) for u in compliance.unlinked(2026)] == [("4", "决算公开")]


def test_a_quarter_outside_one_to_four_is_refused(compliance: ComplianceService) -> None:
    from app.errors import UserFacingError

    with pytest.raises(UserFacingError, match="季度"):
        compliance.check(date(2026, 5, 1), 2026, quarter=5)
