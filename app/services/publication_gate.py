"""THE GATE (先审查、后公开, 一事一审; RULES §5.1 and §10 rule 30).

Nothing is marked published, posted on a 公开栏, put in an export package or published in a directory
unless it has an approved 保密审查单 whose final approval precedes the publication time. Every feature
calls `require_approved_review` inside the transaction that publishes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.document import Document, ReviewSheet

PRE_IMPORT_REVIEWED = "导入前已审查"
APPROVING_CONCLUSIONS = ("同意公开", "部分公开")


class ItemKind(StrEnum):
    DOCUMENT = "document"
    POSTING = "posting"
    DECISION_DIRECTORY = "decision_directory"
    REQUEST_RELEASE = "request_release"
    DECISION_RESULT = "decision_result"  # 决策公布 of one directory item
    DECISION_FEEDBACK = "decision_feedback"  # 意见采纳情况反馈 of one directory item

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    ItemKind.DOCUMENT: "公文",
    ItemKind.POSTING: "公开栏张贴",
    ItemKind.DECISION_DIRECTORY: "决策事项目录",
    ItemKind.REQUEST_RELEASE: "依申请公开信息",
    ItemKind.DECISION_RESULT: "决策结果",
    ItemKind.DECISION_FEEDBACK: "意见采纳情况反馈",
}


@dataclass(frozen=True)
class Clearance:
    """Why an item may be published: the approved sheet, or the import of the office's history."""

    sheet_id: int | None
    sheet_number: str
    approved_at: datetime | None
    conclusion: str
    basis: str  # e.g. 「保密审查单 保审〔2025〕3号」 or 「导入前已审查」


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


class _Sheet(NamedTuple):
    """The columns of a 保密审查单 the gate decides on."""

    id: int
    number: str
    status: str
    conclusion: str
    approved_at: datetime | None


_SHEET_COLUMNS = (
    ReviewSheet.id,
    ReviewSheet.number,
    ReviewSheet.status,
    ReviewSheet.conclusion,
    ReviewSheet.approved_at,
)
BATCH = 500  # ids per IN (…) query: well under SQLite's variable limit


def require_approved_review(
    session: Session, item_kind: ItemKind | str, item_id: int, publish_time: datetime
) -> Clearance:
    """The clearance to publish the item at `publish_time`, or a UserFacingError saying what is missing."""
    kind = ItemKind(item_kind)
    if kind is ItemKind.DOCUMENT:
        document = session.get(Document, item_id)
        if document is not None and document.history_note.startswith(PRE_IMPORT_REVIEWED):
            return Clearance(None, "", None, "同意公开", document.history_note)
    rows = session.execute(
        select(*_SHEET_COLUMNS)
        .where(ReviewSheet.item_kind == kind.value, ReviewSheet.item_id == item_id)
        .order_by(ReviewSheet.id.desc())
    )
    return _decide(kind, [_Sheet(*row) for row in rows], publish_time)


def check_many(
    session: Session, item_kind: ItemKind | str, item_ids: Iterable[int], publish_time: datetime
) -> dict[int, Clearance | str]:
    """`require_approved_review` for many items of one kind in a few queries (exports, directories):
    item id → its clearance, or the refusal message the single check would raise."""
    kind = ItemKind(item_kind)
    wanted = sorted(set(item_ids))
    result: dict[int, Clearance | str] = {}
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        if kind is ItemKind.DOCUMENT:
            notes = session.execute(
                select(Document.id, Document.history_note).where(
                    Document.id.in_(chunk), Document.history_note.startswith(PRE_IMPORT_REVIEWED)
                )
            )
            for document_id, note in notes:
                result[document_id] = Clearance(None, "", None, "同意公开", note)
        sheets: dict[int, list[_Sheet]] = {}
        rows = session.execute(
            select(ReviewSheet.item_id, *_SHEET_COLUMNS)
            .where(ReviewSheet.item_kind == kind.value, ReviewSheet.item_id.in_(chunk))
            .order_by(ReviewSheet.item_id, ReviewSheet.id.desc())
        )
        for item_id, sheet_id, number, status, conclusion, approved_at in rows:
            sheets.setdefault(item_id, []).append(_Sheet(sheet_id, number, status, conclusion, approved_at))
        for item_id in chunk:
            if item_id in result:
                continue
            try:
                result[item_id] = _decide(kind, sheets.get(item_id, []), publish_time)
            except UserFacingError as refusal:
                result[item_id] = refusal.message
    return result


def ever_cleared(session: Session, item_kind: ItemKind | str, item_ids: Iterable[int]) -> set[int]:
    """The items with at least one approving 保密审查单 (at any time): the others can never pass the gate,
    so work done only for publishing them (rendering a posting's PDF) can be skipped."""
    kind = ItemKind(item_kind)
    wanted = sorted(set(item_ids))
    found: set[int] = set()
    for start in range(0, len(wanted), BATCH):
        found.update(
            session.scalars(
                select(ReviewSheet.item_id).where(
                    ReviewSheet.item_kind == kind.value,
                    ReviewSheet.item_id.in_(wanted[start : start + BATCH]),
                    ReviewSheet.status == "已通过",
                    ReviewSheet.approved_at.is_not(None),
                    ReviewSheet.conclusion.in_(APPROVING_CONCLUSIONS),
                )
            )
        )
    return found


def _decide(kind: ItemKind, sheets: Sequence[_Sheet], publish_time: datetime) -> Clearance:
    """The gate's rule over one item's sheets, newest first."""
    what = kind.label
    approved = [sheet for sheet in sheets if sheet.status == "已通过" and sheet.approved_at is not None]
    usable = [sheet for sheet in approved if sheet.conclusion in APPROVING_CONCLUSIONS]
    for sheet in usable:
        assert sheet.approved_at is not None
        if sheet.approved_at <= publish_time:
            return Clearance(
                sheet.id, sheet.number, sheet.approved_at, sheet.conclusion, f"保密审查单 {sheet.number}"
            )
    if usable:
        sheet = usable[0]
        assert sheet.approved_at is not None
        raise UserFacingError(
            f"保密审查单 {sheet.number} 于 {_when(sheet.approved_at)} 才审批通过，晚于公开时间 "
            f"{_when(publish_time)}。先审查、后公开：请把公开时间改在审批通过之后。"
        )
    if approved:
        raise UserFacingError(
            f"保密审查单 {approved[0].number} 的审查结论是「{approved[0].conclusion}」，这件{what}不能公开。"
        )
    pending = next((sheet for sheet in sheets if sheet.status in ("草稿", "审查中")), None)
    if pending is not None:
        raise UserFacingError(
            f"这件{what}的保密审查单 {pending.number} 还在审查中，全部签署通过后才能公开。"
            "请在「保密审查」页查看还差哪一步。"
        )
    if sheets:
        latest = sheets[0]
        why = f"审查结论为「{latest.conclusion}」" if latest.conclusion else "未通过审查"
        raise UserFacingError(
            f"这件{what}的保密审查单 {latest.number} {why}，不能公开。如需公开，请修改后重新填写保密审查单。"
        )
    raise UserFacingError(
        f"这件{what}还没有保密审查单。先审查、后公开：请先在「保密审查」页为它填写保密审查单，"
        "经承办人、科室负责人、保密审查员和分管领导签署通过后再公开。"
    )
