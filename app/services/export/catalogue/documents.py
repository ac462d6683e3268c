"""The document register as a catalogue source: published 公文 (published only through the gate)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.models import Attachment
from app.models.document import Document, DocumentFile
from app.services.common import SessionFactory
from app.services.export.catalogue.base import CatalogueFile, CatalogueItem
from app.services.review.gate import review_states
from app.services.review.kinds import HISTORY_MARK, ReviewLabel

BATCH = 500
_COLUMNS = (
    Document.id,
    Document.index_no,
    Document.title,
    Document.written_on,
    Document.publisher,
    Document.doc_number,
    Document.topic,
    Document.genre,
    Document.channels,
    Document.validity,
    Document.updated_at,
    Document.disclosure,
    Document.published_at,
    Document.history_note,
)


class DocumentCatalogueSource:
    """Every registered document; `published` mirrors `published_at`, which `DocumentService.publish`
    sets only after `require_approved_review` passed. The builder leaves out the unpublished ones (saying
    why in the preview) and checks the gate again at export time.
    """

    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    def items(self, since: datetime | None) -> Iterator[CatalogueItem]:
        query = select(*_COLUMNS).order_by(Document.id)  # unpublished ones too: the preview says why not
        query = query.where(Document.voided_at.is_(None))  # 作废: never leaves the office (issue 21)
        if since is not None:
            query = query.where(Document.updated_at >= since)
        with self._sessions() as session:
            batch: list[Any] = []  # plain rows, not ORM objects: a tenth of the cost per document
            for row in session.execute(query.execution_options(yield_per=BATCH)):
                batch.append(row)
                if len(batch) == BATCH:
                    yield from self._convert(batch)
                    batch = []
            yield from self._convert(batch)

    def _convert(self, rows: Sequence[Any]) -> Iterator[CatalogueItem]:
        if not rows:
            return
        files: dict[int, list[CatalogueFile]] = {row.id: [] for row in rows}
        with self._sessions() as session:
            linked = session.execute(
                select(DocumentFile.document_id, Attachment.sha256, Attachment.original_name, Attachment.size)
                .join(Attachment, Attachment.id == DocumentFile.attachment_id)
                .where(DocumentFile.document_id.in_(list(files)))
                .order_by(DocumentFile.document_id, DocumentFile.sort_order, DocumentFile.id)
            )
            for document_id, sha, name, size in linked:
                files[document_id].append(CatalogueFile(sha, name, size))
            historic = [row.id for row in rows if row.history_note.startswith(HISTORY_MARK)]
            history = {  # still cleared by its imported paper review, not by a later sheet
                item_id for item_id, state in review_states(session, "document", historic).items()
                if state.label is ReviewLabel.HISTORY
            }  # fmt: skip
        for row in rows:
            yield CatalogueItem(
                kind="document",
                item_id=row.id,
                index_no=row.index_no,
                title=row.title,
                summary="",  # 内容概述 is optional in the national guideline; the register has no such field
                created=row.written_on,
                publisher=row.publisher,
                doc_no=row.doc_number,
                topic=row.topic,
                genre=row.genre,
                channels=row.channels,
                validity=row.validity,
                files=tuple(files[row.id]),
                updated_at=row.updated_at,
                disclosure=row.disclosure,
                published=row.published_at is not None,
                review_note=HISTORY_MARK if row.id in history else "",
            )
