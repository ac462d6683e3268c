"""One compliance check's reading: the year's items, links, where each source was published, titles,
villages and their postings — a handful of set-based queries, whatever the size of the year."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import Select, String, and_, or_, select, type_coerce
from sqlalchemy.orm import Session

from app.models.catalogue import (
    CatalogueItem,
    CatalogueLink,
    CataloguePublication,
    Village,
    VillagePosting,
)
from app.models.decision import DecisionItem
from app.models.document import Document
from app.services.catalogue import compliance_sources as sources
from app.services.catalogue.compliance_sources import (
    BOARD,
    DECISION,
    DOCUMENT,
    WEBSITE,
    SourceKey,
    as_day,
    channel_kind,
    year_items,
)
from app.services.catalogue.rules import rule_from_json
from app.services.catalogue.types import Rule

REVOKED = "已撤销"  # models.decision.ITEM_STATUSES


@dataclass(frozen=True)
class Item:
    id: int
    seq: str
    level1: str
    level2: str
    tier: str
    rule: Rule
    required: tuple[str, ...]


class Link(NamedTuple):  # a tuple: a year may link tens of thousands
    id: int
    source_kind: str
    source_id: int
    formed_on: date
    due_override: date | None
    title: str
    days: dict[str, date]  # the first day each channel carried it, by the day judged (read-only)


@dataclass
class Snapshot:
    """Everything one check reads, fetched in a few queries, as it stood on the day judged: a package
    built or a publication recorded after that day is not known then, so it is left out here."""

    items: list[Item]
    links: dict[int, list[Link]]  # per item
    villages: list[tuple[int, str]]  # active villages, in the town's order
    village_postings: dict[tuple[int, int, str], date]  # (item, village, period) → posted_on


def live_links() -> Select[CatalogueLink]:
    """Links whose information still counts: a voided 公文 or a revoked 决策事项 answers nothing."""
    return (
        select(CatalogueLink)
        .outerjoin(
            Document, and_(CatalogueLink.source_kind == DOCUMENT, Document.id == CatalogueLink.source_id)
        )
        .outerjoin(
            DecisionItem,
            and_(CatalogueLink.source_kind == DECISION, DecisionItem.id == CatalogueLink.source_id),
        )
        .where(
            Document.voided_at.is_(None), or_(DecisionItem.status.is_(None), DecisionItem.status != REVOKED)
        )
    )


def load(session: Session, year: int, as_of: date) -> Snapshot:
    of_year = (CatalogueItem.year == year, CatalogueItem.voided_at.is_(None))
    connection = session.connection()
    item_rows = connection.execute(
        select(
            CatalogueItem.id,
            CatalogueItem.seq,
            CatalogueItem.level1,
            CatalogueItem.level2,
            CatalogueItem.tier,
            CatalogueItem.rule,
            CatalogueItem.channels,
        )
        .where(*of_year)
        .order_by(CatalogueItem.sort_order, CatalogueItem.id)
    ).all()
    rules: dict[str, Rule] = {}  # a catalogue repeats a handful of wordings
    items = []
    for item_id, seq, level1, level2, tier, rule_text, channels in item_rows:
        rule = rules.get(rule_text) or rules.setdefault(rule_text, rule_from_json(rule_text))
        items.append(Item(item_id, seq, level1, level2, tier, rule, sources.required_channels(channels)))
    links = _links(session, year, as_of)
    villages = connection.execute(
        select(Village.id, Village.name)
        .where(Village.active.is_(True))
        .order_by(Village.sort_order, Village.id)
    ).all()
    postings = connection.execute(
        select(
            VillagePosting.item_id, VillagePosting.village_id, VillagePosting.period, VillagePosting.posted_on
        )
        .join(CatalogueItem, CatalogueItem.id == VillagePosting.item_id)
        .where(*of_year)
    )
    return Snapshot(
        items=items,
        links=links,
        villages=[(village_id, name) for village_id, name in villages],
        village_postings={(item, village, period): day for item, village, period, day in postings},
    )


def _links(session: Session, year: int, as_of: date) -> dict[int, list[Link]]:
    """The year's live links per item, in formed order, each with its title and the first day on each
    channel. One pass: the links come with their recorded publications (a link's rows are adjacent),
    dates as the driver gives them (SQLite: text) parsed once per distinct day; the live filter, titles,
    packages and postings are small queries rather than joins on every one of fifty thousand links."""
    query = (
        select(
            CatalogueLink.item_id,
            CatalogueLink.id,
            CatalogueLink.source_kind,
            CatalogueLink.source_id,
            type_coerce(CatalogueLink.formed_on, String),
            type_coerce(CatalogueLink.due_override, String),
            CataloguePublication.channel,
            type_coerce(CataloguePublication.published_on, String),
        )
        .outerjoin(CataloguePublication, CataloguePublication.link_id == CatalogueLink.id)
        # IN, not a join: SQLite then walks ix_catalogue_links_item_formed in order, with no sort step.
        .where(CatalogueLink.item_id.in_(year_items(year)))
        .order_by(CatalogueLink.item_id, CatalogueLink.formed_on, CatalogueLink.id)
    )
    rows: Sequence[Any] = session.connection().execute(query).all()  # publication columns: None if none
    if not rows:
        return {}
    dead = _dead_sources(session)
    titles = sources.source_titles(session, year=year)
    website = {key: day for key, day in sources.website_days(session).items() if day <= as_of}
    board = {key: found[0] for key, found in sources.board_days(session).items() if found[0] <= as_of}
    days: dict[object, date] = {}  # the driver's value → date
    links: dict[int, list[Link]] = {}
    link: Link | None = None
    for item_id, link_id, kind, source_id, formed, override, channel, published in rows:
        if link is None or link.id != link_id:
            key = (kind, source_id)
            if key in dead:
                continue
            formed_on = days.get(formed) or days.setdefault(formed, _date(formed))
            due = (days.get(override) or days.setdefault(override, _date(override))) if override else None
            channels: dict[str, date] = {}
            if key in website:
                channels[WEBSITE] = website[key]
            if key in board:
                channels[BOARD] = board[key]
            link = Link(link_id, kind, source_id, formed_on, due, titles.get(key, ""), channels)
            found = links.get(item_id)
            if found is None:
                found = links[item_id] = []
            found.append(link)
        if published is None:
            continue
        day = days.get(published) or days.setdefault(published, _date(published))
        if day <= as_of:
            channel = channel_kind(channel)  # 微信公众号 and 政务微博: one channel
            first = link.days.get(channel)
            if first is None or day < first:
                link.days[channel] = day
    return links


def _dead_sources(session: Session) -> set[SourceKey]:
    """Voided 公文 and revoked 决策事项 (what live_links leaves out in SQL)."""
    connection = session.connection()
    voided = connection.execute(select(Document.id).where(Document.voided_at.is_not(None)))
    revoked = connection.execute(select(DecisionItem.id).where(DecisionItem.status == REVOKED))
    return {(DOCUMENT, row_id) for (row_id,) in voided} | {(DECISION, row_id) for (row_id,) in revoked}


def _date(value: object) -> date:
    day = as_day(value)
    if day is None:
        raise ValueError(f"not a date: {value!r}")
    return day
