"""公文 reminders for the 工作台: 主动公开 overdue or due soon, and withheld items due for periodic review."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.errors import UserFacingError
from app.models.document import Document
from app.services.alerts import Alert, Urgency
from app.services.common import SessionFactory
from app.services.documents.rows import ENTITY
from app.services.documents.rules import PROACTIVE, publish_due
from app.services.settings import registry
from app.services.workdays.service import CalendarService


def document_alerts(sessions: SessionFactory, calendar_service: CalendarService, today: date) -> list[Alert]:
    alerts: list[Alert] = []
    with sessions() as session:
        default_limit = registry.PUBLISH_WORKING_DAYS.read(session)
        warning = registry.WARNING_WORKING_DAYS.read(session)
        pending = list(
            session.scalars(
                select(Document).where(
                    Document.disclosure == PROACTIVE,
                    Document.published_at.is_(None),
                    Document.written_on.is_not(None),
                    Document.voided_at.is_(None),
                )
            )
        )
        reviews = list(
            session.scalars(
                select(Document).where(
                    Document.next_review_on.is_not(None),
                    Document.next_review_on <= today,
                    Document.voided_at.is_(None),
                )
            )
        )
    calendar = calendar_service.calendar()
    for row in pending:
        try:
            due = publish_due(
                calendar, row.written_on, row.changed_on, row.publish_limit_days or default_limit
            )
        except UserFacingError:
            continue
        if due is None:
            continue
        name = row.doc_number or row.title[:20]
        if due < today:
            alerts.append(
                Alert(Urgency.OVERDUE, f"{name} 主动公开已逾期", f"应于 {due} 前公开（条例第二十六条）",
                      "documents", ENTITY, str(row.id), due)
            )  # fmt: skip
        elif calendar.working_days_between(today, due) <= warning:
            alerts.append(
                Alert(Urgency.DUE_SOON, f"{name} 应于 {due} 前主动公开", row.title, "documents",
                      ENTITY, str(row.id), due)
            )  # fmt: skip
    for row in reviews:
        alerts.append(
            Alert(Urgency.REMINDER, f"{row.doc_number or row.title[:20]} 需定期评估公开属性",
                  f"当前为「{row.disclosure}」（条例第十八条）", "documents", ENTITY, str(row.id),
                  row.next_review_on)
        )  # fmt: skip
    return alerts
