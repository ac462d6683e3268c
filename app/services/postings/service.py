"""公开栏 postings: create/edit, 公示期, status 待张贴 → 张贴中 → 到期待撤 → 已撤除存档, photos, reminders.

RULES §6 (offline disclosure), §10 rule 30 (先审查、后公开: the gate before 张贴中) and rule 33 (not taken
down before the 公示期 ends unless a reason is recorded).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models import BoardLocation
from app.models.posting import Posting, PostingPhoto
from app.services.accounts.service import verify_actor
from app.services.alerts import Alert
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.common import SessionFactory, clock_for
from app.services.formats.chinese import cn_date
from app.services.permissions import Actor, Perm, require
from app.services.postings.alerts import ENTITY, posting_alerts
from app.services.postings.page import PostingContent
from app.services.postings.periods import Period, compute_period
from app.services.postings.photos import photo_taken_at
from app.services.postings.review import draft_content, printed_content
from app.services.postings.screen import refuse_personal_data
from app.services.postings.store import (
    apply_draft,
    audit_fields,
    board_id_of,
    board_names,
    filtered,
    load_row,
    photo_info,
    posting_info,
    row_draft,
    set_boards,
)
from app.services.postings.times import (
    POSTED_FIELD,
    refuse_before_approval,
    refuse_future,
    removal_moment,
    to_second,
)
from app.services.postings.types import (
    PhotoInfo,
    PhotoStage,
    PostingDraft,
    PostingFilter,
    PostingInfo,
    PostingRow,
    PostingStatus,
    clean_draft,
    clean_reason,
    effective_status,
)
from app.services.review.gate import require_approved_review, review_state
from app.services.review.kinds import ItemKind, ReviewState
from app.services.storage.attachments import AttachmentStore
from app.services.storage.record_versions import guard, touch
from app.services.workdays.service import CalendarService


def require_posting_clearance(session: Session, posting_id: int, posted_at: datetime) -> str:
    """THE GATE (RULES §10 rule 30): the approved 保密审查单 that allows posting, or UserFacingError."""
    return require_approved_review(session, ItemKind.POSTING, posting_id, posted_at).basis


class PostingService:
    def __init__(
        self, sessions: SessionFactory, calendar: CalendarService, attachments: AttachmentStore
    ) -> None:
        self._sessions, self._calendar, self._attachments = sessions, calendar, attachments
        self._clock = clock_for(sessions)

    # ---- reading ---------------------------------------------------------------------------------

    def period(self, draft: PostingDraft) -> Period:
        return compute_period(draft.preset, draft.period_start, self._calendar.calendar(), draft.custom_end)

    def preview(self, draft: PostingDraft, posting_id: int | None = None) -> PostingContent:
        """What the editor shows before saving (no database write); marked unless it is exactly the saved
        posting's text and that text is cleared (posting_review.py)."""
        clean = clean_draft(draft)
        with self._sessions() as session:
            return draft_content(session, posting_id, clean, self.period(clean))

    def get(self, posting_id: int, today: date | None = None) -> PostingInfo:
        with self._sessions() as session:
            return posting_info(session, load_row(session, posting_id), today or self._clock.today())

    def review(self, posting_id: int) -> ReviewState:
        """已通过 / 待审查 and why (the page shows it)."""
        with self._sessions() as session:
            return review_state(session, ItemKind.POSTING, posting_id)

    def content(self, posting_id: int) -> PostingContent:
        """What is printed: marked 「未经保密审查 不得张贴」 unless cleared (posting_review.py)."""
        with self._sessions() as session:
            return printed_content(session, posting_id, self._clock.today())

    def printable(self, posting_id: int) -> PostingContent:
        """`content`, refused if it holds personal data (打印, 批量打印, `posting pdf`)."""
        with self._sessions() as session:
            content = printed_content(session, posting_id, self._clock.today())
            refuse_personal_data(session, content, "打印张贴")
            return content

    def check_printable(self, content: PostingContent) -> None:
        """The editor's preview, before it is sent to the printer."""
        with self._sessions() as session:
            refuse_personal_data(session, content, "打印张贴")

    def boards(self) -> list[str]:
        with self._sessions() as session:
            rows = session.scalars(
                select(BoardLocation.name).where(BoardLocation.active).order_by(BoardLocation.sort_order)
            )
            return list(rows)

    def count(self, flt: PostingFilter) -> int:
        with self._sessions() as session:
            return session.scalar(filtered(select(func.count(Posting.id)), flt)) or 0

    def page(self, flt: PostingFilter, offset: int, limit: int, from_end: bool = False) -> list[PostingRow]:
        """Newest first; with `from_end` the offset counts back from the oldest (one indexed read)."""
        order = Posting.id.asc() if from_end else Posting.id.desc()
        with self._sessions() as session:
            query = filtered(select(Posting), flt).order_by(order).offset(offset).limit(limit)
            rows = list(session.scalars(query))
            if from_end:
                rows.reverse()
            names = board_names(session, [row.id for row in rows])
            return [
                PostingRow(
                    row.id,
                    row.title,
                    "、".join(names.get(row.id, [])),
                    row.period_start,
                    row.period_end,
                    effective_status(row.status, row.period_end, flt.today),
                    row.responsible,
                )
                for row in rows
            ]

    def due_on_board(self, board: str, today: date) -> list[int]:
        """批量打印: postings for this board that should go up by today (待张贴, 公示期 started or starts)."""
        with self._sessions() as session:
            query = filtered(select(Posting.id), PostingFilter(today, PostingStatus.WAITING, board))
            return list(
                session.scalars(query.where(Posting.period_start <= today).order_by(Posting.period_start))
            )

    # ---- writing ---------------------------------------------------------------------------------

    def create(self, actor: Actor, draft: PostingDraft) -> PostingInfo:
        require(actor, Perm.REGISTER)
        clean = clean_draft(draft)
        period = self.period(clean)
        with self._sessions.begin() as session:
            row = Posting(status=PostingStatus.WAITING.value, created_by=actor.account_id)
            apply_draft(session, row, clean, period)
            session.add(row)
            session.flush()
            set_boards(session, row.id, clean.boards)
            audit.record(
                session, actor, Action.CREATE, ENTITY, row.id, audit.diff({}, audit_fields(clean, period))
            )
            return posting_info(session, row, self._clock.today())

    def update(
        self, actor: Actor, posting_id: int, draft: PostingDraft, expected_version: int | None = None
    ) -> PostingInfo:
        require(actor, Perm.REGISTER)
        clean = clean_draft(draft)
        period = self.period(clean)
        with self._sessions.begin() as session:
            row = _locked(session, posting_id, expected_version)
            if row.status != PostingStatus.WAITING:
                raise UserFacingError(
                    "已经张贴的公告不能再修改内容（栏上贴的就是原来的版本）。"
                    "如需更正，请撤除后新建一件更正公告。"
                )
            before = audit_fields(row_draft(session, row), Period(row.period_start, row.period_end, ""))
            apply_draft(session, row, clean, period)
            set_boards(session, row.id, clean.boards)
            changes = audit.diff(before, audit_fields(clean, period))
            if changes:
                audit.record(session, actor, Action.UPDATE, ENTITY, row.id, changes)
            return posting_info(session, row, self._clock.today())

    def delete(self, actor: Actor, posting_id: int, expected_version: int | None = None) -> None:
        require(actor, Perm.REGISTER)
        with self._sessions.begin() as session:
            row = _locked(session, posting_id, expected_version)
            if row.status != PostingStatus.WAITING:
                raise UserFacingError("已张贴过的公告要留档备查，不能删除。")
            audit.record(session, actor, Action.DELETE, ENTITY, row.id, 标题=row.title)
            session.delete(row)

    def mark_posted(
        self, actor: Actor, posting_id: int, posted_at: datetime, expected_version: int | None = None
    ) -> PostingInfo:
        """待张贴 → 张贴中, only through the gate (its latest sheet approves exactly this text) and only by
        a real, active account."""
        with self._sessions.begin() as session:
            actor = verify_actor(session, actor, "登记张贴")
            require(actor, Perm.REGISTER)
            row = _locked(session, posting_id, expected_version)
            if row.status != PostingStatus.WAITING:
                raise UserFacingError(f"这件公告的状态是「{row.status}」，不能再次登记张贴。")
            posted_at = to_second(posted_at)  # kept to the second: see postings/times.py
            refuse_future(POSTED_FIELD, posted_at, self._clock.now())
            if posted_at.date() > row.period_start:
                raise UserFacingError(
                    f"公告上写的公示期从{cn_date(row.period_start)}开始，但张贴日期是{cn_date(posted_at.date())}，"
                    "实际公示时间会不足。请先在编辑区把「公示期」的「自」改为张贴当天并保存，"
                    "重新打印后再登记张贴。"
                )
            refuse_before_approval(session, row.id, posted_at)
            row.clearance = require_posting_clearance(session, row.id, posted_at)
            # a cleared text may still carry personal data (the review read it, the detector reads it all)
            refuse_personal_data(session, PostingContent(row.title, row.body, row.unit), "登记张贴")
            row.status, row.posted_at = PostingStatus.POSTED.value, posted_at
            audit.record(
                session,
                actor,
                Action.STATUS,
                ENTITY,
                row.id,
                {"状态": (PostingStatus.WAITING.value, PostingStatus.POSTED.value)},
                张贴时间=posted_at.isoformat(sep=" "),
                审查依据=row.clearance,
            )
            return posting_info(session, row, self._clock.today())

    def mark_removed(
        self,
        actor: Actor,
        posting_id: int,
        removed_at: date,
        reason: str = "",
        expected_version: int | None = None,
    ) -> PostingInfo:
        """RULES §10 rule 33: not before the 公示期 ends (its last day included) unless a reason is given.
        `removed_at` is a datetime from the dialog (a plain date is taken as that day); the row keeps the
        day, the audit entry the time."""
        require(actor, Perm.REGISTER)
        why = clean_reason(reason)
        with self._sessions.begin() as session:
            row = _locked(session, posting_id, expected_version)
            if row.status != PostingStatus.POSTED:
                raise UserFacingError(f"这件公告的状态是「{row.status}」，只有张贴中的公告才能登记撤除。")
            assert row.posted_at is not None
            removed_on, removed_text = removal_moment(removed_at, row.posted_at, self._clock.now())
            if removed_on <= row.period_end and not why:
                raise UserFacingError(
                    f"公示期到{cn_date(row.period_end)}才结束，现在撤除会使公示时间不足。"
                    "确需提前撤除（如内容有误、被覆盖损毁），请在「提前撤除原因」中填写原因。"
                )
            row.status, row.removed_on = PostingStatus.ARCHIVED.value, removed_on
            row.early_removal_reason = why if removed_on <= row.period_end else ""
            audit.record(
                session,
                actor,
                Action.STATUS,
                ENTITY,
                row.id,
                {"状态": (PostingStatus.POSTED.value, PostingStatus.ARCHIVED.value)},
                撤除时间=removed_text,
                提前撤除原因=row.early_removal_reason,
            )
            return posting_info(session, row, self._clock.today())

    def add_photo(
        self,
        actor: Actor,
        posting_id: int,
        stage: PhotoStage,
        source: Path,
        board: str | None = None,
        expected_version: int | None = None,
    ) -> PhotoInfo:
        """Stores the photo like an attachment; the date comes from EXIF when the camera wrote one."""
        require(actor, Perm.REGISTER)
        with self._sessions() as session:
            status = load_row(session, posting_id).status
        allowed = PostingStatus.ARCHIVED if stage is PhotoStage.REMOVED else None
        if status == PostingStatus.WAITING or (allowed and status != allowed):
            raise UserFacingError(f"「{stage}」照片要在登记{stage}之后添加（当前状态：{status}）。")
        taken = photo_taken_at(source)  # refuses non-images before anything is stored
        stored = self._attachments.add_file(source)
        with self._sessions.begin() as session:
            _locked(session, posting_id, expected_version)  # a photo is part of the record: bump it
            board_id = board_id_of(session, board) if board else None
            photo = PostingPhoto(
                posting_id=posting_id,
                attachment_id=stored.id,
                stage=stage.value,
                board_id=board_id,
                taken_at=taken or self._clock.now().replace(microsecond=0),
                taken_source="照片EXIF" if taken else "登记时间",
            )
            session.add(photo)
            session.flush()
            audit.record(
                session,
                actor,
                Action.CREATE,
                "张贴照片",
                photo.id,
                公告=posting_id,
                阶段=stage.value,
                文件=stored.original_name,
                拍摄时间=str(photo.taken_at),
            )
            return photo_info(session, photo)

    # ---- 工作台 ------------------------------------------------------------------------------------

    def alerts(self, today: date) -> list[Alert]:
        return posting_alerts(self._sessions, today)


def _locked(session: Session, posting_id: int, expected_version: int | None) -> Posting:
    """The row locked for this change, refused if the clerk's screen shows an older version (issue 14)."""
    row = session.get(Posting, posting_id, with_for_update=True)
    if row is None:
        return load_row(session, posting_id)  # the calm 「找不到」 message
    guard("postings", row, expected_version)
    touch(row)
    return row
