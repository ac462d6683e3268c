"""决策事项目录: lifecycle, dynamic adjustment history, validation, permissions, audit, exports, alerts."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import select

from app.errors import UserFacingError
from app.models import AuditEntry
from app.services.alerts import Urgency
from app.services.context import AppContext
from app.services.decisions.export import XLSX_HEADERS, directory_title
from app.services.decisions.types import AdjustmentKind, DirectoryStatus, ItemStatus, Procedures
from app.services.formats.xlsx import read_rows
from app.services.permissions import Actor, Role
from tests.services.decision_support import GateRecorder, draft, install_gate

NOBODY = Actor(99, "guest", "访客", frozenset())


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> GateRecorder:
    return install_gate(monkeypatch)


def _audit(ctx: AppContext, entity: str) -> list[AuditEntry]:
    with ctx.sessions() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.entity == entity)))


def _three(ctx: AppContext, admin: Actor) -> list[int]:
    ctx.decisions.create_directory(admin, 2025)
    names = ["赵巷镇老旧小区综合改造实施方案", "镇级集体资产管理办法修订", "农村生活污水治理三年行动计划"]
    return [ctx.decisions.add_item(admin, 2025, draft(name)).id for name in names]


def test_directory_lifecycle_draft_then_published(
    office_ctx: AppContext, admin: Actor, gate: GateRecorder
) -> None:
    ctx = office_ctx
    ids = _three(ctx, admin)
    info = ctx.decisions.directory(2025)
    assert info is not None and info.status is DirectoryStatus.DRAFT and info.due == date(2025, 3, 31)
    assert [item.seq for item in info.items] == [1, 2, 3]
    ctx.decisions.update_item(admin, ids[1], draft("镇级集体资产管理办法（修订）", date(2025, 6, 30)))
    ctx.decisions.delete_item(admin, ids[0])  # later numbers move up
    info = ctx.decisions.directory(2025)
    assert info is not None
    assert [(item.seq, item.name) for item in info.items] == [
        (1, "镇级集体资产管理办法（修订）"),
        (2, "农村生活污水治理三年行动计划"),
    ]
    published = ctx.decisions.publish_directory(admin, 2025, date(2025, 3, 20), " 赵府办〔2025〕27号 ")
    assert published.status is DirectoryStatus.PUBLISHED and published.published_on == date(2025, 3, 20)
    assert published.doc_number == "赵府办〔2025〕27号"
    assert gate.calls and gate.calls[0][:2] == ("decision_directory", published.id)
    with pytest.raises(UserFacingError, match="已公布，不能直接修改"):
        ctx.decisions.update_item(admin, ids[1], draft("改名"))
    with pytest.raises(UserFacingError, match="请使用「增补」"):
        ctx.decisions.add_item(admin, 2025, draft("新事项"))
    with pytest.raises(UserFacingError, match="不能删除"):
        ctx.decisions.delete_item(admin, ids[1])
    with pytest.raises(UserFacingError, match="无需重复公布"):
        ctx.decisions.publish_directory(admin, 2025, date(2025, 3, 21))


def test_empty_or_missing_directory_cannot_be_published(
    office_ctx: AppContext, admin: Actor, gate: GateRecorder
) -> None:
    with pytest.raises(UserFacingError, match="还没有2025年"):
        office_ctx.decisions.publish_directory(admin, 2025, date(2025, 3, 20))
    office_ctx.decisions.create_directory(admin, 2025)
    with pytest.raises(UserFacingError, match="还没有事项"):
        office_ctx.decisions.publish_directory(admin, 2025, date(2025, 3, 20))
    with pytest.raises(UserFacingError, match="已经存在"):
        office_ctx.decisions.create_directory(admin, 2025)


def test_gate_refusal_leaves_the_directory_unpublished(
    office_ctx: AppContext, admin: Actor, gate: GateRecorder
) -> None:
    _three(office_ctx, admin)
    gate.refuse = "这件决策事项目录还没有保密审查单。"
    with pytest.raises(UserFacingError, match="保密审查单"):
        office_ctx.decisions.publish_directory(admin, 2025, date(2025, 3, 20))
    info = office_ctx.decisions.directory(2025)
    assert info is not None and info.status is DirectoryStatus.DRAFT and info.published_on is None


def test_real_gate_refuses_without_a_review_sheet(office_ctx: AppContext, admin: Actor) -> None:
    _three(office_ctx, admin)
    with pytest.raises(UserFacingError, match="保密审查"):
        office_ctx.decisions.publish_directory(admin, 2025, date(2025, 3, 20))
    info = office_ctx.decisions.directory(2025)
    assert info is not None and info.status is DirectoryStatus.DRAFT


def test_adjustments_are_kept_as_history(office_ctx: AppContext, admin: Actor, gate: GateRecorder) -> None:
    ctx = office_ctx
    ids = _three(ctx, admin)
    ctx.decisions.publish_directory(admin, 2025, date(2025, 3, 20))
    with pytest.raises(UserFacingError, match="早于目录公布日期"):
        ctx.decisions.withdraw_item(admin, ids[2], date(2025, 3, 1), "上级统筹")
    with pytest.raises(UserFacingError, match="请填写撤销理由"):
        ctx.decisions.withdraw_item(admin, ids[2], date(2025, 5, 1), "  ")
    added = ctx.decisions.add_by_adjustment(
        admin,
        2025,
        draft("农贸市场布局调整方案", procedures=Procedures(hearing=True)),
        date(2025, 7, 15),
        "新增",
    )
    assert added.seq == 4
    changed = draft("镇级集体资产管理办法修订", date(2025, 11, 30))
    ctx.decisions.adjust_item(admin, ids[1], changed, date(2025, 6, 20), "待区级办法出台后衔接")
    with pytest.raises(UserFacingError, match="没有改动"):
        ctx.decisions.adjust_item(admin, ids[1], changed, date(2025, 6, 21), "再调整")
    ctx.decisions.withdraw_item(admin, ids[2], date(2025, 8, 1), "纳入区级统一实施")
    with pytest.raises(UserFacingError, match="已撤销"):
        ctx.decisions.withdraw_item(admin, ids[2], date(2025, 8, 2), "再撤销")
    history = ctx.decisions.adjustments(2025)
    assert [(a.kind, a.adjusted_on, a.seq) for a in history] == [
        (AdjustmentKind.CHANGE, date(2025, 6, 20), 2),
        (AdjustmentKind.ADD, date(2025, 7, 15), 4),
        (AdjustmentKind.WITHDRAW, date(2025, 8, 1), 3),
    ]
    assert history[0].summary == "计划完成时间：2025-09-30→2025-11-30"
    assert history[0].reason == "待区级办法出台后衔接" and history[0].recorded_by == "王管理"
    info = ctx.decisions.directory(2025)
    assert info is not None
    assert [item.status for item in info.items][2] is ItemStatus.WITHDRAWN
    assert [item.seq for item in info.active_items] == [1, 2, 4]
    assert [item.name for item in ctx.decisions.hearing_items(2025)] == ["农贸市场布局调整方案"]


@pytest.mark.parametrize(
    ("name", "planned", "message"),
    [
        ("  ", date(2025, 6, 30), "请填写决策事项名称"),
        ("长" * 201, date(2025, 6, 30), "太长（201 个字）"),
        ("事项", date(2024, 12, 31), "应在 2025年1月1日至2027年12月31日之间"),
        ("事项", date(2028, 1, 1), "应在"),
    ],
)
def test_bad_item_input_is_refused(
    office_ctx: AppContext, admin: Actor, name: str, planned: date, message: str
) -> None:
    office_ctx.decisions.create_directory(admin, 2025)
    with pytest.raises(UserFacingError, match=message):
        office_ctx.decisions.add_item(admin, 2025, draft(name, planned))
    info = office_ctx.decisions.directory(2025)
    assert info is not None and info.items == ()


def test_duplicate_names_and_years_are_refused(office_ctx: AppContext, admin: Actor) -> None:
    office_ctx.decisions.create_directory(admin, 2025)
    office_ctx.decisions.add_item(admin, 2025, draft("老旧小区改造"))
    with pytest.raises(UserFacingError, match="第1项已经是"):
        office_ctx.decisions.add_item(admin, 2025, draft(" 老旧小区改造 "))
    with pytest.raises(UserFacingError, match="不在 2019～2100"):
        office_ctx.decisions.create_directory(admin, 1999)


def test_changes_need_permission_and_are_audited(office_ctx: AppContext, admin: Actor) -> None:
    ctx = office_ctx
    with pytest.raises(UserFacingError, match="没有这个权限"):
        ctx.decisions.create_directory(NOBODY, 2025)
    ids = _three(ctx, admin)
    with pytest.raises(UserFacingError, match="没有这个权限"):
        ctx.decisions.update_item(NOBODY, ids[0], draft("改"))
    ctx.decisions.update_item(admin, ids[0], draft("赵巷镇老旧小区综合改造实施方案", date(2025, 10, 31)))
    entries = _audit(ctx, "决策事项")
    assert [entry.action for entry in entries] == ["新建", "新建", "新建", "修改"]
    changes = json.loads(entries[-1].details_json)["changes"]
    assert changes == {"计划完成时间": ["2025-09-30", "2025-10-31"]}
    assert [entry.action for entry in _audit(ctx, "决策目录")] == ["新建"]


def test_docx_export_reads_back_as_the_publication_table(
    office_ctx: AppContext, admin: Actor, gate: GateRecorder, tmp_path: Path
) -> None:
    ctx = office_ctx
    ids = _three(ctx, admin)
    ctx.decisions.publish_directory(admin, 2025, date(2025, 3, 20))
    ctx.decisions.withdraw_item(admin, ids[2], date(2025, 8, 1), "纳入区级统一实施")
    target = ctx.decisions.export_docx(admin, 2025, tmp_path / "目录" / "决策目录.docx")
    document = Document(str(target))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[0] == "测试镇2025年重大行政决策事项目录" == directory_title("测试镇人民政府", 2025)
    table = document.tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["序号", "决策事项名称", "决策主体", "承办单位", "履行程序", "计划完成时间", "是否听证"]
    assert rows[1] == [
        "1",
        "赵巷镇老旧小区综合改造实施方案",
        "赵巷镇人民政府",
        "镇建设和管理办公室",
        "公众参与、合法性审查、集体讨论决定",
        "2025年9月30日",
        "否",
    ]
    assert len(rows) == 3  # the withdrawn item left the table …
    assert any("2025年8月1日，撤销第3项“农村生活污水治理三年行动计划”" in text for text in texts)  # … history
    assert texts[-2:] == ["测试镇人民政府", "2025年8月1日"]  # the date of this version (the 撤销)
    assert [entry.action for entry in _audit(ctx, "决策目录")][-1] == "导出"


def test_xlsx_export_reads_back(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    ctx = office_ctx
    _three(ctx, admin)
    count = ctx.decisions.export_xlsx(admin, 2025, tmp_path / "目录.xlsx")
    rows = read_rows(tmp_path / "目录.xlsx", XLSX_HEADERS, XLSX_HEADERS)
    assert count == 3 and len(rows) == 3
    assert rows[0].values["决策事项名称"] == "赵巷镇老旧小区综合改造实施方案"
    assert rows[0].values["公众参与"] == "是" and rows[0].values["听证"] == "否"
    assert rows[2].values["计划完成时间"] == "2025-09-30" and rows[2].values["状态"] == "有效"
    with pytest.raises(UserFacingError, match=".xlsx"):
        ctx.decisions.export_xlsx(admin, 2025, tmp_path / "目录.csv")


@pytest.mark.parametrize(
    ("today", "urgency"),
    [
        (date(2025, 1, 5), Urgency.REMINDER),
        (date(2025, 3, 10), Urgency.DUE_SOON),
        (date(2025, 4, 1), Urgency.OVERDUE),
    ],
)
def test_directory_publication_due_alert(office_ctx: AppContext, today: date, urgency: Urgency) -> None:
    alerts = office_ctx.decisions.alerts(today)
    assert [(a.urgency, a.due, a.page) for a in alerts] == [(urgency, date(2025, 3, 31), "decisions")]


def test_due_date_follows_the_setting_and_publication_clears_the_alert(
    office_ctx: AppContext, admin: Actor, gate: GateRecorder
) -> None:
    office_ctx.settings.set(admin, "decision.directory_due", "04-30")
    assert office_ctx.decisions.alerts(date(2025, 4, 10))[0].due == date(2025, 4, 30)
    _three(office_ctx, admin)
    office_ctx.decisions.publish_directory(admin, 2025, date(2025, 3, 20))
    assert office_ctx.decisions.alerts(date(2025, 4, 10)) == []


def test_past_publication_is_for_administrators_and_past_dates(office_ctx: AppContext, admin: Actor) -> None:
    ctx = office_ctx
    _three(ctx, admin)
    clerk = Actor(5, "clerk", "张经办", frozenset({Role.CLERK}))
    note = "纸质保密审查单存镇党政办"
    with pytest.raises(UserFacingError, match="没有这个权限"):
        ctx.decisions.register_past_publication(clerk, 2025, date(2025, 3, 20), "赵府办〔2025〕27号", note)
    with pytest.raises(UserFacingError, match="早于今天"):
        ctx.decisions.register_past_publication(
            admin, 2025, date(2025, 3, 20), "赵府办〔2025〕27号", note, today=date(2025, 3, 20)
        )
    with pytest.raises(UserFacingError, match="存放位置"):
        ctx.decisions.register_past_publication(admin, 2025, date(2025, 3, 20), "赵府办〔2025〕27号", " ")
    info = ctx.decisions.register_past_publication(admin, 2025, date(2025, 3, 20), "赵府办〔2025〕27号", note)
    assert info.status is DirectoryStatus.PUBLISHED
    entry = _audit(ctx, "决策目录")[-1]
    assert entry.action == "导入" and "导入前已公布" in entry.details_json
