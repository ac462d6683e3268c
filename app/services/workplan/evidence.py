"""佐证材料 picked from the registers: a registered 公文, a 公开栏张贴 or a 决策事项, linked by ref_id."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.decision import DecisionDirectory, DecisionItem
from app.models.document import Document
from app.models.posting import Posting
from app.services.workplan.query import MAX_QUERY, like_pattern

DOCUMENT, POSTING, DECISION = "公文", "公开栏张贴", "决策事项"
LINKABLE_KINDS = (DOCUMENT, POSTING, DECISION)
PICK_LIMIT = 50  # the picker shows the newest matches; typing narrows it


@dataclass(frozen=True)
class EvidenceCandidate:
    kind: str
    ref_id: int
    label: str  # what the evidence list shows, e.g. 「赵府发〔2025〕3号 关于…的通知」
    detail: str  # a second line in the picker: date, status


def _document(row: Document) -> EvidenceCandidate:
    label = f"{row.doc_number} {row.title}".strip()
    when = row.written_on.isoformat() if row.written_on else "未填成文日期"
    state = "已公开" if row.published_at else "未公开"
    return EvidenceCandidate(DOCUMENT, row.id, label, f"{when}  {state}  索引号 {row.index_no}")


def _posting(row: Posting) -> EvidenceCandidate:
    period = f"{row.period_start.isoformat()} 至 {row.period_end.isoformat()}"
    return EvidenceCandidate(POSTING, row.id, row.title, f"公示期 {period}  {row.status}")


def _decision(row: DecisionItem, year: int) -> EvidenceCandidate:
    return EvidenceCandidate(DECISION, row.id, row.name, f"{year}年目录第 {row.seq} 项  {row.status}")


def find_candidates(
    session: Session, kind: str, text: str, limit: int = PICK_LIMIT
) -> list[EvidenceCandidate]:
    """The newest items of `kind` whose number or title contains `text` (taken literally)."""
    text = text.strip()
    if len(text) > MAX_QUERY:
        raise UserFacingError(f"查找的文字太长，请控制在 {MAX_QUERY} 个字以内。")
    pattern = like_pattern(text) if text else None
    if kind == DOCUMENT:
        query = select(Document).order_by(Document.id.desc()).limit(limit)
        if pattern:
            query = query.where(
                or_(Document.title.like(pattern, escape="\\"), Document.doc_number.like(pattern, escape="\\"))
            )
        return [_document(row) for row in session.scalars(query)]
    if kind == POSTING:
        postings = select(Posting).order_by(Posting.id.desc()).limit(limit)
        if pattern:
            postings = postings.where(Posting.title.like(pattern, escape="\\"))
        return [_posting(row) for row in session.scalars(postings)]
    if kind == DECISION:
        pairs = (
            select(DecisionItem, DecisionDirectory.year)
            .join(DecisionDirectory, DecisionDirectory.id == DecisionItem.directory_id)
            .order_by(DecisionDirectory.year.desc(), DecisionItem.seq)
            .limit(limit)
        )
        if pattern:
            pairs = pairs.where(DecisionItem.name.like(pattern, escape="\\"))
        return [_decision(row, year) for row, year in session.execute(pairs)]
    raise UserFacingError(f"只有{'、'.join(LINKABLE_KINDS)}可以从登记中选择。")


def linked(session: Session, kind: str, ref_id: int) -> EvidenceCandidate:
    """The item a piece of evidence points to, or a message when it is gone."""
    if kind == DOCUMENT and (document := session.get(Document, ref_id)) is not None:
        return _document(document)
    if kind == POSTING and (posting := session.get(Posting, ref_id)) is not None:
        return _posting(posting)
    if kind == DECISION and (item := session.get(DecisionItem, ref_id)) is not None:
        directory = session.get(DecisionDirectory, item.directory_id)
        return _decision(item, directory.year if directory else 0)
    if kind not in LINKABLE_KINDS:
        raise UserFacingError(f"只有{'、'.join(LINKABLE_KINDS)}可以从登记中选择。")
    raise UserFacingError(f"选中的{kind}已不存在（可能刚被删除），请重新选择。")
