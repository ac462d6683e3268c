"""Synthetic 依申请公开 cases over several years, in every state, with their event timelines.

Event kinds and `data_json` shapes are the ones `app/services/request_events.py` writes (compare the
demo cases the services created first); answer dates are real working days from the office calendar.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert, select

from app.cli.bench.corpus import OFFICES, Corpus
from app.errors import UserFacingError
from app.models.request import Applicant, NumberCounter, RequestCase, RequestEvent, RequestRemedy
from app.services.context import AppContext
from app.services.workdays.calendar import WorkCalendar

CHUNK = 4000
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国文红梅志红海燕"
TYPES = (
    ("自然人", 80),
    ("商业企业", 8),
    ("法律服务机构", 5),
    ("社会公益组织", 2),
    ("科研机构", 1),
    ("其他", 4),
)
CHANNELS = (("当面", 35), ("网络", 35), ("挂号邮寄", 15), ("平信", 10), ("传真", 5))
OUTCOMES = (
    ("R3.1", 42),
    ("R3.2", 10),
    ("R3.3.4", 3),
    ("R3.3.5", 2),
    ("R3.3.6", 3),
    ("R3.4.1", 20),
    ("R3.4.2", 4),
    ("R3.4.3", 2),
    ("R3.5.1", 3),
    ("R3.5.2", 3),
    ("R3.5.3", 1),
    ("R3.6.1", 3),
    ("R3.6.3", 4),
)
BASIS = "《中华人民共和国政府信息公开条例》第三十六条"
OPEN_DAYS = 50  # an extended case (20 + 20 working days) may be open for about seven weeks
Say = Callable[[str], None]


def _weighted(pairs: tuple[tuple[str, int], ...]) -> tuple[list[str], list[int]]:
    return [value for value, _ in pairs], [weight for _, weight in pairs]


def _id_number(rng: random.Random) -> str:
    return f"310229{rng.randint(1950, 2004)}{rng.randint(101, 1231):04d}{rng.randint(0, 9999):04d}"


def _applicants(ctx: AppContext, corpus: Corpus, count: int) -> list[tuple[int, str, str, str, str]]:
    rng = corpus.rng
    types, weights = _weighted(TYPES)
    rows = []
    for _ in range(count):
        kind = rng.choices(types, weights)[0]
        person = kind == "自然人"
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
        if not person:
            name = f"上海{name}{rng.choice(('有限公司', '律师事务所', '研究院', '公益服务社'))}"
        rows.append(
            {
                "name": name,
                "applicant_type": kind,
                "id_type": "居民身份证" if person else "统一社会信用代码",
                "id_number": _id_number(rng) if person else f"91310118MA{rng.randint(10**7, 10**8 - 1)}X",
                "contact": f"139{rng.randint(10**7, 10**8 - 1)}",
            }
        )
    with ctx.sessions.begin() as session:
        first = int(session.scalar(select(Applicant.id).order_by(Applicant.id.desc()).limit(1)) or 0) + 1
        session.execute(insert(Applicant), rows)
    return [
        (first + i, row["name"], row["applicant_type"], row["id_type"], row["id_number"])
        for i, row in enumerate(rows)
    ]


def _due(calendar: WorkCalendar, start: date, days: int) -> date | None:
    try:
        return calendar.nth_working_day_after(start, days)
    except UserFacingError:  # e.g. 2027年放假安排未录入: the app shows the problem, never guesses
        return None


def insert_requests(ctx: AppContext, corpus: Corpus, total: int, first_year: int, say: Say) -> int:
    """Insert `total` cases; returns the year with most new cases (the annual report measurement)."""
    rng, today = corpus.rng, ctx.clock.today()
    calendar = ctx.calendar.calendar()
    years = list(range(first_year, today.year + 1))
    per_year = Counter(rng.choices(years, [1.0 + 0.15 * i for i in range(len(years))], k=total))
    people = _applicants(ctx, corpus, max(int(total * 0.7), 1))
    channels, channel_weights = _weighted(CHANNELS)
    outcomes, outcome_weights = _weighted(OUTCOMES)
    with ctx.sessions() as session:
        next_id = (
            int(session.scalar(select(RequestCase.id).order_by(RequestCase.id.desc()).limit(1)) or 0) + 1
        )
        counters = {(c.scope, c.year): c.last for c in session.scalars(select(NumberCounter))}
    plan: list[tuple[int, int, date]] = []
    for year in years:
        days = (today - date(year, 1, 1)).days if year == today.year else 364
        start = counters.get(("受理编号", year), 0)
        dates = sorted(date(year, 1, 1) + timedelta(days=rng.randint(0, days)) for _ in range(per_year[year]))
        plan += [(year, start + seq + 1, day) for seq, day in enumerate(dates)]
    made = 0
    for offset in range(0, len(plan), CHUNK):
        cases: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        remedies: list[dict[str, Any]] = []
        for year, seq, received in plan[offset : offset + CHUNK]:
            case_id = next_id + made
            made += 1
            first_event = len(events)
            applicant_id, name, kind, id_type, id_number = rng.choice(people)
            channel = rng.choices(channels, channel_weights)[0]
            age = (today - received).days

            def event(
                kind_: str,
                on: date,
                data: dict[str, Any] | None = None,
                note: str = "",
                case_id: int = case_id,
                events: list[dict[str, Any]] = events,
            ) -> None:
                events.append(
                    {
                        "case_id": case_id,
                        "kind": kind_,
                        "on_date": on,
                        "data_json": json.dumps(data or {}, ensure_ascii=False),
                        "note": note,
                        "username": "admin",
                        "display_name": "李明",
                        "recorded_at": datetime.combine(on, time(10, 0)),
                    }
                )

            unconfirmed = channel in ("平信", "网络", "传真") and age <= 1 and rng.random() < 0.5
            event("登记", received, {"channel": channel})
            if channel in ("平信", "网络", "传真") and not unconfirmed:
                event("确认收到", received)
            department = rng.choice(OFFICES)
            extension = 20 if rng.random() < 0.05 else 0
            due = _due(calendar, received, 20 + extension)
            status, outcome, closed = "办理中", None, None
            if not unconfirmed:
                event(
                    "办理",
                    received,
                    {"department": department, "internal_due": str(_due(calendar, received, 10) or "")},
                )
            if extension:
                event(
                    "延期",
                    _due(calendar, received, 15) or received,
                    {"working_days": 20, "approver": "张镇长", "reason": "涉及多个年度档案，需调档核实"},
                )
            # most answers go out within the 20 working days (≈ 28 days); extended ones run longer
            still_open = age <= (OPEN_DAYS if extension else 26) and rng.random() < 0.7
            if unconfirmed:
                status = "待确认"
            elif still_open:
                roll = rng.random()
                if roll < 0.08:
                    status = "待补正"
                    event(
                        "补正告知",
                        received + timedelta(days=2),
                        {
                            "items": "请写明所需信息的名称、文号或特征性描述。",
                            "period_end": str(received + timedelta(days=30)),
                        },
                    )
                elif roll < 0.14:
                    status = "征求意见中"
                    event("征求第三方意见", received + timedelta(days=3), {"party": "上海赵巷建材有限公司"})
            else:
                outcome = rng.choices(outcomes, outcome_weights)[0]
                answered = _due(calendar, received, rng.randint(2, 20 + extension)) or received
                closed = min(answered, today)
                event("答复", closed, {"outcome": outcome, "basis": BASIS}, "随本告知书提供相关信息。")
                status = "已答复"
                if age > 10:
                    event("送达", closed, {"method": "当面", "signed_on": str(closed), "tracking_no": ""})
                    status = "已送达"
                if age > 60 and rng.random() < 0.8:
                    event("归档", closed + timedelta(days=7))
                    status = "已归档"
                if rng.random() < 0.01:
                    result = rng.choice(("维持", "纠正", "其他", "尚未审结"))
                    remedies.append(
                        {
                            "case_id": case_id,
                            "stage": "复议",
                            "filed_on": closed + timedelta(days=20),
                            "body": "上海市青浦区人民政府",
                            "result": result,
                            "closed_on": None if result == "尚未审结" else closed + timedelta(days=70),
                            "created_at": datetime.combine(closed + timedelta(days=20), time(9, 0)),
                            "updated_at": datetime.combine(closed + timedelta(days=20), time(9, 0)),
                        }
                    )
            cases.append(
                {
                    "id": case_id,
                    "number": f"{year}-{seq:04d}",
                    "year": year,
                    "seq": seq,
                    "applicant_id": applicant_id,
                    "applicant_type": kind,
                    "applicant_name": name,
                    "id_type": id_type,
                    "id_number": id_number,
                    "contact": "139****0000",
                    "description": corpus.request_description(year),
                    "form_requested": "纸质文本，邮寄",
                    "channel": channel,
                    "arrived_at": datetime.combine(received, time(9, 30)),
                    "received_on": None if unconfirmed else received,
                    "status": status,
                    "department": "" if unconfirmed else department,
                    "due_on": None if unconfirmed else due,
                    "due_problem": "" if due or unconfirmed else f"{received.year + 1}年放假安排未录入",
                    "outcome": outcome,
                    "outcome_basis": BASIS if outcome else "",
                    "closed_on": closed,
                    "created_at": datetime.combine(received, time(9, 30)),
                    "updated_at": datetime.combine(
                        max(e["on_date"] for e in events[first_event:]), time(10, 0)
                    ),
                }
            )
        with ctx.sessions.begin() as session:
            session.execute(insert(RequestCase), cases)
            session.execute(insert(RequestEvent), events)
            if remedies:
                session.execute(insert(RequestRemedy), remedies)
        say(f"依申请公开 {made}/{total}")
    with ctx.sessions.begin() as session:
        for year in years:
            last = max((seq for y, seq, _ in plan if y == year), default=0)
            session.execute(
                insert(NumberCounter).prefix_with("OR REPLACE"),
                {"scope": "受理编号", "year": year, "last": last},
            )
    return max(years, key=lambda year: (per_year[year], year))
