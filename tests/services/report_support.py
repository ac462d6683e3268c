"""Two years of 依申请公开 cases built through the request services, and an independent table-三 count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.report.tables import APPLICANT_TYPES, LEAF_KEYS
from tests.services.request_support import registration

TOPICS = ("农村危房改造", "低保发放名单", "征地补偿标准", "道路建设资金")
REASON = "经审查，依据条例相关规定作出本答复。"


@dataclass(frozen=True)
class Spec:
    """One case of the fixture: who, when received, how and when it ended (None = still open)."""

    applicant_type: str
    received: date
    outcome: str | None = None
    closed: date | None = None


def fixture_specs() -> list[Spec]:
    """2024 and 2025, every leaf and applicant column in both years, carry-overs across both year ends."""
    specs: list[Spec] = []
    for year in (2024, 2025):
        for i, leaf in enumerate(LEAF_KEYS):
            for j in range(2 if i % 3 else 1):  # some leaves twice, in another column
                received = date(year, 2, 1) + timedelta(days=7 * i + j)
                applicant = APPLICANT_TYPES[(i + j * 2 + year) % 6]
                specs.append(Spec(applicant, received, leaf, received + timedelta(days=14)))
        for kind in APPLICANT_TYPES:  # every column answered in the year too
            received = date(year, 9, 2)
            specs.append(Spec(kind, received, "R3.1", date(year, 9, 12)))
    # carried over from 2024 into 2025, and from 2025 into 2026 (still open)
    specs += [
        Spec("自然人", date(2024, 12, 20), "R3.1", date(2025, 1, 10)),
        Spec("商业企业", date(2024, 12, 23), "R3.4.1", date(2025, 1, 14)),
        Spec("法律服务机构", date(2024, 12, 26), "R3.3.4", date(2025, 1, 20)),
        Spec("自然人", date(2025, 12, 22)),
        Spec("其他", date(2025, 12, 24)),
        Spec("社会公益组织", date(2025, 12, 29)),
    ]
    return specs


def build_case(ctx: AppContext, actor: Actor, spec: Spec, number: int) -> int:
    """Register and close one case the way the clerk would, with the dates of the spec."""
    reg = registration(
        spec.received,
        applicant_type=spec.applicant_type,
        name=f"申请人{number}",
        id_number=f"ID{number:06d}",
        description=f"关于{TOPICS[number % 4]}的信息",
    )
    case_id = ctx.requests.register(actor, reg, today=spec.received).detail.id
    steps, outcome, closed = ctx.requests.steps, spec.outcome, spec.closed
    if outcome is None or closed is None:
        return case_id
    if outcome == "R3.6.1":
        sent = spec.received + timedelta(days=2)
        steps.notify_correction(actor, case_id, sent, "请补充信息名称", sent + timedelta(days=5), today=sent)
        steps.correction_lapsed(actor, case_id, today=closed)
    elif outcome == "R3.6.2":
        sent = spec.received + timedelta(days=1)
        steps.fee_notice(actor, case_id, sent, 100, "按件", "本月第11件", today=sent)
        steps.fee_lapsed(actor, case_id, today=closed + timedelta(days=40))
    elif outcome == "R3.6.3":
        steps.withdraw(actor, case_id, closed, "申请人书面撤回", today=closed)
    else:
        steps.answer(actor, case_id, outcome, closed, REASON, today=closed)
    return case_id


def actual_closed(spec: Spec) -> date | None:
    """逾期未缴 closes on the day it is recorded (40 days after the planned date in build_case)."""
    if spec.outcome == "R3.6.2" and spec.closed is not None:
        return spec.closed + timedelta(days=40)
    return spec.closed


def expected_table(specs: list[Spec], year: int) -> dict[str, list[int]]:
    """Count straight from the fixture list: row key → six columns + 总计."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    rows: dict[str, list[int]] = {key: [0] * 6 for key in ("R1", "R2", *LEAF_KEYS, "R4")}
    for spec in specs:
        column, closed = APPLICANT_TYPES.index(spec.applicant_type), actual_closed(spec)
        if first <= spec.received <= last:
            rows["R1"][column] += 1
        if spec.received < first and (closed is None or closed >= first):
            rows["R2"][column] += 1
        if closed is not None and first <= closed <= last and spec.outcome:
            rows[spec.outcome][column] += 1
        if spec.received <= last and (closed is None or closed > last):
            rows["R4"][column] += 1
    result = {key: [*six, sum(six)] for key, six in rows.items()}
    leaves = [sum(rows[key][col] for key in LEAF_KEYS) for col in range(6)]
    result["R3.7"] = [*leaves, sum(leaves)]
    return result
