"""Bulk rows for the list-speed test: plain INSERTs (registration speed is not what is measured)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import insert

from app.models.request import Applicant, RequestCase
from app.services.context import AppContext

STATUSES = ("办理中", "已答复", "已归档", "待补正", "征求意见中")


def insert_cases(ctx: AppContext, count: int) -> None:
    start = date(2025, 1, 2)
    with ctx.sessions.begin() as session:
        session.execute(
            insert(Applicant),
            [
                {"id": 1, "name": "批量申请人", "applicant_type": "自然人", "id_type": "居民身份证",
                 "id_number": "X", "contact": "138"}
            ],
        )  # fmt: skip
        rows = []
        for n in range(1, count + 1):
            received = start + timedelta(days=n % 690)
            rows.append(
                {
                    "number": f"{received.year}-{n:05d}",
                    "year": received.year,
                    "seq": n,
                    "applicant_id": 1,
                    "applicant_type": "自然人",
                    "applicant_name": f"申请人{n}",
                    "id_type": "居民身份证",
                    "id_number": "X",
                    "contact": "138",
                    "description": f"第{n}件：关于本镇财政预算执行情况的信息",
                    "form_requested": "纸质",
                    "channel": "当面",
                    "arrived_at": datetime.combine(received, datetime.min.time()),
                    "received_on": received,
                    "status": STATUSES[n % len(STATUSES)],
                    "department": "党政办",
                    "due_on": received + timedelta(days=28),
                    "due_problem": "",
                    "outcome_basis": "",
                    "source_row": "",
                }
            )
        session.execute(insert(RequestCase), rows)
