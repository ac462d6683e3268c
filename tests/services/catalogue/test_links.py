"""Linking registered information to catalogue items, the clerk's due dates and recorded publications."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import UserFacingError
from app.models.audit import AuditEntry
from app.models.catalogue import CatalogueItem
from app.models.document import Document
from app.services.catalogue.links import LinkService
from app.services.context import AppContext
from app.services.permissions import Actor
from tests.services.catalogue.seed import (
    MANUAL,
    add_decision,
    add_document,
    add_item,
    add_package,
    add_posting,
)


def audit_entries(ctx: AppContext, entity: str) -> list[tuple[str, str]]:
    """(action, details) of the entity's audit entries, oldest first."""
    with ctx.sessions() as session:
        query = select(AuditEntry.action, AuditEntry.details_json).where(AuditEntry.entity == entity)
        return [(action, details) for action, details in session.execute(query.order_by(AuditEntry.id))]


@pytest.fixture
def links(ctx: AppContext) -> LinkService:
    return LinkService(ctx.sessions, ctx.calendar, ctx.attachments)


def test_a_link_shows_the_item_the_source_and_where_it_was_published(
    ctx: AppContext, admin: Actor, links: LinkService
) -> None:
    item = add_item(ctx, "3", "预算公开", channels="政府网站、公示栏、政务新媒体")
    document = add_document(ctx, "关于2026年财政预算的公告", number="测府发〔2026〕3号")
    add_package(ctx, datetime(2026, 3, 20, 16, 0), ("document", document))
    add_posting(ctx, "预算公告", datetime(2026, 3, 18, 9, 0), document_id=document)

    row = links.link(admin, item, "公文", document, date(2026, 3, 2), note="年初预算")

    assert (row.seq, row.level2, row.source_title) == (
        "3",
        "预算公开",
        "测府发〔2026〕3号 关于2026年财政预算的公告",
    )
    assert [(p.channel, p.published_on) for p in row.publications] == [
        ("政府网站", date(2026, 3, 20)),
        ("公示栏", date(2026, 3, 18)),
    ]
    assert links.links_for_source("公文", document) == [row]
    assert links.links_for_item(item) == [row]
    assert [action for action, _ in audit_entries(ctx, "标准目录关联")] == ["新建"]


def test_a_second_identical_link_is_refused(ctx: AppContext, admin: Actor, links: LinkService) -> None:
    item = add_item(ctx, "3", "预算公开")
    document = add_document(ctx, "预算公告")
    links.link(admin, item, "公文", document, date(2026, 3, 2))
    with pytest.raises(UserFacingError, match="已经关联到第 3 项"):
        links.link(admin, item, "公文", document, date(2026, 3, 5))


def test_a_voided_document_item_or_revoked_decision_cannot_be_linked(
    ctx: AppContext, admin: Actor, links: LinkService
) -> None:
    item = add_item(ctx, "3", "预算公开")
    document = add_document(ctx, "预算公告")
    with ctx.sessions.begin() as session:
        session.get_one(Document, document).voided_at = datetime(2026, 3, 3)
    with pytest.raises(UserFacingError, match="公文已作废"):
        links.link(admin, item, "公文", document, date(2026, 3, 2))
    other = add_item(ctx, "4", "决算公开")
    live = add_document(ctx, "决算公告")
    with ctx.sessions.begin() as session:
        session.get_one(CatalogueItem, other).voided_at = datetime(2026, 3, 3)
    with pytest.raises(UserFacingError, match="已从目录中作废"):
        links.link(admin, other, "公文", live, date(2026, 3, 2))
    with pytest.raises(UserFacingError, match="已不存在"):
        links.link(admin, item, "公文", 9999, date(2026, 3, 2))
    _directory, revoked = add_decision(ctx, "已撤销的决策", status="已撤销")
    with pytest.raises(UserFacingError, match="决策事项已撤销"):
        links.link(admin, item, "决策", revoked, date(2026, 3, 2))


def test_unlinking_needs_a_reason_and_is_audited(ctx: AppContext, admin: Actor, links: LinkService) -> None:
    row = links.link(
        admin, add_item(ctx, "3", "预算公开"), "公文", add_document(ctx, "预算"), date(2026, 3, 2)
    )
    with pytest.raises(UserFacingError, match="原因"):
        links.unlink(admin, row.id, " ")
    links.unlink(admin, row.id, "关联错了事项")
    assert links.links_for_item(row.item_id) == []
    assert [action for action, _ in audit_entries(ctx, "标准目录关联")] == ["新建", "删除"]
    assert "关联错了事项" in audit_entries(ctx, "标准目录关联")[1][1]


def test_the_clerk_sets_the_due_date_of_a_manual_item(
    ctx: AppContext, admin: Actor, links: LinkService
) -> None:
    row = links.link(
        admin, add_item(ctx, "9", "征地信息", MANUAL), "公文", add_document(ctx, "征地"), date(2026, 5, 6)
    )
    assert links.set_due(admin, row.id, date(2026, 6, 1)).due_override == date(2026, 6, 1)
    with pytest.raises(UserFacingError, match="不能早于信息形成日期"):
        links.set_due(admin, row.id, date(2026, 5, 1))
    assert links.set_due(admin, row.id, None).due_override is None


def test_a_publication_on_another_channel_is_recorded_with_its_evidence(
    ctx: AppContext, admin: Actor, links: LinkService, tmp_path: Path
) -> None:
    row = links.link(
        admin, add_item(ctx, "3", "预算公开"), "公文", add_document(ctx, "预算"), date(2026, 3, 2)
    )
    shot = tmp_path / "公众号截图.png"
    shot.write_bytes(b"png")

    links.record_publication(admin, row.id, "微信公众号", date(2026, 3, 10), "", attachment=shot)

    (publication,) = links.links_for_item(row.item_id)[0].publications
    assert (publication.channel, publication.published_on) == ("政务新媒体", date(2026, 3, 10))
    assert publication.evidence == "公众号截图.png" and publication.attachment_id is not None


@pytest.mark.parametrize(
    ("channel", "day", "evidence", "message"),
    [
        ("政府网站", date(2026, 3, 10), "网址", "以上报数据包为准"),
        ("村（居）公示栏", date(2026, 3, 10), "照片", "有照片的公开栏张贴"),
        ("政务新媒体", date(2026, 11, 24), "网址", "还没到"),  # the context's clock says 2026-11-23
        ("政务新媒体", date(2026, 3, 1), "网址", "早于信息形成日期"),
        ("政务新媒体", date(2026, 3, 10), " ", "请填写佐证"),
    ],
)
def test_a_doubtful_publication_is_refused(
    ctx: AppContext, admin: Actor, links: LinkService, channel: str, day: date, evidence: str, message: str
) -> None:
    row = links.link(
        admin, add_item(ctx, "3", "预算公开"), "公文", add_document(ctx, "预算"), date(2026, 3, 2)
    )
    with pytest.raises(UserFacingError, match=message):
        links.record_publication(admin, row.id, channel, day, evidence)


def test_suggestions_rank_items_by_shared_words(ctx: AppContext, links: LinkService) -> None:
    add_item(ctx, "1", "财政预算", content="年度财政预算报告及说明")
    add_item(ctx, "2", "财政决算", content="年度财政决算报告")
    add_item(ctx, "3", "最低生活保障", level1="社会救助", content="低保对象认定条件和程序")
    add_item(ctx, "4", "预算公开", year=2025)  # another year's catalogue

    found = links.suggest(2026, "关于2026年财政预算执行情况和决算草案的报告", topic="财政\\预算")

    assert [s.level2 for s in found] == ["财政预算", "财政决算"]
    assert [s.reason for s in found] == ["匹配：财政预算", "匹配：财政、决算"]
    assert links.suggest(2026, "关于做好春节期间安全生产工作的通知") == []
