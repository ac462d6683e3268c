"""The 工作台 names catalogue items due this week (amber) and those overdue and unpublished (red), each
opening the catalogue page on the most urgent item."""

from __future__ import annotations

from datetime import date, datetime

from app.services.alerts import Alert, Urgency
from app.services.catalogue.links import LinkService
from app.services.context import AppContext
from app.services.dashboard.collect_alerts import collect_alerts
from app.services.permissions import SYSTEM, Actor
from tests.services.catalogue.seed import QUARTERLY_20TH, add_document, add_item, add_package, add_village


def catalogue(ctx: AppContext, today: date) -> list[Alert]:
    return [alert for alert in collect_alerts(ctx, today, SYSTEM) if alert.title.startswith("标准目录")]


def test_due_this_week_then_overdue_then_gone_once_published(office_ctx: AppContext, admin: Actor) -> None:
    item = add_item(office_ctx, "3", "预算公开")
    document = add_document(office_ctx, "预算公告", date(2026, 3, 2))
    LinkService(office_ctx.sessions, office_ctx.calendar).link(
        admin, item, "公文", document, date(2026, 3, 2)
    )

    assert catalogue(office_ctx, date(2026, 3, 16)) == []  # due 3月30日: two weeks ahead
    (soon,) = catalogue(office_ctx, date(2026, 3, 24))
    assert (soon.urgency, soon.title) == (Urgency.DUE_SOON, "标准目录：本周有 1 项到期")
    assert soon.detail == "第3项「预算公开」3月30日前公开。"
    assert (soon.page, soon.entity, soon.entity_id, soon.due) == (
        "catalogue",
        "标准目录事项",
        str(item),
        date(2026, 3, 30),
    )

    (late,) = catalogue(office_ctx, date(2026, 4, 10))
    assert (late.urgency, late.title) == (Urgency.OVERDUE, "标准目录：1 项已逾期未公开")
    assert late.detail == "第3项「预算公开」已逾期 8 个工作日。"

    add_package(office_ctx, datetime(2026, 4, 13, 9, 0), ("document", document))
    assert catalogue(office_ctx, date(2026, 4, 14)) == []  # published (late): nothing left to do


def test_the_red_line_counts_items_and_opens_the_longest_overdue(office_ctx: AppContext) -> None:
    add_item(office_ctx, "12", "财政收支情况", QUARTERLY_20TH)
    first = add_item(office_ctx, "2", "机构职能", QUARTERLY_20TH, level1="机构信息")
    add_item(office_ctx, "20", "村级财务收支", QUARTERLY_20TH, level1="村务公开", tier="村级")
    add_village(office_ctx, "东村", 1)
    add_village(office_ctx, "西村", 2)
    add_item(office_ctx, "21", "村级项目", QUARTERLY_20TH, level1="村务公开", tier="村级")

    (late,) = catalogue(office_ctx, date(2026, 5, 12))  # 1月20日 and 4月20日 are past for every item

    assert late.title == "标准目录：4 项已逾期未公开"  # items, not periods × villages
    assert late.entity_id == str(first) and late.due == date(2026, 1, 20)
    assert late.detail == (
        "第2项「机构职能」2 处已逾期，最长 73 个工作日；第12项「财政收支情况」2 处已逾期，最长 73 个工作日；"
        "第20项「村级财务收支」4 处已逾期，最长 73 个工作日等 4 项。"
    )
