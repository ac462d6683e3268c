"""The compliance check at office scale (issue 23: 300 items × 50,000 links in ≤ 200 ms, measured by
`bench --catalogue-links`): a year's links and publications are read in one ordered pass, so each link's
channels must still come out right, and SQLite must not sort fifty thousand rows to give that order."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import event

from app.services.catalogue.compliance import ComplianceService
from app.services.catalogue.links import LinkService
from app.services.catalogue.types import Status
from app.services.context import AppContext
from app.services.permissions import Actor
from tests.services.catalogue.seed import add_document, add_item, add_package

FORMED = date(2026, 3, 2)  # a Monday; 20 working days later is 3月30日
DUE = date(2026, 3, 30)


@pytest.fixture
def links(ctx: AppContext) -> LinkService:
    return LinkService(ctx.sessions, ctx.calendar, ctx.attachments)


@pytest.fixture
def compliance(ctx: AppContext) -> ComplianceService:
    return ComplianceService(ctx.sessions, ctx.calendar)


def test_each_link_keeps_its_own_channels_in_the_one_pass(
    ctx: AppContext, admin: Actor, links: LinkService, compliance: ComplianceService
) -> None:
    """Three links of one item: 微信公众号 and 政务微博 are one channel (its first day counts), a publication
    recorded for a later day is not known yet, and a link with nothing recorded borrows nobody's days."""
    item = add_item(ctx, "1", "预算公开", channels="政府网站、政务新媒体")
    first, second, third = (add_document(ctx, f"公告{n}", FORMED) for n in (1, 2, 3))
    made = {doc: links.link(admin, item, "公文", doc, FORMED).id for doc in (first, second, third)}
    add_package(
        ctx, datetime(2026, 3, 10, 9, 0), ("document", first), ("document", second), ("document", third)
    )
    links.record_publication(
        admin, made[first], "微信公众号", date(2026, 3, 20), "https://mp.weixin.qq.com/s/1"
    )
    links.record_publication(admin, made[first], "政务微博", date(2026, 3, 12), "https://weibo.com/1")
    links.record_publication(
        admin, made[second], "微信公众号", date(2026, 4, 20), "https://mp.weixin.qq.com/s/2"
    )

    rows = {row.source_id: row for row in compliance.check(date(2026, 4, 10), 2026)}

    assert (rows[first].status, rows[first].published_on) == (Status.ON_TIME, date(2026, 3, 12))
    for gap in (rows[second], rows[third]):  # 4月20日 has not happened on 4月10日
        assert (gap.status, gap.missing_channels, gap.channels_done) == (
            Status.CHANNEL_GAP,
            ("政务新媒体",),
            ("政府网站",),
        )
    later = {row.source_id: row for row in compliance.check(date(2026, 4, 30), 2026)}
    assert (later[second].status, later[second].days_late) == (Status.LATE, 14)
    assert later[third].status is Status.CHANNEL_GAP


def test_a_check_leaves_the_garbage_collector_as_it_found_it(
    ctx: AppContext, admin: Actor, links: LinkService, compliance: ComplianceService
) -> None:
    """The check pauses the cyclic collector while it builds its rows (a third of its time at 50,000)."""
    item = add_item(ctx, "1", "预算公开")
    links.link(admin, item, "公文", add_document(ctx, "公告", FORMED), FORMED)
    assert gc.isenabled()
    assert compliance.check(date(2026, 4, 10), 2026)
    assert gc.isenabled()
    gc.disable()
    try:
        compliance.check(date(2026, 4, 10), 2026)
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.fixture
def statements(ctx: AppContext) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def remember(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        seen.append((statement, parameters))

    event.listen(ctx.engine, "before_cursor_execute", remember)
    yield seen
    event.remove(ctx.engine, "before_cursor_execute", remember)


def test_sqlite_reads_the_links_and_publications_from_indexes_without_sorting(
    ctx: AppContext,
    admin: Actor,
    links: LinkService,
    compliance: ComplianceService,
    statements: list[tuple[str, Any]],
) -> None:
    """A temporary B-tree would sort the year's 50,000 links (or group its 40,000 publications) on every
    check: the query walks ix_catalogue_links_item_formed in order instead (migration 0019)."""
    if ctx.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's query plan")
    for number in range(3):
        item = add_item(ctx, str(number + 1), f"事项{number}", channels="政府网站、政务新媒体")
        link = links.link(admin, item, "公文", add_document(ctx, f"公告{number}", FORMED), FORMED)
        links.record_publication(admin, link.id, "微信公众号", DUE, "https://mp.weixin.qq.com/s/1")
    statements.clear()
    compliance.check(date(2026, 4, 10), 2026)

    reads = [(sql, params) for sql, params in statements if "FROM catalogue_links" in sql]
    assert reads
    with ctx.engine.connect() as connection:
        plans = [
            " / ".join(row[3] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params))
            for sql, params in reads
        ]
    assert any("ix_catalogue_links_item_formed" in plan for plan in plans), plans
    assert not [plan for plan in plans if "TEMP B-TREE" in plan], plans
