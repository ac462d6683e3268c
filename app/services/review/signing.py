"""One step of a 保密审查单 taking effect: signed in the app or recorded from paper (issues 19, 21).

Both ways go through `add_step`: the 审查要点 must all be answered, a 同意 needs the item's content to be
what the sheet reviews, the last step concludes the sheet. ReviewService verifies the actor first.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.document import ReviewSheet, ReviewSignoff
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.permissions import Actor
from app.services.review.kinds import APPROVING_CONCLUSIONS
from app.services.review.store import content_check, sheet_detail
from app.services.review.types import (
    CONCLUSIONS,
    ENTITY,
    FAILED,
    MAX_OPINION,
    PASSED,
    SheetDetail,
)
from app.services.storage.record_versions import guard, touch


def clean_opinion(agreed: bool, opinion: str) -> str:
    opinion = opinion.strip()
    if len(opinion) > MAX_OPINION:
        raise UserFacingError(f"意见请控制在 {MAX_OPINION} 个字以内。")
    if not agreed and not opinion:
        raise UserFacingError("不同意时请写明理由，便于承办人修改。")
    return opinion


def open_sheet(session: Session, sheet_id: int, expected_version: int | None) -> ReviewSheet:
    """The sheet locked for this unit of work, as the caller's screen showed it."""
    row = session.get(ReviewSheet, sheet_id, with_for_update=True)
    if row is None:
        raise UserFacingError("这张保密审查单已不存在，请刷新。")
    guard("review_sheets", row, expected_version)
    return row


def next_step(row: ReviewSheet, current: SheetDetail) -> str:
    """The step to sign now; refused while a 审查要点 is unanswered (issue 21)."""
    step = current.next_step
    if step is None:
        raise UserFacingError(f"保密审查单 {row.number} 已{row.status}，不能再签署。")
    unanswered = current.values.unanswered
    if unanswered:
        raise UserFacingError(
            f"审查要点「{'、'.join(unanswered)}」还没有回答。请先点「回答审查要点…」逐项选择「是」或「否」，"
            "再签署。"
        )
    return step


def add_step(
    session: Session,
    actor: Actor,
    row: ReviewSheet,
    current: SheetDetail,
    signoff: ReviewSignoff,
    conclusion: str,
    **logged: Any,
) -> SheetDetail:
    """Adds `signoff` (its step, opinion and signer filled in) as the sheet's next step and concludes the
    sheet after the last one. `logged` goes into the audit entry with the step."""
    if signoff.agreed:
        check = content_check(session, row)
        if not check.matches:
            raise UserFacingError(
                f"{check.reason}，本单审查的已不是现在的内容，不能同意。请选择「不同意（退回）」"
                "写明原因结束本单，再为现在的内容重新发起保密审查。"
            )
    final = len(current.signoffs) == len(current.steps) - 1
    if signoff.agreed and final and conclusion not in CONCLUSIONS:
        raise UserFacingError(f"最后一步请选择审查结论：{'、'.join(CONCLUSIONS)}。")
    now: datetime = signoff.signed_at
    signoff.sheet_id, signoff.step_no = row.id, len(current.signoffs)
    session.add(signoff)
    before = {"状态": row.status, "结论": row.conclusion}
    if not signoff.agreed:
        row.status = FAILED
    elif final:
        row.conclusion = conclusion
        row.status = PASSED if conclusion in APPROVING_CONCLUSIONS else FAILED
        row.approved_at = now
    touch(row)  # every signature moves the version, so a screen opened before it is refused
    session.flush()
    changes = audit.diff(before, {"状态": row.status, "结论": row.conclusion})
    audit.record(
        session, actor, Action.SIGN, ENTITY, row.id, changes,
        步骤=signoff.step, 同意=signoff.agreed, 意见=signoff.opinion, **logged,
    )  # fmt: skip
    return sheet_detail(session, row)
