"""Each decision's full-process record (全过程记录, 713号令 art. 33): recording stages, their order and files.

The record itself (stage views, what is missing, the feedback due date) is built in decision_record.py.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models import Attachment
from app.models.decision import DecisionDirectory, DecisionItem, DecisionStage, DecisionStageAttachment, Stage
from app.services.accounts.service import verify_actor
from app.services.alerts import Alert
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.common import SessionFactory, clock_for
from app.services.decisions.gate import FEEDBACK_KIND, RESULT_KIND, publish_time, require_publication_review
from app.services.decisions.record import ProcessRecord, ProcessRecordBuilder, record_of
from app.services.decisions.stages import (
    AFTER_PUBLICATION,
    StageRecord,
    check_periods,
    clean_record,
    record_fields,
)
from app.services.decisions.types import DirectoryStatus, ItemStatus
from app.services.permissions import Actor, Perm, require
from app.services.settings import registry
from app.services.settings.service import SettingsService
from app.services.storage.attachments import AttachmentStore
from app.services.workdays.calendar import WorkCalendar
from app.services.workdays.service import CalendarService

STAGE_ENTITY = "决策过程"


class DecisionProcessService:
    def __init__(
        self,
        sessions: SessionFactory,
        settings: SettingsService,
        calendar: CalendarService,
        attachments: AttachmentStore,
    ) -> None:
        self._sessions, self._settings = sessions, settings
        self._clock = clock_for(sessions)
        self._calendar, self._attachments = calendar, attachments
        self._builder = ProcessRecordBuilder(settings, calendar)

    def feedback_working_days(self) -> int:
        return self._builder.feedback_working_days()

    # ---- reading ------------------------------------------------------------------------------

    def record(self, item_id: int) -> ProcessRecord:
        with self._sessions() as session:
            item, directory = _item(session, item_id)
            return self._build(session, item, directory.year)

    def _build(self, session: Session, item: DecisionItem, year: int) -> ProcessRecord:
        return self._builder.build(session, item, year)

    # ---- recording ----------------------------------------------------------------------------

    def save_stage(
        self,
        actor: Actor,
        item_id: int,
        record: StageRecord,
        today: date | None = None,
        now: datetime | None = None,
        expected_version: int | None = None,
    ) -> ProcessRecord:
        """Record or correct one stage; the statutory checks and the 保密审查 gate run first.

        `expected_version` is the item's (record.item.version): the stages move the item's version.
        """
        from app.services.decisions.adjust import locked_item

        require(actor, Perm.REGISTER)
        clean = clean_record(record)
        today = today or self._clock.today()
        for name in ("started_on", "done_on"):
            value = getattr(clean, name)
            if value is not None and value > today:
                raise UserFacingError(f"日期 {value.isoformat()} 晚于今天，过程记录只登记已经发生的事。")
        check_periods(clean, self._calendar.calendar())
        with self._sessions.begin() as session:
            if clean.stage in (Stage.PUBLISH, Stage.FEEDBACK):  # a publication: only a real, active account
                actor = verify_actor(session, actor, f"登记{clean.stage.value}")
                require(actor, Perm.REGISTER)
            item, directory = locked_item(session, item_id, expected_version)
            if item.status != ItemStatus.ACTIVE:
                raise UserFacingError(f"「{item.name}」已从目录中撤销，不能再登记决策过程。")
            current = self._build(session, item, directory.year)
            self._check_order(session, current, clean, directory, now)
            row = session.scalar(
                select(DecisionStage).where(
                    DecisionStage.item_id == item.id, DecisionStage.stage == clean.stage.value
                )
            )
            before = record_fields(record_of(row)) if row is not None else {}
            if row is None:
                row = DecisionStage(item_id=item.id, stage=clean.stage.value)
                session.add(row)
            for f in fields(StageRecord):
                if f.name != "stage":
                    setattr(row, f.name, getattr(clean, f.name))
            row.recorded_by = actor.display_name
            session.flush()
            changes = audit.diff(before, record_fields(clean))
            action = Action.UPDATE if before else Action.CREATE
            audit.record(
                session, actor, action, STAGE_ENTITY, item.id, changes, 阶段=clean.stage.value, 事项=item.name
            )
            return self._build(session, item, directory.year)

    def _check_order(
        self,
        session: Session,
        current: ProcessRecord,
        record: StageRecord,
        directory: DecisionDirectory,
        now: datetime | None,
    ) -> None:
        stage, when = record.stage, record.done_on
        assert when is not None  # clean_record requires it
        start = current.view(Stage.START)
        if stage is not Stage.START:
            if not start.done or start.info is None:
                raise UserFacingError("请先登记「决策启动」，再登记后面的环节。")
            started = start.info.record.done_on
            first = record.started_on or when
            if started is not None and first < started:
                raise UserFacingError(
                    f"{stage.value}的日期早于决策启动日期 {started.isoformat()}，请检查日期。"
                )
        if stage is Stage.MEETING:
            legality = current.view(Stage.LEGALITY)
            opinion = legality.info.record.done_on if legality.info else None
            if opinion is None or opinion > when:
                raise UserFacingError(
                    "集体讨论决定前须先取得合法性审查意见（重大行政决策程序暂行条例第二十五条：未经合法性审查的"
                    "决策草案不能提交讨论）。请先登记「合法性审查」。"
                )
        if stage is Stage.PUBLISH:
            if directory.status != DirectoryStatus.PUBLISHED:
                raise UserFacingError(
                    f"{directory.year}年决策事项目录尚未公布，请先公布目录，再公布决策结果。"
                )
            if current.missing:
                raise UserFacingError(
                    f"「{current.item.name}」还缺少必经环节：{current.missing_text()}。补齐后才能登记决策公布。"
                )
            meeting = current.view(Stage.MEETING)
            met = meeting.info.record.done_on if meeting.info else None
            if met is not None and when < met:
                raise UserFacingError(f"公布日期早于集体讨论决定日期 {met.isoformat()}，请检查日期。")
            require_publication_review(
                session, RESULT_KIND, current.item.id, publish_time(when, now or self._clock.now())
            )
        if stage in AFTER_PUBLICATION:
            published = current.view(Stage.PUBLISH)
            if not published.done or published.info is None:
                raise UserFacingError(f"决策公布后才能登记「{stage.value}」，请先登记「决策公布」。")
            if published.info.record.done_on and when < published.info.record.done_on:
                raise UserFacingError(f"{stage.value}的日期早于决策公布日期，请检查日期。")
            if stage is Stage.FEEDBACK:
                require_publication_review(
                    session, FEEDBACK_KIND, current.item.id, publish_time(when, now or self._clock.now())
                )

    def attach_file(
        self, actor: Actor, item_id: int, stage: Stage, path: Path, expected_version: int | None = None
    ) -> ProcessRecord:
        """Store a file (会议纪要, 审查意见书…) and link it to a recorded stage (once: twice is refused)."""
        from app.services.decisions.adjust import locked_item

        require(actor, Perm.REGISTER)
        with self._sessions() as session:
            if self._stage_row(session, item_id, stage) is None:
                raise UserFacingError(f"请先保存「{stage.value}」的记录，再添加附件。")
        stored = self._attachments.add_file(path)
        with self._sessions.begin() as session:
            item, directory = locked_item(session, item_id, expected_version)
            row = self._stage_row(session, item_id, stage)
            assert row is not None
            linked = (  # the same content, whichever attachment row the store gave it
                select(DecisionStageAttachment.id)
                .join(Attachment, Attachment.id == DecisionStageAttachment.attachment_id)
                .where(DecisionStageAttachment.stage_id == row.id, Attachment.sha256 == stored.sha256)
            )
            if session.scalar(linked) is not None:
                raise UserFacingError(f"这个文件已经附在本环节（「{stage.value}」），无需重复添加。")
            session.add(DecisionStageAttachment(stage_id=row.id, attachment_id=stored.id))
            audit.record(
                session,
                actor,
                Action.UPDATE,
                STAGE_ENTITY,
                item_id,
                阶段=stage.value,
                附件=stored.original_name,
            )
            session.flush()  # the record shows the item's new version
            return self._build(session, item, directory.year)

    def remove_attachment(
        self,
        actor: Actor,
        item_id: int,
        stage: Stage,
        attachment_id: int,
        expected_version: int | None = None,
    ) -> ProcessRecord:
        """Unlink a file from the stage (the stored copy stays: other records may share it)."""
        from app.services.decisions.adjust import locked_item

        require(actor, Perm.REGISTER)
        with self._sessions.begin() as session:
            item, directory = locked_item(session, item_id, expected_version)
            row = self._stage_row(session, item_id, stage)
            link = (
                None
                if row is None
                else session.scalar(
                    select(DecisionStageAttachment).where(
                        DecisionStageAttachment.stage_id == row.id,
                        DecisionStageAttachment.attachment_id == attachment_id,
                    )
                )
            )
            stored = session.get(Attachment, attachment_id)
            if link is None or stored is None:
                raise UserFacingError("这个附件已不在此环节中，请刷新后再试。")
            session.delete(link)
            audit.record(
                session,
                actor,
                Action.DELETE,
                STAGE_ENTITY,
                item_id,
                阶段=stage.value,
                附件=stored.original_name,
            )
            session.flush()  # the record shows the item's new version
            return self._build(session, item, directory.year)

    def attachment_path(self, sha256: str) -> Path:
        return self._attachments.path_of(sha256)

    def _stage_row(self, session: Session, item_id: int, stage: Stage) -> DecisionStage | None:
        return session.scalar(
            select(DecisionStage).where(DecisionStage.item_id == item_id, DecisionStage.stage == stage.value)
        )

    # ---- alerts -------------------------------------------------------------------------------

    def records(self, years: list[int]) -> list[ProcessRecord]:
        """Every active item of the given years (a directory holds tens of items, not thousands)."""
        with self._sessions() as session:
            rows = session.execute(
                select(DecisionItem, DecisionDirectory.year)
                .join(DecisionDirectory, DecisionDirectory.id == DecisionItem.directory_id)
                .where(DecisionDirectory.year.in_(years), DecisionItem.status == ItemStatus.ACTIVE.value)
                .order_by(DecisionDirectory.year, DecisionItem.seq)
            ).all()
            return [self._build(session, item, year) for item, year in rows]

    def alerts(self, today: date, years: list[int]) -> list[Alert]:
        from app.services.decisions.alerts import process_alerts

        warn = self._settings.read(registry.WARNING_WORKING_DAYS)
        calendar: WorkCalendar = self._calendar.calendar()
        return [
            alert for record in self.records(years) for alert in process_alerts(record, today, calendar, warn)
        ]


def _item(session: Session, item_id: int) -> tuple[DecisionItem, DecisionDirectory]:
    row = session.get(DecisionItem, item_id)
    if row is None:
        raise UserFacingError("找不到这个决策事项，可能已被删除，请刷新列表。")
    directory = session.get(DecisionDirectory, row.directory_id)
    assert directory is not None  # foreign key
    return row, directory
