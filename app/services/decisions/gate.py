"""The single place where 重大行政决策 publications pass the 保密审查 gate (先审查、后公开).

RULES §10 rule 30: nothing is marked published without an approved 保密审查单 whose final approval precedes
the publication time.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy.orm import Session

from app.services.review.gate import require_approved_review
from app.services.review.kinds import ItemKind

DIRECTORY_KIND = ItemKind.DECISION_DIRECTORY.value  # the year's 目录 (item id = directory id)
RESULT_KIND = ItemKind.DECISION_RESULT.value  # 决策公布 of one item (item id = decision item id)
FEEDBACK_KIND = ItemKind.DECISION_FEEDBACK.value  # 意见采纳情况反馈 (item id = decision item id)


def publish_time(day: date, now: datetime) -> datetime:
    """A publication recorded for today happens now; one recorded for an earlier day, by that day's end."""
    return now if day >= now.date() else datetime.combine(day, time(23, 59, 59))


def require_publication_review(session: Session, item_kind: str, item_id: int, when: datetime) -> None:
    """Raise UserFacingError (from the gate) unless an approved review sheet covers this publication."""
    require_approved_review(session, item_kind, item_id, when)
