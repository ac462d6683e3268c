"""Demo figures for the 年度报告: what a town office would type into table 二 (issue 9)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.report.types import EnteredFigures

# A town has no 规章; licences, penalties and fees are the office's own yearly figures.
DEMO_FIGURES = EnteredFigures(permits=36, penalties=5, coercions=1, fees_wan_yuan=Decimal("0"))


def seed_report_demo(ctx: AppContext, actor: Actor, today: date | None = None) -> None:
    """Last year's entered figures (the report due by 31 January), saved through the service (audited).

    Left unpublished: publishing would lock last year, and the demo's older cases were closed in it.
    """
    day = today or ctx.clock.today()
    year = day.year - 1
    if not ctx.annual_report.is_published(year):
        ctx.annual_report.save_figures(actor, year, DEMO_FIGURES, day)
