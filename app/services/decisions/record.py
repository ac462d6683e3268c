"""Builds one decision item's full-process record from its stage rows: the stage views, what is
missing, the 意见采纳情况反馈 due date and each stage's period note."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models import Attachment
from app.models.decision import DecisionItem, DecisionStage, DecisionStageAttachment, Stage
from app.services.decisions.stages import (
    BEFORE_PUBLICATION,
    AttachmentRef,
    StageInfo,
    StageRecord,
    check_periods,
    required_stages,
)
from app.services.decisions.types import ItemInfo, item_info
from app.services.settings import registry
from app.services.settings.service import SettingsService
from app.services.workdays.service import CalendarService


@dataclass(frozen=True)
class StageView:
    stage: Stage
    required: bool
    info: StageInfo | None
    note: str = ""  # e.g. 「征求意见 31 日」, 「应于 2025-10-20 前反馈」

    @property
    def done(self) -> bool:
        return self.info is not None and self.info.record.done_on is not None


@dataclass(frozen=True)
class ProcessRecord:
    item: ItemInfo
    stages: tuple[StageView, ...]
    missing: tuple[Stage, ...]  # required stages not yet recorded (before 公布; after it, 反馈 too)
    decision_date: date | None  # 集体讨论决定 date, else the 公布 date
    feedback_due: date | None
    feedback_problem: str  # e.g. the holiday arrangement of the year is missing

    def view(self, stage: Stage) -> StageView:
        return next(view for view in self.stages if view.stage is stage)

    @property
    def published(self) -> bool:
        return self.view(Stage.PUBLISH).done

    def missing_text(self) -> str:
        return "、".join(stage.value for stage in self.missing)


def record_of(row: DecisionStage) -> StageRecord:
    values = {f.name: getattr(row, f.name) for f in fields(StageRecord) if f.name != "stage"}
    return StageRecord(stage=Stage(row.stage), **values)


class ProcessRecordBuilder:
    """Reads an item's stages inside the caller's session; the calendar gives the statutory dates."""

    def __init__(self, settings: SettingsService, calendar: CalendarService) -> None:
        self._settings, self._calendar = settings, calendar

    def feedback_working_days(self) -> int:
        return self._settings.read(registry.FEEDBACK_WORKING_DAYS)

    def build(self, session: Session, item: DecisionItem, year: int) -> ProcessRecord:
        info = item_info(item, year)
        rows = {
            Stage(row.stage): row
            for row in session.scalars(select(DecisionStage).where(DecisionStage.item_id == item.id))
        }
        links = session.execute(
            select(DecisionStageAttachment.stage_id, Attachment)
            .join(Attachment, Attachment.id == DecisionStageAttachment.attachment_id)
            .where(DecisionStageAttachment.stage_id.in_([row.id for row in rows.values()]))
            .order_by(DecisionStageAttachment.id)
        ).all()
        required = required_stages(info.procedures)
        records = {stage: record_of(row) for stage, row in rows.items()}
        decision_date = _decision_date(records)
        due, problem = self._feedback_due(decision_date)
        views: list[StageView] = []
        for stage in Stage:
            row = rows.get(stage)
            stage_info = None
            if row is not None:
                refs = tuple(
                    AttachmentRef(a.id, a.original_name, a.sha256) for sid, a in links if sid == row.id
                )
                stage_info = StageInfo(records[stage], row.recorded_by, refs)
            views.append(
                StageView(stage, stage in required, stage_info, self._note(stage, records, due, problem))
            )
        done = {view.stage for view in views if view.done}
        missing = [stage for stage in required if stage in BEFORE_PUBLICATION and stage not in done]
        if Stage.PUBLISH in done and Stage.FEEDBACK in required and Stage.FEEDBACK not in done:
            missing.append(Stage.FEEDBACK)
        return ProcessRecord(info, tuple(views), tuple(missing), decision_date, due, problem)

    def _feedback_due(self, decision_date: date | None) -> tuple[date | None, str]:
        if decision_date is None:
            return None, ""
        try:
            return self._calendar.calendar().nth_working_day_after(
                decision_date, self.feedback_working_days()
            ), ""
        except UserFacingError as missing_year:
            return None, missing_year.message

    def _note(self, stage: Stage, records: dict[Stage, StageRecord], due: date | None, problem: str) -> str:
        record = records.get(stage)
        if stage is Stage.FEEDBACK and (record is None or record.done_on is None):
            if problem:
                return problem
            return f"应于 {due.isoformat()} 前反馈" if due else ""
        if stage is Stage.FEEDBACK and record is not None and due and record.done_on and record.done_on > due:
            return f"逾期反馈（期限 {due.isoformat()}）"
        if record is None:
            return ""
        try:
            return check_periods(record, self._calendar.calendar())
        except UserFacingError:
            return ""


def _decision_date(records: dict[Stage, StageRecord]) -> date | None:
    for stage in (Stage.MEETING, Stage.PUBLISH):
        record = records.get(stage)
        if record is not None and record.done_on is not None:
            return record.done_on
    return None
