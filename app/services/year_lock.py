"""A published annual report locks its year: cases closed in it stay as reported (issue 9).

Kept apart from the report service so the request steps can call it without importing the report.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.annual_report import AnnualReport
from app.services.audit.chain import Action, record
from app.services.permissions import Actor, Role

PUBLISHED = "已公布"
DRAFT = "编制中"
ENTITY = "年度报告"
MAX_REASON = 500


def is_year_locked(session: Session, year: int) -> bool:
    status = session.scalar(select(AnnualReport.status).where(AnnualReport.year == year))
    return status == PUBLISHED


def require_year_unlocked(session: Session, actor: Actor, year: int, reason: str = "") -> None:
    """Refuse a change to a case closed in a published year, unless a 管理员 gives a reason (audited).

    Called inside the caller's transaction, so the audit entry commits together with the change.
    """
    if not is_year_locked(session, year):
        return
    why = reason.strip()
    if Role.ADMIN not in actor.roles:
        raise UserFacingError(
            f"{year}年度报告已公布，该年度办结的申请已锁定，不能再修改。"
            "确需更正的，请由管理员填写原因后操作。"
        )
    if not why:
        raise UserFacingError(f"{year}年度报告已公布，修改该年度办结的申请须填写原因（将记入操作日志）。")
    if len(why) > MAX_REASON:
        raise UserFacingError(f"原因太长，请控制在 {MAX_REASON} 个字以内。")
    record(session, actor, Action.UPDATE, ENTITY, year, 锁定年度修改=True, 原因=why)
