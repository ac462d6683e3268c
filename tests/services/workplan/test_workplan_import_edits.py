"""The import preview's corrections: a task's 到期日 and 科室 set before saving, applied atomically."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.errors import UserFacingError
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.workplan.imports import TaskEdits
from app.services.workplan.query import TaskFilter
from app.services.workplan.service import WorkplanService

DATA = Path(__file__).parents[1] / "data"
SECTIONS = ["办公室", "预算科", "国库科", "法规税政科", "对外公共服务科"]


@pytest.fixture
def service(office_ctx: AppContext, admin: Actor) -> WorkplanService:
    office_ctx.workplan.save_sections(admin, SECTIONS)
    return office_ctx.workplan


def test_edited_due_and_section_are_saved_and_the_task_no_longer_waits(
    service: WorkplanService, admin: Actor
) -> None:
    preview = service.preview_file(DATA / "notice_taian_finance_2021.txt", 2021)
    tasks = preview.plan.tasks()
    undated = next(item for item in tasks if item.schedule.dues == (None,))
    mapped = next(item for item in tasks if item.key != undated.key)
    edits = TaskEdits(
        dues={undated.key: date(2021, 9, 30)}, sections={mapped.key: "法规税政科", undated.key: None}
    )
    service.import_plan(admin, preview, edits=edits)
    rows = {row.title: row for row in service.page_tasks(TaskFilter(2021), 0, 100)}
    saved = rows[undated.heading[:200]]
    assert (saved.due, saved.needs_review, saved.section) == (date(2021, 9, 30), False, None)
    assert rows[mapped.heading[:200]].section == "法规税政科"
    untouched = next(row for row in rows.values() if row.title not in (undated.heading, mapped.heading))
    assert untouched.needs_review == (untouched.due is None)  # the others keep what was parsed


def test_impossible_edits_are_refused_before_anything_is_written(
    service: WorkplanService, admin: Actor
) -> None:
    preview = service.preview_file(DATA / "notice_taian_finance_2021.txt", 2021)
    key = preview.plan.tasks()[0].key
    with pytest.raises(UserFacingError, match="没有名为「宣传科」的科室"):
        service.import_plan(admin, preview, edits=TaskEdits(sections={key: "宣传科"}))
    with pytest.raises(UserFacingError, match="不在这次解析的结果中"):
        service.import_plan(admin, preview, edits=TaskEdits(dues={"九、不存在": date(2021, 5, 1)}))
    with pytest.raises(UserFacingError, match="不正确"):
        service.import_plan(admin, preview, edits=TaskEdits(dues={key: date(1900, 5, 1)}))
    assert service.years() == [] and service.count_tasks(TaskFilter(2021)) == 0


def test_a_recurring_task_keeps_its_instances_but_its_section_can_change(
    service: WorkplanService, admin: Actor
) -> None:
    preview = service.preview_text("一、工作\n（一）公开财政数据。每季度公开一次。（预算科负责）", 2022)
    key = preview.plan.tasks()[0].key
    with pytest.raises(UserFacingError, match="逐次修改到期日"):
        service.import_plan(admin, preview, edits=TaskEdits(dues={key: date(2022, 6, 30)}))
    service.import_plan(admin, preview, edits=TaskEdits(sections={key: "国库科"}))
    rows = service.page_tasks(TaskFilter(2022), 0, 10)
    assert [row.section for row in rows] == ["国库科"] * 4
