"""When a notice went up and came down: the times the clerk enters, checked against now and the approval.

Times are kept to the second: a 保密审查单 approved at 09:30:40 and a posting registered at 09:30:10 are
in the wrong order even though both read 09:30 (先审查、后公开, RULES §10 rule 30). The messages name the
fields of the 登记张贴 / 登记撤除 dialog (「张贴时间」「撤除时间」).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.document import ReviewSheet
from app.services.postings.photos import photo_taken_at
from app.services.review.gate import review_state
from app.services.review.kinds import PASSED, ItemKind

POSTED_FIELD, REMOVED_FIELD = "张贴时间", "撤除时间"


def shown(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M:%S}"


def to_second(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)


def refuse_future(field: str, moment: datetime, now: datetime) -> None:
    """A posting or removal is registered after it happened, never ahead of it."""
    if moment > now:
        raise UserFacingError(
            f"{field} {shown(moment)} 晚于现在（{shown(now)}）。请在实际完成后登记，"
            f"并把「{field}」改为实际的时间。"
        )


def approved_at(session: Session, posting_id: int) -> datetime | None:
    """When the sheet that clears this posting was approved; None while nothing clears it (the gate then
    says why)."""
    if not review_state(session, ItemKind.POSTING, posting_id).cleared:
        return None
    return session.scalar(
        select(ReviewSheet.approved_at)
        .where(
            ReviewSheet.item_kind == ItemKind.POSTING.value,
            ReviewSheet.item_id == posting_id,
            ReviewSheet.status == PASSED,
        )
        .order_by(ReviewSheet.id.desc())
        .limit(1)
    )


def refuse_before_approval(session: Session, posting_id: int, posted_at: datetime) -> None:
    """先审查、后公开 (RULES §10 rule 30), said with the field the clerk corrects; equal seconds pass."""
    approved = approved_at(session, posting_id)
    if approved is not None and approved > posted_at:
        raise UserFacingError(
            f"保密审查单于 {shown(approved)} 审批通过，{POSTED_FIELD} {shown(posted_at)} 在它之前。"
            f"先审查、后公开：请把「{POSTED_FIELD}」改为审批通过之后实际贴出的时间。"
        )


def removal_moment(removed: date, posted_at: datetime, now: datetime) -> tuple[date, str]:
    """The removal day and how the audit records it; a datetime keeps its time, a plain date (older
    callers, the demo) is the whole day. Refused when it is in the future or before the posting."""
    if isinstance(removed, datetime):
        at = to_second(removed)
        refuse_future(REMOVED_FIELD, at, now)
        before = at < posted_at
        day, text = at.date(), at.isoformat(sep=" ")
    else:
        if removed > now.date():
            raise UserFacingError(
                f"{REMOVED_FIELD} {removed} 晚于今天，请把「{REMOVED_FIELD}」改为实际撤下的时间。"
            )
        before = removed < posted_at.date()
        day, text = removed, removed.isoformat()
    if before:
        raise UserFacingError(
            f"{REMOVED_FIELD} {text} 早于张贴时间 {shown(posted_at)}。"
            f"请把「{REMOVED_FIELD}」改为张贴之后实际撤下的时间。"
        )
    return day, text


@dataclass(frozen=True)
class ProposedTime:
    moment: datetime
    note: str  # where the proposal came from, shown under the field


def propose_time(photo: Path | None, now: datetime) -> ProposedTime:
    """What the dialog proposes: the photo's EXIF time when it has one (and it is not in the future, as a
    phone whose clock runs ahead writes), else now. UserFacingError when the file is not a picture."""
    current = to_second(now)
    if photo is None:
        return ProposedTime(current, "按现在的时间填写，可改为实际时间。")
    taken = photo_taken_at(photo)
    if taken is None:
        return ProposedTime(current, "照片中没有拍摄时间，按现在的时间填写，可改为实际时间。")
    if taken > current:
        return ProposedTime(
            current, f"照片的拍摄时间 {shown(taken)} 晚于现在（相机时钟可能不准），按现在的时间填写。"
        )
    return ProposedTime(to_second(taken), f"按照片的拍摄时间 {shown(taken)} 填写，可改为实际时间。")
