"""The task list sorts in SQL (TaskFilter.sort): by 到期日, 状态, 科室, 任务 — and stays fast at 100,000."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from app.models.workplan import WorkTask
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.workplan.query import TaskFilter, TaskSort
from app.services.workplan.service import TaskEdit, WorkplanService

TAIAN = Path(__file__).parents[1] / "data" / "notice_taian_finance_2021.txt"
SECTIONS = ["办公室", "预算科", "国库科", "法规税政科", "对外公共服务科"]


@pytest.fixture
def service(office_ctx: AppContext, admin: Actor) -> WorkplanService:
    office_ctx.workplan.save_sections(admin, SECTIONS)
    office_ctx.workplan.import_plan(admin, office_ctx.workplan.preview_file(TAIAN, 2021))
    return office_ctx.workplan


def _all(service: WorkplanService, sort: TaskSort, descending: bool = False) -> list[object]:
    return list(service.page_tasks(TaskFilter(2021, sort=sort, descending=descending), 0, 500))


def test_sort_by_due_keeps_undated_tasks_last(service: WorkplanService, admin: Actor) -> None:
    plan_order = service.page_tasks(TaskFilter(2021), 0, 500)
    first, second = plan_order[0], plan_order[1]
    service.update_task(admin, first.id, TaskEdit("未开始", date(2021, 12, 1), None, ""))
    service.update_task(admin, second.id, TaskEdit("未开始", None, None, ""))
    for descending in (False, True):
        rows = service.page_tasks(TaskFilter(2021, sort=TaskSort.DUE, descending=descending), 0, 500)
        dues = [row.due for row in rows if row.due is not None]
        assert dues == sorted(dues, reverse=descending)
        assert rows[-1].due is None and all(row.due is not None for row in rows[: len(dues)])


def test_sort_by_status_follows_the_workflow_and_by_section_the_office_order(
    service: WorkplanService, admin: Actor
) -> None:
    rows = service.page_tasks(TaskFilter(2021), 0, 500)
    service.set_status(admin, rows[3].id, "已完成")
    service.set_status(admin, rows[5].id, "进行中")
    statuses = [row.status for row in service.page_tasks(TaskFilter(2021, sort=TaskSort.STATUS), 0, 500)]
    assert statuses[-2:] == ["进行中", "已完成"] and set(statuses[:-2]) == {"未开始"}
    down = service.page_tasks(TaskFilter(2021, sort=TaskSort.STATUS, descending=True), 0, 500)
    assert down[0].status == "已完成"
    sections = [row.section for row in service.page_tasks(TaskFilter(2021, sort=TaskSort.SECTION), 0, 500)]
    named = [name for name in sections if name]
    assert named == sorted(named, key=SECTIONS.index)
    assert sections[len(named) :] == [None] * (len(sections) - len(named))


def test_sort_and_filter_combine_and_pages_never_overlap(service: WorkplanService) -> None:
    flt = TaskFilter(2021, text="公开", sort=TaskSort.TITLE)
    total = service.count_tasks(flt)
    pages = [row.id for offset in range(0, total, 3) for row in service.page_tasks(flt, offset, 3)]
    assert len(pages) == len(set(pages)) == total
    titles = [row.title for row in service.page_tasks(flt, 0, 500)]
    assert titles == sorted(titles)
    hostile = replace(flt, text="%'\"_")
    assert service.count_tasks(hostile) == 0 and service.page_tasks(hostile, 0, 10) == []


def test_sorted_first_page_stays_fast_at_100000_tasks(
    service: WorkplanService, office_ctx: AppContext
) -> None:
    template = service.page_tasks(TaskFilter(2021), 0, 1)[0]
    with office_ctx.sessions.begin() as session:
        item_id = session.scalar(select(WorkTask.item_id).where(WorkTask.id == template.id))
        session.execute(
            insert(WorkTask),
            [
                {
                    "plan_id": template.plan_id,
                    "item_id": item_id,
                    "year": 2021,
                    "sort_order": n,
                    "title": f"（{n}）批量任务",
                    "status": ("未开始", "进行中", "已完成")[n % 3],
                    "due": date(2021, 1 + n % 12, 1 + n % 28),
                }
                for n in range(100_000)
            ],
        )
    for sort in (TaskSort.DUE, TaskSort.STATUS, TaskSort.SECTION, TaskSort.TITLE):
        flt = TaskFilter(2021, sort=sort, descending=True)
        started = time.perf_counter()
        total = service.count_tasks(flt)
        first = service.page_tasks(flt, 0, 200)  # what a header click shows
        shown = time.perf_counter() - started
        last = service.page_tasks(flt, total - 200, 200)
        elapsed = time.perf_counter() - started
        print(
            f"\n{total} tasks sorted by {sort.value} desc: count + first page {shown * 1000:.0f} ms, "
            f"+ last page {elapsed * 1000:.0f} ms"
        )
        assert len(first) == len(last) == 200 and shown < 1.5  # the deep page is printed, not asserted
