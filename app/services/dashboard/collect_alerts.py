"""The 工作台: every feature's alerts in one list, most urgent first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from app.errors import UserFacingError
from app.services.alerts import Alert, Urgency
from app.services.common import IsCancelled, Progress, check_cancel
from app.services.context import AppContext
from app.services.dashboard.backup import auto_backup_alerts
from app.services.permissions import Actor
from app.services.settings import registry

if TYPE_CHECKING:
    from app.services.dashboard.statistics import YearStatistics

BACKUP_REMINDER_DAYS = 7  # a weekly backup to a USB stick is what the README asks of the clerk

AlertSource = Callable[[AppContext, date, Actor], list[Alert]]


def calendar_alerts(ctx: AppContext, today: date, _actor: Actor) -> list[Alert]:
    """From 1 November, next year's notice (this year's, if still missing); red once an open case's
    deadline relies on the missing year (its date is 暂定 until the notice is imported)."""
    alerts = []
    for year in ctx.calendar.missing_years(today):
        waiting = ctx.requests.provisional_count(year)
        relying = f"已有 {waiting} 件在办申请的答复期限按暂定日历计算，导入后自动更正。" if waiting else ""
        alerts.append(
            Alert(
                Urgency.OVERDUE if waiting else Urgency.REMINDER,
                f"{year}年放假安排未录入",
                f"国务院办公厅通常在11月至12月发布下一年的放假安排。录入前，跨入{year}年的期限按周末、"
                f"法定节日和调休原则暂算，标为「暂定」。{relying}请管理员在「设置 → 节假日」中导入通知全文。",
                "settings",
                "节假日",
                str(year),
            )
        )
    return alerts


def backup_alerts(ctx: AppContext, today: date, _actor: Actor) -> list[Alert]:
    last = ctx.settings.read(registry.LAST_BACKUP_AT)
    if last and (today - datetime.fromisoformat(last).date()).days < BACKUP_REMINDER_DAYS:
        return []
    detail = f"上次备份：{last[:10]}" if last else "还没有备份过"
    return [
        Alert(
            Urgency.REMINDER,
            "请备份数据",
            f"{detail}。请用「文件 → 备份数据…」备份到 U 盘或单位网盘。",
            "settings",
        )
    ]


def catalogue_alerts(ctx: AppContext, today: date, _actor: Actor) -> list[Alert]:
    """标准目录: items due this week and items overdue and unpublished (issue 23)."""
    from app.services.catalogue.compliance_alerts import catalogue_alerts as alerts

    return alerts(ctx.sessions, ctx.calendar, today)


def annual_report_alerts(ctx: AppContext, today: date, _actor: Actor) -> list[Alert]:
    """条例第四十九条: last year's report is due by the configured date (default 1月31日) until published."""
    return ctx.annual_report.alerts(today)


def request_alerts(ctx: AppContext, today: date, _actor: Actor) -> list[Alert]:
    """已逾期 / 即将到期 answers with the working days left or overdue (UX: 「还剩 N 个工作日」)."""
    calendar = ctx.calendar.calendar()
    result = []
    for alert in ctx.requests.alerts(today):
        if alert.due is not None and alert.urgency in (Urgency.OVERDUE, Urgency.DUE_SOON):
            try:
                if alert.due < today:
                    days = f"已逾期 {calendar.working_days_between(alert.due, today)} 个工作日"
                else:
                    left = calendar.working_days_between(today, alert.due)
                    days = f"还剩 {left} 个工作日" if left else "今天到期"
                alert = replace(alert, title=f"{alert.title}（{days}）")
            except UserFacingError:  # a year without its 放假安排: the date in the detail still shows
                pass
        result.append(alert)
    return result


def my_review_alerts(ctx: AppContext, today: date, actor: Actor) -> list[Alert]:
    """Only the sheets whose next sign-off is this account's (经办人 sees 初审, 保密审查员 sees 审查 …)."""
    return [
        Alert(
            Urgency.WAITING,
            f"保密审查单 {sheet.number} 等待您「{sheet.next_step}」",
            sheet.values.item_title,
            "review",
            "保密审查单",
            str(sheet.id),
            sheet.values.planned_on,
        )
        for sheet in ctx.reviews.waiting_for(actor)
    ]


SOURCES: list[AlertSource] = [
    request_alerts,
    my_review_alerts,
    lambda ctx, today, _actor: ctx.documents.alerts(today),
    lambda ctx, today, _actor: ctx.postings.alerts(today),
    lambda ctx, today, _actor: ctx.decisions.alerts(today),
    lambda ctx, today, _actor: ctx.workplan.alerts(today),
    calendar_alerts,
    backup_alerts,
    auto_backup_alerts,
    annual_report_alerts,
    catalogue_alerts,
]


def collect_alerts(
    ctx: AppContext,
    today: date,
    actor: Actor,
    sources: list[AlertSource] | None = None,
    is_cancelled: IsCancelled = lambda: False,
) -> list[Alert]:
    alerts: list[Alert] = []
    for source in sources or SOURCES:
        check_cancel(is_cancelled)  # the window closing mid-way should not wait for the remaining sources
        alerts.extend(source(ctx, today, actor))
    return sorted(alerts, key=lambda a: (a.urgency, a.due or date.max, a.title))


@dataclass(frozen=True)
class DashboardData:
    """Everything the 工作台 shows: the to-dos and the year's figures for the charts."""

    today: date
    alerts: tuple[Alert, ...]
    statistics: YearStatistics


def load_dashboard(
    ctx: AppContext, today: date, actor: Actor, progress: Progress, is_cancelled: IsCancelled
) -> DashboardData:
    """The 工作台's content, loaded by the task runner once the window is shown (start-up never waits)."""
    from app.services.dashboard.statistics import year_statistics
    from app.services.requests.core import deadline_policy

    progress(0, "正在汇总提醒…")
    alerts = collect_alerts(ctx, today, actor, is_cancelled=is_cancelled)
    check_cancel(is_cancelled)
    office = ctx.settings.office()
    statistics = year_statistics(  # timeliness counted as in the annual report (report/timeliness.py)
        ctx.sessions,
        ctx.calendar.calendar(),
        today.year,
        office.name if office else "",
        deadline_policy(ctx.settings),
    )
    return DashboardData(today, tuple(alerts), statistics)
