"""The quarterly 村（居）务公开 summary: villages × the 村级 periodic items' periods due in the quarter.

村民委员会组织法 art. 30: 一般事项至少每季度公布一次，财务收支每月公布一次 — so a quarter holds one
column per quarterly item and three per monthly item. A cell's status is the compliance check's own verdict
(compliance_rules.judge_village), so the 工作台, this table and the 自查自纠 report agree; lateness is
counted in working days, like every catalogue deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.catalogue import CatalogueItem, Village, VillagePosting
from app.services.catalogue.compliance_rules import judge_village
from app.services.catalogue.due import period_slots
from app.services.catalogue.rules import rule_from_json
from app.services.catalogue.types import Period, PeriodSlot, Rule, RuleKind, Status
from app.services.workdays.calendar import WorkCalendar


@dataclass(frozen=True)
class SummaryColumn:
    item_id: int
    seq: str
    title: str  # 二级事项 (or 一级事项 when it has none)
    period_key: str  # 2026-03 / 2026Q1
    period_label: str
    due: date
    provisional: bool  # the due date relied on a year without its holiday notice (暂定)


@dataclass(frozen=True)
class SummaryCell:
    status: Status
    text: str  # 「3月18日 ✓」, 「3月25日 逾期 2 个工作日」, 「未公示」, 「—」
    posted_on: date | None = None
    days_late: int = 0  # working days after the due date (posted late, or still missing as of the day)
    checked_by: str = ""
    has_photo: bool = False


@dataclass(frozen=True)
class VillageSummaryRow:
    village_id: int
    village: str
    kind: str
    cells: tuple[SummaryCell, ...]  # one per column
    due_count: int  # 应公示: the periods whose due date has come (or that were posted already)
    on_time: int
    late: int
    missing: int  # 未公示 and already overdue


@dataclass(frozen=True)
class VillageQuarterTable:
    year: int
    quarter: int
    as_of: date
    columns: tuple[SummaryColumn, ...]
    rows: tuple[VillageSummaryRow, ...]

    @property
    def title(self) -> str:
        return quarter_title(self.year, self.quarter)


def quarter_title(year: int, quarter: int) -> str:
    return f"{year}年第{quarter}季度村（居）务公开情况汇总表"


def slot_quarter(rule: Rule, slot: PeriodSlot) -> int:
    """The quarter a period's posting falls due in, from its key and the rule's month (not from the due
    date, which a rest day may push into the next quarter): 2026-03 → 1, 2026Q2 → 2, 2026H1 (month 6) → 2."""
    first_month = 1
    key = slot.key
    if rule.period is Period.MONTH:
        first_month = int(key[5:7])
    elif rule.period is Period.QUARTER:
        first_month = (int(key[-1]) - 1) * 3 + 1
    elif rule.period is Period.HALF:
        first_month = (int(key[-1]) - 1) * 6 + 1
    month = first_month if rule.period is Period.MONTH else first_month + rule.month - 1
    return (min(max(month, 1), 12) - 1) // 3 + 1


def cell_text(status: Status, posted_on: date | None, days_late: int) -> str:
    if status is Status.ON_TIME and posted_on is not None:
        return f"{posted_on.month}月{posted_on.day}日 ✓"
    if status is Status.LATE and posted_on is not None:
        late = f"逾期 {days_late} 个工作日" if days_late else "逾期"
        return f"{posted_on.month}月{posted_on.day}日 {late}"
    if status is Status.OVERDUE:
        return "未公示"
    return "—"


def build_quarter_table(
    session: Session, calendar: WorkCalendar, year: int, quarter: int, as_of: date
) -> VillageQuarterTable:
    columns = _columns(session, calendar, year, quarter)
    villages = list(
        session.scalars(select(Village).where(Village.active).order_by(Village.sort_order, Village.id))
    )
    posted: dict[tuple[int, int, str], VillagePosting] = {}
    if columns:
        keys = {column.period_key for column in columns}
        items = {column.item_id for column in columns}
        query = select(VillagePosting).where(
            VillagePosting.item_id.in_(items), VillagePosting.period.in_(keys)
        )
        posted = {(p.item_id, p.village_id, p.period): p for p in session.scalars(query)}
    rows = []
    for village in villages:
        cells = []
        for column in columns:
            found = posted.get((column.item_id, village.id, column.period_key))
            posted_on = found.posted_on if found else None
            verdict = judge_village(column.due, posted_on, as_of, calendar)
            status, days = verdict.status, verdict.days_late
            cells.append(
                SummaryCell(
                    status,
                    cell_text(status, posted_on, days),
                    posted_on,
                    days,
                    found.checked_by if found else "",
                    bool(found and found.photo_id),
                )
            )
        rows.append(_row(village, tuple(cells)))
    return VillageQuarterTable(year, quarter, as_of, tuple(columns), tuple(rows))


def _columns(session: Session, calendar: WorkCalendar, year: int, quarter: int) -> list[SummaryColumn]:
    items = session.scalars(
        select(CatalogueItem)
        .where(CatalogueItem.year == year, CatalogueItem.tier == "村级", CatalogueItem.voided_at.is_(None))
        .order_by(CatalogueItem.sort_order, CatalogueItem.id)
    )
    columns = []
    for item in items:
        rule = rule_from_json(item.rule)
        if rule.kind is not RuleKind.PERIODIC or rule.period is None:
            continue  # event items are judged per linked piece of information, not per village and period
        for slot in period_slots(rule, year, calendar):
            if slot_quarter(rule, slot) == quarter:
                columns.append(
                    SummaryColumn(
                        item.id,
                        item.seq,
                        item.level2 or item.level1,
                        slot.key,
                        slot.label,
                        slot.due.day,
                        bool(slot.due.provisional_years),
                    )
                )
    return columns


def _row(village: Village, cells: tuple[SummaryCell, ...]) -> VillageSummaryRow:
    counted = [cell.status for cell in cells if cell.status is not Status.PENDING]
    return VillageSummaryRow(
        village.id,
        village.name,
        village.kind,
        cells,
        len(counted),
        counted.count(Status.ON_TIME),
        counted.count(Status.LATE),
        counted.count(Status.OVERDUE),
    )
