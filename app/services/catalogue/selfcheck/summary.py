"""自查自纠: compliance rows → counts per 一级事项, the 问题清单 and a paragraph for the 年度报告 (pure).

Counts are of occasions (项次): one item × one linked piece of information, or × one period (× one village
for 村级 items), as the compliance check gives them. 应公开 are the occasions already due or already
published; 按时率 is 按时公开 ÷ 应公开.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from app.services.catalogue.selfcheck.gaps import GAP_ORDER, occasion, problem, remedy
from app.services.catalogue.types import ComplianceRow, RuleKind, Status
from app.services.formats.chinese import cn_date

TOTAL = "合计"
QUARTER_WORDS = ("", "第一季度", "第二季度", "第三季度", "第四季度")
_DUE_STATUSES = (Status.ON_TIME, Status.LATE, Status.OVERDUE, Status.CHANNEL_GAP)


@dataclass(frozen=True)
class CatalogueEntry:
    """One item of the year's catalogue, as far as the report needs it."""

    item_id: int
    level1: str
    kind: RuleKind


@dataclass(frozen=True)
class AreaSummary:
    level1: str  # 一级事项, or 「合计」
    items: int  # 事项数 in the catalogue
    due: int  # 应公开
    on_time: int
    late: int
    overdue: int  # 未公开（已逾期）
    channel_gap: int
    pending: int  # 待公开 (not yet due)
    undated: int  # 未定期限

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.due if self.due else None


@dataclass(frozen=True)
class Gap:
    number: int  # 序号 in the 问题清单
    level1: str
    level2: str
    seq: str  # the item's 序号 in the catalogue
    occasion: str  # 期间/信息
    village: str  # 村级 items: the village that has not posted
    due: date | None
    due_provisional: bool
    published_on: date | None
    status: Status
    days_late: int
    missing_channels: tuple[str, ...]
    problem: str
    remedy: str


@dataclass(frozen=True)
class Unregistered:
    """An item with a deadline rule but nothing linked this year: was no such information formed, or was
    it formed and not registered? The clerk has to find out (ComplianceService.unlinked)."""

    seq: str
    level1: str
    level2: str


@dataclass(frozen=True)
class SelfCheckSummary:
    year: int
    quarter: int | None
    as_of: date
    areas: tuple[AreaSummary, ...]
    total: AreaSummary
    gaps: tuple[Gap, ...]
    unregistered: tuple[Unregistered, ...] = ()

    @property
    def scope(self) -> str:
        """「2026年」 or 「2026年第一季度」."""
        return f"{self.year}年" + (QUARTER_WORDS[self.quarter] if self.quarter else "")


def summarise(
    rows: Sequence[ComplianceRow],
    as_of: date,
    year: int,
    quarter: int | None = None,
    catalogue: Sequence[CatalogueEntry] = (),
    unregistered: Sequence[Unregistered] = (),
) -> SelfCheckSummary:
    """`catalogue` gives the areas' order and item counts (and which undated items are 长期); without it
    the areas follow the rows."""
    kinds: Mapping[int, RuleKind] = {entry.item_id: entry.kind for entry in catalogue}
    order: list[str] = []
    items: dict[str, set[int]] = {}
    for entry in catalogue:
        items.setdefault(entry.level1, set()).add(entry.item_id)
    for level1 in [entry.level1 for entry in catalogue] + [row.level1 for row in rows]:
        if level1 not in order:
            order.append(level1)
    by_area: dict[str, list[ComplianceRow]] = {level1: [] for level1 in order}
    for row in rows:
        by_area[row.level1].append(row)
        items.setdefault(row.level1, set()).add(row.item_id)
    areas = tuple(_area(level1, len(items.get(level1, ())), by_area[level1]) for level1 in order)
    total_items = len(set().union(*items.values())) if items else 0
    total = _area(TOTAL, total_items, list(rows))
    gaps = _gaps(order, by_area, kinds)
    return SelfCheckSummary(year, quarter, as_of, areas, total, gaps, tuple(unregistered))


def _area(level1: str, item_count: int, rows: Sequence[ComplianceRow]) -> AreaSummary:
    def count(status: Status) -> int:
        return sum(1 for row in rows if row.status is status)

    return AreaSummary(
        level1=level1,
        items=item_count,
        due=sum(1 for row in rows if row.status in _DUE_STATUSES),
        on_time=count(Status.ON_TIME),
        late=count(Status.LATE),
        overdue=count(Status.OVERDUE),
        channel_gap=count(Status.CHANNEL_GAP),
        pending=count(Status.PENDING),
        undated=count(Status.UNDATED),
    )


def _gaps(
    order: Sequence[str], by_area: Mapping[str, Sequence[ComplianceRow]], kinds: Mapping[int, RuleKind]
) -> tuple[Gap, ...]:
    """Grouped by 一级事项 in catalogue order; within one, the most urgent first, then by due date."""
    found: list[Gap] = []
    rank = {status: index for index, status in enumerate(GAP_ORDER)}
    for level1 in order:
        problems = [row for row in by_area[level1] if row.status in rank]
        problems.sort(key=lambda row: (rank[row.status], row.due or date.max, -row.days_late))
        for row in problems:
            kind = kinds.get(row.item_id)
            found.append(
                Gap(
                    number=len(found) + 1,
                    level1=row.level1,
                    level2=row.level2,
                    seq=row.seq,
                    occasion=occasion(row),
                    village=row.village,
                    due=row.due,
                    due_provisional=row.due_provisional,
                    published_on=row.published_on,
                    status=row.status,
                    days_late=row.days_late,
                    missing_channels=row.missing_channels,
                    problem=problem(row, kind),
                    remedy=remedy(row, kind),
                )
            )
    return tuple(found)


def percent(rate: float | None) -> str:
    """「87.5%」, 「100%」; 「—」 when nothing was due."""
    if rate is None:
        return "—"
    text = f"{rate * 100:.1f}".removesuffix(".0")
    return f"{text}%"


def paragraph(summary: SelfCheckSummary, year: int, unit: str = "本镇") -> str:
    """Two to four sentences for the 年度报告's section 五 or 六; every number comes from `summary`."""
    total = summary.total
    scope = summary.scope if summary.year == year else f"{year}年"
    opening = f"对照{unit}{scope}基层政务公开标准目录{total.items}个事项开展自查"
    if total.due == 0:
        sentences = [f"{opening}，截至{cn_date(summary.as_of)}尚无到期应公开的信息。"]
    else:
        counted = f"应公开{total.due}条，按时公开{total.on_time}条（{percent(total.on_time_rate)}）"
        problems = [
            f"{label}{number}条"
            for label, number in (
                ("逾期公开", total.late),
                ("尚未公开（已逾期）", total.overdue),
                ("公开渠道不全", total.channel_gap),
            )
            if number
        ]
        if problems:
            sentences = [f"{opening}，{counted}，{'，'.join(problems)}。"]
        else:
            sentences = [f"{opening}，{counted}，均已按时、按规定渠道公开。"]
    later = [f"{total.pending}条尚未到期"] if total.pending else []
    if total.undated:
        later.append(f"{total.undated}条尚无确定的公开期限")
    if summary.unregistered:
        later.append(f"{len(summary.unregistered)}个事项本年度尚未登记相关信息")
    if later:
        sentences.append(f"另有{'，'.join(later)}，将按目录要求跟进。")
    sentences.append(_next_steps(total, bool(summary.unregistered)))
    return "".join(sentences)


def _next_steps(total: AreaSummary, unregistered: bool) -> str:
    steps = []
    if total.overdue:
        steps.append("对逾期未公开的信息尽快补充公开")
    if total.channel_gap:
        steps.append("对公开渠道不全的事项补齐渠道并留存佐证")
    if total.late:
        steps.append("分析逾期原因，落实到期提醒")
    if unregistered:
        steps.append("核实未登记信息的事项是否产生应公开的信息")
    steps.append("定期对照标准目录开展自查自纠，及时调整和新增公开事项")
    return f"下一步，将{'，'.join(steps)}。"
