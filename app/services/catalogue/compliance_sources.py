"""Where and when a linked piece of information was published, read in a few set-based queries.

政府网站: the first 上报数据包 that carried the source; 公示栏: a 公开栏 posting with a photo (the posting
itself, or a posting made from the document / the decision directory); 村务: the village's own posting;
every other channel: a recorded CataloguePublication with its evidence.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, exists, func, select
from sqlalchemy.orm import Session

from app.models.catalogue import CatalogueItem, CatalogueLink, CataloguePublication, Village, VillagePosting
from app.models.decision import DecisionItem
from app.models.document import Document
from app.models.export import ExportItem, ExportPackage
from app.models.posting import Posting, PostingPhoto
from app.services.catalogue.channels import BOARD, WEBSITE, normalise, split_channels

DOCUMENT, POSTING, DECISION, VILLAGE = "公文", "公开栏", "决策", "村务"  # models.catalogue.LINK_SOURCES
# The kinds the export catalogue writes for each source (app/services/export/catalogue/*).
EXPORT_KINDS = {
    "document": DOCUMENT,
    "posting": POSTING,
    "decision_directory": DECISION,
    "decision_result": DECISION,
}
_BOARD_WORDS = ("公示栏", "公开栏", "公告栏", "电子屏", "宣传栏")  # a posting with a photo shows each of them
ID_CHUNK = 500  # ids per IN list when a caller asks about a few sources

__all__ = ["BOARD", "WEBSITE", "Publication", "as_day", "channel_kind", "required_channels"]
PACKAGE_EVIDENCE = "上报数据包"

SourceKey = tuple[str, int]  # (source_kind, source_id)
Ids = Mapping[str, Collection[int]] | None  # per source kind: only these (a few links); None: every source
AnySelect = Select[*tuple[Any, ...]]


@dataclass(frozen=True)
class Publication:
    channel: str
    published_on: date
    evidence: str  # 「上报数据包 ….zip」, 「公开栏张贴（有照片）」, the clerk's 网址/说明
    recorded_id: int | None = None  # a CataloguePublication the clerk recorded (can be shown or removed)
    attachment_id: int | None = None


@cache  # a catalogue uses a handful of channel names over tens of thousands of rows
def channel_kind(name: str) -> str:
    """政府网站 / 公示栏 for the channels the app sees itself (电子屏 too: the posting's photo shows the
    board it is on); any other channel under its canonical name (channels.normalise)."""
    clean = normalise(name)
    if clean == WEBSITE or any(word in clean for word in _BOARD_WORDS):
        return WEBSITE if clean == WEBSITE else BOARD
    return clean


def required_channels(item_channels: str) -> tuple[str, ...]:
    """The item's 公开渠道和载体 (stored 、-separated), each as channel_kind, in order and without repeats."""
    return tuple(dict.fromkeys(channel_kind(part) for part in split_channels(item_channels)))


def as_day(value: object) -> date | None:
    """A date from a DATE/DATETIME column or an aggregate over one (SQLite hands MIN() back as text)."""
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _limit(query: AnySelect, column: Any, wanted: Collection[int] | None) -> list[AnySelect]:
    if wanted is None:
        return [query]
    ordered = sorted(wanted)
    return [query.where(column.in_(ordered[i : i + ID_CHUNK])) for i in range(0, len(ordered), ID_CHUNK)]


def rows_of(session: Session, queries: list[AnySelect]) -> Iterator[Any]:
    """Plain Core rows: tens of thousands of them, so without the ORM's per-row bookkeeping."""
    connection = session.connection()
    for query in queries:
        yield from connection.execute(query).all()  # one fetchall, not a fetchone per row


def _wanted(ids: Ids, kind: str) -> Collection[int] | None:
    return None if ids is None else ids.get(kind, ())


def website_days(session: Session, ids: Ids = None) -> dict[SourceKey, date]:
    """The day the first 上报数据包 that carried each source was built."""
    query = (
        select(ExportItem.item_kind, ExportItem.item_id, func.min(ExportPackage.built_at))
        .join(ExportPackage, ExportPackage.id == ExportItem.export_id)
        .group_by(ExportItem.item_kind, ExportItem.item_id)
    )
    queries: list[AnySelect] = []
    if ids is None:
        queries.append(query.where(ExportItem.item_kind.in_(list(EXPORT_KINDS))))
    else:
        for export_kind, source_kind in EXPORT_KINDS.items():
            wanted = ids.get(source_kind, ())
            if wanted:
                queries += _limit(
                    query.where(ExportItem.item_kind == export_kind), ExportItem.item_id, wanted
                )
    result: dict[SourceKey, date] = {}
    for export_kind, item_id, built in rows_of(session, queries):
        day, key = as_day(built), (EXPORT_KINDS[export_kind], item_id)
        if day is not None and (key not in result or day < result[key]):  # a decision: directory or result
            result[key] = day
    return result


def board_days(session: Session, ids: Ids = None) -> dict[SourceKey, tuple[date, str]]:
    """The first posting with a photo per source, and what shows it: the posting itself, and the document or
    decision directory it was made from (a directory posting answers each of its items); village postings."""
    photographed = exists().where(PostingPhoto.posting_id == Posting.id)
    query = (
        select(Posting.id, Posting.source_kind, Posting.source_id, Posting.posted_at)
        .where(Posting.posted_at.is_not(None))
        .where(photographed)
    )
    result: dict[SourceKey, tuple[date, str]] = {}

    def keep(key: SourceKey, when: date | datetime | None, evidence: str) -> None:
        day = as_day(when)
        if day is not None and (key not in result or day < result[key][0]):
            result[key] = (day, evidence)

    directories: dict[int, tuple[datetime | None, int]] = {}
    for posting_id, source_kind, source_id, posted_at in rows_of(session, [query]):
        keep((POSTING, posting_id), posted_at, f"公开栏张贴第 {posting_id} 号（有照片）")
        if source_kind == "document" and source_id is not None:
            keep((DOCUMENT, source_id), posted_at, f"公开栏张贴第 {posting_id} 号（有照片）")
        elif source_kind == "decision_directory" and source_id is not None:
            directories.setdefault(source_id, (posted_at, posting_id))
    decisions = select(DecisionItem.id, DecisionItem.directory_id).where(
        DecisionItem.directory_id.in_(list(directories))
    )
    wanted = _wanted(ids, DECISION)
    if directories and (wanted is None or wanted):
        for item_id, directory_id in rows_of(session, _limit(decisions, DecisionItem.id, wanted)):
            posted_at, posting_id = directories[directory_id]
            keep((DECISION, item_id), posted_at, f"公开栏张贴第 {posting_id} 号（有照片）")
    village = select(VillagePosting.id, VillagePosting.posted_on, Village.name).join(
        Village, Village.id == VillagePosting.village_id
    )
    wanted = _wanted(ids, VILLAGE)
    if wanted is None or wanted:
        for posting_id, posted_on, name in rows_of(session, _limit(village, VillagePosting.id, wanted)):
            keep((VILLAGE, posting_id), posted_on, f"{name}公示栏")
    return result


def year_items(year: int) -> Select[int]:
    """The ids of the year's live catalogue items, for an IN (…) over links or publications."""
    return select(CatalogueItem.id).where(CatalogueItem.year == year, CatalogueItem.voided_at.is_(None))


def recorded_publications(session: Session, link_ids: Collection[int]) -> dict[int, list[Publication]]:
    """The clerk's recorded publications of a few links, with their evidence, oldest first."""
    query = select(
        CataloguePublication.link_id,
        CataloguePublication.id,
        CataloguePublication.channel,
        CataloguePublication.published_on,
        CataloguePublication.evidence,
        CataloguePublication.attachment_id,
    ).order_by(CataloguePublication.published_on, CataloguePublication.id)
    result: dict[int, list[Publication]] = {}
    for link_id, row_id, channel, day, evidence, attachment_id in rows_of(
        session, _limit(query, CataloguePublication.link_id, link_ids)
    ):
        result.setdefault(link_id, []).append(
            Publication(channel_kind(channel), day, evidence, row_id, attachment_id)
        )
    return result


def source_titles(session: Session, ids: Ids = None, year: int | None = None) -> dict[SourceKey, str]:
    """「文号 标题」 of documents, a posting's title, a decision's name, 「村名 期间」 of village postings: of
    the sources given, or of every source the year's catalogue links to."""
    result: dict[SourceKey, str] = {}
    queries: list[tuple[str, AnySelect, Any]] = [
        (DOCUMENT, select(Document.id, Document.doc_number, Document.title), Document.id),
        (POSTING, select(Posting.id, Posting.title, Posting.id), Posting.id),
        (DECISION, select(DecisionItem.id, DecisionItem.name, DecisionItem.id), DecisionItem.id),
        (
            VILLAGE,
            select(VillagePosting.id, Village.name, VillagePosting.period).join(
                Village, Village.id == VillagePosting.village_id
            ),
            VillagePosting.id,
        ),
    ]
    for kind, query, column in queries:
        wanted = _wanted(ids, kind)
        if wanted is not None and not wanted:
            continue
        if ids is None:
            linked = (
                select(CatalogueLink.source_id)
                .join(CatalogueItem, CatalogueItem.id == CatalogueLink.item_id)
                .where(CatalogueLink.source_kind == kind, CatalogueItem.year == year)
            )
            query = query.where(column.in_(linked))
        for source_id, first, second in rows_of(session, _limit(query, column, wanted)):
            title = f"{first} {second}".strip() if kind in (DOCUMENT, VILLAGE) else str(first)
            result[(kind, source_id)] = title
    return result
