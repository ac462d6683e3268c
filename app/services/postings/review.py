"""What a 公开栏 posting prints, by its 保密审查 (先审查、后公开, issue 19).

A posting prints clean only while its latest 保密审查单 approves exactly its text; otherwise — never
reviewed, in review, refused, or edited since — every page carries 「未经保密审查 不得张贴」.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from app.services.postings.page import PostingContent
from app.services.postings.periods import Period
from app.services.postings.store import content_of, load_row, posting_info
from app.services.postings.types import PostingDraft
from app.services.review.content import current_content, posting_content
from app.services.review.gate import review_state
from app.services.review.kinds import ItemKind


def printed_content(session: Session, posting_id: int, today: date) -> PostingContent:
    info = posting_info(session, load_row(session, posting_id), today)
    reviewed = review_state(session, ItemKind.POSTING, posting_id).cleared
    period = Period(info.draft.period_start, info.period_end, "")
    return replace(content_of(info.draft, period), reviewed=reviewed)


def draft_content(
    session: Session, posting_id: int | None, draft: PostingDraft, period: Period
) -> PostingContent:
    """The editor's preview of a cleaned draft: clean only if it is exactly the saved, cleared text."""
    reviewed = False
    if posting_id is not None:
        saved = current_content(session, ItemKind.POSTING.value, posting_id)
        drafted = posting_content(draft.title, draft.body, draft.unit, draft.phone, draft.qr_url)
        reviewed = (
            saved is not None
            and saved.fingerprint == drafted.fingerprint
            and review_state(session, ItemKind.POSTING, posting_id).cleared
        )
    return replace(content_of(draft, period), reviewed=reviewed)
