from __future__ import annotations

from datetime import date

from app.services.alerts import Urgency
from app.services.context import AppContext
from app.services.dashboard.collect_alerts import collect_alerts
from app.services.permissions import SYSTEM, Actor


def titles(ctx: AppContext, today: date) -> list[str]:
    return [alert.title for alert in collect_alerts(ctx, today, SYSTEM)]


def test_next_years_holidays_are_asked_for_in_november_and_december_only(office_ctx: AppContext) -> None:
    assert "2027年放假安排未录入" not in titles(office_ctx, date(2026, 10, 31))
    assert "2027年放假安排未录入" in titles(office_ctx, date(2026, 11, 1))
    assert "2027年放假安排未录入" in titles(office_ctx, date(2026, 12, 31))
    assert "2026年放假安排未录入" not in titles(office_ctx, date(2025, 11, 21))  # 2026 is loaded


def test_backup_reminder_goes_away_after_a_backup(office_ctx: AppContext, admin: Actor) -> None:
    assert "请备份数据" in titles(office_ctx, date(2026, 3, 2))
    office_ctx.settings.note_backup(admin, "2026-03-01T10:00:00", "D:/备份.zip")
    assert "请备份数据" not in titles(office_ctx, date(2026, 3, 2))
    assert "请备份数据" in titles(office_ctx, date(2026, 3, 8))


def test_annual_report_reminder_in_january_gets_urgent_near_the_due_date(office_ctx: AppContext) -> None:
    def report(today: date) -> list[Urgency]:
        return [a.urgency for a in collect_alerts(office_ctx, today, SYSTEM) if "年度报告" in a.title]

    assert report(date(2026, 1, 5)) == [Urgency.REMINDER]
    assert report(date(2026, 1, 25)) == [Urgency.DUE_SOON]
    assert report(date(2026, 2, 5)) == []
    alerts = collect_alerts(office_ctx, date(2026, 11, 21), SYSTEM)
    assert alerts == sorted(alerts, key=lambda a: (a.urgency, a.due or date.max, a.title))
