"""10,000 requests → the annual report (tables, checks, narratives, .docx) in under 2 s."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert

from app.models.request import Applicant, RequestCase
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.report.tables import APPLICANT_TYPES, LEAF_KEYS

COUNT = 10_000


def insert_cases(ctx: AppContext) -> None:
    start = date(2024, 7, 1)
    rows = []
    for n in range(COUNT):
        received = start + timedelta(days=n % 540)
        closed = received + timedelta(days=10 + n % 30) if n % 17 else None
        rows.append(
            {
                "number": f"B-{n:05d}", "year": received.year, "seq": n, "applicant_id": 1,
                "applicant_type": APPLICANT_TYPES[n % 6], "applicant_name": f"申请人{n}",
                "id_type": "居民身份证", "id_number": "X", "contact": "138",
                "description": f"关于本镇财政预算执行情况的信息（第{n}件）", "form_requested": "纸质",
                "channel": "当面", "arrived_at": datetime.combine(received, datetime.min.time()),
                "received_on": received, "status": "已答复" if closed else "办理中", "department": "",
                "due_on": received + timedelta(days=28), "due_problem": "", "source_row": "",
                "outcome": LEAF_KEYS[n % 21] if closed else None, "outcome_basis": "", "closed_on": closed,
            }
        )  # fmt: skip
    with ctx.sessions.begin() as session:
        session.execute(
            insert(Applicant),
            [{"id": 1, "name": "批量", "applicant_type": "自然人", "id_type": "居民身份证", "id_number": "X",
              "contact": "138"}],
        )  # fmt: skip
        session.execute(insert(RequestCase), rows)


@pytest.mark.slow
def test_report_for_10000_requests_is_fast(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    insert_cases(office_ctx)
    service = office_ctx.annual_report
    service.report(2025)  # warm-up: imports and the font lookup are not what is measured
    started = time.perf_counter()
    view = service.report(2025)
    counted = time.perf_counter() - started
    service.export_docx(admin, 2025, tmp_path / "年报.docx")
    total = time.perf_counter() - started
    print(f"\n{COUNT} requests: tables and checks {counted * 1000:.0f} ms, with .docx {total * 1000:.0f} ms")
    assert view.failures == ()
    assert (
        view.table3.row("R1")[6] + view.table3.row("R2")[6]
        == view.table3.row("R3.7")[6] + view.table3.row("R4")[6]
    )
    assert total < 2.0
