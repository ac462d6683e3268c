"""Importing a year's catalogue: every field of the sample, problems per row, merge by 序号 keeping links."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import UserFacingError
from app.models.audit import AuditEntry
from app.models.catalogue import CatalogueItem, CatalogueLink
from app.services.catalogue.service import CatalogueService
from app.services.catalogue.types import Rule, RuleKind
from app.services.context import AppContext
from app.services.permissions import Actor
from tests.services.catalogue.sample import ITEMS, ONE_HEADER, write_one_header, write_rows, write_sample

YEAR = 2026


def _import(ctx: AppContext, admin: Actor, path: Path, year: int = YEAR) -> CatalogueService:
    service = CatalogueService(ctx.sessions)
    service.imports.commit(admin, service.imports.preview(path, year))
    return service


def test_sample_imports_with_every_field(ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    service = CatalogueService(ctx.sessions)
    preview = service.imports.preview(write_sample(tmp_path / "目录.xlsx"), YEAR)
    assert preview.blocking == [] and preview.notes == []
    result = service.imports.commit(admin, preview)
    assert (result.added, result.changed, result.removed) == (30, 0, 0)
    rows = service.items(YEAR)
    assert len(rows) == 30
    for row, expected in zip(rows, ITEMS, strict=True):
        value = row.value
        assert (value.seq, value.level1, value.level2) == (expected.seq, expected.level1, expected.level2)
        assert (value.content, value.basis, value.subject) == (
            expected.content,
            expected.basis,
            expected.subject,
        )
        assert value.time_limit == expected.time_limit
        assert value.channels == expected.canonical_channels
        assert (value.audience, value.mode, value.tier) == (
            expected.audience_text,
            expected.mode_text,
            expected.tier,
        )
        assert row.rule_text and not row.rule_corrected and not row.voided
    assert [row.value.tier for row in rows].count("村级") == 4
    with ctx.sessions() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert entry is not None and entry.action == "导入" and entry.entity == "标准目录"
        assert "目录.xlsx" in entry.details_json and '"新增": 30' in entry.details_json


def test_one_header_variant(ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    service = _import(ctx, admin, write_one_header(tmp_path / "目录.xlsx"))
    rows = service.items(YEAR)
    assert [row.value.channels for row in rows][0] == ("政府网站", "政务新媒体", "公示栏")
    assert [row.value.tier for row in rows] == ["镇级", "镇级", "村级", "村级", "镇级", "村级"]


def _malformed(tmp_path: Path) -> Path:
    def row(
        seq: object, level1: str, level2: str = "事项", limit: str = "每月10日前", tier: str = "镇级"
    ) -> list[object]:
        return [seq, level1, level2, "", "", limit, "", "政府网站", "全社会", "主动", tier]

    rows = [
        row(1, "财政"),
        row(2, "", "缺一级"),
        row(1, "财政", "序号重复"),
        row(3, "财政", "", ""),
        row(4, "财政", "层级不明", tier="县级"),
        row(None, "财政", "缺序号"),
        row(5, "财政", "x" * 10_000),
    ]
    return write_rows(tmp_path / "有问题.xlsx", ONE_HEADER, rows)


def test_malformed_rows_are_listed_and_nothing_is_imported(
    ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    service = CatalogueService(ctx.sessions)
    preview = service.imports.preview(_malformed(tmp_path), YEAR)
    blocking = "\n".join(preview.blocking)
    assert "第3行：缺少一级事项" in blocking
    assert "第4行：序号「1」重复" in blocking
    assert "第6行：公开层级「县级」无法识别" in blocking
    assert "第7行：缺少序号" in blocking
    assert "第8行：二级事项太长（10000 字，最多 200 字）" in blocking
    assert "第2行" not in blocking
    notes = "\n".join(preview.notes)
    assert "第5行：缺少二级事项" in notes and "第5行：未填公开时限，期限需人工确定" in notes
    manual = next(row for row in preview.rows if row.value.seq == "3")
    assert manual.rule.kind is RuleKind.MANUAL and manual.rule.note == "目录未填公开时限"
    with pytest.raises(UserFacingError, match="5 处问题.*目录未导入"):
        service.imports.commit(admin, preview)
    assert service.items(YEAR) == []


def _link(ctx: AppContext, item_id: int) -> None:
    with ctx.sessions.begin() as session:
        session.add(
            CatalogueLink(item_id=item_id, source_kind="公文", source_id=7, formed_on=date(2026, 3, 2))
        )


def test_reimport_merges_by_seq_and_keeps_links(ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    service = _import(ctx, admin, write_sample(tmp_path / "目录.xlsx"))
    by_seq = {row.seq: row for row in service.items(YEAR)}
    _link(ctx, by_seq["5"].id)  # kept, changed below
    _link(ctx, by_seq["30"].id)  # dropped from the new file: voided, not deleted
    corrected = service.set_rule(admin, by_seq["11"].id, Rule(RuleKind.WORKING_DAYS, days=5, anchor="作出"))
    changed = replace(ITEMS[4], level2="批准服务信息（调整）")
    new_items = (*ITEMS[:4], changed, *ITEMS[5:28], replace(ITEMS[0], seq="31", level2="新增事项"))
    preview = service.imports.preview(write_sample(tmp_path / "目录2.xlsx", new_items), YEAR)
    assert (preview.existing, preview.linked) == (30, 2)
    result = service.imports.commit(admin, preview)
    assert (result.added, result.changed, result.unchanged, result.removed, result.voided) == (1, 1, 27, 1, 1)
    assert "作废保留" in result.summary()
    after = {row.seq: row for row in service.items(YEAR)}
    assert after["5"].id == by_seq["5"].id and after["5"].links == 1
    assert after["5"].value.level2 == "批准服务信息（调整）"
    assert after["30"].voided and "已关联 1 条公开信息" in after["30"].void_reason and after["30"].links == 1
    assert "29" not in after  # nothing linked: removed
    assert after["11"].rule == corrected.rule and after["11"].rule_corrected  # the clerk's rule survives
    assert after["31"].value.level2 == "新增事项"
    with ctx.sessions() as session:
        assert session.scalar(select(CatalogueLink.item_id).where(CatalogueLink.item_id == by_seq["30"].id))


def test_reimport_brings_a_voided_item_back(ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    path = write_sample(tmp_path / "目录.xlsx")
    service = _import(ctx, admin, path)
    first = service.items(YEAR)[0]
    service.void_item(admin, first.id, "本年度不再公开")
    result = service.imports.commit(admin, service.imports.preview(path, YEAR))
    assert (result.changed, result.unchanged) == (1, 29)
    assert not service.item(first.id).voided


def test_bad_year_and_empty_sheet(ctx: AppContext, tmp_path: Path) -> None:
    service = CatalogueService(ctx.sessions)
    with pytest.raises(UserFacingError, match="年份「1999」不正确"):
        service.imports.preview(write_sample(tmp_path / "目录.xlsx"), 1999)
    empty = write_rows(tmp_path / "空.xlsx", ONE_HEADER, [])
    with pytest.raises(UserFacingError, match="没有事项"):
        service.imports.preview(empty, YEAR)
    with ctx.sessions() as session:
        assert session.scalars(select(CatalogueItem)).first() is None


def test_an_absurd_time_limit_is_refused_without_parsing(ctx: AppContext, tmp_path: Path) -> None:
    huge = "信息形成之日起20个工作日内" * 800  # 11,200 characters
    row: list[object] = [1, "财政", "预算", "", "", huge, "", "政府网站", "", "", "镇级"]
    preview = CatalogueService(ctx.sessions).imports.preview(
        write_rows(tmp_path / "长.xlsx", ONE_HEADER, [row]), YEAR
    )
    assert preview.blocking == ["第2行：公开时限太长（11200 字，最多 500 字），请精简后再导入"]
    assert preview.rows[0].rule.kind is RuleKind.MANUAL
