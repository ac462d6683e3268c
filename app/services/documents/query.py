"""The register list at scale: filters and sorting in SQL, one page of rows at a time.

A search ranks by relevance only while it matches at most `MANY_MATCHES` documents (app/services/search.py);
a broader one lists newest first, so its first page never waits for every match to be scored. The list
counts a search's matches only up to `COUNT_CAP` and then shows that many, saying 「超过 …」 (issue 24).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, extract, false, func, select
from sqlalchemy.orm import Session

from app.models.document import Document
from app.services.review.gate import review_states
from app.services.review.kinds import ItemKind, ReviewState
from app.services.search.index import MANY_MATCHES, SearchIndex

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
# Counting every match of 「镇」 reads its whole posting list (~170 ms at 1,000,000 documents); the first
# 10,000 are counted in ~2 ms, and a list that long is narrowed by typing more, not by scrolling.
COUNT_CAP = 10_000
# Up to this many voided documents, a search is counted in the index alone and the voided taken off.
FEW_VOIDED = 1000


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
    voided: bool = False  # False: the active register; True: only the voided (作废) documents
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
    review_status: str  # the gate's label: 已通过, 待审查, 审查中, 未通过, 未审查, 历史公开（线下审查）
    next_review_on: date | None
    review_reason: str = ""  # why 待审查 / 未通过, e.g. 「审查后标题和附件已改动，须重新审查」


# The columns a list row shows: reading them as plain rows is ~3× cheaper than loading 200 ORM objects.
_ROW_COLUMNS: tuple[Any, ...] = (
    Document.id,
    Document.index_no,
    Document.doc_number,
    Document.title,
    Document.publisher,
    Document.written_on,
    Document.published_at,
    Document.disclosure,
    Document.topic,
    Document.genre,
    Document.validity,
    Document.normative,
    Document.history_note,
    Document.next_review_on,
    Document.voided_at,
    Document.void_reason,
)
VOIDED_LABEL = "已作废"


def row_of(row: Any, review: ReviewState) -> DocumentRow:
    """A list row from a `Document` (or a row of `_ROW_COLUMNS`)."""
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
        VOIDED_LABEL if row.voided_at is not None else review.label.value,
        row.next_review_on,
        row.void_reason if row.voided_at is not None else review.reason,
    )


def _conditions(flt: DocumentFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        Document.voided_at.is_not(None) if flt.voided else Document.voided_at.is_(None)
    ]
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
    return conditions


def apply_filter(
    query: Select[Any],
    flt: DocumentFilter,
    index: SearchIndex,
    ordered: bool = False,
    ranked: bool = True,
    reverse: bool = False,
) -> Select[Any]:
    """`query` restricted by `flt` (and ordered when `ordered`, backwards when `reverse`); every value is a
    bound parameter. A search is ordered by relevance when `ranked`, else newest first (the cheap order for
    broad queries)."""
    query = query.select_from(Document)
    hits = None
    if flt.text.strip():
        hits = index.hits(flt.text, ranked=ranked and ordered and not flt.sort)
        if hits is None:
            return query.where(false())
        query = query.join(hits, hits.c.document_id == Document.id)
    conditions = _conditions(flt)
    if conditions:
        query = query.where(*conditions)
    if not ordered:
        return query
    if hits is not None and not flt.sort:
        if ranked:
            return query.order_by(_way(hits.c.score, reverse), _way(Document.id, not reverse))
        # the index's own order: streamed, not sorted
        return query.order_by(_way(hits.c.document_id, not reverse))
    key = SORTS.get(flt.sort or "id", Document.id)
    backwards = flt.descending != reverse
    return query.order_by(_way(key, backwards), _way(Document.id, backwards))


def _way(column: Any, descending: bool) -> Any:
    """Reversing every key (the id included) gives exactly the reverse order, NULLs too, on both databases."""
    return column.desc() if descending else column.asc()


def _index_alone(session: Session, flt: DocumentFilter) -> bool:
    """A search with no other condition can be counted in the index alone — while nothing is voided."""
    if len(_conditions(flt)) > 1 or flt.voided:
        return False
    return session.scalar(select(Document.id).where(Document.voided_at.is_not(None)).limit(1)) is None


def count_matching(session: Session, flt: DocumentFilter, index: SearchIndex) -> int:
    """The exact number of documents `flt` matches; a plain search is counted in the index alone."""
    if flt.text.strip() and _index_alone(session, flt):
        return index.count(session, flt.text)
    if not flt.text.strip() and not flt.voided and len(_conditions(flt)) == 1:
        # The whole register: SQLite counts a table in a fast b-tree pass, but "voided_at IS NULL" row by
        # row (120 ms at 1M); the voided are few and indexed, so take them away instead (3 ms).
        everything = session.scalar(select(func.count()).select_from(Document)) or 0
        voided = session.scalar(select(func.count()).where(Document.voided_at.is_not(None))) or 0
        return int(everything) - int(voided)
    return int(session.scalar(apply_filter(select(func.count(Document.id)), flt, index)) or 0)


@dataclass(frozen=True)
class ListCount:
    """The rows a list holds: every match, or — when `more` match — the first `rows` (= `COUNT_CAP`)."""

    rows: int
    more: bool = False


def count_listed(session: Session, flt: DocumentFilter, index: SearchIndex) -> ListCount:
    """`count_matching` for the register list: a search is counted up to `COUNT_CAP` only."""
    if not flt.text.strip():
        return ListCount(count_matching(session, flt, index))
    found = _searched(session, flt, index, COUNT_CAP)
    return ListCount(min(found, COUNT_CAP), found > COUNT_CAP)


def count_searched(session: Session, index: SearchIndex, query: str) -> ListCount:
    """Every document the index finds for `query` (voided ones too), counted up to `COUNT_CAP`."""
    found = index.count(session, query, COUNT_CAP + 1)
    return ListCount(min(found, COUNT_CAP), found > COUNT_CAP)


def _searched(session: Session, flt: DocumentFilter, index: SearchIndex, cap: int) -> int:
    """How many documents the search `flt` lists, counted up to `cap` + 1 (more are not counted)."""
    if len(_conditions(flt)) == 1 and not flt.voided:
        voided = list(
            session.scalars(select(Document.id).where(Document.voided_at.is_not(None)).limit(FEW_VOIDED + 1))
        )
        if not voided:
            return index.count(session, flt.text, cap + 1)
        hits = index.hits(flt.text, ranked=False)
        if hits is None:
            return 0
        if len(voided) <= FEW_VOIDED:
            # Any cap + 1 + V index hits hold at least cap + 1 listed ones unless they are all the hits,
            # and then taking away the voided among them is exact: no join to 1,000,000 documents.
            window = select(hits.c.document_id).limit(cap + 1 + len(voided)).subquery()
            voided_hits = func.count(case((window.c.document_id.in_(voided), 1)))
            return int(session.scalar(select(func.count() - voided_hits).select_from(window)) or 0)
    # the hits are joined in the index's own order, so counting stops after cap + 1 listed rows
    capped = apply_filter(select(Document.id), replace(flt, sort=""), index, ordered=True, ranked=False)
    return int(session.scalar(select(func.count()).select_from(capped.limit(cap + 1).subquery())) or 0)


def ranks_by_relevance(session: Session, flt: DocumentFilter, index: SearchIndex) -> bool:
    """True when `flt` is a search in relevance order that matches at most `MANY_MATCHES` documents."""
    if not flt.text.strip() or flt.sort:
        return False
    return _searched(session, flt, index, MANY_MATCHES) <= MANY_MATCHES


def fetch_page(
    session: Session, flt: DocumentFilter, index: SearchIndex, offset: int, limit: int, from_end: bool = False
) -> list[DocumentRow]:
    """One page of the list, in the order the list shows it (relevance, or newest first when broad).
    With `from_end` the offset counts back from the last row: the end of the list is one indexed read."""
    ranked = ranks_by_relevance(session, flt, index)
    query = apply_filter(select(*_ROW_COLUMNS), flt, index, ordered=True, ranked=ranked, reverse=from_end)
    if flt.text.strip():
        rows = list(session.execute(query.offset(max(offset, 0)).limit(max(limit, 0))))
    else:  # the OFFSET picks ids over the sort's covering index: the rows it skips are never read
        ids = apply_filter(select(Document.id), flt, index, ordered=True, reverse=from_end)
        page = ids.offset(max(offset, 0)).limit(max(limit, 0))
        rows = list(session.execute(query.where(Document.id.in_(page))))
    if from_end:
        rows.reverse()
    states = review_states(session, ItemKind.DOCUMENT, [row.id for row in rows])
    return [row_of(row, states[row.id]) for row in rows]
