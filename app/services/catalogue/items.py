"""One catalogue item's own fields, checked the same way whether they come from Excel or the editor."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from app.models.catalogue import TIERS, CatalogueItem
from app.services.catalogue import channels as ch

TOWN, VILLAGE = TIERS
# The column widths of app/models/catalogue.py; the Text columns get a ceiling a real catalogue never nears.
LIMITS = {
    "seq": ("序号", 20),
    "level1": ("一级事项", 100),
    "level2": ("二级事项", 200),
    "content": ("公开内容", 2000),
    "basis": ("公开依据", 2000),
    "time_limit": ("公开时限", 500),
    "subject": ("公开主体", 200),
    "audience": ("公开对象", 50),
    "mode": ("公开方式", 20),
}
CHANNELS_MAX = 300
NO_LEVEL1 = "缺少一级事项"
TIER_WORDS = {
    TOWN: ("镇级", "镇", "乡镇", "乡镇级", "乡级", "街道", "街道级", "镇（街道）级", "乡镇（街道）"),
    VILLAGE: ("村级", "村", "村（居）", "村（社区）", "社区", "村居", "村（居）级", "村（社区）级", "居"),
}
MODE_WORDS = {"主动": "主动", "主动公开": "主动", "依申请": "依申请公开", "依申请公开": "依申请公开"}


@dataclass(frozen=True)
class ItemFields:
    """What the clerk can set on an item (the rule is set apart: `CatalogueService.set_rule`)."""

    seq: str
    level1: str
    level2: str = ""
    content: str = ""
    basis: str = ""
    time_limit: str = ""
    subject: str = ""
    channels: tuple[str, ...] = ()
    audience: str = ""
    mode: str = ""
    tier: str = TOWN

    def as_dict(self) -> dict[str, Any]:
        """For the audit diff: channels as the clerk reads them."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["channels"] = ch.join(self.channels)
        return data


def tier_of(text: str) -> str | None:
    """「乡镇级」 → 镇级, 「村（社区）」 → 村级; None for a wording that is neither."""
    word = "".join(text.split()).replace("(", "（").replace(")", "）")
    for tier, words in TIER_WORDS.items():
        if word in words:
            return tier
    return None


def mode_of(text: str) -> str:
    """「主动公开」 → 主动; both wordings joined with 、; anything else kept as written."""
    parts = [MODE_WORDS.get(part, part) for part in ch.SEPARATORS.split(text) if part]
    return "、".join(dict.fromkeys(parts))


def clean(value: ItemFields) -> ItemFields:
    """Trimmed text, canonical channel names."""
    stripped = {
        name: getattr(value, name).strip() for name in LIMITS if isinstance(getattr(value, name), str)
    }
    channels = tuple(dict.fromkeys(ch.normalise(name) for name in value.channels if name.strip()))
    return replace(value, **stripped, channels=channels)


def problems(value: ItemFields) -> list[str]:
    """What stops the item being saved, in the clerk's words (empty when it can be)."""
    found: list[str] = []
    if not value.seq:
        found.append("缺少序号")
    if not value.level1:
        found.append(NO_LEVEL1)
    for name, (label, limit) in LIMITS.items():
        text = getattr(value, name)
        if len(text) > limit:
            found.append(f"{label}太长（{len(text)} 字，最多 {limit} 字），请精简后再导入")
    if len(ch.join(value.channels)) > CHANNELS_MAX:
        found.append(f"公开渠道太长（最多 {CHANNELS_MAX} 字）")
    if value.tier not in TIERS:
        found.append(f"公开层级「{value.tier}」无法识别，请填写「镇级」或「村级」")
    return found


def fields_of(row: CatalogueItem) -> ItemFields:
    return ItemFields(
        seq=row.seq,
        level1=row.level1,
        level2=row.level2,
        content=row.content,
        basis=row.basis,
        time_limit=row.time_limit,
        subject=row.subject,
        channels=ch.parse_stored(row.channels),
        audience=row.audience,
        mode=row.mode,
        tier=row.tier,
    )


def apply(row: CatalogueItem, value: ItemFields) -> None:
    for name in LIMITS:
        setattr(row, name, getattr(value, name))
    row.channels = ch.join(value.channels)
    row.tier = value.tier
