"""The catalogue kept per year: edit (audited), correct a rule, void/restore, add, copy to next year."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.errors import UserFacingError
from app.models.audit import AuditEntry
from app.models.catalogue import CatalogueLink
from app.services.catalogue import imports
from app.services.catalogue.items import ItemFields
from app.services.catalogue.service import CatalogueService
from app.services.catalogue.types import Period, Rule, RuleKind
from app.services.context import AppContext
from app.services.permissions import Actor
from tests.services.catalogue.sample import write_sample

YEAR = 2026


@pytest.fixture
def service(ctx: AppContext, admin: Actor, tmp_path: Path) -> CatalogueService:
    catalogue = CatalogueService(ctx.sessions)
    catalogue.imports.commit(admin, catalogue.imports.preview(write_sample(tmp_path / "目录.xlsx"), YEAR))
    return catalogue


def _last_audit(ctx: AppContext) -> AuditEntry:
    with ctx.sessions() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert entry is not None
        return entry


def test_years_and_text_filter(service: CatalogueService) -> None:
    assert service.years() == [YEAR]
    assert [row.seq for row in service.items(YEAR, "社会救助")] == ["13", "14", "15", "16"]
    assert [row.seq for row in service.items(YEAR, "村级 季度")] == ["25"]
    assert service.items(YEAR + 1) == []


def test_update_item_is_validated_and_audited(
    service: CatalogueService, ctx: AppContext, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = service.item_by_seq(YEAR, "5")
    monkeypatch.setattr(
        imports, "parse_rule", lambda text: Rule(RuleKind.CALENDAR_DAYS, days=9, anchor="形成")
    )
    edited = replace(
        row.value, level2="批准服务信息（新）", time_limit="形成后9日内", channels=("网站", "公示栏")
    )
    saved = service.update_item(admin, row.id, edited)
    assert saved.value.channels == ("政府网站", "公示栏")
    assert saved.rule.kind is RuleKind.CALENDAR_DAYS and saved.rule_text == "形成后 9 日内"
    entry = _last_audit(ctx)
    assert (
        entry.action == "修改"
        and "批准服务信息（新）" in entry.details_json
        and "level2" in entry.details_json
    )
    with pytest.raises(UserFacingError, match="已有序号「6」"):
        service.update_item(admin, row.id, replace(edited, seq="6"))
    with pytest.raises(UserFacingError, match="缺少一级事项"):
        service.update_item(admin, row.id, replace(edited, level1=" "))
    with pytest.raises(UserFacingError, match="公开层级「县级」无法识别"):
        service.update_item(admin, row.id, replace(edited, tier="县级"))


def test_corrected_rule_is_kept_when_the_text_changes(
    service: CatalogueService, admin: Actor, ctx: AppContext
) -> None:
    row = service.item_by_seq(YEAR, "19")  # 「按有关规定」: the clerk decides
    rule = Rule(RuleKind.PERIODIC, period=Period.QUARTER, month=1, day=15)
    corrected = service.set_rule(admin, row.id, rule)
    assert corrected.rule_corrected and corrected.rule_text == "每季度首月 15 日前"
    assert "公开时限规则" in _last_audit(ctx).details_json
    again = service.update_item(admin, row.id, replace(row.value, time_limit="按上级规定"))
    assert again.rule == rule
    reset = service.reset_rule(admin, row.id)
    assert not reset.rule_corrected
    with pytest.raises(UserFacingError, match="第几个月.*1～3"):
        service.set_rule(admin, row.id, replace(rule, month=4))
    with pytest.raises(UserFacingError, match="天数"):
        service.set_rule(admin, row.id, Rule(RuleKind.WORKING_DAYS, days=0))


def test_void_and_restore(service: CatalogueService, admin: Actor) -> None:
    row = service.item_by_seq(YEAR, "18")
    with pytest.raises(UserFacingError, match="请填写作废原因"):
        service.void_item(admin, row.id, " ")
    voided = service.void_item(admin, row.id, "学校信息改由教育局公开")
    assert voided.voided and voided.void_reason == "学校信息改由教育局公开"
    assert "18" not in [r.seq for r in service.items(YEAR, include_voided=False)]
    with pytest.raises(UserFacingError, match="已经作废"):
        service.void_item(admin, row.id, "再次")
    assert not service.restore_item(admin, row.id, "恢复公开").voided


def test_add_item(service: CatalogueService, admin: Actor) -> None:
    value = ItemFields(seq="31", level1="就业创业", level2="公益性岗位", time_limit="", tier="乡镇级")
    with pytest.raises(UserFacingError, match="公开层级"):
        service.add_item(admin, YEAR, value)
    added = service.add_item(admin, YEAR, replace(value, tier="镇级"))
    assert added.rule.kind is RuleKind.MANUAL and service.items(YEAR)[-1].id == added.id
    with pytest.raises(UserFacingError, match="已有序号「31」"):
        service.add_item(admin, YEAR, replace(value, tier="镇级"))


def test_copy_year_copies_items_and_rules_not_links(
    service: CatalogueService, ctx: AppContext, admin: Actor
) -> None:
    first = service.item_by_seq(YEAR, "1")
    with ctx.sessions.begin() as session:
        session.add(
            CatalogueLink(item_id=first.id, source_kind="公文", source_id=1, formed_on=date(2026, 2, 1))
        )
    service.set_rule(admin, service.item_by_seq(YEAR, "19").id, Rule(RuleKind.NONE))
    service.void_item(admin, service.item_by_seq(YEAR, "30").id, "不再公开")
    assert service.copy_year(admin, YEAR, YEAR + 1) == 29
    copied = service.items(YEAR + 1)
    assert [row.seq for row in copied] == [str(n) for n in range(1, 30)]
    assert all(row.links == 0 for row in copied)
    nineteen = service.item_by_seq(YEAR + 1, "19")
    assert nineteen.rule.kind is RuleKind.NONE and nineteen.rule_corrected
    with ctx.sessions() as session:
        assert session.scalar(select(func.count()).select_from(CatalogueLink)) == 1
    with pytest.raises(UserFacingError, match="2027年已有 29 项"):
        service.copy_year(admin, YEAR, YEAR + 1)
    with pytest.raises(UserFacingError, match="2020年目录没有有效事项"):
        service.copy_year(admin, 2020, 2030)


def test_missing_item_and_seq(service: CatalogueService) -> None:
    with pytest.raises(UserFacingError, match="已不存在"):
        service.item(99_999)
    with pytest.raises(UserFacingError, match="2026年目录中没有序号为「99」"):
        service.item_by_seq(YEAR, "99")
