"""Rows ↔ dataclasses for the 公开栏 service: loading, filtering, board links, audit fields."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, and_, exists, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models import Attachment, BoardLocation
from app.models.posting import Posting, PostingBoard, PostingPhoto
from app.services.postings.page import Paper, PostingContent
from app.services.postings.periods import Period
from app.services.postings.types import (
    PhotoInfo,
    PhotoStage,
    PostingDraft,
    PostingFilter,
    PostingInfo,
    PostingStatus,
    effective_status,
)

Q = TypeVar("Q", bound=Select[Any])


def load_row(session: Session, posting_id: int) -> Posting:
    row = session.get(Posting, posting_id)
    if row is None:
        raise UserFacingError(f"找不到编号为 {posting_id} 的张贴件，可能已被删除。")
    return row


def board_id_of(session: Session, name: str) -> int:
    board_id = session.scalar(select(BoardLocation.id).where(BoardLocation.name == name))
    if board_id is None:
        raise UserFacingError(f"公开栏「{name}」不在本单位的公开栏名单中，请先在「设置」中添加。")
    return board_id


def set_boards(session: Session, posting_id: int, names: tuple[str, ...]) -> None:
    wanted = {board_id_of(session, name) for name in names}
    existing = {
        link.board_id: link
        for link in session.scalars(select(PostingBoard).where(PostingBoard.posting_id == posting_id))
    }
    for board_id, link in existing.items():
        if board_id not in wanted:
            session.delete(link)
    for board_id in wanted - set(existing):
        session.add(PostingBoard(posting_id=posting_id, board_id=board_id))
    session.flush()


def board_names(session: Session, ids: list[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    query = (
        select(PostingBoard.posting_id, BoardLocation.name)
        .join(BoardLocation, BoardLocation.id == PostingBoard.board_id)
        .where(PostingBoard.posting_id.in_(ids))
        .order_by(BoardLocation.sort_order)
    )
    for posting_id, name in session.execute(query):
        names.setdefault(posting_id, []).append(name)
    return names


def filtered(query: Q, flt: PostingFilter) -> Q:
    conditions: list[ColumnElement[bool]] = []
    if flt.status is PostingStatus.DUE_DOWN:
        conditions += [Posting.status == PostingStatus.POSTED.value, Posting.period_end < flt.today]
    elif flt.status is PostingStatus.POSTED:
        conditions += [Posting.status == PostingStatus.POSTED.value, Posting.period_end >= flt.today]
    elif flt.status is not None:
        conditions.append(Posting.status == flt.status.value)
    if flt.board:
        conditions.append(
            exists().where(
                and_(
                    PostingBoard.posting_id == Posting.id,
                    PostingBoard.board_id == BoardLocation.id,
                    BoardLocation.name == flt.board,
                )
            )
        )
    if flt.text:
        conditions.append(Posting.title.contains(flt.text, autoescape=True))
    return query.where(*conditions)


def has_photo(session: Session, posting_id: int, stage: PhotoStage) -> bool:
    query = select(PostingPhoto.id).where(
        PostingPhoto.posting_id == posting_id, PostingPhoto.stage == stage.value
    )
    return session.scalar(query.limit(1)) is not None


def apply_draft(session: Session, row: Posting, draft: PostingDraft, period: Period) -> None:
    row.title, row.body, row.unit, row.signed_on = draft.title, draft.body, draft.unit, draft.signed_on
    row.phone, row.qr_url, row.paper, row.responsible = (
        draft.phone,
        draft.qr_url,
        draft.paper,
        draft.responsible,
    )
    row.source_kind, row.source_id, row.period_preset = draft.source_kind, draft.source_id, draft.preset
    row.period_start, row.period_end = period.start, period.end
    row.clearance, row.early_removal_reason = row.clearance or "", row.early_removal_reason or ""


def row_draft(session: Session, row: Posting) -> PostingDraft:
    boards = tuple(board_names(session, [row.id]).get(row.id, []))
    custom_end = row.period_end if row.period_preset == "自定义" else None
    return PostingDraft(
        row.title,
        row.body,
        boards,
        row.period_preset,
        row.period_start,
        custom_end,
        row.responsible,
        row.unit,
        row.signed_on,
        row.phone,
        row.qr_url,
        row.paper,
        row.source_kind,
        row.source_id,
    )


def audit_fields(draft: PostingDraft, period: Period) -> dict[str, object]:
    return {
        "标题": draft.title,
        "正文字数": len(draft.body),
        "公开栏": "、".join(draft.boards),
        "公示期": f"{draft.preset} {period.start}至{period.end}",
        "责任人": draft.responsible,
        "落款": draft.unit,
        "成文日期": str(draft.signed_on or ""),
        "联系电话": draft.phone,
        "二维码": draft.qr_url,
        "纸张": draft.paper,
        "来源": _source_text(draft),
    }


def _source_text(draft: PostingDraft) -> str:
    return f"{draft.source_kind} {draft.source_id or ''}".strip()


def photo_info(session: Session, photo: PostingPhoto) -> PhotoInfo:
    attachment = session.get(Attachment, photo.attachment_id)
    assert attachment is not None
    board = session.get(BoardLocation, photo.board_id) if photo.board_id else None
    return PhotoInfo(
        photo.id,
        photo.stage,
        attachment.id,
        attachment.sha256,
        attachment.original_name,
        board.name if board else "",
        photo.taken_at,
        photo.taken_source,
    )


def posting_info(session: Session, row: Posting, today: date) -> PostingInfo:
    photos = session.scalars(
        select(PostingPhoto).where(PostingPhoto.posting_id == row.id).order_by(PostingPhoto.id)
    )
    return PostingInfo(
        row.id,
        row_draft(session, row),
        row.period_end,
        effective_status(row.status, row.period_end, today),
        row.status,
        row.posted_at,
        row.clearance,
        row.removed_on,
        row.early_removal_reason,
        tuple(photo_info(session, photo) for photo in photos),
        row.version,
    )


def content_of(draft: PostingDraft, period: Period) -> PostingContent:
    return PostingContent(
        draft.title,
        draft.body,
        draft.unit,
        draft.signed_on,
        (period.start, period.end),
        draft.phone,
        draft.qr_url,
        Paper(draft.paper),
    )
