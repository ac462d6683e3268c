"""村（居）务公开: the rows the village service returns and the small lookups and checks it shares."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models import BoardLocation
from app.models.attachment import Attachment
from app.models.catalogue import CatalogueItem, Village, VillagePosting

MAX_NAME, MAX_CHECKER = 50, 50  # the model's column lengths


@dataclass(frozen=True)
class VillageRow:
    id: int
    name: str
    kind: str  # 村 / 社区
    board: str  # the office 公开栏 it is linked to, "" for none
    active: bool
    postings: int


@dataclass(frozen=True)
class VillagePostingRow:
    id: int
    item_id: int
    village_id: int
    village: str
    period: str
    posted_on: date
    photo_id: int | None
    checked_by: str
    note: str


def clean_name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise UserFacingError("请填写村（社区）名称。")
    if len(clean) > MAX_NAME:
        raise UserFacingError(f"村（社区）名称最多 {MAX_NAME} 个字。")
    return clean


def refuse_taken(session: Session, name: str) -> None:
    other = session.scalar(select(Village).where(Village.name == name))
    if other is not None:
        state = "" if other.active else "（已停用，可重新启用）"
        raise UserFacingError(f"已有名为「{name}」的村（社区）{state}，请换一个名称。")


def board_id(session: Session, board: str | None) -> int | None:
    if not board:
        return None
    found = session.scalar(select(BoardLocation.id).where(BoardLocation.name == board))
    if found is None:
        raise UserFacingError(f"没有名为「{board}」的公开栏，请先在「设置 → 公开栏」中添加。")
    return found


def load_village(session: Session, village_id: int) -> Village:
    row = session.get(Village, village_id)
    if row is None:
        raise UserFacingError("找不到这个村（社区），可能已被删除，请刷新列表。")
    return row


def load_village_item(session: Session, item_id: int) -> CatalogueItem:
    item = session.get(CatalogueItem, item_id)
    if item is None or item.voided_at is not None:
        raise UserFacingError("找不到这个目录事项，可能已被作废，请刷新后重试。")
    if item.tier != "村级":
        raise UserFacingError(
            f"事项 {item.seq}「{item_title(item)}」是镇级事项，由镇里公开，不需要登记各村（社区）的公示。"
        )
    return item


def item_title(item: CatalogueItem) -> str:
    return item.level2 or item.level1


def find_posting(session: Session, item_id: int, village_id: int, period: str) -> VillagePosting | None:
    return session.scalar(
        select(VillagePosting).where(
            VillagePosting.item_id == item_id,
            VillagePosting.village_id == village_id,
            VillagePosting.period == period,
        )
    )


def audit_fields(session: Session, row: VillagePosting) -> dict[str, object]:
    photo = session.get(Attachment, row.photo_id) if row.photo_id else None
    return {
        "公示日期": row.posted_on.isoformat(),
        "检查人": row.checked_by,
        "备注": row.note,
        "照片": photo.original_name if photo else "",
    }


def village_row(session: Session, row: Village) -> VillageRow:
    board = session.get(BoardLocation, row.board_id) if row.board_id else None
    used = session.scalar(select(func.count()).where(VillagePosting.village_id == row.id)) or 0
    return VillageRow(row.id, row.name, row.kind, board.name if board else "", row.active, used)


def posting_row(row: VillagePosting, village: str) -> VillagePostingRow:
    return VillagePostingRow(
        row.id,
        row.item_id,
        row.village_id,
        village,
        row.period,
        row.posted_on,
        row.photo_id,
        row.checked_by,
        row.note,
    )
