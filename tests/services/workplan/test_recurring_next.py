"""Issue 21 point 8(b): a recurring task (「每月…」「每季度…」) stands on the 工作台 and in the task list's
default view by its NEXT occurrence, not by a wall of instances; old years' tasks are one line, not alerts."""

from __future__ import annotations

from datetime import date

from app.services.alerts import Urgency
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.workplan.query import TaskFilter
from app.services.workplan.service import WorkplanService

TODAY = date(2026, 11, 23)
PLAN = """{year}年政务公开工作要点
一、加强主动公开
（一）每月更新政府信息公开专栏。（党政办公室负责）
（二）每季度开展政务公开培训。（党政办公室负责）
（三）6月底前公开年度预算。（财政所负责）
"""


def _import(service: WorkplanService, admin: Actor, year: int) -> None:
    service.import_plan(admin, service.preview_text(PLAN.format(year=year), year))


def _task_alerts(ctx: AppContext, day: date) -> list[str]:
    return [f"{a.title}｜{a.detail}" for a in ctx.workplan.alerts(day) if a.page == "tasks"]


def test_the_dashboard_shows_each_recurring_task_once_at_its_next_occurrence(
    office_ctx: AppContext, admin: Actor
) -> None:
    _import(office_ctx.workplan, admin, TODAY.year)
    alerts = [a for a in office_ctx.workplan.alerts(TODAY) if a.page == "tasks"]
    # The old code listed ten overdue monthly instances, three quarterly ones and the budget task.
    monthly = [a for a in alerts if "每月" in a.title]
    assert len(monthly) == 1
    (next_month,) = monthly
    assert next_month.title.endswith("（第11/12次）") and next_month.urgency is Urgency.DUE_SOON
    assert next_month.due == date(2026, 11, 30)
    assert "还有 7 天到期" in next_month.detail and "此前另有 10 次未标记完成" in next_month.detail
    assert not [a for a in alerts if "每季度" in a.title]  # next occurrence 12-31: not due within two weeks
    (budget,) = [a for a in alerts if "预算" in a.title]  # a one-off task stays as it was: overdue
    assert budget.urgency is Urgency.OVERDUE
    assert len(alerts) == 2


def test_marking_the_occurrence_done_moves_the_task_to_its_next_one(
    office_ctx: AppContext, admin: Actor
) -> None:
    service = office_ctx.workplan
    _import(service, admin, TODAY.year)
    collapsed = TaskFilter(TODAY.year, next_on=TODAY)
    (row,) = [r for r in service.page_tasks(collapsed, 0, 50) if "每月" in r.title]
    assert row.instance == 11
    service.set_status(admin, row.id, "已完成", today=TODAY)
    (row,) = [r for r in service.page_tasks(collapsed, 0, 50) if "每月" in r.title]
    assert (row.instance, row.due) == (12, date(2026, 12, 31))


def test_the_default_list_collapses_recurring_tasks_and_all_instances_stay_one_click_away(
    office_ctx: AppContext, admin: Actor
) -> None:
    service = office_ctx.workplan
    _import(service, admin, TODAY.year)
    assert service.count_tasks(TaskFilter(TODAY.year)) == 12 + 4 + 1
    collapsed = service.page_tasks(TaskFilter(TODAY.year, next_on=TODAY), 0, 50)
    assert [(r.instance, r.instance_count, r.due) for r in collapsed] == [
        (11, 12, date(2026, 11, 30)),
        (4, 4, date(2026, 12, 31)),
        (1, 1, date(2026, 6, 30)),
    ]
    assert service.count_tasks(TaskFilter(TODAY.year, next_on=TODAY)) == 3


def test_a_past_year_shows_its_last_open_occurrence_and_a_finished_task_its_last_one(
    office_ctx: AppContext, admin: Actor
) -> None:
    service = office_ctx.workplan
    _import(service, admin, 2025)
    rows = service.page_tasks(TaskFilter(2025), 0, 50)
    for row in rows:
        if "每季度" in row.title:
            service.set_status(admin, row.id, "已完成", today=TODAY)
    collapsed = service.page_tasks(TaskFilter(2025, next_on=TODAY), 0, 50)
    assert [(r.instance, r.status) for r in collapsed] == [(12, "未开始"), (4, "已完成"), (1, "未开始")]


def test_last_years_open_tasks_are_one_reminder_that_opens_that_year(
    office_ctx: AppContext, admin: Actor
) -> None:
    _import(office_ctx.workplan, admin, 2025)
    _import(office_ctx.workplan, admin, TODAY.year)
    alerts = [a for a in office_ctx.workplan.alerts(TODAY) if a.page == "tasks"]
    assert not [a for a in alerts if a.due is not None and a.due.year == 2025]
    (old,) = [a for a in alerts if a.title.startswith("往年")]
    assert old.title == "往年还有 3 项工作要点任务未办结" and old.urgency is Urgency.REMINDER
    assert (old.entity, old.entity_id) == ("工作要点年份", "2025")
