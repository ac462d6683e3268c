"""On which page of which attachment a search matched one document (issue 22): read for the one
document shown, never for every match of the search."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Attachment
from app.models.document import DocumentFile
from app.services.search.index import highlight_spans, query_terms
from app.services.search.pages import scan_page


@dataclass(frozen=True)
class HitPlace:
    file_name: str  # the attachment whose text matched first
    page: int  # its page (from 1)


def hit_place(session: Session, document_id: int, query: str) -> HitPlace | None:
    """The first attachment (in order) whose text contains a search term; None when none does, or when
    that text has a single page (then there is no page to name)."""
    terms = query_terms(query)
    if not terms:
        return None
    files = session.execute(
        select(Attachment.original_name, DocumentFile.text)
        .join(Attachment, Attachment.id == DocumentFile.attachment_id)
        .where(DocumentFile.document_id == document_id)
        .order_by(DocumentFile.sort_order, DocumentFile.id)
    )
    for name, body in files:
        if highlight_spans(body, terms):
            page = scan_page(body, terms)
            return HitPlace(name, page) if page else None
    return None
