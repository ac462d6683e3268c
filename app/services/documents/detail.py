"""公文 reading views: the detail shown in the side panel and full-text search results with excerpts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from app.errors import UserFacingError
from app.models import Attachment
from app.models.document import Document, DocumentFile
from app.services.common import SessionFactory
from app.services.documents.publications import PublicationInfo, history, is_live
from app.services.documents.rows import get_row, input_of
from app.services.documents.rules import PROACTIVE, DocumentInput, publish_due
from app.services.review.gate import review_state
from app.services.review.kinds import ItemKind, ReviewLabel, ReviewState
from app.services.search.index import SearchIndex, query_terms, snippet
from app.services.search.pages import scan_page
from app.services.settings import registry
from app.services.workdays.service import CalendarService


@dataclass(frozen=True)
class FileInfo:
    id: int
    attachment_id: int
    sha256: str
    name: str
    size: int
    text_chars: int


@dataclass(frozen=True)
class DocumentDetail:
    id: int
    index_no: str
    values: DocumentInput
    published_at: datetime | None
    history_note: str
    next_review_on: date | None
    files: tuple[FileInfo, ...]
    publish_due: date | None
    due_problem: str  # e.g. the calendar year is missing
    same_number: tuple[str, ...]  # 索引号 of other documents with the same 文号
    interpretations: tuple[str, ...]  # titles of the 政策解读 linked to this document
    review_status: str  # the label: 已通过, 待审查, 审查中, 未通过, 未审查, 历史公开（线下审查）
    version: int = 1  # pass back to `update` so an edit over someone else's newer save is refused
    publish_due_assumed: tuple[int, ...] = ()  # years without a notice the 公开期限 assumed: 暂定
    review: ReviewState = field(default_factory=lambda: ReviewState(ReviewLabel.NONE))  # with the reason
    publications: tuple[PublicationInfo, ...] = ()  # each publication, ended ones with the reason (issue 21)
    live: bool = False  # published now: 「标记为已公开」 is refused (a corrected version is published anew)
    voided_at: datetime | None = None  # 作废 (issue 21)
    void_reason: str = ""


@dataclass(frozen=True)
class SearchResult:
    id: int
    index_no: str
    doc_number: str
    title: str
    score: float
    terms: tuple[str, ...]  # for highlighting
    excerpt: str  # attachment text around the first match
    page: int | None = None  # the excerpt's page, when that attachment has several (a scan, a PDF)


def read_detail(sessions: SessionFactory, calendar: CalendarService, document_id: int) -> DocumentDetail:
    with sessions() as session:
        row = get_row(session, document_id)
        files = tuple(
            FileInfo(link.id, att.id, att.sha256, att.original_name, att.size, len(link.text))
            for link, att in session.execute(
                select(DocumentFile, Attachment)
                .join(Attachment, Attachment.id == DocumentFile.attachment_id)
                .where(DocumentFile.document_id == document_id)
                .order_by(DocumentFile.sort_order)
            )
        )
        same = tuple(
            session.scalars(
                select(Document.index_no).where(
                    Document.doc_number == row.doc_number,
                    Document.id != row.id,
                    Document.doc_number != "",
                )
            )
        )
        interpretations = tuple(
            session.scalars(select(Document.title).where(Document.interprets_id == row.id))
        )
        limit = row.publish_limit_days or registry.PUBLISH_WORKING_DAYS.read(session)
        review = review_state(session, ItemKind.DOCUMENT, row.id)
        publications, live = history(session, row.id), is_live(session, row)
    due, problem = None, ""
    assumed: tuple[int, ...] = ()
    if row.disclosure == PROACTIVE:
        work = calendar.calendar()
        try:
            due = publish_due(work, row.written_on, row.changed_on, limit)
        except UserFacingError as missing:
            problem = missing.message
        start = max((d for d in (row.written_on, row.changed_on) if d), default=None)
        assumed = work.assumed_years(start, due) if start and due else ()
    return DocumentDetail(
        row.id,
        row.index_no,
        input_of(row),
        row.published_at,
        row.history_note,
        row.next_review_on,
        files,
        due,
        problem,
        same,
        interpretations,
        review.label.value,
        row.version,
        assumed,
        review,
        publications,
        live,
        row.voided_at,
        row.void_reason,
    )


def search_documents(
    sessions: SessionFactory, index: SearchIndex, query: str, limit: int | None
) -> list[SearchResult]:
    """Best first; every hit when `limit` is None. Hostile input returns [] rather than raising."""
    terms = tuple(query_terms(query))
    with sessions() as session:
        hits = index.query(session, query, limit)
        if not hits:
            return []
        ids = [hit.document_id for hit in hits]
        rows: dict[int, Document] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows.update(
                (row.id, row) for row in session.scalars(select(Document).where(Document.id.in_(chunk)))
            )
        excerpts: dict[int, str] = {}
        pages: dict[int, int | None] = {}
        if len(ids) <= 200:  # the excerpt and its page only for a short list, as it is shown
            for document_id, body in session.execute(
                select(DocumentFile.document_id, DocumentFile.text)
                .where(DocumentFile.document_id.in_(ids))
                .order_by(DocumentFile.document_id, DocumentFile.sort_order, DocumentFile.id)
            ):
                if not excerpts.get(document_id):
                    excerpts[document_id] = snippet(body, terms)
                    pages[document_id] = scan_page(body, terms) if excerpts[document_id] else None
    return [
        SearchResult(
            hit.document_id,
            rows[hit.document_id].index_no,
            rows[hit.document_id].doc_number,
            rows[hit.document_id].title,
            hit.score,
            terms,
            excerpts.get(hit.document_id, ""),
            pages.get(hit.document_id),
        )
        for hit in hits
        if hit.document_id in rows
    ]
