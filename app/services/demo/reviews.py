"""The demo's 保密审查: sheets made from the item by the demo administrator, signed by the demo office's
reviewers 陈静, 周强, 吴丽 and 孙华.

They are people of the demo story, not log-in accounts (single-account mode stays on), so their sign-offs
are written here as records of signatures made on paper — the kind of record issue 21 lets a clerk make.
`ReviewService.sign` itself accepts only real, active accounts (issue 19); nothing but the demo calls this.
"""

from __future__ import annotations

from sqlalchemy import select

from app.models.document import ReviewSheet, ReviewSignoff
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.review.kinds import ItemKind
from app.services.review.types import ENTITY, PASSED, SheetDetail, SheetForm
from app.services.storage.record_versions import touch

DEMO_SIGNERS = {
    "承办人初审": "陈静",
    "科室负责人审核": "周强",
    "保密审查员审查": "吴丽",
    "分管领导审批": "孙华",
}
DEMO_OPINION = "经审查，不涉密，同意。"


def demo_review(
    ctx: AppContext, actor: Actor, kind: ItemKind, item_id: int, steps: int, form: SheetForm | None = None
) -> SheetDetail:
    """A sheet for the item, its first `steps` steps signed (all of them: approved 同意公开)."""
    sheet = ctx.reviews.create(actor, kind, item_id, form)
    now = ctx.clock.now().replace(microsecond=0)
    with ctx.sessions.begin() as session:
        row = session.scalars(select(ReviewSheet).where(ReviewSheet.id == sheet.id)).one()
        signed = sheet.steps[:steps]
        for number, step in enumerate(signed):
            session.add(
                ReviewSignoff(
                    sheet_id=row.id, step_no=number, step=step, agreed=True, opinion=DEMO_OPINION,
                    account_id=None, signer_name=DEMO_SIGNERS[step], signed_at=now,
                )
            )  # fmt: skip
        if len(signed) == len(sheet.steps):
            row.status, row.conclusion, row.approved_at = PASSED, "同意公开", now
        touch(row)
        audit.record(
            session, actor, Action.SIGN, ENTITY, row.id,
            示例数据="纸质签署记录", 签署人="、".join(DEMO_SIGNERS[step] for step in signed),
        )  # fmt: skip
    return ctx.reviews.detail(sheet.id)
