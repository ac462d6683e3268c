"""Catalogue items for the 村（居）务公开 tests, written with the models (not through the importer)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.models.catalogue import CatalogueItem
from app.services.catalogue.rules import rule_to_json
from app.services.catalogue.types import Period, Rule, RuleKind
from app.services.context import AppContext

MONTHLY = Rule(RuleKind.PERIODIC, period=Period.MONTH, day=0)  # 财务收支「每月公布一次」
QUARTERLY = Rule(RuleKind.PERIODIC, period=Period.QUARTER, month=1, day=20)  # 「每季度首月20日前」
EVENT = Rule(RuleKind.WORKING_DAYS, days=20, anchor="形成（变更）")


@dataclass(frozen=True)
class VillageItems:
    finance: int  # 村级, 每月
    affairs: int  # 村级, 每季度首月20日前
    town: int  # 镇级, 每季度首月20日前
    event: int  # 村级, 形成后 20 个工作日内


def seed_village_items(ctx: AppContext, year: int = 2026) -> VillageItems:
    specs = [
        ("1", "财务公开", "村级财务收支情况", MONTHLY, "村级", "每月公布一次"),
        ("2", "村务公开", "村民会议决定事项及实施情况", QUARTERLY, "村级", "每季度首月20日前"),
        ("3", "财政信息", "镇级财政预决算", QUARTERLY, "镇级", "每季度首月20日前"),
        ("4", "惠农补贴", "补贴资金发放情况", EVENT, "村级", "信息形成（变更）之日起20个工作日内"),
    ]
    ids = []
    with ctx.sessions.begin() as session:
        for order, (seq, level1, level2, rule, tier, words) in enumerate(specs):
            row = CatalogueItem(
                year=year,
                seq=seq,
                sort_order=order,
                level1=level1,
                level2=level2,
                time_limit=words,
                rule=rule_to_json(rule),
                channels="村（居）公示栏",
                tier=tier,
            )
            session.add(row)
            session.flush()
            ids.append(row.id)
    return VillageItems(*ids)


def write_photo(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (64, 48), (180, 200, 220)).save(path)
    return path
