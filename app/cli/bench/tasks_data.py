"""工作要点 tasks at the bench's scale, so the task list is measured at size too (issue 24).

The demo plan of the current year (seed_demo, through the services) gets one more item whose tasks are
bulk-inserted: every status, the demo's 科室 and the unassigned, undated ones, and tasks that name only a
责任单位 — the ties and NULLs each of the list's sort orders meets in a real ledger.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Insert, insert, select

from app.models.workplan import TASK_STATUSES, OfficeSection, WorkPlan, WorkPlanItem
from app.services.context import AppContext

CHUNK = 10_000
STATUS_WEIGHTS = (45, 25, 25, 5)  # 未开始, 进行中, 已完成, 不适用
HEADINGS = ("一、深化重点领域信息公开", "二、加强政策解读和回应", "三、规范依申请公开", "四、强化工作保障")
VERBS = ("做好", "推进", "规范", "加强", "落实", "更新", "梳理", "公开")
OBJECTS = ("财政预决算公开", "重大行政决策目录", "公开栏内容", "政策解读材料", "依申请办理台账", "村务公开")
Say = Callable[[str], None]


def insert_tasks(ctx: AppContext, count: int, say: Say, seed: int = 24) -> int:
    """`count` tasks in the clock's year (the demo plan's); returns how many went in."""
    rng = random.Random(seed)
    year = ctx.clock.today().year
    with ctx.engine.begin() as connection:
        plan = connection.scalar(select(WorkPlan.id).where(WorkPlan.year == year).order_by(WorkPlan.id))
        if plan is None:
            plan = _new_id(
                connection,
                insert(WorkPlan).values(year=year, title=f"{year}年工作要点", source_name="", preamble=""),
            )
        sections = list(connection.execute(select(OfficeSection.id, OfficeSection.name)))
        item = _new_id(
            connection,
            insert(WorkPlanItem).values(
                plan_id=plan,
                position="9",
                sort_order=9,
                level=1,
                label="九",
                title="日常公开",
                text="",
                is_task=True,
            ),
        )
    columns = list(_task(rng, 0, year, plan, item, sections))
    sql = f"INSERT INTO work_tasks ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    with ctx.engine.begin() as connection:
        for start in range(0, count, CHUNK):
            rows = [
                tuple(_task(rng, i, year, plan, item, sections).values())
                for i in range(start, min(start + CHUNK, count))
            ]
            connection.exec_driver_sql(sql, rows)
    say(f"工作要点任务 {count} 项")
    return count


def _new_id(connection: Connection, statement: Insert) -> int:
    key = connection.execute(statement).inserted_primary_key
    assert key is not None
    return int(key[0])


def _task(rng: random.Random, i: int, year: int, plan: int, item: int, sections: list[Any]) -> dict[str, Any]:
    status = rng.choices(TASK_STATUSES, STATUS_WEIGHTS)[0]
    undated = rng.random() < 0.08
    section = None if not sections or rng.random() < 0.15 else rng.choice(sections)
    due = None if undated else date(year, 1, 1) + timedelta(days=rng.randrange(365))
    only_responsible = rng.random() < 0.2
    return {
        "plan_id": plan,
        "item_id": item,
        "year": year,
        "sort_order": 1000 + i,
        "instance": 1,
        "instance_count": 1,
        "heading_path": rng.choice(HEADINGS),
        "title": f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}（第{i + 1}项）",
        "due": due,
        "due_text": "" if due is None else f"{due.month}月{due.day}日前",
        "frequency": "",
        "needs_review": undated,
        "review_note": "原文没有写明完成时限" if undated else "",
        "lead_units": "" if only_responsible or section is None else section.name,
        "responsible_units": "各村居委会" if only_responsible else "",
        "cooperating_units": "",
        "section_id": section.id if section is not None else None,
        "assignee": "",
        "status": status,
        "completed_on": due if status == "已完成" else None,
    }
