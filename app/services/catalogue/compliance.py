"""Has the office published what its catalogue requires, and by when? One row per item × occasion.

Event items (N 工作日, N 日, 需人工确定, 长期): one row per linked piece of information. Periodic items: one
row per period of the year (per active village for 村级 items). Set-based: a handful of queries per check,
every source read once (the bench: 300 items × 50,000 links), then pure functions (compliance_rules) decide.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from app.errors import UserFacingError
from app.models.catalogue import CatalogueItem, CatalogueLink
from app.services.catalogue import due as due_rules
from app.services.catalogue.compliance_load import Item, Link, Snapshot, live_links, load
from app.services.catalogue.compliance_rules import (
    Verdict,
    WorkingDayMemo,
    judge,
    judge_village,
    quarter_end,
    slots_in_view,
)
from app.services.catalogue.rules import describe, rule_from_json
from app.services.catalogue.types import ComplianceRow, PeriodSlot, Rule, RuleKind, Status
from app.services.common import SessionFactory
from app.services.workdays.calendar import WorkCalendar
from app.services.workdays.service import CalendarService

WEEK = 7  # 「本周到期」: due within the next seven days


@dataclass(frozen=True)
class UnlinkedItem:
    """An event item nothing has been linked to this year: 「本年度未登记相关信息」 in the report."""

    item_id: int
    seq: str
    level1: str
    level2: str
    tier: str
    time_limit: str
    rule_text: str


class ComplianceService:
    def __init__(self, sessions: SessionFactory, calendar: CalendarService) -> None:
        self._sessions, self._calendar = sessions, calendar

    def check(self, as_of: date, year: int, quarter: int | None = None) -> list[ComplianceRow]:
        """Every occasion of the year's catalogue as it stood on `as_of`; with `quarter`, the year up to the
        end of that quarter (information formed, periods due by then)."""
        if quarter is not None and quarter not in (1, 2, 3, 4):
            raise UserFacingError("季度只能是 1、2、3、4。")
        until = quarter_end(year, quarter) if quarter else None
        calendar = self._calendar.calendar()
        with _collector_paused(), self._sessions() as session:
            snapshot = load(session, year, as_of)
            counts = WorkingDayMemo(calendar)
            dues: dict[Rule, _Dues] = {}  # a catalogue's few wordings over a year's days
            rows: list[ComplianceRow] = []
            for item in snapshot.items:
                if item.rule.kind is RuleKind.PERIODIC and item.tier == "村级":
                    rows.extend(_village_rows(item, snapshot, year, as_of, until, calendar, counts))
                elif item.rule.kind is RuleKind.PERIODIC:
                    rows.extend(_period_rows(item, snapshot, year, as_of, until, calendar, counts))
                else:
                    due_of = dues.setdefault(item.rule, {})
                    rows.extend(_event_rows(item, snapshot, as_of, until, calendar, counts, due_of))
        return rows

    def week_ahead(self, as_of: date) -> list[ComplianceRow]:
        """待公开 occasions due within seven days (this year's catalogue, and next year's near New Year)."""
        return [row for row in self._near(as_of) if _due_this_week(row, as_of)]

    def overdue(self, as_of: date, year: int) -> list[ComplianceRow]:
        return [row for row in self.check(as_of, year) if row.status is Status.OVERDUE]

    def due_and_overdue(self, as_of: date) -> tuple[list[ComplianceRow], list[ComplianceRow]]:
        """The 工作台's two lists from one check: due within the week, and 未公开且已逾期."""
        rows = self._near(as_of)
        overdue = [row for row in rows if row.status is Status.OVERDUE]
        return [row for row in rows if _due_this_week(row, as_of)], overdue

    def unlinked(self, year: int) -> list[UnlinkedItem]:
        """Event items of the year with nothing linked: no due date is known, but the report names them."""
        with self._sessions() as session:
            linked = live_links().with_only_columns(CatalogueLink.item_id)
            items = session.scalars(
                select(CatalogueItem)
                .where(CatalogueItem.year == year, CatalogueItem.voided_at.is_(None))
                .where(CatalogueItem.id.not_in(linked))
                .order_by(CatalogueItem.sort_order, CatalogueItem.id)
            ).all()
            result = []
            for item in items:
                rule = rule_from_json(item.rule)
                if rule.kind is not RuleKind.PERIODIC:
                    result.append(
                        UnlinkedItem(
                            item.id,
                            item.seq,
                            item.level1,
                            item.level2,
                            item.tier,
                            item.time_limit,
                            describe(rule),
                        )
                    )
        return result

    def _near(self, as_of: date) -> list[ComplianceRow]:
        rows = self.check(as_of, as_of.year)
        if (as_of + timedelta(days=WEEK)).year > as_of.year:
            rows += self.check(as_of, as_of.year + 1)
        return rows


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a check builds its ~200,000 acyclic objects (tuples, dicts,
    rows): the collector would walk the growing heap again and again — a third of the check's time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _due_this_week(row: ComplianceRow, as_of: date) -> bool:
    return row.status is Status.PENDING and row.due is not None and row.due <= as_of + timedelta(days=WEEK)


# ---- rows ------------------------------------------------------------------------------------------------

_Dues = dict[date, tuple[date, bool] | None]  # one rule's: formed → (due, provisional)


def _row(item: Item, verdict: Verdict, due: date | None, provisional: bool, **extra: object) -> ComplianceRow:
    return ComplianceRow(
        item_id=item.id,
        seq=item.seq,
        level1=item.level1,
        level2=item.level2,
        tier=item.tier,
        status=verdict.status,
        due=due,
        due_provisional=provisional,
        published_on=verdict.published_on,
        days_late=verdict.days_late,
        channels_required=item.required,
        channels_done=verdict.done,
        missing_channels=verdict.missing,
        **extra,  # type: ignore[arg-type]
    )


def _link_fields(link: Link) -> dict[str, object]:
    return {
        "link_id": link.id,
        "source_kind": link.source_kind,
        "source_id": link.source_id,
        "source_title": link.title,
        "formed_on": link.formed_on,
    }


def _event_rows(
    item: Item,
    snapshot: Snapshot,
    as_of: date,
    until: date | None,
    calendar: WorkCalendar,
    counts: WorkingDayMemo,
    dues: _Dues,
) -> list[ComplianceRow]:
    """One row per link — fifty thousand a year at office scale, so built positionally, in ComplianceRow's
    field order (keywords cost twice as much)."""
    rows = []
    rule, required = item.rule, item.required
    item_id, seq, level1, level2, tier = item.id, item.seq, item.level1, item.level2, item.tier
    standing = rule.kind is RuleKind.NONE
    for link_id, kind, source_id, formed, override, title, days in snapshot.links.get(item.id, ()):
        if until is not None and formed > until:
            continue
        due: date | None
        if override is not None:
            due, provisional = override, False
        else:
            if formed not in dues:
                found = due_rules.item_due(rule, formed, calendar)
                dues[formed] = (found.day, bool(found.provisional_years)) if found else None
            known = dues[formed]
            due, provisional = known if known else (None, False)
        if standing:
            due = None
        status, published_on, days_late, done, missing = judge(due, required, days, as_of, counts, standing)
        rows.append(ComplianceRow(
            item_id, seq, level1, level2, tier, status, due, provisional, published_on, days_late, "", "", "",
            link_id, kind, source_id, title, formed, required, done, missing,
        ))  # fmt: skip
    return rows


def _slots(
    item: Item, year: int, as_of: date, until: date | None, calendar: WorkCalendar
) -> list[PeriodSlot]:
    slots = sorted(due_rules.period_slots(item.rule, year, calendar), key=lambda slot: slot.due.day)
    shown = slots_in_view([slot.due.day for slot in slots], as_of, until)
    return [slot for slot, keep in zip(slots, shown, strict=True) if keep]


def _period_rows(
    item: Item,
    snapshot: Snapshot,
    year: int,
    as_of: date,
    until: date | None,
    calendar: WorkCalendar,
    counts: WorkingDayMemo,
) -> list[ComplianceRow]:
    """Each period is answered by the links whose first publication falls in its window (slot_for)."""
    slots = _slots(item, year, as_of, until, calendar)
    by_slot: dict[str, list[tuple[Link, dict[str, date]]]] = {}
    for link in snapshot.links.get(item.id, ()):
        days = link.days
        placed = min(days.values()) if days else link.formed_on
        key = due_rules.slot_for(item.rule, placed, calendar).key
        by_slot.setdefault(key, []).append((link, days))
    rows = []
    for slot in slots:
        answers = by_slot.get(slot.key, [])
        merged: dict[str, date] = {}
        for _link, days in answers:
            for channel, day in days.items():
                merged[channel] = min(day, merged.get(channel, day))
        verdict = judge(slot.due.day, item.required, merged, as_of, counts)
        extra = _link_fields(answers[0][0]) if answers else {}
        rows.append(
            _row(
                item,
                verdict,
                slot.due.day,
                bool(slot.due.provisional_years),
                period_key=slot.key,
                period_label=slot.label,
                **extra,
            )
        )
    return rows


def _village_rows(
    item: Item,
    snapshot: Snapshot,
    year: int,
    as_of: date,
    until: date | None,
    calendar: WorkCalendar,
    counts: WorkingDayMemo,
) -> list[ComplianceRow]:
    """村（居）务公开: every active village posts every period on its own 公示栏."""
    rows = []
    for slot in _slots(item, year, as_of, until, calendar):
        for village_id, name in snapshot.villages:
            posted = snapshot.village_postings.get((item.id, village_id, slot.key))
            verdict = judge_village(slot.due.day, posted, as_of, counts)
            rows.append(
                _row(
                    item,
                    verdict,
                    slot.due.day,
                    bool(slot.due.provisional_years),
                    period_key=slot.key,
                    period_label=slot.label,
                    village=name,
                )
            )
    return rows
