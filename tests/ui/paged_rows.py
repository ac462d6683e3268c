"""Many rows for every list, inserted in bulk (Core executemany, no services): 200,000 in seconds.

Values repeat and some are empty or NULL, so each sort meets ties and NULLs the way a real register does.
Used by tests/ui/test_paged_scroll_1m.py and by the 1M measurement script of issue 24.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, insert

from app.models.audit import AuditEntry
from app.models.document import Document
from app.models.posting import Posting
from app.models.request import Applicant, RequestCase
from app.models.workplan import OfficeSection, WorkPlan, WorkPlanItem, WorkTask

BATCH = 20_000
START = date(2016, 1, 1)
STATUSES = ("办理中", "已答复", "已归档", "待补正", "已作废")
TASK_STATUSES = ("未开始", "进行中", "已完成", "不适用")


def _day(i: int, every: int = 0) -> date | None:
    """A date ten years wide; every `every`-th row has none."""
    return None if every and i % every == 0 else START + timedelta(days=(i * 7919) % 3650)


def _document(i: int) -> dict[str, Any]:
    published = _day(i, 3)
    return {
        "index_no": f"000000-{i:08d}",
        "doc_number": f"镇政发〔{2016 + i % 10}〕{i % 500}号" if i % 4 else "",
        "title": f"关于第{(i * 37) % 5000}项工作的通知",
        "publisher": "某镇人民政府",
        "written_on": _day(i, 11),
        "published_at": datetime.combine(published, datetime.min.time()) if published else None,
        "disclosure": "主动公开",
        "withhold_reason": "",
        "withhold_basis": "",
        "topic": "综合政务",
        "genre": "通知",
        "normative": False,
        "validity": "有效",
        "channels": "",
        "history_note": "",
        "voided_at": datetime(2026, 1, 1) if i % 997 == 0 else None,
    }


def _case(i: int, applicant: int) -> dict[str, Any]:
    year = 2016 + i % 10
    return {
        "number": f"依申请〔{year}〕{i}号",
        "year": year,
        "seq": i // 10,
        "applicant_id": applicant,
        "applicant_type": "公民",
        "applicant_name": f"申请人{(i * 13) % 3000}",
        "id_type": "居民身份证",
        "id_number": "",
        "contact": "",
        "description": "申请公开某项信息",
        "form_requested": "纸质",
        "channel": "当面",
        "arrived_at": datetime(year, 1, 1),
        "received_on": _day(i, 17),
        "status": STATUSES[i % len(STATUSES)],
        "department": ("", "党政办", "财政所", "农业农村办")[i % 4],
        "due_on": _day(i, 5),
        "due_problem": "",
        "outcome_basis": "",
        "source_row": "",
    }


def _posting(i: int) -> dict[str, Any]:
    start = _day(i) or START
    return {
        "title": f"公示第{i}号",
        "body": "",
        "source_kind": "free",
        "unit": "某镇人民政府",
        "phone": "",
        "qr_url": "",
        "paper": "A4",
        "period_preset": "",
        "period_start": start,
        "period_end": start + timedelta(days=7),
        "responsible": "张三",
        "status": "待张贴",
        "clearance": "",
        "early_removal_reason": "",
    }


def _task(i: int, plan: int, item: int, sections: list[int]) -> dict[str, Any]:
    return {
        "plan_id": plan,
        "item_id": item,
        "year": 2026,
        "sort_order": i,
        "instance": 1,
        "instance_count": 1,
        "heading_path": "一、总体要求",
        "title": f"任务{(i * 31) % 4000}",
        "due": _day(i, 6),
        "due_text": "",
        "frequency": "",
        "needs_review": False,
        "review_note": "",
        "lead_units": ("党政办", "财政所", "")[i % 3],
        "responsible_units": ("", "各村")[i % 2],
        "cooperating_units": "",
        "section_id": None if i % 5 == 0 else sections[i % len(sections)],
        "assignee": "",
        "status": TASK_STATUSES[i % len(TASK_STATUSES)],
    }


def _audit(i: int) -> dict[str, Any]:
    return {
        "at": f"2026-01-01T08:00:{i % 60:02d}",
        "username": "admin",
        "action": "修改",
        "entity": "document",
        "entity_id": str(i),
        "details_json": "{}",
        "prev_hash": "",
        "hash": f"bulk-{i:064d}"[-64:],
    }


def _insert(engine: Engine, table: Any, count: int, make: Callable[[int], dict[str, Any]]) -> None:
    """Plain DB-API executemany of tuples: about 5× faster than Core's dict rows."""
    columns = list(make(1))
    mark = "?" if engine.dialect.paramstyle == "qmark" else "%s"
    marks = ", ".join([mark] * len(columns))
    sql = f"INSERT INTO {table.__tablename__} ({', '.join(columns)}) VALUES ({marks})"

    def batches() -> Iterator[list[tuple[Any, ...]]]:
        for start in range(0, count, BATCH):
            yield [tuple(make(i).values()) for i in range(start + 1, min(start + BATCH, count) + 1)]

    with engine.begin() as connection:
        for rows in batches():
            connection.exec_driver_sql(sql, rows)


def fill_lists(engine: Engine, count: int) -> None:
    """`count` documents, requests, postings, tasks and audit entries."""
    with engine.begin() as connection:
        applicant = connection.execute(
            insert(Applicant).values(
                name="申请人", applicant_type="公民", id_type="", id_number="", contact=""
            )
        ).inserted_primary_key[0]
        plan = connection.execute(
            insert(WorkPlan).values(year=2026, title="工作要点", source_name="要点.docx", preamble="")
        ).inserted_primary_key[0]
        item = connection.execute(
            insert(WorkPlanItem).values(
                plan_id=plan,
                position="1",
                sort_order=1,
                level=1,
                label="一",
                title="任务",
                text="",
                is_task=True,
            )
        ).inserted_primary_key[0]
        sections = [
            connection.execute(
                insert(OfficeSection).values(name=name, sort_order=order)
            ).inserted_primary_key[0]
            for order, name in enumerate(("批量一科", "批量二科", "批量三科"), start=1)
        ]
    _insert(engine, Document, count, _document)
    _insert(engine, RequestCase, count, lambda i: _case(i, applicant))
    _insert(engine, Posting, count, _posting)
    _insert(engine, WorkTask, count, lambda i: _task(i, plan, item, sections))
    _insert(engine, AuditEntry, count, _audit)
