"""Sheets written straight into the database by tests record what they review, as the service does."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.services.accounts.service import actor_of
from app.services.context import AppContext
from app.services.permissions import Actor, Role
from app.services.review.content import current_content
from app.services.review.types import CHECK_ITEMS, SheetDetail


def reviewed(session: Session, kind: str, item_id: int) -> dict[str, str]:
    """`content_fingerprint` and `content_json` of the item as it is now (empty for a missing item)."""
    content = current_content(session, kind, item_id)
    if content is None:
        return {"content_fingerprint": "", "content_json": ""}
    return {"content_fingerprint": content.fingerprint, "content_json": content.canonical}


PASSWORD = "review-pass-1"
PEOPLE = {
    "clerk": ("zhangsan", "张三", Role.CLERK),
    "head": ("lisi", "李四", Role.SECTION_HEAD),
    "secrecy": ("wangwu", "王五", Role.SECRECY_REVIEWER),
    "leader": ("zhaoliu", "赵六", Role.LEADER),
}


def make_signers(ctx: AppContext, admin: Actor) -> dict[str, Actor]:
    """The four signers of the chain, each a real account with one role."""
    return {
        key: actor_of(ctx.accounts.create_account(admin, user, name, PASSWORD, frozenset({role})))
        for key, (user, name, role) in PEOPLE.items()
    }


NONE_APPLY = {name: False for name in CHECK_ITEMS}  # every 审查要点 answered 否


def answer_none_apply(ctx: AppContext, actor: Actor, sheet_id: int) -> SheetDetail:
    """The clerk answers every 审查要点 「否」 (issue 21: a new sheet starts with all of them unanswered)."""
    return ctx.reviews.answer_checks(actor, sheet_id, NONE_APPLY)


def sign_all(
    ctx: AppContext, signers: dict[str, Actor], sheet_id: int, conclusion: str = "同意公开"
) -> SheetDetail:
    """The points answered 否 if they are not yet, then every step agreed in order; the last concludes."""
    sheet = ctx.reviews.detail(sheet_id)
    if sheet.values.unanswered and not sheet.signoffs:
        sheet = answer_none_apply(ctx, signers["clerk"], sheet_id)
    for key in ("clerk", "head", "secrecy"):
        sheet = ctx.reviews.sign(signers[key], sheet_id, True, "未发现涉密内容")
    return ctx.reviews.sign(signers["leader"], sheet.id, True, "同意", conclusion)


def approve(
    ctx: AppContext, signers: dict[str, Actor], kind: str, item_id: int, conclusion: str = "同意公开"
) -> SheetDetail:
    """A sheet made from the item as it is now, signed through."""
    sheet = ctx.reviews.create(signers["clerk"], kind, item_id)
    return sign_all(ctx, signers, sheet.id, conclusion)
