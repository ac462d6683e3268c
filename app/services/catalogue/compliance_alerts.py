"""The 工作台's two catalogue lines: what falls due this week, and what is overdue and still unpublished.
Each opens the catalogue page on its most urgent item."""

from __future__ import annotations

from datetime import date

from app.errors import UserFacingError
from app.services.alerts import Alert, Urgency
from app.services.catalogue.compliance import ComplianceService
from app.services.catalogue.types import ComplianceRow
from app.services.common import SessionFactory
from app.services.workdays.service import CalendarService

PAGE, ENTITY = "catalogue", "标准目录事项"  # the page's show_item(ENTITY, item id) selects the item
NAMED = 3  # the detail names the first few items; the page lists them all


def _by_item(rows: list[ComplianceRow]) -> list[list[ComplianceRow]]:
    """The rows grouped per item, in the order the items first appear (a 村级 item has a row per village)."""
    groups: dict[int, list[ComplianceRow]] = {}
    for row in rows:
        groups.setdefault(row.item_id, []).append(row)
    return list(groups.values())


def _detail(groups: list[list[ComplianceRow]], overdue: bool) -> str:
    parts = []
    for rows in groups[:NAMED]:
        first = rows[0]
        name = f"第{first.seq}项「{first.level2 or first.level1}」"
        times = f"{len(rows)} 处" if len(rows) > 1 else ""  # periods × villages
        if overdue:
            worst = max(row.days_late for row in rows)
            parts.append(
                f"{name}{times}已逾期" + (f"，最长 {worst} 个工作日" if times else f" {worst} 个工作日")
            )
        else:
            due = first.due or date.max
            parts.append(f"{name}{times}{due.month}月{due.day}日前公开")
    more = f"等 {len(groups)} 项" if len(groups) > NAMED else ""
    return "；".join(parts) + more + "。"


def catalogue_alerts(sessions: SessionFactory, calendar: CalendarService, today: date) -> list[Alert]:
    try:
        week, overdue = ComplianceService(sessions, calendar).due_and_overdue(today)
    except UserFacingError:  # a year the calendar cannot count yet: the calendar alert says so already
        return []
    alerts = []
    soon = _by_item(sorted(week, key=lambda row: row.due or date.max))  # stable: catalogue order breaks ties
    if soon:
        alerts.append(
            Alert(
                Urgency.DUE_SOON,
                f"标准目录：本周有 {len(soon)} 项到期",
                _detail(soon, overdue=False),
                PAGE,
                ENTITY,
                str(soon[0][0].item_id),
                soon[0][0].due,
            )
        )
    late = _by_item(sorted(overdue, key=lambda row: -row.days_late))
    if late:
        alerts.append(
            Alert(
                Urgency.OVERDUE,
                f"标准目录：{len(late)} 项已逾期未公开",
                _detail(late, overdue=True),
                PAGE,
                ENTITY,
                str(late[0][0].item_id),
                min(row.due for row in overdue if row.due is not None),
            )
        )
    return alerts
