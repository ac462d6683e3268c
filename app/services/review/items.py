"""The item a 保密审查单 is made for: what the sheet reads from it, and finding it (issue 19).

A sheet is never typed: its 名称, 文号 and 公开属性 come from the item, and it records the item's content
(review_content.py). The new-sheet dialog shows `ItemPreview`; its picker lists items with `find_items`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import String, cast, or_, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.decision import DecisionDirectory, DecisionItem
from app.models.document import Document
from app.models.posting import Posting
from app.models.request import RequestCase
from app.services.review.content import Content, current_content
from app.services.review.gate import review_state
from app.services.review.kinds import ItemKind, ReviewState
from app.services.review.types import SheetForm, SheetInput

MAX_TITLE = 500
PICK_LIMIT = 200
# 公文登记's 公开方式 → the sheet's 拟公开方式 (RULES §5.2).
DOCUMENT_CHANNELS = {
    "政府网站": "政府网站",
    "政务新媒体": "政务新媒体",
    "政府公报": "政府公报",
    "公开栏": "政务公开栏",
}


@dataclass(frozen=True)
class ItemPreview:
    """The item as a new sheet would record it: its facts, its reviewed content, its review state now."""

    kind: ItemKind
    item_id: int
    defaults: SheetInput
    content: Content
    state: ReviewState


@dataclass(frozen=True)
class ItemChoice:
    """One line of the item picker."""

    item_id: int
    title: str
    hint: str  # 文号 / 公示期 / 年度 …


def item_preview(session: Session, kind: ItemKind | str, item_id: int) -> ItemPreview:
    kind = ItemKind(kind)
    content = current_content(session, kind.value, item_id)
    if content is None:
        raise UserFacingError(
            f"找不到这件{kind.label}（编号 {item_id}），可能已被删除。请刷新后在列表中重新选择。"
        )
    defaults = _defaults(session, kind, item_id, content)
    return ItemPreview(kind, item_id, defaults, content, review_state(session, kind, item_id))


def sheet_values(preview: ItemPreview, form: SheetForm) -> SheetInput:
    """The recorded sheet: the item's facts, with the clerk's form over the item's defaults."""
    base = preview.defaults
    return SheetInput(
        base.item_kind, base.item_id, base.item_title, base.doc_number, form.unit.strip() or base.unit,
        form.carrier or base.carrier, base.disclosure, form.withhold_reason.strip() or base.withhold_reason,
        form.channels or base.channels, form.planned_on, dict(form.checks), form.note, dict(form.check_notes),
    )  # fmt: skip


def _defaults(session: Session, kind: ItemKind, item_id: int, content: Content) -> SheetInput:
    title = " ".join(content.title.split())[:MAX_TITLE]
    if kind is ItemKind.DOCUMENT:
        row = session.get(Document, item_id)
        assert row is not None  # its content was just read
        channels = tuple(
            DOCUMENT_CHANNELS[part] for part in row.channels.split("、") if part in DOCUMENT_CHANNELS
        )
        return SheetInput(
            kind.value, item_id, title, row.doc_number, row.publisher, "公文类", row.disclosure,
            row.withhold_reason, channels or ("政府网站",),
        )  # fmt: skip
    if kind is ItemKind.POSTING:
        posting = session.get(Posting, item_id)
        assert posting is not None
        return SheetInput(kind.value, item_id, title, "", posting.unit, "非公文类", channels=("政务公开栏",))
    if kind is ItemKind.DECISION_DIRECTORY:
        directory = session.get(DecisionDirectory, item_id)
        assert directory is not None
        return SheetInput(kind.value, item_id, title, directory.doc_number, "", "公文类")
    carrier = "非公文类" if kind is ItemKind.DECISION_FEEDBACK else "公文类"
    return SheetInput(kind.value, item_id, title, "", "", carrier)


def find_items(
    session: Session, kind: ItemKind | str, text: str = "", limit: int = PICK_LIMIT
) -> list[ItemChoice]:
    """Items of one kind for the picker, newest first; `text` matches the title or number."""
    kind = ItemKind(kind)
    return _FINDERS.get(kind, _decision_items)(session, kind, text.strip(), limit)


def _documents(session: Session, kind: ItemKind, words: str, limit: int) -> list[ItemChoice]:
    query = select(Document.id, Document.title, Document.doc_number, Document.index_no)
    if words:
        query = query.where(
            or_(
                *(
                    column.contains(words, autoescape=True)
                    for column in (Document.title, Document.doc_number, Document.index_no)
                )
            )
        )
    rows = session.execute(query.order_by(Document.id.desc()).limit(limit))
    return [ItemChoice(row.id, row.title, row.doc_number or row.index_no) for row in rows]


def _postings(session: Session, kind: ItemKind, words: str, limit: int) -> list[ItemChoice]:
    query = select(Posting.id, Posting.title, Posting.period_start, Posting.status)
    if words:
        query = query.where(Posting.title.contains(words, autoescape=True))
    rows = session.execute(query.order_by(Posting.id.desc()).limit(limit))
    return [ItemChoice(row.id, row.title, f"{row.status}　公示自 {row.period_start}") for row in rows]


def _directories(session: Session, kind: ItemKind, words: str, limit: int) -> list[ItemChoice]:
    query = select(DecisionDirectory.id, DecisionDirectory.year, DecisionDirectory.status)
    if words:
        query = query.where(cast(DecisionDirectory.year, String).contains(words, autoescape=True))
    rows = session.execute(query.order_by(DecisionDirectory.year.desc()).limit(limit))
    return [ItemChoice(row.id, f"{row.year}年重大行政决策事项目录", row.status) for row in rows]


def _cases(session: Session, kind: ItemKind, words: str, limit: int) -> list[ItemChoice]:
    query = select(RequestCase.id, RequestCase.number, RequestCase.description)
    if words:
        query = query.where(
            or_(
                RequestCase.number.contains(words, autoescape=True),
                RequestCase.description.contains(words, autoescape=True),
            )
        )
    rows = session.execute(query.order_by(RequestCase.id.desc()).limit(limit))
    return [ItemChoice(row.id, " ".join(row.description.split())[:80], row.number) for row in rows]


def _decision_items(session: Session, kind: ItemKind, words: str, limit: int) -> list[ItemChoice]:
    query = select(DecisionItem.id, DecisionItem.name, DecisionDirectory.year, DecisionItem.seq).join(
        DecisionDirectory, DecisionDirectory.id == DecisionItem.directory_id
    )
    if words:
        query = query.where(DecisionItem.name.contains(words, autoescape=True))
    rows = session.execute(query.order_by(DecisionDirectory.year.desc(), DecisionItem.seq).limit(limit))
    suffix = "决策结果" if kind is ItemKind.DECISION_RESULT else "意见采纳情况反馈"
    return [ItemChoice(row.id, f"{row.name}{suffix}", f"{row.year}年目录第{row.seq}项") for row in rows]


_FINDERS = {
    ItemKind.DOCUMENT: _documents,
    ItemKind.POSTING: _postings,
    ItemKind.DECISION_DIRECTORY: _directories,
    ItemKind.REQUEST_RELEASE: _cases,
}
