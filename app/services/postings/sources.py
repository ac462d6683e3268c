"""Where a posting comes from: a registered document, a decision directory, or a request-derived release.

The editor lists candidates (`choices`) and prefills title and body from the one chosen (`prefill`); the
posting stores source_kind/source_id so the register shows what was put up. Reads only.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select

from app.errors import UserFacingError
from app.models.decision import DecisionDirectory
from app.models.document import Document, DocumentFile
from app.models.request import RequestCase
from app.services.common import SessionFactory
from app.services.decisions.service import DecisionService
from app.services.decisions.types import DirectoryInfo
from app.services.documents.query import DocumentFilter
from app.services.documents.service import DocumentService
from app.services.postings.page import MAX_BODY, MAX_TITLE
from app.services.postings.types import SourceKind
from app.services.requests.proactive import RELEASED

CHOICE_LIMIT = 50  # candidates shown at a time; the clerk narrows with the search box
DIRECTORY_COLUMNS = ("序号", "决策事项名称", "决策主体", "承办单位", "履行程序", "计划完成时间")


@dataclass(frozen=True)
class SourceChoice:
    kind: SourceKind
    id: int
    label: str  # one line in the picker


@dataclass(frozen=True)
class Prefill:
    title: str
    body: str


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class PostingSources:
    def __init__(
        self, sessions: SessionFactory, documents: DocumentService, decisions: DecisionService
    ) -> None:
        self._sessions, self._documents, self._decisions = sessions, documents, decisions

    def choices(self, kind: SourceKind, query: str = "") -> list[SourceChoice]:
        text = query.strip()[:MAX_TITLE]
        if kind is SourceKind.DOCUMENT:
            if text:
                hits = self._documents.search(text, CHOICE_LIMIT)
                return [SourceChoice(kind, h.id, _doc_label(h.index_no, h.doc_number, h.title)) for h in hits]
            recent = self._documents.page(DocumentFilter(), 0, CHOICE_LIMIT)
            return [SourceChoice(kind, r.id, _doc_label(r.index_no, r.doc_number, r.title)) for r in recent]
        if kind is SourceKind.DECISION_DIRECTORY:
            with self._sessions() as session:
                years = session.execute(
                    select(DecisionDirectory.id, DecisionDirectory.year, DecisionDirectory.status).order_by(
                        DecisionDirectory.year.desc()
                    )
                ).all()
            return [
                SourceChoice(kind, row.id, f"{row.year}年重大行政决策事项目录（{row.status}）")
                for row in years
                if text in f"{row.year}年"
            ]
        if kind is SourceKind.REQUEST_RELEASE:
            query_ = select(RequestCase.id, RequestCase.number, RequestCase.description).where(
                RequestCase.outcome.in_(RELEASED)
            )
            if text:
                pattern = _like(text)
                query_ = query_.where(
                    or_(
                        RequestCase.number.like(pattern, escape="\\"),
                        RequestCase.description.like(pattern, escape="\\"),
                    )
                )
            with self._sessions() as session:
                rows = session.execute(query_.order_by(RequestCase.id.desc()).limit(CHOICE_LIMIT)).all()
            return [SourceChoice(kind, row.id, f"{row.number}　{row.description[:60]}") for row in rows]
        return []

    def describe(self, kind: SourceKind, source_id: int) -> str:
        """The source's title for the editor's 来源 line; a deleted record says so."""
        try:
            return self.prefill(kind, source_id).title
        except UserFacingError:
            return f"第{source_id}号记录（已不存在）"

    def prefill(self, kind: SourceKind, source_id: int) -> Prefill:
        if kind is SourceKind.DOCUMENT:
            with self._sessions() as session:
                document = session.get(Document, source_id)
                if document is None:
                    raise UserFacingError("找不到这件公文，可能已被删除，请重新选择。")
                texts = session.scalars(
                    select(DocumentFile.text)
                    .where(DocumentFile.document_id == source_id)
                    .order_by(DocumentFile.sort_order, DocumentFile.id)
                )
                body = next((t.strip() for t in texts if t.strip()), "")
                return Prefill(document.title[:MAX_TITLE], body[:MAX_BODY])
        if kind is SourceKind.DECISION_DIRECTORY:
            with self._sessions() as session:
                year = session.scalar(select(DecisionDirectory.year).where(DecisionDirectory.id == source_id))
            info = self._decisions.directory(year) if year is not None else None
            if info is None:
                raise UserFacingError("找不到这份决策事项目录，请重新选择。")
            return Prefill(f"{info.year}年重大行政决策事项目录", directory_table(info))
        if kind is SourceKind.REQUEST_RELEASE:
            with self._sessions() as session:
                case = session.get(RequestCase, source_id)
                if case is None or case.outcome not in RELEASED:
                    raise UserFacingError("找不到这件已公开的依申请信息，请重新选择。")
                return Prefill(f"关于{case.description[:60]}的公开信息", case.description[:MAX_BODY])
        raise UserFacingError("自行录入的张贴件不需要选择来源。")


def directory_table(info: DirectoryInfo) -> str:
    """The directory as tab-separated lines: the posting layout turns them into a table."""
    lines = ["\t".join(DIRECTORY_COLUMNS)]
    for item in info.active_items:
        cells = (str(item.seq), item.name, item.subject, item.undertaker, item.procedures.text())
        lines.append("\t".join((*cells, item.planned_on.isoformat())))
    return "\n".join(lines)


def _doc_label(index_no: str, doc_number: str, title: str) -> str:
    """Title first (what the clerk recognises), then 文号 and 索引号 to tell same-named ones apart."""
    extra = "，".join(part for part in (doc_number, index_no) if part)
    return f"{title}（{extra}）" if extra else title
