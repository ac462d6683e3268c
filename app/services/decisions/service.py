"""重大行政决策事项目录: the yearly directory, its publication and its dynamic adjustments (RULES §4.1).

编制中: items are edited freely (每次修改留痕). 已公布: the directory changes only through 增补 / 调整 / 撤销,
each with a date and a reason, kept as the directory's history (713号令 art. 3 ¶3 「根据实际情况调整」).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.decision import DecisionAdjustment, DecisionDirectory, DecisionItem, DecisionStage
from app.services.accounts.service import verify_actor
from app.services.alerts import Alert
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.common import IsCancelled, Progress, SessionFactory, clock_for, never_cancelled, no_progress
from app.services.decisions import adjust, publication
from app.services.decisions.imports import DecisionImporter
from app.services.decisions.process import DecisionProcessService
from app.services.decisions.publication import DIRECTORY_ENTITY
from app.services.decisions.types import (
    AdjustmentInfo,
    AdjustmentKind,
    DirectoryInfo,
    DirectoryStatus,
    ItemDraft,
    ItemInfo,
    adjustment_info,
    apply_draft,
    check_year,
    clean_draft,
    clean_reason,
    directory_info,
    draft_fields,
    item_info,
)
from app.services.permissions import Actor, Perm, require
from app.services.review.gate import review_state
from app.services.review.kinds import ItemKind
from app.services.settings import registry
from app.services.settings.service import SettingsService
from app.services.storage.attachments import AttachmentStore
from app.services.workdays.service import CalendarService

ITEM_ENTITY = adjust.ITEM_ENTITY


class DecisionService:
    """The directory; `process` is the per-item full-process record (app/services/decision_process.py)."""

    def __init__(
        self,
        sessions: SessionFactory,
        settings: SettingsService,
        calendar: CalendarService,
        attachments: AttachmentStore,
    ) -> None:
        self._sessions, self._settings, self._clock = sessions, settings, clock_for(sessions)
        self.process = DecisionProcessService(sessions, settings, calendar, attachments)
        self.imports = DecisionImporter(sessions)  # `import decisions FILE.xlsx` and the page's 导入

    # ---- reading ------------------------------------------------------------------------------

    def directory_due(self, year: int) -> date:
        """Publication due date: setting decision.directory_due (月-日, default 03-31, RULES §4.1)."""
        return self._settings.day_in(registry.DIRECTORY_DUE, year)

    def years(self) -> list[int]:
        with self._sessions() as session:
            return list(session.scalars(select(DecisionDirectory.year).order_by(DecisionDirectory.year)))

    def directory(self, year: int) -> DirectoryInfo | None:
        with self._sessions() as session:
            row = session.scalar(select(DecisionDirectory).where(DecisionDirectory.year == year))
            return None if row is None else self._info(session, row)

    def item(self, item_id: int) -> ItemInfo:
        with self._sessions() as session:
            row, directory = adjust.item_of(session, item_id)
            return item_info(row, directory.year)

    def hearing_items(self, year: int) -> list[ItemInfo]:
        """听证事项目录: the year's active items whose procedure includes a 听证会 (arts. 16–17)."""
        info = self.directory(year)
        return [] if info is None else [item for item in info.active_items if item.procedures.hearing]

    def adjustments(self, year: int) -> list[AdjustmentInfo]:
        with self._sessions() as session:
            rows = session.execute(
                select(DecisionAdjustment, DecisionItem)
                .join(DecisionItem, DecisionItem.id == DecisionAdjustment.item_id)
                .join(DecisionDirectory, DecisionDirectory.id == DecisionAdjustment.directory_id)
                .where(DecisionDirectory.year == year)
                .order_by(DecisionAdjustment.adjusted_on, DecisionAdjustment.id)
            ).all()
            return [adjustment_info(adjustment, item) for adjustment, item in rows]

    # ---- 编制中 ---------------------------------------------------------------------------------

    def create_directory(self, actor: Actor, year: int) -> DirectoryInfo:
        require(actor, Perm.REGISTER)
        check_year(year)
        with self._sessions.begin() as session:
            if session.scalar(select(DecisionDirectory.id).where(DecisionDirectory.year == year)):
                raise UserFacingError(f"{year}年的决策事项目录已经存在，请在列表中选择它继续编辑。")
            row = DecisionDirectory(year=year, status=DirectoryStatus.DRAFT.value, doc_number="")
            session.add(row)
            session.flush()
            audit.record(session, actor, Action.CREATE, DIRECTORY_ENTITY, row.id, 年度=year)
            return self._info(session, row)

    def add_item(self, actor: Actor, year: int, draft: ItemDraft) -> ItemInfo:
        require(actor, Perm.REGISTER)
        with self._sessions.begin() as session:
            directory = publication.draft_directory(session, year, "增补")
            row = adjust.insert_item(session, directory, clean_draft(draft, year))
            audit.record(
                session,
                actor,
                Action.CREATE,
                ITEM_ENTITY,
                row.id,
                audit.diff({}, draft_fields(adjust.row_draft(row))),
            )
            return item_info(row, year)

    def update_item(
        self, actor: Actor, item_id: int, draft: ItemDraft, expected_version: int | None = None
    ) -> ItemInfo:
        require(actor, Perm.REGISTER)
        with self._sessions.begin() as session:
            row, directory = adjust.locked_item(session, item_id, expected_version)
            if directory.status != DirectoryStatus.DRAFT:
                raise UserFacingError(
                    f"{directory.year}年目录已公布，不能直接修改。请使用「调整」，并填写调整日期和理由。"
                )
            clean = clean_draft(draft, directory.year)
            adjust.refuse_duplicate(session, directory.id, clean.name, row.id)
            before = draft_fields(adjust.row_draft(row))
            apply_draft(row, clean)
            audit.record(
                session, actor, Action.UPDATE, ITEM_ENTITY, row.id, audit.diff(before, draft_fields(clean))
            )
            session.flush()  # the returned version is the new one
            return item_info(row, directory.year)

    def delete_item(self, actor: Actor, item_id: int, expected_version: int | None = None) -> None:
        """Only while 编制中 and before any procedure was recorded; later numbers move up."""
        require(actor, Perm.REGISTER)
        with self._sessions.begin() as session:
            row, directory = adjust.locked_item(session, item_id, expected_version)
            if directory.status != DirectoryStatus.DRAFT:
                raise UserFacingError("目录已公布，事项不能删除。如不再实施，请使用「撤销」并填写理由。")
            if session.scalar(select(DecisionStage.id).where(DecisionStage.item_id == row.id).limit(1)):
                raise UserFacingError(f"「{row.name}」已有决策过程记录，不能删除。")
            before = draft_fields(adjust.row_draft(row))
            seq = row.seq
            session.delete(row)
            session.flush()
            later = session.scalars(
                select(DecisionItem)
                .where(DecisionItem.directory_id == directory.id, DecisionItem.seq > seq)
                .order_by(DecisionItem.seq)
            )
            for other in later:
                other.seq -= 1
                session.flush()  # one at a time: (directory_id, seq) is unique
            audit.record(session, actor, Action.DELETE, ITEM_ENTITY, item_id, audit.diff(before, {}))

    def publish_directory(
        self, actor: Actor, year: int, published_on: date, doc_number: str = "", now: datetime | None = None
    ) -> DirectoryInfo:
        """编制中 → 已公布, after the 保密审查 gate (its latest sheet approves exactly this item list), by a
        real, active account only; the directory needs at least one item."""
        require(actor, Perm.REGISTER)
        doc_number = publication.clean_doc_number(year, published_on, doc_number)
        with self._sessions.begin() as session:
            actor = verify_actor(session, actor, "公布决策事项目录")
            require(actor, Perm.REGISTER)
            directory = publication.publish(session, actor, year, published_on, doc_number, now)
            return self._info(session, directory)

    def register_past_publication(
        self,
        actor: Actor,
        year: int,
        published_on: date,
        doc_number: str,
        note: str,
        today: date | None = None,
    ) -> DirectoryInfo:
        """A directory the office published before using this program (its review is on paper).

        Like the document import's 「导入前已审查」: 管理员 only, a past date, the 文号 and a note saying
        where the paper review is kept; audited as an import. New publications always go through the gate.
        """
        require(actor, Perm.EDIT_OFFICE)
        doc_number, note = publication.clean_past_publication(
            year, published_on, doc_number, note, today or self._clock.today()
        )
        with self._sessions.begin() as session:
            directory = publication.register_past(session, actor, year, published_on, doc_number, note)
            return self._info(session, directory)

    # ---- 已公布: 动态调整 -------------------------------------------------------------------------

    def add_by_adjustment(self, actor: Actor, year: int, draft: ItemDraft, on: date, reason: str) -> ItemInfo:
        """增补 an item to a published directory."""
        require(actor, Perm.REGISTER)
        why = clean_reason(reason, AdjustmentKind.ADD)
        with self._sessions.begin() as session:
            return adjust.add_by_adjustment(session, actor, year, draft, on, why)

    def adjust_item(
        self,
        actor: Actor,
        item_id: int,
        draft: ItemDraft,
        on: date,
        reason: str,
        expected_version: int | None = None,
    ) -> ItemInfo:
        """调整 a published item; the changed fields are kept in the history."""
        require(actor, Perm.REGISTER)
        why = clean_reason(reason, AdjustmentKind.CHANGE)
        with self._sessions.begin() as session:
            return adjust.adjust_item(session, actor, item_id, draft, on, why, expected_version)

    def withdraw_item(
        self, actor: Actor, item_id: int, on: date, reason: str, expected_version: int | None = None
    ) -> ItemInfo:
        """撤销: the item stays in the history, marked 已撤销, and leaves the published table."""
        require(actor, Perm.REGISTER)
        why = clean_reason(reason, AdjustmentKind.WITHDRAW)
        with self._sessions.begin() as session:
            return adjust.withdraw_item(session, actor, item_id, on, why, expected_version)

    # ---- outputs and alerts ---------------------------------------------------------------------

    def export_docx(self, actor: Actor, year: int, path: Path) -> Path:
        from app.services.decisions.export import write_directory_docx

        info = self._existing(year)
        office = self._settings.office()
        write_directory_docx(
            info, self.adjustments(year), office.name if office else "", path, self._clock.today()
        )
        self._note_export(actor, info, path)
        return path

    def export_xlsx(
        self,
        actor: Actor,
        year: int,
        path: Path,
        progress: Progress = no_progress,
        is_cancelled: IsCancelled = never_cancelled,
    ) -> int:
        from app.services.decisions.export import write_directory_xlsx

        info = self._existing(year)
        count = write_directory_xlsx(info, path, progress, is_cancelled)
        self._note_export(actor, info, path, 台账="决策事项目录", count=count)  # issue 21: how many rows
        return count

    def alerts(self, today: date) -> list[Alert]:
        from app.services.decisions.alerts import directory_alerts

        years = self.years()
        current = self.directory(today.year)
        result = directory_alerts(current, today, self.directory_due(today.year))
        result += self.process.alerts(today, [year for year in years if year >= today.year - 1])
        return result

    # ---- helpers --------------------------------------------------------------------------------

    def _info(self, session: Session, row: DecisionDirectory) -> DirectoryInfo:
        items = list(session.scalars(select(DecisionItem).where(DecisionItem.directory_id == row.id)))
        review = review_state(session, ItemKind.DECISION_DIRECTORY, row.id)
        return directory_info(row, items, self.directory_due(row.year), (review.label.value, review.reason))

    def _existing(self, year: int) -> DirectoryInfo:
        info = self.directory(year)
        if info is None:
            raise UserFacingError(f"还没有{year}年的决策事项目录，请先新建目录。")
        return info

    def _note_export(self, actor: Actor, info: DirectoryInfo, path: Path, **more: Any) -> None:
        with self._sessions.begin() as session:
            where: dict[str, Any] = {"年度": info.year, "file": str(path), **more}
            audit.record(session, actor, Action.EXPORT, DIRECTORY_ENTITY, info.id, None, **where)
