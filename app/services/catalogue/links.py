"""What satisfies a catalogue item: a 公文, 公开栏 posting, 决策事项 or village posting linked to it, with the
information's 形成 date, a due date the clerk sets for 「需人工确定」 items, and recorded publications."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.catalogue import (
    LINK_SOURCES,
    CatalogueItem,
    CatalogueLink,
    CataloguePublication,
)
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.catalogue import compliance_sources as sources
from app.services.catalogue.compliance_sources import BOARD, WEBSITE, Publication
from app.services.catalogue.link_checks import check_source, existing_link, item_name, live_item
from app.services.catalogue.suggest import Suggestion, rank
from app.services.common import SessionFactory, clock_for
from app.services.permissions import Actor, Perm, require
from app.services.storage.attachments import AttachmentStore
from app.services.workdays.service import CalendarService

__all__ = ["LinkRow", "LinkService", "Publication", "Suggestion"]

MAX_NOTE, MAX_EVIDENCE, MAX_CHANNEL = 500, 500, 30
ENTITY = "标准目录关联"


@dataclass(frozen=True)
class LinkRow:
    id: int
    item_id: int
    seq: str
    level1: str
    level2: str
    source_kind: str  # 公文 / 公开栏 / 决策 / 村务
    source_id: int
    source_title: str
    formed_on: date
    due_override: date | None
    note: str
    publications: tuple[Publication, ...]  # 政府网站 and 公示栏 as the app sees them, then the recorded ones


class LinkService:
    def __init__(
        self, sessions: SessionFactory, calendar: CalendarService, attachments: AttachmentStore | None = None
    ) -> None:
        self._sessions, self._calendar, self._attachments = sessions, calendar, attachments
        self._clock = clock_for(sessions)

    # ---- linking -----------------------------------------------------------------------------------

    def link(
        self, actor: Actor, item_id: int, source_kind: str, source_id: int, formed_on: date, note: str = ""
    ) -> LinkRow:
        """The clerk confirms that this piece of information answers the item (an item of another year is
        allowed: a catalogue is kept per year, information may be formed before it)."""
        require(actor, Perm.REGISTER)
        if source_kind not in LINK_SOURCES:
            raise UserFacingError(f"关联的来源只能是{'、'.join(LINK_SOURCES)}之一。")
        if len(note) > MAX_NOTE:
            raise UserFacingError(f"备注不超过 {MAX_NOTE} 个字。")
        try:
            with self._sessions.begin() as session:
                item = live_item(session, item_id)
                check_source(session, source_kind, source_id)
                duplicate = session.scalar(
                    select(CatalogueLink.id).where(
                        CatalogueLink.item_id == item_id,
                        CatalogueLink.source_kind == source_kind,
                        CatalogueLink.source_id == source_id,
                    )
                )
                if duplicate is not None:
                    raise UserFacingError(
                        f"这条{source_kind}已经关联到第 {item.seq} 项「{item_name(item)}」，不用重复关联。"
                    )
                row = CatalogueLink(
                    item_id=item_id,
                    source_kind=source_kind,
                    source_id=source_id,
                    formed_on=formed_on,
                    note=note.strip(),
                    created_by=actor.username,
                )
                session.add(row)
                session.flush()
                link_id = row.id
                audit.record(
                    session,
                    actor,
                    Action.CREATE,
                    ENTITY,
                    link_id,
                    事项=item.seq,
                    来源=f"{source_kind} {source_id}",
                    形成日期=formed_on.isoformat(),
                )
        except IntegrityError:  # another computer linked the same pair a moment ago
            raise UserFacingError(f"这条{source_kind}已经关联到这一项，不用重复关联。") from None
        return self._one(link_id)

    def unlink(self, actor: Actor, link_id: int, reason: str) -> None:
        require(actor, Perm.REGISTER)
        if not reason.strip():
            raise UserFacingError("请写明取消关联的原因（如「关联错了事项」），它会记入操作日志。")
        with self._sessions.begin() as session:
            row = existing_link(session, link_id)
            audit.record(
                session,
                actor,
                Action.DELETE,
                ENTITY,
                link_id,
                事项=row.item_id,
                来源=f"{row.source_kind} {row.source_id}",
                原因=reason.strip(),
            )
            session.delete(row)

    def set_due(self, actor: Actor, link_id: int, due: date | None) -> LinkRow:
        """The clerk's due date for an item whose 公开时限 fixes none (「需人工确定」); None clears it."""
        require(actor, Perm.REGISTER)
        with self._sessions.begin() as session:
            row = existing_link(session, link_id)
            if due is not None and due < row.formed_on:
                raise UserFacingError(
                    f"公开期限（{due.isoformat()}）不能早于信息形成日期（{row.formed_on.isoformat()}）。"
                )
            old = row.due_override
            row.due_override = due
            audit.record(
                session,
                actor,
                Action.UPDATE,
                ENTITY,
                link_id,
                changes={"公开期限": (old.isoformat() if old else "", due.isoformat() if due else "")},
            )
        return self._one(link_id)

    def record_publication(
        self,
        actor: Actor,
        link_id: int,
        channel: str,
        published_on: date,
        evidence: str,
        attachment: Path | None = None,
    ) -> Publication:
        """A publication on a channel the app cannot see (政务新媒体 …), with 网址/说明 or a screenshot."""
        require(actor, Perm.REGISTER)
        clean, note = channel.strip(), evidence.strip()
        if not clean or len(clean) > MAX_CHANNEL:
            raise UserFacingError(f"请填写公开渠道（不超过 {MAX_CHANNEL} 个字），如「政务新媒体」。")
        if sources.channel_kind(clean) in (WEBSITE, BOARD):
            raise UserFacingError(
                f"「{clean}」不用手工记录：政府网站以上报数据包为准，公示栏以有照片的公开栏张贴为准。"
            )
        if published_on > self._clock.today():
            raise UserFacingError(f"公开日期（{published_on.isoformat()}）还没到，请填写实际公开的日期。")
        if not note and attachment is None:
            raise UserFacingError("请填写佐证（网址或说明），或附上截图。")
        if len(note) > MAX_EVIDENCE:
            raise UserFacingError(f"佐证说明不超过 {MAX_EVIDENCE} 个字。")
        with self._sessions() as session:
            formed = existing_link(session, link_id).formed_on
        if published_on < formed:
            raise UserFacingError(
                f"公开日期（{published_on.isoformat()}）早于信息形成日期（{formed.isoformat()}），请核对。"
            )
        attachment_id = None
        if attachment is not None:
            if self._attachments is None:
                raise UserFacingError("这里不能附加截图，请只填写佐证说明。")
            info = self._attachments.add_file(attachment)
            attachment_id, note = info.id, note or info.original_name
        with self._sessions.begin() as session:
            existing_link(session, link_id)  # not unlinked meanwhile
            row = CataloguePublication(
                link_id=link_id,
                channel=clean,
                published_on=published_on,
                evidence=note,
                attachment_id=attachment_id,
                recorded_by=actor.username,
            )
            session.add(row)
            session.flush()
            audit.record(
                session,
                actor,
                Action.CREATE,
                "标准目录公开记录",
                row.id,
                关联=link_id,
                渠道=clean,
                公开日期=published_on.isoformat(),
                佐证=note,
            )
            return Publication(sources.channel_kind(clean), published_on, note, row.id, attachment_id)

    # ---- reading -----------------------------------------------------------------------------------

    def links_for_source(self, source_kind: str, source_id: int) -> list[LinkRow]:
        return self._rows(CatalogueLink.source_kind == source_kind, CatalogueLink.source_id == source_id)

    def links_for_item(self, item_id: int) -> list[LinkRow]:
        return self._rows(CatalogueLink.item_id == item_id)

    def suggest(self, year: int, title: str, topic: str = "") -> list[Suggestion]:
        """The year's items most like the title and 主题分类 (shared two-character runs), best five."""
        with self._sessions() as session:
            items = session.execute(
                select(
                    CatalogueItem.id,
                    CatalogueItem.seq,
                    CatalogueItem.level1,
                    CatalogueItem.level2,
                    CatalogueItem.content,
                )
                .where(CatalogueItem.year == year, CatalogueItem.voided_at.is_(None))
                .order_by(CatalogueItem.sort_order, CatalogueItem.id)
            ).all()
        return rank([(row[0], row[1], row[2], row[3], row[4]) for row in items], title, topic)

    def _one(self, link_id: int) -> LinkRow:
        rows = self._rows(CatalogueLink.id == link_id)
        if not rows:
            raise UserFacingError("这条关联已不存在（可能刚被取消），请刷新后再试。")
        return rows[0]

    def _rows(self, *where: object) -> list[LinkRow]:
        with self._sessions() as session:
            pairs = session.execute(
                select(CatalogueLink, CatalogueItem)
                .join(CatalogueItem, CatalogueItem.id == CatalogueLink.item_id)
                .where(*where)  # type: ignore[arg-type]
                .order_by(CatalogueItem.year, CatalogueItem.sort_order, CatalogueLink.id)
            ).all()
            ids: dict[str, set[int]] = {}
            for link, _item in pairs:
                ids.setdefault(link.source_kind, set()).add(link.source_id)
            found = _publications(session, ids, [link.id for link, _item in pairs])
            titles = sources.source_titles(session, ids)
        return [
            LinkRow(
                id=link.id,
                item_id=item.id,
                seq=item.seq,
                level1=item.level1,
                level2=item.level2,
                source_kind=link.source_kind,
                source_id=link.source_id,
                source_title=titles.get((link.source_kind, link.source_id), "（已不存在）"),
                formed_on=link.formed_on,
                due_override=link.due_override,
                note=link.note,
                publications=found(link.id, link.source_kind, link.source_id),
            )
            for link, item in pairs
        ]


PublicationsOf = Callable[[int, str, int], tuple[Publication, ...]]


def _publications(session: Session, ids: dict[str, set[int]], link_ids: Collection[int]) -> PublicationsOf:
    """Per link: 政府网站 and 公示栏 as seen in the registers, then the clerk's recorded publications."""
    website = sources.website_days(session, ids)
    board = sources.board_days(session, ids)
    recorded = sources.recorded_publications(session, link_ids)

    def found(link_id: int, kind: str, source_id: int) -> tuple[Publication, ...]:
        seen = []
        if (day := website.get((kind, source_id))) is not None:
            seen.append(Publication(WEBSITE, day, sources.PACKAGE_EVIDENCE))
        if (shown := board.get((kind, source_id))) is not None:
            seen.append(Publication(BOARD, *shown))
        return (*seen, *recorded.get(link_id, ()))

    return found
