"""THE GATE (先审查、后公开, 一事一审; RULES §5.1 and §10 rule 30).

Nothing is marked published, posted on a 公开栏, put in an export package or published in a directory
unless its LATEST concluded 保密审查单 approves EXACTLY its current content (the sheet's fingerprint, see
review_content.py) and that approval precedes the publication time. A later change of reviewed content puts
the item back to 待审查; a newer 不予公开 wins over an older approval. A document imported by 管理员 as a
publication from before the app (「历史公开（线下审查）」) is bound to its imported content the same way.
Every feature calls `require_approved_review` inside the transaction that publishes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.document import Document, ReviewSheet
from app.services.review.content import (
    Content,
    change_details,
    changed_fields,
    current_contents,
    joined,
    parse_fields,
)
from app.services.review.kinds import (
    APPROVING_CONCLUSIONS,
    FAILED,
    HISTORY_MARK,
    PASSED,
    PENDING_STATUSES,
    PRE_IMPORT_REVIEWED,
    Clearance,
    ItemKind,
    ReviewLabel,
    ReviewState,
)

BATCH = 500  # ids per IN (…) query: well under SQLite's variable limit


class _Review(NamedTuple):
    """A concluded or pending review: a sheet, or (sheet id None) a document's imported history."""

    id: int | None
    number: str
    status: str
    conclusion: str
    approved_at: datetime | None
    fingerprint: str
    content_json: str
    note: str = ""  # the history row's import note (where it came from, who imported it)


class _Verdict(NamedTuple):
    state: ReviewState
    message: str  # what the refusal says (empty when cleared)
    clearing: _Review | None


_SHEET_COLUMNS = (
    ReviewSheet.id,
    ReviewSheet.number,
    ReviewSheet.status,
    ReviewSheet.conclusion,
    ReviewSheet.approved_at,
    ReviewSheet.content_fingerprint,
    ReviewSheet.content_json,
)


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


# ---- the questions the features ask -----------------------------------------------------------------------


def require_approved_review(
    session: Session, item_kind: ItemKind | str, item_id: int, publish_time: datetime
) -> Clearance:
    """The clearance to publish the item at `publish_time`, or a UserFacingError saying what is missing."""
    verdict = check_many(session, item_kind, [item_id], publish_time)[item_id]
    if isinstance(verdict, str):
        raise UserFacingError(verdict)
    return verdict


def check_many(
    session: Session, item_kind: ItemKind | str, item_ids: Iterable[int], publish_time: datetime
) -> dict[int, Clearance | str]:
    """`require_approved_review` for many items of one kind in a few queries per 500 (exports, directories):
    item id → its clearance, or the refusal message the single check would raise."""
    kind = ItemKind(item_kind)
    result: dict[int, Clearance | str] = {}
    for item_id, verdict in _verdicts(session, kind, item_ids).items():
        try:
            result[item_id] = _timed(kind, verdict, publish_time)
        except UserFacingError as refusal:
            result[item_id] = refusal.message
    return result


def review_states(
    session: Session, item_kind: ItemKind | str, item_ids: Iterable[int]
) -> dict[int, ReviewState]:
    """What the lists and detail panels show for each item: 已通过, 待审查 and why, 审查中, …"""
    return {
        item_id: verdict.state
        for item_id, verdict in _verdicts(session, ItemKind(item_kind), item_ids).items()
    }


def review_state(session: Session, item_kind: ItemKind | str, item_id: int) -> ReviewState:
    return review_states(session, item_kind, [item_id])[item_id]


def ever_cleared(session: Session, item_kind: ItemKind | str, item_ids: Iterable[int]) -> set[int]:
    """The items whose latest review approves their current content (whatever its time): the others can
    never pass the gate, so work done only for publishing them (rendering a posting's PDF) can be skipped."""
    states = review_states(session, item_kind, item_ids)
    return {item_id for item_id, state in states.items() if state.cleared}


# ---- reading and judging ----------------------------------------------------------------------------------


def _verdicts(session: Session, kind: ItemKind, item_ids: Iterable[int]) -> dict[int, _Verdict]:
    wanted = sorted(set(item_ids))
    found: dict[int, _Verdict] = {}
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        reviews = _reviews(session, kind, chunk)
        contents = current_contents(session, kind, chunk)
        for item_id in chunk:
            found[item_id] = _judge(kind, reviews.get(item_id, _Reviews([])), contents.get(item_id))
    return found


class _Reviews(NamedTuple):
    sheets: list[_Review]  # newest first
    history: _Review | None = None  # a document's imported 历史公开（线下审查）
    note: str = ""  # a document's history note
    void_before: datetime | None = None  # a document's last 主动公开 → other: older approvals are void


def _reviews(session: Session, kind: ItemKind, chunk: Sequence[int]) -> dict[int, _Reviews]:
    sheets: dict[int, list[_Review]] = {}
    rows = session.execute(
        select(ReviewSheet.item_id, *_SHEET_COLUMNS)
        .where(ReviewSheet.item_kind == kind.value, ReviewSheet.item_id.in_(chunk))
        .order_by(ReviewSheet.item_id, ReviewSheet.id.desc())
    )
    for item_id, *columns in rows:
        sheets.setdefault(item_id, []).append(_Review(*columns))  # type: ignore[arg-type]
    found = {item_id: _Reviews(found) for item_id, found in sheets.items()}
    if kind is ItemKind.DOCUMENT:
        documents = session.execute(
            select(
                Document.id,
                Document.history_note,
                Document.history_fingerprint,
                Document.history_content,
                Document.published_at,
                Document.withdrawn_at,
            ).where(
                Document.id.in_(chunk), (Document.history_note != "") | Document.withdrawn_at.is_not(None)
            )
        )
        for document_id, note, fingerprint, content, published_at, withdrawn_at in documents:
            history = (
                _Review(None, HISTORY_MARK, PASSED, "同意公开", published_at, fingerprint, content, note)
                if fingerprint and note.startswith(HISTORY_MARK)
                else None
            )
            found[document_id] = _Reviews(sheets.get(document_id, []), history, note, withdrawn_at)
    return found


def _judge(kind: ItemKind, reviews: _Reviews, current: Content | None) -> _Verdict:
    """The gate's rule over one item: its LATEST concluded review (a sheet, else its imported history)
    decides; a sheet still being signed decides nothing until it is concluded."""
    what = kind.label
    if current is None:
        return _refused(ReviewLabel.NONE, f"这件{what}已不存在，无法核对它的保密审查单，请刷新。", "")
    latest = next((sheet for sheet in reviews.sheets if sheet.status in (PASSED, FAILED)), reviews.history)
    newest_concluded = latest.id or 0 if latest is not None else 0  # imported history is older than any sheet
    pending = next(
        (s for s in reviews.sheets if s.status in PENDING_STATUSES and (s.id or 0) > newest_concluded), None
    )
    if latest is None:
        if pending is not None:
            return _in_review(what, pending, "")
        if reviews.note.startswith(PRE_IMPORT_REVIEWED):
            reason = "旧版本导入的「导入前已审查」记录没有记下审查的内容，须重新审查"
            return _refused(ReviewLabel.WAITING, f"这件{what}是{reason}后才能公开或上报。", reason)
        return _refused(
            ReviewLabel.NONE,
            f"这件{what}还没有保密审查单。先审查、后公开：请先在「保密审查」页为它填写保密审查单，"
            "经承办人、科室负责人、保密审查员和分管领导签署通过后再公开。",
            "",
        )
    if latest.status != PASSED or latest.conclusion not in APPROVING_CONCLUSIONS:
        why = f"审查结论为「{latest.conclusion}」" if latest.conclusion else "未通过审查"
        if pending is not None:
            return _in_review(what, pending, f"保密审查单 {latest.number} {why}")
        return _refused(
            ReviewLabel.REFUSED,
            f"这件{what}的保密审查单 {latest.number} {why}，不能公开。如需公开，请修改后重新填写保密审查单。",
            f"保密审查单 {latest.number} {why}",
            latest.number,
        )
    changed = _changed(latest, current)
    void = reviews.void_before
    if void is not None and (latest.approved_at is None or latest.approved_at <= void):
        reason = f"{_when(void)} 改为非主动公开后，此前的审查不再有效，须重新审查"
        changed = (reason, changed[1] if changed else ())
    if changed is None:
        label = ReviewLabel.HISTORY if latest.id is None else ReviewLabel.CLEARED
        return _Verdict(ReviewState(label, "", (), latest.number), "", latest)
    reason, details = changed
    if pending is not None:
        return _in_review(what, pending, reason.removesuffix("，须重新审查"), details)
    source = "导入的历史公开记录" if latest.id is None else f"保密审查单 {latest.number}"
    return _Verdict(
        ReviewState(ReviewLabel.WAITING, reason, details, latest.number),
        f"这件{what}与{source}审查的内容不一致：{reason}。先审查、后公开：请为现在的内容重新发起保密审查。",
        None,
    )


def _in_review(what: str, pending: _Review, before: str, details: tuple[str, ...] = ()) -> _Verdict:
    reason = f"{before}，" if before else ""
    return _Verdict(
        ReviewState(
            ReviewLabel.IN_REVIEW, f"{reason}保密审查单 {pending.number} 正在审查", details, pending.number
        ),
        f"这件{what}的保密审查单 {pending.number} 还在审查中，全部签署通过后才能公开。"
        "请在「保密审查」页查看还差哪一步。",
        None,
    )


def _changed(review: _Review, current: Content) -> tuple[str, tuple[str, ...]] | None:
    """None when the review covers exactly the current content, else the reason and the details."""
    if not review.fingerprint:
        return "这张审查单填写于程序记录审查内容之前，无法确认审查的就是现在的内容，须重新审查", ()
    if review.fingerprint == current.fingerprint:
        return None
    reviewed = parse_fields(review.content_json)
    labels = changed_fields(reviewed, current.fields)
    return (
        f"审查后{joined(labels) or '内容'}已改动，须重新审查",
        tuple(change_details(reviewed, current.fields)),
    )


def _refused(label: ReviewLabel, message: str, reason: str, number: str = "") -> _Verdict:
    return _Verdict(ReviewState(label, reason, (), number), message, None)


def _timed(kind: ItemKind, verdict: _Verdict, publish_time: datetime) -> Clearance:
    """The clearance, if the approval precedes the publication time; else UserFacingError."""
    review = verdict.clearing
    if review is None:
        raise UserFacingError(verdict.message)
    if review.id is None:
        return Clearance(None, "", review.approved_at, review.conclusion, review.note)
    assert review.approved_at is not None  # 已通过 sheets carry their approval time
    if review.approved_at > publish_time:
        raise UserFacingError(
            f"保密审查单 {review.number} 于 {_when(review.approved_at)} 才审批通过，晚于公开时间 "
            f"{_when(publish_time)}。先审查、后公开：请把公开时间改在审批通过之后。"
        )
    return Clearance(
        review.id, review.number, review.approved_at, review.conclusion, f"保密审查单 {review.number}"
    )
