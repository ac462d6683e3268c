from __future__ import annotations

from datetime import date
from pathlib import Path

from app.services.context import AppContext
from app.services.dashboard.collect_alerts import collect_alerts
from app.services.dashboard.statistics import export_chart_xlsx, topic_terms, year_statistics
from app.services.formats.xlsx import read_rows
from app.services.permissions import Actor
from tests.services.report_support import Spec, build_case


def test_year_statistics_from_requests(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    specs = [
        Spec("自然人", date(2025, 3, 3), "R3.1", date(2025, 3, 10)),
        Spec("自然人", date(2025, 3, 5), "R3.3.1", date(2025, 3, 20)),
        Spec("商业企业", date(2025, 5, 6), "R3.4.1", date(2025, 5, 8)),
        Spec("其他", date(2025, 12, 29)),
    ]
    for number, spec in enumerate(specs, start=1):
        build_case(office_ctx, admin, spec, number)
    stats = year_statistics(office_ctx.sessions, office_ctx.calendar.calendar(), 2025)
    assert stats.requests_per_month[2] == 2 and stats.requests_per_month[4] == 1 and stats.received == 4
    assert dict(stats.outcome_groups) == {
        "予以公开": 1, "部分公开": 0, "不予公开": 1, "无法提供": 1, "不予处理": 0, "其他处理": 0
    }  # fmt: skip
    assert stats.answered == 3 and stats.on_time == 3 and stats.on_time_rate == 1.0
    # 2025-03-03 → 03-10: 5 working days; 03-05 → 03-20: 11; 05-06 → 05-08: 2
    assert stats.average_working_days == (5 + 11 + 2) / 3
    assert dict(stats.applicant_types)["自然人"] == 2
    target = export_chart_xlsx(stats, "outcomes", tmp_path / "办理结果.xlsx")
    rows = read_rows(target, ("办理结果", "件数"), ("办理结果",))
    assert [(r.values["办理结果"], r.values["件数"]) for r in rows][:3] == [
        ("予以公开", "1"), ("部分公开", "0"), ("不予公开", "1")
    ]  # fmt: skip


def test_topics_are_frequent_two_character_terms() -> None:
    descriptions = [
        "关于本镇农村危房改造补助资金的信息",
        "申请公开2025年危房改造名单",
        "请提供低保对象名单",
        "低保资金发放情况",
    ]
    terms = dict(topic_terms(descriptions))
    assert terms["危房"] == 2 and terms["改造"] == 2 and terms["低保"] == 2 and terms["名单"] == 2
    assert "关于" not in terms and "公开" not in terms and "信息" not in terms


def test_request_alerts_show_working_days(office_ctx: AppContext, admin: Actor) -> None:
    build_case(office_ctx, admin, Spec("自然人", date(2025, 1, 24)), 1)  # due 2025-02-27 (RULES §10 rule 10)
    titles = [a.title for a in collect_alerts(office_ctx, date(2025, 3, 3), admin) if "已逾期" in a.title]
    assert titles == ["2025-001 答复已逾期（已逾期 2 个工作日）"]
    soon = [a.title for a in collect_alerts(office_ctx, date(2025, 2, 25), admin) if "即将到期" in a.title]
    assert soon == ["2025-001 即将到期（还剩 2 个工作日）"]
