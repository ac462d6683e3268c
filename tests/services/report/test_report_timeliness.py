"""Issue 21 point 8(b): the 年报's 按时办结率 and 平均办理时长 come from the same cases, counted the way the
deadline is counted (from receipt, or from receipt of the 补正; working days; 征求意见 time excluded), are
defined in the report's text, and the 工作台 shows the same figures."""

from __future__ import annotations

from datetime import date

import pytest

from app.services.context import AppContext
from app.services.dashboard.statistics import year_statistics
from app.services.permissions import Actor
from app.services.report import narratives as texts
from app.services.report.timeliness import handling_days, year_timeliness
from app.services.requests.core import deadline_policy
from tests.services.report_support import REASON, Spec, build_case

D = date


@pytest.fixture
def cases(office_ctx: AppContext, admin: Actor) -> dict[str, int]:
    steps = office_ctx.requests.steps
    quick = build_case(office_ctx, admin, Spec("自然人", D(2025, 3, 3), "R3.1", D(2025, 3, 10)), 1)
    corrected = build_case(office_ctx, admin, Spec("自然人", D(2025, 3, 3)), 2)
    steps.notify_correction(
        admin, corrected, D(2025, 3, 5), "请写明信息名称", D(2025, 3, 20), today=D(2025, 3, 5)
    )
    steps.receive_correction(admin, corrected, D(2025, 3, 17), today=D(2025, 3, 17))
    steps.answer(admin, corrected, "R3.1", D(2025, 4, 10), REASON, today=D(2025, 4, 10))
    late = build_case(office_ctx, admin, Spec("商业企业", D(2025, 5, 6), "R3.2", D(2025, 6, 20)), 3)
    lapsed = build_case(office_ctx, admin, Spec("其他", D(2025, 7, 1), "R3.6.1", D(2025, 7, 25)), 4)
    return {"quick": quick, "corrected": corrected, "late": late, "lapsed": lapsed}


def test_both_figures_count_the_same_cases_the_way_the_deadline_does(
    office_ctx: AppContext, cases: dict[str, int]
) -> None:
    calendar, policy = office_ctx.calendar.calendar(), deadline_policy(office_ctx.settings)
    with office_ctx.sessions() as session:
        figures = year_timeliness(session, 2025, calendar, policy)
    # The lapsed 补正 never started its answer period: in neither figure (and said so in the text).
    assert (figures.counted, figures.on_time, figures.late, figures.not_counted) == (3, 2, 1, 1)
    quick = handling_days(calendar, D(2025, 3, 3), D(2025, 3, 10), ())
    corrected = handling_days(calendar, D(2025, 3, 17), D(2025, 4, 10), ())  # from the 补正, not 03-03
    late = handling_days(calendar, D(2025, 5, 6), D(2025, 6, 20), ())
    assert (quick, corrected) == (5, 17) and late > 20  # 清明 04-04 is a rest day; on time ⇔ ≤ 20
    assert figures.average_working_days == pytest.approx((quick + corrected + late) / 3)


def test_the_report_states_both_figures_with_one_definition(
    office_ctx: AppContext, cases: dict[str, int]
) -> None:
    view = office_ctx.annual_report.report(2025, today=D(2026, 1, 10))
    general = view.prefilled[texts.GENERAL]
    assert "其中答复期限已起算的3件按时办结2件、逾期办结1件，按时办结率66.7%，平均办理时长" in general
    assert "统计口径：按时办结率和平均办理时长按同一批申请计算" in general
    assert "经补正的，自收到补正申请之日" in general and "按工作日计算" in general
    assert "本年度有1件申请逾期办结" in view.prefilled[texts.PROBLEMS]


def test_the_dashboard_shows_the_reports_figures(office_ctx: AppContext, cases: dict[str, int]) -> None:
    calendar, policy = office_ctx.calendar.calendar(), deadline_policy(office_ctx.settings)
    stats = year_statistics(office_ctx.sessions, calendar, 2025, policy=policy)
    with office_ctx.sessions() as session:
        figures = year_timeliness(session, 2025, calendar, policy)
    assert (stats.answered, stats.on_time) == (figures.counted, figures.on_time)
    assert stats.average_working_days == figures.average_working_days
