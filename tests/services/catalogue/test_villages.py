"""村（居）务公开: villages as units, each village's posting per period, the quarter summary, its .xlsx."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import UserFacingError
from app.models.audit import AuditEntry
from app.services.catalogue.types import Status
from app.services.catalogue.villages import VillageService
from app.services.context import AppContext
from app.services.permissions import Actor
from tests.conftest import set_today
from tests.services.catalogue.village_seed import VillageItems, seed_village_items, write_photo

AS_OF = date(2026, 3, 25)  # late in 2026 Q1: January and February are due, March is not yet


@pytest.fixture
def service(ctx: AppContext) -> VillageService:
    set_today(ctx, AS_OF)
    return VillageService(ctx.sessions, ctx.attachments, ctx.calendar)


@pytest.fixture
def items(ctx: AppContext) -> VillageItems:
    return seed_village_items(ctx)


def _villages(service: VillageService, admin: Actor, *names: str) -> list[int]:
    return [service.add_village(admin, name).id for name in names]


# ---- villages --------------------------------------------------------------------------------------


def test_villages_are_added_renamed_and_deactivated_with_a_reason(
    service: VillageService, admin: Actor
) -> None:
    first = service.add_village(admin, " 东湖村 ")
    service.add_village(admin, "城南社区", kind="社区")
    assert [(v.name, v.kind) for v in service.villages()] == [("东湖村", "村"), ("城南社区", "社区")]
    with pytest.raises(UserFacingError, match="已有名为「东湖村」"):
        service.add_village(admin, "东湖村")
    assert service.rename(admin, first.id, "东湖新村").name == "东湖新村"
    with pytest.raises(UserFacingError, match="停用原因"):
        service.set_active(admin, first.id, False)
    service.set_active(admin, first.id, False, "并入城南社区")
    assert [v.name for v in service.villages(include_inactive=False)] == ["城南社区"]


def test_a_village_with_postings_is_never_deleted(
    service: VillageService, admin: Actor, items: VillageItems
) -> None:
    used, spare = _villages(service, admin, "东湖村", "录错村")
    service.record_posting(admin, items.affairs, used, "2026Q1", date(2026, 1, 18))
    with pytest.raises(UserFacingError, match="不能删除"):
        service.delete_village(admin, used)
    service.delete_village(admin, spare)
    assert [v.name for v in service.villages()] == ["东湖村"]


# ---- postings --------------------------------------------------------------------------------------


def test_a_second_posting_corrects_the_first_and_the_log_keeps_the_old_date(
    ctx: AppContext, service: VillageService, admin: Actor, items: VillageItems, tmp_path: Path
) -> None:
    (village,) = _villages(service, admin, "东湖村")
    service.record_posting(admin, items.affairs, village, "2026Q1", date(2026, 1, 22), checked_by="李四")
    photo = write_photo(tmp_path / "公示栏.png")
    fixed = service.record_posting(
        admin, items.affairs, village, "2026Q1", date(2026, 1, 18), photo, "李四", "日期登记错误"
    )
    assert fixed.posted_on == date(2026, 1, 18) and fixed.photo_id is not None
    assert [p.posted_on for p in service.postings(items.affairs, "2026Q1")] == [date(2026, 1, 18)]
    with ctx.sessions() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "村务公开").order_by(AuditEntry.id.desc())
        ).first()
    assert entry is not None and entry.action == "修改"
    changes = json.loads(entry.details_json)["changes"]
    assert changes["公示日期"] == ["2026-01-22", "2026-01-18"]
    assert changes["照片"] == ["", "公示栏.png"]


def test_postings_that_cannot_be_right_are_refused(
    service: VillageService, admin: Actor, items: VillageItems, tmp_path: Path
) -> None:
    village, closed = _villages(service, admin, "东湖村", "西山村")
    service.set_active(admin, closed, False, "撤并")
    cases = [
        (items.town, village, "2026Q1", AS_OF, "镇级事项"),
        (items.event, village, "2026Q1", AS_OF, "不是定期公开"),
        (items.finance, village, "2026Q1", AS_OF, "不是事项 1"),  # a monthly item has no quarter
        (items.affairs, village, "2025Q4", AS_OF, "不是事项 2"),  # the 2026 catalogue's item
        (items.affairs, village, "2026Q1", date(2026, 3, 26), "在今天"),
        (items.finance, village, "2026-03", date(2026, 2, 27), "应属于上一期"),  # February's posting
        (items.affairs, closed, "2026Q1", AS_OF, "已停用"),
    ]
    for item, where, period, day, message in cases:
        with pytest.raises(UserFacingError, match=message):
            service.record_posting(admin, item, where, period, day)
    not_a_photo = tmp_path / "说明.png"
    not_a_photo.write_text("不是照片", encoding="utf-8")
    with pytest.raises(UserFacingError, match="不是可识别的照片"):
        service.record_posting(admin, items.affairs, village, "2026Q1", AS_OF, not_a_photo)
    assert service.postings(items.affairs, "2026Q1") == []


# ---- the quarterly summary -------------------------------------------------------------------------


def test_the_quarter_has_one_column_per_quarterly_item_and_three_per_monthly_item(
    service: VillageService, admin: Actor, items: VillageItems
) -> None:
    _villages(service, admin, "东湖村")
    table = service.quarter_summary(2026, 1)
    assert table.title == "2026年第1季度村（居）务公开情况汇总表"
    assert [(c.seq, c.period_key, c.due) for c in table.columns] == [
        ("1", "2026-01", date(2026, 2, 2)),  # 1月31日 is a Saturday: the next working day (民法典 art. 203)
        ("1", "2026-02", date(2026, 2, 28)),  # a Saturday, but a 调休 working day in 2026
        ("1", "2026-03", date(2026, 3, 31)),
        ("2", "2026Q1", date(2026, 1, 20)),
    ]  # the 镇级 item and the event item are not village columns
    second = service.quarter_summary(2026, 2)
    assert [c.period_key for c in second.columns] == ["2026-04", "2026-05", "2026-06", "2026Q2"]


def test_cells_say_on_time_late_by_working_days_missing_or_not_yet_due(
    service: VillageService, admin: Actor, items: VillageItems
) -> None:
    on_time, late, silent = _villages(service, admin, "东湖村", "西山村", "城南社区")
    service.record_posting(admin, items.affairs, on_time, "2026Q1", date(2026, 1, 18))
    service.record_posting(admin, items.finance, on_time, "2026-01", date(2026, 2, 1))
    service.record_posting(admin, items.affairs, late, "2026Q1", date(2026, 1, 22))
    table = service.quarter_summary(2026, 1, AS_OF)
    cells = {row.village: [cell.text for cell in row.cells] for row in table.rows}
    assert cells == {
        "东湖村": ["2月1日 ✓", "未公示", "—", "1月18日 ✓"],
        "西山村": ["未公示", "未公示", "—", "1月22日 逾期 2 个工作日"],  # 1月21日, 22日
        "城南社区": ["未公示", "未公示", "—", "未公示"],
    }
    late_row = table.rows[1]
    assert late_row.cells[3].status is Status.LATE and late_row.cells[3].days_late == 2
    assert late_row.cells[2].status is Status.PENDING
    counts = {row.village: (row.due_count, row.on_time, row.late, row.missing) for row in table.rows}
    assert counts == {"东湖村": (3, 2, 0, 1), "西山村": (3, 0, 1, 2), "城南社区": (3, 0, 0, 3)}


def test_a_deactivated_village_leaves_the_summary(
    service: VillageService, admin: Actor, items: VillageItems
) -> None:
    keep, gone = _villages(service, admin, "东湖村", "西山村")
    service.set_active(admin, gone, False, "并入东湖村")
    assert [row.village for row in service.quarter_summary(2026, 1).rows] == ["东湖村"]


def test_the_summary_exports_to_xlsx_with_its_title(
    service: VillageService, admin: Actor, items: VillageItems, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    village, _ = _villages(service, admin, "东湖村", "西山村")
    service.record_posting(admin, items.affairs, village, "2026Q1", date(2026, 1, 18))
    target = tmp_path / "汇总表.xlsx"
    service.export_quarter(admin, 2026, 1, target)
    sheet = load_workbook(target).active
    assert sheet["A1"].value == "2026年第1季度村（居）务公开情况汇总表"
    assert sheet["A3"].value == "村（社区）"
    assert sheet["F3"].value.startswith("2 村民会议决定事项及实施情况\n2026年第1季度")
    assert [sheet.cell(4, column).value for column in range(1, 11)] == [
        "东湖村",
        "村",
        "未公示",
        "未公示",
        "—",
        "1月18日 ✓",
        3,
        1,
        0,
        2,
    ]
    assert sheet["C5"].fill.start_color.rgb.endswith("FFE8B3")  # missing: amber
    assert not list(tmp_path.glob(".writing-*"))


def test_the_summary_agrees_with_the_compliance_check(
    ctx: AppContext, service: VillageService, admin: Actor, items: VillageItems
) -> None:
    from app.services.catalogue.compliance import ComplianceService

    on_time, late, _silent = _villages(service, admin, "东湖村", "西山村", "城南社区")
    service.record_posting(admin, items.affairs, on_time, "2026Q1", date(2026, 1, 18))
    service.record_posting(admin, items.affairs, late, "2026Q1", date(2026, 1, 22))
    service.record_posting(admin, items.finance, late, "2026-02", date(2026, 3, 4))
    table = service.quarter_summary(2026, 1, AS_OF)
    mine = {
        (column.item_id, column.period_key, row.village): (cell.status, cell.days_late)
        for row in table.rows
        for column, cell in zip(table.columns, row.cells, strict=True)
    }
    checked = ComplianceService(ctx.sessions, ctx.calendar).check(AS_OF, 2026, 1)
    theirs = {(r.item_id, r.period_key, r.village): (r.status, r.days_late) for r in checked if r.village}
    shown = {key: theirs[key] for key in mine if key in theirs}
    assert shown == {key: mine[key] for key in shown}
    assert len(shown) >= 9  # January, February and Q1 for three villages at least
