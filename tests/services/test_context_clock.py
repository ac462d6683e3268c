"""Issue 18: every stamp a unit of work writes comes from the context's clock, not the machine's."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app.clock import SetClock
from app.models.audit import AuditEntry
from app.models.document import Document
from app.models.request import RequestEvent
from app.services.context import AppContext
from app.services.permissions import Actor
from tests.services.documents.test_documents import _doc
from tests.services.request_support import registration


def test_rows_audit_and_timeline_are_dated_by_the_context_clock(office_ctx: AppContext, admin: Actor) -> None:
    clock = office_ctx.clock
    assert isinstance(clock, SetClock)
    clock.set(datetime(2029, 12, 31, 23, 59, 0))  # a year whose holiday notice is not loaded
    office_ctx.documents.create(admin, _doc())
    office_ctx.requests.register(admin, registration(clock.today()))
    with office_ctx.sessions() as session:
        document = session.scalars(select(Document)).one()
        event = session.scalars(select(RequestEvent)).first()
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert event is not None and last is not None
    for stamp in (
        document.created_at,
        document.updated_at,
        event.recorded_at,
        datetime.fromisoformat(last.at),
    ):
        assert datetime(2029, 12, 31, 23, 59) <= stamp < datetime(2030, 1, 1, 0, 1), stamp
    clock.set(datetime(2030, 1, 1, 8, 0))
    office_ctx.documents.update(
        admin, document.id, _doc("关于做好2030年春耕生产工作的通知"), document.version
    )
    with office_ctx.sessions() as session:
        changed = session.get(Document, document.id)
    assert changed is not None and changed.updated_at.date() == datetime(2030, 1, 1).date()
    assert changed.created_at == document.created_at
