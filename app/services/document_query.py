"""The register list at scale: filters and sorting in SQL, one page of rows at a time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, extract, false

from app.models.document import Document
from app.services.search import SearchIndex

SORTS = {
    "id": Document.id,
    "index_no": Document.index_no,
    "doc_number": Document.doc_number,
    "title": Document.title,
    "written_on": Document.written_on,
    "published_at": Document.published_at,
    "next_review_on": Document.next_review_on,
}
RELEVANCE = "relevance"


@dataclass(frozen=True)
class DocumentFilter:
    """Empty fields match everything. `text` goes through the search index (ranked when sort is "")."""

    text: str = ""
    disclosure: str = ""
    year: int | None = None  # of 成文日期
    validity: str = ""
    published: bool | None = None
    topic: str = ""  # 大类 or 「大类\小类」 prefix
    review_due_by: date | None = None
    sort: str = ""  # a SORTS key; "" = newest first (or relevance when searching)
    descending: bool = True


@dataclass(frozen=True)
class DocumentRow:
    id: int
    index_no: str
    doc_number: str
    title: str
    publisher: str
    written_on: date | None
    published_on: date | None
    disclosure: str
    topic: str
    genre: str
    validity: str
    normative: bool
    review_status: str  # latest 保密审查单 status, 「导入前已审查」, or ""
    next_review_on: date | None


def row_of(row: Document, review_status: str) -> DocumentRow:
    return DocumentRow(
        row.id,
        row.index_no,
        row.doc_number,
        row.title,
        row.publisher,
        row.written_on,
        row.published_at.date() if row.published_at else None,
        row.disclosure,
        row.topic,
        row.genre,
        row.validity,
        row.normative,
        review_status or ("导入前已审查" if row.history_note else ""),
        row.next_review_on,
    )


def apply_filter(
    query: Select[Any], flt: DocumentFilter, index: SearchIndex, ordered: bool = False
) -> Select[Any]:
    """`query` restricted by `flt` (and ordered when `ordered`); every value is a bound parameter."""
    query = query.select_from(Document)
    hits = None
    if flt.text.strip():
        hits = index.hits(flt.text)
        if hits is None:
            return query.where(false())
        query = query.join(hits, hits.c.document_id == Document.id)
    conditions = []
    if flt.disclosure:
        conditions.append(Document.disclosure == flt.disclosure)
    if flt.year is not None:
        conditions.append(extract("year", Document.written_on) == flt.year)
    if flt.validity:
        conditions.append(Document.validity == flt.validity)
    if flt.published is True:
        conditions.append(Document.published_at.is_not(None))
    elif flt.published is False:
        conditions.append(Document.published_at.is_(None))
    if flt.topic:
        conditions.append(Document.topic.startswith(flt.topic, autoescape=True))
    if flt.review_due_by is not None:
        conditions.append(
            and_(Document.next_review_on.is_not(None), Document.next_review_on <= flt.review_due_by)
        )
    if conditions:
        query = query.where(*conditions)
    if not ordered:
        return query
    if hits is not None and not flt.sort:
        return query.order_by(hits.c.score, Document.id.desc())
    key = SORTS.get(flt.sort or "id", Document.id)
    primary = key.desc() if flt.descending else key.asc()
    return query.order_by(primary, Document.id.desc() if flt.descending else Document.id.asc())
