"""Applicants' 身份证号 and phone numbers: masked unless a permitted account asks, and that is logged."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.models import OfficeProfile
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.common import SessionFactory
from app.services.permissions import Actor, Perm, require
from app.services.privacy.detector import NOTHING_ALLOWED, AllowList, Masker, masker

MASK = "*"


def mask_id_number(value: str) -> str:
    """「310101199001011234」 → 「3101**********1234」: keep the region prefix and the last four."""
    text = value.strip()
    if len(text) <= 8:
        return MASK * len(text)
    return text[:4] + MASK * (len(text) - 8) + text[-4:]


def mask_phone(value: str) -> str:
    """「13812345678」 → 「138****5678」; landlines keep the area code and the last four digits."""
    text = value.strip()
    if len(text) <= 7:
        return text[:1] + MASK * max(len(text) - 1, 0)
    return text[:3] + MASK * (len(text) - 7) + text[-4:]


def reveal(
    sessions: SessionFactory, actor: Actor, entity: str, entity_id: object, field: str, value: str
) -> str:
    """The full value for a form that needs it; refused without the right, and always audited."""
    require(actor, Perm.UNMASK_PERSONAL_DATA)
    with sessions.begin() as session:
        audit.record(session, actor, Action.UNMASK, entity, entity_id, field=field)
    return value


def office_allow(session: Session) -> AllowList:
    """The office's own published 联系电话 and 地址 (设置 → 单位信息): public, never masked."""
    office = session.get(OfficeProfile, 1)
    return AllowList.of(office.phone, office.address) if office else NOTHING_ALLOWED


def unchanged(text: str) -> str:
    return text


def masker_for(actor: Actor, allow: AllowList) -> Masker:
    """How an exported ledger shows personal data to `actor`: in full only for the role that may see it
    (「查看完整身份证号和电话」), masked by the one detector for everyone else."""
    return unchanged if actor.can(Perm.UNMASK_PERSONAL_DATA) else masker(allow)


def shown(actor: Actor) -> str:
    """The audit log's note of what an export showed."""
    return "完整" if actor.can(Perm.UNMASK_PERSONAL_DATA) else "已遮盖"
