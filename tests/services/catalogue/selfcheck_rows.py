"""A small catalogue and the compliance rows a check of it gives on 2026-11-23, for the 自查自纠 tests.

Six items in four 一级事项: 财政预决算 (on time, late, overdue, a channel gap, one not yet due), 村务公开 (a
village on time, a village overdue), 重大建设项目 (a 长期 item not published, a 需人工确定 item with no
date) and 社会救助 (nothing due yet: no rows).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import insert

from app.models.catalogue import CatalogueItem
from app.services.catalogue.compliance import UnlinkedItem
from app.services.catalogue.rules import rule_to_json
from app.services.catalogue.types import ComplianceRow, Period, Rule, RuleKind, Status
from app.services.context import AppContext

AS_OF = date(2026, 11, 23)
WEB, MEDIA, BOARD = "政府网站", "政务新媒体", "公示栏"

ITEMS: tuple[tuple[int, str, str, Rule, str], ...] = (
    (1, "财政预决算", "部门预算", Rule(RuleKind.CALENDAR_DAYS, days=20, anchor="批准"), "镇级"),
    (2, "财政预决算", "三公经费", Rule(RuleKind.WORKING_DAYS, days=20), "镇级"),
    (3, "村务公开", "财务收支", Rule(RuleKind.PERIODIC, period=Period.QUARTER, month=1, day=20), "村级"),
    (4, "重大建设项目", "项目基本信息", Rule(RuleKind.NONE), "镇级"),
    (5, "重大建设项目", "招标投标", Rule(RuleKind.MANUAL, note="按有关规定"), "镇级"),
    (6, "社会救助", "低保对象", Rule(RuleKind.WORKING_DAYS, days=7), "镇级"),
)


def _row(item: int, status: Status, **fields: object) -> ComplianceRow:
    _id, level1, level2, _rule, tier = ITEMS[item - 1]
    values: dict[str, object] = {"due": None} | fields
    return ComplianceRow(item_id=item, seq=str(item), level1=level1, level2=level2, tier=tier, status=status,
                         **values)  # type: ignore[arg-type]  # fmt: skip


ROWS: list[ComplianceRow] = [
    _row(1, Status.ON_TIME, due=date(2026, 2, 20), published_on=date(2026, 2, 10),
         source_title="2026年部门预算"),
    _row(1, Status.LATE, due=date(2026, 4, 3), published_on=date(2026, 4, 10), days_late=5,
         source_title="预算调整方案"),
    _row(1, Status.OVERDUE, due=date(2026, 10, 30), days_late=16, source_title="2026年第三季度预算执行",
         channels_required=(WEB, MEDIA), missing_channels=(WEB, MEDIA)),
    _row(2, Status.CHANNEL_GAP, due=date(2026, 6, 30), published_on=date(2026, 6, 1), source_title="三公经费",
         channels_required=(WEB, BOARD), channels_done=(WEB,), missing_channels=(BOARD,)),
    _row(2, Status.PENDING, due=date(2026, 12, 10), due_provisional=False, source_title="决算草案"),
    _row(3, Status.ON_TIME, due=date(2026, 10, 20), published_on=date(2026, 10, 12), village="红星村",
         period_key="2026Q4", period_label="2026年第四季度"),
    _row(3, Status.OVERDUE, due=date(2026, 10, 20), days_late=23, village="光明村", period_key="2026Q4",
         period_label="2026年第四季度", channels_required=(BOARD,), missing_channels=(BOARD,)),
    _row(4, Status.UNDATED, source_title="镇区道路改造工程"),
    _row(5, Status.UNDATED, source_title="农贸市场改造招标"),
]  # fmt: skip


# 社会救助 / 低保对象 has nothing linked this year (ComplianceService.unlinked).
UNLINKED = [UnlinkedItem(6, "6", "社会救助", "低保对象", "镇级", "7个工作日内", "形成后 7 个工作日内")]


@dataclass
class FixedCheck:
    """Stands in for ComplianceService: gives `rows` and `unlinked`, and remembers what it was asked."""

    rows: list[ComplianceRow]
    unlinked_items: list[UnlinkedItem] = field(default_factory=list)
    asked: tuple[date, int, int | None] | None = None

    def check(self, as_of: date, year: int, quarter: int | None = None) -> list[ComplianceRow]:
        self.asked = (as_of, year, quarter)
        return list(self.rows)

    def unlinked(self, year: int) -> list[UnlinkedItem]:
        return list(self.unlinked_items)


def add_catalogue(ctx: AppContext, year: int = 2026) -> None:
    """The six items of ITEMS as the year's catalogue (ids 1–6 in a fresh database)."""
    rows = [
        {"id": item_id, "year": year, "seq": str(item_id), "sort_order": item_id, "level1": level1,
         "level2": level2, "rule": rule_to_json(rule), "tier": tier, "channels": "政府网站、政务新媒体"}
        for item_id, level1, level2, rule, tier in ITEMS
    ]  # fmt: skip
    with ctx.sessions.begin() as session:
        session.execute(insert(CatalogueItem), rows)
