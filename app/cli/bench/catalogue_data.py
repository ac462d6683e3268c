"""`bench --catalogue-links N` data (issue 23): a 300-item catalogue of this year with mixed 公开时限 rules,
ten villages, and N links from its event items to the bench's documents and postings — each published
through an 上报数据包, a 公开栏 posting with a photo, or a recorded 政务新媒体 publication. Bulk inserts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select

from app.errors import UserFacingError
from app.models import Attachment
from app.models.catalogue import CatalogueItem, CatalogueLink, CataloguePublication, Village, VillagePosting
from app.models.document import Document
from app.models.export import ExportItem, ExportPackage
from app.models.posting import Posting, PostingPhoto
from app.services.catalogue.rules import rule_to_json
from app.services.catalogue.types import Period, Rule, RuleKind
from app.services.context import AppContext

ITEMS = 300
VILLAGES = 10
CHUNK = 5000
AREAS = (
    "重大建设项目", "财政预决算", "安全生产", "税收管理", "征地补偿", "国有土地上房屋征收", "农村危房改造",
    "扶贫", "社会救助", "养老服务", "户籍管理", "涉农补贴", "就业", "医疗卫生", "义务教育", "公共文化服务",
)  # fmt: skip
# (share of the 300 items, rule, 层级, channels): working days, calendar days, quarterly, monthly 村级, 长期 …
MIX: tuple[tuple[int, Rule, str, str], ...] = (
    (40, Rule(RuleKind.WORKING_DAYS, days=20, anchor="形成"), "镇级", "政府网站、政务新媒体"),
    (15, Rule(RuleKind.CALENDAR_DAYS, days=20, anchor="批准"), "镇级", "政府网站、公示栏"),
    (10, Rule(RuleKind.PERIODIC, period=Period.QUARTER, month=1, day=20), "镇级", "政府网站"),
    (5, Rule(RuleKind.PERIODIC, period=Period.MONTH, month=1, day=0), "村级", "公示栏"),
    (5, Rule(RuleKind.PERIODIC, period=Period.QUARTER, month=1, day=15), "村级", "公示栏"),
    (15, Rule(RuleKind.NONE), "镇级", "政府网站、公开查阅点"),
    (10, Rule(RuleKind.MANUAL, note="按有关规定"), "镇级", "政府网站"),
)
EVENT_KINDS = (RuleKind.WORKING_DAYS, RuleKind.CALENDAR_DAYS, RuleKind.NONE, RuleKind.MANUAL)


@dataclass(frozen=True)
class CatalogueBenchData:
    year: int
    items: int
    links: int
    publications: int  # recorded 政务新媒体 publications
    packaged_documents: int  # documents in an 上报数据包


def _items(year: int) -> list[dict[str, Any]]:
    rows = []
    shares = [share for share, *_rest in MIX]
    for number in range(ITEMS):
        slot = number * sum(shares) // ITEMS
        index = next(i for i, bound in enumerate(_running(shares)) if slot < bound)
        _share, rule, tier, channels = MIX[index]
        rows.append(
            {
                "year": year,
                "seq": str(number + 1),
                "sort_order": number + 1,
                "level1": AREAS[number % len(AREAS)],
                "level2": f"公开事项{number + 1}",
                "time_limit": "",
                "rule": rule_to_json(rule),
                "tier": tier,
                "channels": channels,
                "mode": "主动",
                "audience": "全社会",
            }
        )
    return rows


def _running(shares: list[int]) -> list[int]:
    total, bounds = 0, []
    for share in shares:
        total += share
        bounds.append(total)
    return bounds


def generate_catalogue(ctx: AppContext, links: int, seed: int = 23) -> CatalogueBenchData:
    """An office that mostly keeps its deadlines: each source formed on one day of this year, on the website
    within days (some weeks late, a few never), the other channels recorded for most links."""
    rng = random.Random(seed)
    today = ctx.clock.today()
    year, start = today.year, date(today.year, 1, 1)
    item_rows = _items(year)
    with ctx.sessions.begin() as session:
        documents = list(session.scalars(select(Document.id).order_by(Document.id)))
        postings = list(session.scalars(select(Posting.id).where(Posting.posted_at.is_not(None))))
        sources = [("公文", d) for d in documents] + [("公开栏", p) for p in postings]
        capacity = sum(1 for row in item_rows if _is_event(row["rule"])) * len(sources)
        if links > capacity:  # refused before anything is written
            raise UserFacingError(
                f"--catalogue-links 至多 {capacity}（事项数 × {len(sources)} 件公文和公告），请加大 --docs。"
            )
        session.execute(insert(CatalogueItem), item_rows)
        items = session.execute(
            select(CatalogueItem.id, CatalogueItem.rule, CatalogueItem.channels).where(
                CatalogueItem.year == year
            )
        ).all()
        events = [(item_id, rule, channels) for item_id, rule, channels in items if _is_event(rule)]
        days = max((today - start).days, 1)
        formed = {source: start + timedelta(days=rng.randrange(days)) for source in sources}
        link_rows = []
        for number in range(links):  # (item, source) pairs never repeat: the item cycles fastest
            item_id, rule, _channels = events[number % len(events)]
            source = sources[(number // len(events)) % len(sources)]
            override = (
                formed[source] + timedelta(days=30) if '"需人工确定"' in rule and rng.random() < 0.9 else None
            )
            link_rows.append(
                {
                    "item_id": item_id,
                    "source_kind": source[0],
                    "source_id": source[1],
                    "formed_on": formed[source],
                    "due_override": override,
                    "created_by": "bench",
                }
            )
        for first in range(0, len(link_rows), CHUNK):
            session.execute(insert(CatalogueLink), link_rows[first : first + CHUNK])
        packaged = _packages(session, [doc for kind, doc in sources if kind == "公文"], formed, today, rng)
        _photos(session, postings)
        recorded = _recorded(
            session, dict((item_id, channels) for item_id, _r, channels in events), today, rng
        )
        village_items = session.execute(
            select(CatalogueItem.id, CatalogueItem.rule).where(
                CatalogueItem.year == year, CatalogueItem.tier == "村级"
            )
        ).all()
        _villages(session, [(item_id, '"月"' in rule) for item_id, rule in village_items], year, today, rng)
    return CatalogueBenchData(year, len(items), links, recorded, packaged)


def _is_event(rule: str) -> bool:
    return any(f'"{kind.value}"' in rule for kind in EVENT_KINDS)


def _delay(rng: random.Random) -> int | None:
    """Days from 形成 to publication: mostly within two weeks, some weeks late, a few never."""
    draw = rng.random()
    return rng.randint(1, 14) if draw < 0.9 else rng.randint(25, 45) if draw < 0.97 else None


def _packages(
    session: Any, documents: list[int], formed: dict[tuple[str, int], date], today: date, rng: random.Random
) -> int:
    """Each document reaches the website in its own 上报数据包 (its build date is the publication date)."""
    rows = []
    for doc in documents:
        delay = _delay(rng)
        built = formed[("公文", doc)] + timedelta(days=delay) if delay is not None else None
        if built is None or built > today:
            continue
        package = session.execute(
            insert(ExportPackage).returning(ExportPackage.id),
            {
                "built_at": datetime.combine(built, datetime.min.time()),
                "mode": "增量",
                "file_name": f"bench-{doc}.zip",
                "content_sha256": "0" * 64,
                "package_size": 0,
                "item_count": 1,
                "file_count": 0,
                "username": "bench",
            },
        ).scalar_one()
        rows.append(
            {
                "export_id": package,
                "item_kind": "document",
                "item_id": doc,
                "index_no": "",
                "title": "",
                "fingerprint": "",
                "file_count": 0,
            }
        )
    if rows:
        session.execute(insert(ExportItem), rows)
    return len(rows)


def _recorded(session: Any, channels: dict[int, str], today: date, rng: random.Random) -> int:
    """Every channel the app cannot see itself, recorded by the clerk for most links."""
    rows = []
    links = session.execute(select(CatalogueLink.id, CatalogueLink.item_id, CatalogueLink.formed_on)).all()
    for link_id, item_id, formed_on in links:
        for channel in channels.get(item_id, "").split("、"):
            if channel in ("", "政府网站") or rng.random() < 0.05:
                continue
            delay = _delay(rng)
            if delay is not None and formed_on + timedelta(days=delay) <= today:
                rows.append(
                    {
                        "link_id": link_id,
                        "channel": channel,
                        "recorded_by": "bench",
                        "evidence": "推文截图",
                        "published_on": formed_on + timedelta(days=delay),
                    }
                )
    for first in range(0, len(rows), CHUNK):
        session.execute(insert(CataloguePublication), rows[first : first + CHUNK])
    return len(rows)


def _photos(session: Any, postings: list[int]) -> None:
    attachment = session.scalar(select(Attachment.id).order_by(Attachment.id).limit(1))
    if attachment is None or not postings:
        return
    rows = [{"posting_id": posting, "attachment_id": attachment, "stage": "张贴"} for posting in postings]
    session.execute(insert(PostingPhoto), rows)


def _villages(
    session: Any, items: list[tuple[int, bool]], year: int, today: date, rng: random.Random
) -> None:
    """Ten villages; each posts about 85 % of its periods (monthly 「2026-03」 or quarterly 「2026Q1」)."""
    names = [{"name": f"第{n + 1}村", "kind": "村", "sort_order": n} for n in range(VILLAGES)]
    session.execute(insert(Village), names)
    villages = list(session.scalars(select(Village.id).order_by(Village.id)))
    rows = []
    for item, monthly in items:
        months = range(1, today.month + 1) if monthly else range(1, today.month + 1, 3)
        for village in villages:
            for month in months:
                if rng.random() < 0.85:
                    period = f"{year}-{month:02d}" if monthly else f"{year}Q{(month + 2) // 3}"
                    posted = min(date(year, month, rng.randint(5, 25)), today)
                    rows.append(
                        {
                            "item_id": item,
                            "village_id": village,
                            "period": period,
                            "posted_on": posted,
                            "checked_by": "bench",
                        }
                    )
    if rows:
        session.execute(insert(VillagePosting), rows)
