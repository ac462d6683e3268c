"""Applicants' 身份证号 and phone numbers: masked unless a permitted account asks, and that is logged."""

from __future__ import annotations

from app.services import audit
from app.services.audit import Action
from app.services.common import SessionFactory
from app.services.permissions import Actor, Perm, require

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
