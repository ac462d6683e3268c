"""村（居）务公开 (issue 23 part E): the villages and communities as units, and each village's posting of a
村级 catalogue item for one period, as the town checked it on the village's 公示栏.

RULES §6: 村民委员会组织法 art. 30 (一般事项至少每季度公布一次，财务收支每月公布一次); 山东省村务公开条例
(「建立村务公开档案」: the posting date, photo and who checked it are that archive).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models import BoardLocation
from app.models.catalogue import VILLAGE_KINDS, CatalogueItem, Village, VillagePosting
from app.services.accounts.service import verify_actor
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.catalogue.due import period_slots
from app.services.catalogue.rules import describe, rule_from_json
from app.services.catalogue.types import PeriodSlot, RuleKind
from app.services.catalogue.villages_store import (
    MAX_CHECKER,
    VillagePostingRow,
    VillageRow,
    audit_fields,
    board_id,
    clean_name,
    find_posting,
    item_title,
    load_village,
    load_village_item,
    posting_row,
    refuse_taken,
    village_row,
)
from app.services.catalogue.villages_summary import VillageQuarterTable, build_quarter_table
from app.services.catalogue.villages_xlsx import write_quarter_xlsx
from app.services.common import SessionFactory, clock_for
from app.services.formats.chinese import cn_date
from app.services.permissions import Actor, Perm, require
from app.services.postings.photos import photo_taken_at
from app.services.storage.attachments import AttachmentStore
from app.services.workdays.service import CalendarService

VILLAGE_ENTITY, POSTING_ENTITY = "村（居）", "村务公开"


class VillageService:
    def __init__(
        self, sessions: SessionFactory, attachments: AttachmentStore, calendar: CalendarService | None = None
    ) -> None:
        self._sessions, self._attachments = sessions, attachments
        self._calendar = calendar or CalendarService(sessions)
        self._clock = clock_for(sessions)

    # ---- villages ----------------------------------------------------------------------------------

    def villages(self, include_inactive: bool = True) -> list[VillageRow]:
        with self._sessions() as session:
            counts = dict(
                session.execute(
                    select(VillagePosting.village_id, func.count()).group_by(VillagePosting.village_id)
                ).all()
            )
            boards: dict[int | None, str] = dict(
                session.execute(select(BoardLocation.id, BoardLocation.name)).all()
            )
            query = select(Village).order_by(Village.sort_order, Village.id)
            if not include_inactive:
                query = query.where(Village.active)
            return [
                VillageRow(v.id, v.name, v.kind, boards.get(v.board_id, ""), v.active, counts.get(v.id, 0))
                for v in session.scalars(query)
            ]

    def add_village(self, actor: Actor, name: str, kind: str = "村", board: str | None = None) -> VillageRow:
        clean = clean_name(name)
        if kind not in VILLAGE_KINDS:
            raise UserFacingError(f"类型只能是「村」或「社区」，不能是「{kind}」。")
        with self._sessions.begin() as session:
            actor = _registrar(session, actor)
            refuse_taken(session, clean)
            last = session.scalar(select(func.max(Village.sort_order))) or 0
            row = Village(name=clean, kind=kind, board_id=board_id(session, board), sort_order=last + 1)
            session.add(row)
            session.flush()
            audit.record(session, actor, Action.CREATE, VILLAGE_ENTITY, row.id, 名称=clean, 类型=kind)
            return village_row(session, row)

    def rename(self, actor: Actor, village_id: int, name: str) -> VillageRow:
        clean = clean_name(name)
        with self._sessions.begin() as session:
            actor = _registrar(session, actor)
            row = load_village(session, village_id)
            if row.name != clean:
                refuse_taken(session, clean)
                audit.record(
                    session, actor, Action.UPDATE, VILLAGE_ENTITY, row.id, {"名称": (row.name, clean)}
                )
                row.name = clean
            return village_row(session, row)

    def set_active(self, actor: Actor, village_id: int, active: bool, reason: str = "") -> VillageRow:
        """停用 keeps the village and its postings (the 村务公开档案) but drops it from the summary."""
        reason = reason.strip()
        if not active and not reason:
            raise UserFacingError("请填写停用原因（例如「并入某某村」），以便日后查阅。")
        with self._sessions.begin() as session:
            actor = _registrar(session, actor)
            row = load_village(session, village_id)
            if row.active != active:
                change = {"状态": ("启用" if row.active else "停用", "启用" if active else "停用")}
                audit.record(session, actor, Action.STATUS, VILLAGE_ENTITY, row.id, change, 原因=reason)
                row.active = active
            return village_row(session, row)

    def delete_village(self, actor: Actor, village_id: int) -> None:
        """Only a village entered by mistake: one with postings is part of the archive and is 停用 instead."""
        with self._sessions.begin() as session:
            actor = _registrar(session, actor)
            row = load_village(session, village_id)
            used = session.scalar(select(func.count()).where(VillagePosting.village_id == row.id)) or 0
            if used:
                raise UserFacingError(
                    f"「{row.name}」已登记 {used} 次公示，是村务公开档案的一部分，不能删除；"
                    "不再需要时请「停用」并填写原因。"
                )
            audit.record(session, actor, Action.DELETE, VILLAGE_ENTITY, row.id, 名称=row.name)
            session.delete(row)

    # ---- postings ----------------------------------------------------------------------------------

    def postings(self, item_id: int, period: str) -> list[VillagePostingRow]:
        with self._sessions() as session:
            query = (
                select(VillagePosting, Village.name)
                .join(Village, Village.id == VillagePosting.village_id)
                .where(VillagePosting.item_id == item_id, VillagePosting.period == period)
                .order_by(Village.sort_order, Village.id)
            )
            return [posting_row(posting, name) for posting, name in session.execute(query).all()]

    def posting(self, item_id: int, village_id: int, period: str) -> VillagePostingRow | None:
        with self._sessions() as session:
            row = find_posting(session, item_id, village_id, period)
            return posting_row(row, load_village(session, village_id).name) if row else None

    def record_posting(
        self,
        actor: Actor,
        item_id: int,
        village_id: int,
        period_key: str,
        posted_on: date,
        photo: Path | None = None,
        checked_by: str = "",
        note: str = "",
    ) -> VillagePostingRow:
        """One posting per item × village × period: a second call corrects it (the old values audited)."""
        checked_by, note = checked_by.strip(), note.strip()
        if len(checked_by) > MAX_CHECKER:
            raise UserFacingError(f"检查人最多 {MAX_CHECKER} 个字。")
        today = self._clock.today()
        if posted_on > today:
            raise UserFacingError(
                f"公示日期 {cn_date(posted_on)} 在今天（{cn_date(today)}）之后：请在张贴之后登记实际日期。"
            )
        with self._sessions() as session:
            item = load_village_item(session, item_id)
            slot = self._slot_of(item, period_key)
            if posted_on < slot.start:  # most likely the cell of the period before
                raise UserFacingError(
                    f"公示日期 {cn_date(posted_on)} 在「{slot.label}」开始之前，"
                    "这次公示应属于上一期：请在上一期的格子中登记。"
                )
            village = load_village(session, village_id)
            if not village.active:
                raise UserFacingError(f"「{village.name}」已停用，不能再登记公示；如需登记请先重新启用。")
        if photo is not None:
            photo_taken_at(photo)  # refuses a file that is not a picture before anything is stored
        stored = self._attachments.add_file(photo) if photo is not None else None
        with self._sessions.begin() as session:
            actor = _registrar(session, actor)
            row = find_posting(session, item_id, village_id, period_key)
            old = audit_fields(session, row) if row else {}
            if row is None:
                row = VillagePosting(item_id=item_id, village_id=village_id, period=period_key)
                session.add(row)
            row.posted_on, row.checked_by, row.note = posted_on, checked_by, note
            if stored is not None:  # a correction without a new photo keeps the old one
                row.photo_id = stored.id
            session.flush()
            changes = audit.diff(old, audit_fields(session, row))
            label = f"{item.seq} {village.name} {period_key}"
            action = Action.UPDATE if old else Action.CREATE
            audit.record(session, actor, action, POSTING_ENTITY, row.id, changes, 事项=label)
            return posting_row(row, village.name)

    def _slot_of(self, item: CatalogueItem, period_key: str) -> PeriodSlot:
        """The item's period with that key, refused when the item has no such period."""
        rule = rule_from_json(item.rule)
        if rule.kind is not RuleKind.PERIODIC:
            raise UserFacingError(
                f"事项 {item.seq}「{item_title(item)}」的公开时限是「{describe(rule)}」，不是定期公开，"
                "不能按期登记各村公示；请先在「目录事项」中更正它的公开时限。"
            )
        slots = {slot.key: slot for slot in period_slots(rule, item.year, self._calendar.calendar())}
        if period_key not in slots:
            keys = list(slots)
            sample = "、".join(keys[:3]) + ("…" if len(keys) > 3 else "")
            raise UserFacingError(
                f"「{period_key}」不是事项 {item.seq}（{describe(rule)}）在 {item.year} 年的公示期次；"
                f"应为 {sample} 这样的期次。"
            )
        return slots[period_key]

    # ---- the quarter -------------------------------------------------------------------------------

    def quarter_summary(self, year: int, quarter: int, as_of: date | None = None) -> VillageQuarterTable:
        """Rows = active villages, columns = the 村级 periodic items' slots due in that quarter."""
        if quarter not in (1, 2, 3, 4):
            raise UserFacingError(f"季度只能是 1～4，不能是 {quarter}。")
        with self._sessions() as session:
            return build_quarter_table(
                session, self._calendar.calendar(), year, quarter, as_of or self._clock.today()
            )

    def export_quarter(
        self, actor: Actor, year: int, quarter: int, path: Path, as_of: date | None = None
    ) -> VillageQuarterTable:
        """The summary (as of today unless told), written to `path` (.xlsx) and the export audited."""
        table = self.quarter_summary(year, quarter, as_of)
        write_quarter_xlsx(table, path)
        with self._sessions.begin() as session:
            actor = verify_actor(session, actor, "导出村（居）务公开汇总表", command_line=True)
            audit.record(session, actor, Action.EXPORT, POSTING_ENTITY, "", 表=table.title, 文件=path.name)
        return table


def _registrar(session: Session, actor: Actor) -> Actor:
    actor = verify_actor(session, actor, "登记村（居）务公开")
    require(actor, Perm.REGISTER)
    return actor
