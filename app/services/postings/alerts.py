"""公开栏 reminders for the 工作台: 待张贴, 到期待撤, 待拍照 (split from postings.py)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.models.posting import Posting
from app.services.alerts import Alert, Urgency
from app.services.common import SessionFactory
from app.services.formats.chinese import cn_date
from app.services.postings.store import has_photo
from app.services.postings.types import PhotoStage, PostingStatus

ENTITY = "公开栏张贴"
PAGE = "boards"
ARCHIVE_PHOTO_REMINDER_DAYS = 30  # after this a missing removal photo is no longer chased on the 工作台


def posting_alerts(sessions: SessionFactory, today: date) -> list[Alert]:
    alerts: list[Alert] = []
    with sessions() as session:
        waiting = select(Posting).where(
            Posting.status == PostingStatus.WAITING, Posting.period_start <= today + timedelta(days=1)
        )
        for row in session.scalars(waiting.order_by(Posting.period_start)):
            urgency = (
                Urgency.OVERDUE
                if row.period_start < today
                else Urgency.DUE_SOON
                if row.period_start == today
                else Urgency.WAITING
            )
            alerts.append(
                _alert(
                    row,
                    urgency,
                    f"待张贴：{row.title}",
                    f"公示期从{cn_date(row.period_start)}开始，请审查通过后打印张贴。",
                    row.period_start,
                )
            )
        posted = select(Posting).where(Posting.status == PostingStatus.POSTED)
        for row in session.scalars(posted.order_by(Posting.period_end)):
            if row.period_end < today:
                alerts.append(
                    _alert(
                        row,
                        Urgency.DUE_SOON,
                        f"到期待撤：{row.title}",
                        f"公示期已于{cn_date(row.period_end)}结束，请撤除并拍照存档。",
                        row.period_end + timedelta(days=1),
                    )
                )
            if not has_photo(session, row.id, PhotoStage.POSTED):
                alerts.append(
                    _alert(
                        row,
                        Urgency.WAITING,
                        f"待拍照：{row.title}",
                        "已张贴但还没有张贴照片，请拍照存档（上墙上栏照片）。",
                        None,
                    )
                )
        recent = today - timedelta(days=ARCHIVE_PHOTO_REMINDER_DAYS)
        archived = select(Posting).where(
            Posting.status == PostingStatus.ARCHIVED, Posting.removed_on >= recent
        )
        for row in session.scalars(archived):
            if not has_photo(session, row.id, PhotoStage.REMOVED):
                alerts.append(
                    _alert(
                        row,
                        Urgency.WAITING,
                        f"待拍照：{row.title}",
                        "已撤除但还没有撤除照片，请补充撤除后的照片存档。",
                        None,
                    )
                )
    return alerts


def _alert(row: Posting, urgency: Urgency, title: str, detail: str, due: date | None) -> Alert:
    return Alert(urgency, title, detail, PAGE, ENTITY, str(row.id), due)
