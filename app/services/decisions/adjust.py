"""动态调整 of a published directory (增补 / 调整 / 撤销) and the item helpers decisions.py shares.

Each adjustment keeps a dated, reasoned history row (713号令 art. 3 ¶3 「根据实际情况调整」). The functions
work inside the caller's transaction; DecisionService checks the permission and opens it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.decision import DecisionAdjustment, DecisionDirectory, DecisionItem
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.decisions.types import (
    AdjustmentKind,
    DirectoryStatus,
    ItemDraft,
    ItemInfo,
    ItemStatus,
    apply_draft,
    check_year,
    clean_draft,
    draft_fields,
    item_info,
)
from app.services.permissions import Actor
from app.services.storage.record_versions import guard, touch

ITEM_ENTITY = "决策事项"


def add_by_adjustment(
    session: Session, actor: Actor, year: int, draft: ItemDraft, on: date, why: str
) -> ItemInfo:
    directory = published_directory(session, year, on)
    row = insert_item(session, directory, clean_draft(draft, year))
    record_adjustment(session, actor, directory, row, AdjustmentKind.ADD, on, why, f"增补第{row.seq}项")
    return item_info(row, year)


def adjust_item(
    session: Session,
    actor: Actor,
    item_id: int,
    draft: ItemDraft,
    on: date,
    why: str,
    expected_version: int | None = None,
) -> ItemInfo:
    row, directory = locked_item(session, item_id, expected_version)
    published_directory(session, directory.year, on)
    refuse_withdrawn(row)
    clean = clean_draft(draft, directory.year)
    refuse_duplicate(session, directory.id, clean.name, row.id)
    changes = audit.diff(draft_fields(row_draft(row)), draft_fields(clean))
    if not changes:
        raise UserFacingError("没有改动任何内容，无需调整。")
    apply_draft(row, clean)
    summary = "；".join(f"{key}：{_shown(old)}→{_shown(new)}" for key, (old, new) in changes.items())
    record_adjustment(session, actor, directory, row, AdjustmentKind.CHANGE, on, why, summary, changes)
    session.flush()
    return item_info(row, directory.year)


def withdraw_item(
    session: Session, actor: Actor, item_id: int, on: date, why: str, expected_version: int | None = None
) -> ItemInfo:
    row, directory = locked_item(session, item_id, expected_version)
    published_directory(session, directory.year, on)
    refuse_withdrawn(row)
    row.status = ItemStatus.WITHDRAWN.value
    changes = {"状态": (ItemStatus.ACTIVE.value, ItemStatus.WITHDRAWN.value)}
    record_adjustment(session, actor, directory, row, AdjustmentKind.WITHDRAW, on, why, "撤销", changes)
    session.flush()
    return item_info(row, directory.year)


def directory_of(session: Session, year: int) -> DecisionDirectory:
    row = session.scalar(select(DecisionDirectory).where(DecisionDirectory.year == check_year(year)))
    if row is None:
        raise UserFacingError(f"还没有{year}年的决策事项目录，请先新建目录。")
    return row


def published_directory(session: Session, year: int, on: date) -> DecisionDirectory:
    row = directory_of(session, year)
    if row.status != DirectoryStatus.PUBLISHED or row.published_on is None:
        raise UserFacingError(f"{year}年目录尚未公布，请直接修改事项；公布后的变动才需要登记调整。")
    if on < row.published_on:
        raise UserFacingError(f"调整日期 {on.isoformat()} 早于目录公布日期 {row.published_on}，请检查日期。")
    return row


def insert_item(session: Session, directory: DecisionDirectory, draft: ItemDraft) -> DecisionItem:
    refuse_duplicate(session, directory.id, draft.name, None)
    last = session.scalar(select(func.max(DecisionItem.seq)).where(DecisionItem.directory_id == directory.id))
    row = DecisionItem(directory_id=directory.id, seq=(last or 0) + 1, status=ItemStatus.ACTIVE.value)
    apply_draft(row, draft)
    session.add(row)
    session.flush()
    return row


def record_adjustment(
    session: Session,
    actor: Actor,
    directory: DecisionDirectory,
    row: DecisionItem,
    kind: AdjustmentKind,
    on: date,
    reason: str,
    summary: str,
    changes: audit.Changes | None = None,
) -> None:
    session.add(
        DecisionAdjustment(
            directory_id=directory.id,
            item_id=row.id,
            kind=kind.value,
            adjusted_on=on,
            reason=reason,
            summary=summary,
            recorded_by=actor.display_name,
        )
    )
    if kind is AdjustmentKind.ADD:
        changes = audit.diff({}, draft_fields(row_draft(row)))
    audit.record(
        session,
        actor,
        Action.UPDATE,
        ITEM_ENTITY,
        row.id,
        changes,
        调整=kind.value,
        日期=on.isoformat(),
        理由=reason,
    )


def row_draft(row: DecisionItem) -> ItemDraft:
    return item_info(row, 0).draft


def item_of(session: Session, item_id: int) -> tuple[DecisionItem, DecisionDirectory]:
    row = session.get(DecisionItem, item_id)
    if row is None:
        raise UserFacingError("找不到这个决策事项，可能已被删除，请刷新列表。")
    directory = session.get(DecisionDirectory, row.directory_id)
    assert directory is not None  # foreign key
    return row, directory


def locked_item(
    session: Session, item_id: int, expected_version: int | None
) -> tuple[DecisionItem, DecisionDirectory]:
    """The item locked for a change, refused if the clerk's screen loaded another version (issue 14).

    Its 决策过程 stages have no version of their own: a stage change moves the item's version.
    """
    if session.get(DecisionItem, item_id, with_for_update=True) is None:
        raise UserFacingError("找不到这个决策事项，可能已被删除，请刷新列表。")
    row, directory = item_of(session, item_id)
    guard("decision_items", row, expected_version)
    touch(row)
    return row, directory


def refuse_duplicate(session: Session, directory_id: int, name: str, own_id: int | None) -> None:
    query = select(DecisionItem.seq).where(
        DecisionItem.directory_id == directory_id, DecisionItem.name == name
    )
    if own_id is not None:
        query = query.where(DecisionItem.id != own_id)
    seq = session.scalar(query)
    if seq is not None:
        raise UserFacingError(f"目录中第{seq}项已经是「{name}」，请不要重复登记。")


def refuse_withdrawn(row: DecisionItem) -> None:
    if row.status == ItemStatus.WITHDRAWN:
        raise UserFacingError(f"「{row.name}」已撤销，不能再调整。")


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value) if value not in (None, "") else "（空）"
