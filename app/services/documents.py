"""公文登记: register, edit, attach, publish (through the gate), list at scale, search and timers."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models import Attachment, OfficeProfile, Setting
from app.models.document import Document, DocumentFile, ReviewSheet
from app.models.versioning import check_version
from app.services import audit
from app.services.alerts import Alert, Urgency
from app.services.attachments import AttachmentStore
from app.services.audit import Action
from app.services.calendar_service import CalendarService
from app.services.common import SessionFactory
from app.services.document_query import (
    DocumentFilter,
    DocumentRow,
    count_matching,
    fetch_page,
    ranks_by_relevance,
)
from app.services.document_rules import (
    DEFAULT_TEMPLATE,
    PERIODIC_REVIEW_MONTHS,
    PROACTIVE,
    DocumentInput,
    add_months,
    index_scope,
    publish_due,
    render_index,
    validate_input,
)
from app.services.permissions import Actor, Perm, require
from app.services.publication_gate import ItemKind, require_approved_review
from app.services.review_sheets import open_sheet_for_document
from app.services.search import SearchFields, SearchIndex, SqliteNgramIndex, query_terms, snippet
from app.services.text_extract import extract_text

ENTITY = "公文"
TEMPLATE_KEY = "register.index_template"
LIMIT_KEY = "proactive.publish_working_days"
WARNING_KEY = "deadline.warning_working_days"


@dataclass(frozen=True)
class FileInfo:
    id: int
    attachment_id: int
    sha256: str
    name: str
    size: int
    text_chars: int


@dataclass(frozen=True)
class DocumentDetail:
    id: int
    index_no: str
    values: DocumentInput
    published_at: datetime | None
    history_note: str
    next_review_on: date | None
    files: tuple[FileInfo, ...]
    publish_due: date | None
    due_problem: str  # e.g. the calendar year is missing
    same_number: tuple[str, ...]  # 索引号 of other documents with the same 文号
    interpretations: tuple[str, ...]  # titles of the 政策解读 linked to this document
    review_status: str
    version: int = 1  # pass back to `update` so an edit over someone else's newer save is refused


@dataclass(frozen=True)
class SearchResult:
    id: int
    index_no: str
    doc_number: str
    title: str
    score: float
    terms: tuple[str, ...]  # for highlighting
    excerpt: str  # attachment text around the first match


def _setting(session: Session, key: str, default: Any) -> Any:
    row = session.get(Setting, key)
    return json.loads(row.value_json) if row else default


def _fields(row: Document) -> dict[str, object]:
    return {
        "文号": row.doc_number,
        "标题": row.title,
        "发布机构": row.publisher,
        "成文日期": row.written_on,
        "变更日期": row.changed_on,
        "公开属性": row.disclosure,
        "不公开理由": row.withhold_reason,
        "依据": row.withhold_basis,
        "主题分类": row.topic,
        "体裁分类": row.genre,
        "行政规范性文件": row.normative,
        "有效性": row.validity,
        "失效日期": row.validity_date,
        "公开方式": row.channels,
        "解读对象": row.interprets_id,
        "公开时限": row.publish_limit_days,
    }


def _apply(row: Document, value: DocumentInput) -> None:
    row.doc_number, row.title, row.publisher = value.doc_number, value.title, value.publisher
    row.written_on, row.changed_on, row.disclosure = value.written_on, value.changed_on, value.disclosure
    row.withhold_reason, row.withhold_basis = value.withhold_reason, value.withhold_basis
    row.topic, row.genre, row.normative = value.topic, value.genre, value.normative
    row.validity, row.validity_date = value.validity, value.validity_date
    row.channels = "、".join(value.channels)
    row.interprets_id, row.publish_limit_days = value.interprets_id, value.publish_limit_days


def _input_of(row: Document) -> DocumentInput:
    return DocumentInput(
        title=row.title,
        publisher=row.publisher,
        disclosure=row.disclosure,
        doc_number=row.doc_number,
        written_on=row.written_on,
        changed_on=row.changed_on,
        withhold_reason=row.withhold_reason,
        withhold_basis=row.withhold_basis,
        topic=row.topic,
        genre=row.genre,
        normative=row.normative,
        validity=row.validity,
        validity_date=row.validity_date,
        channels=tuple(part for part in row.channels.split("、") if part),
        interprets_id=row.interprets_id,
        publish_limit_days=row.publish_limit_days,
    )


def issue_index_no(session: Session, year: int) -> str:
    """Next 索引号. The counter UPDATE is the transaction's first write, so concurrent registrations
    queue on SQLite's write lock (busy_timeout) and each gets its own number; never reused."""
    office = session.get(OfficeProfile, 1)
    if office is None or not office.org_code:
        raise UserFacingError("请先在「设置 → 单位信息」填写机构代码，索引号由它生成。")
    scope = index_scope(office.org_code, year)
    template = str(_setting(session, TEMPLATE_KEY, DEFAULT_TEMPLATE))
    while True:
        seq = session.execute(
            text(
                "INSERT INTO index_counters(scope, last_seq) VALUES (:scope, 1) "
                "ON CONFLICT(scope) DO UPDATE SET last_seq = index_counters.last_seq + 1 RETURNING last_seq"
            ),
            {"scope": scope},
        ).scalar_one()
        candidate = render_index(template, office.org_code, year, int(seq))
        if session.scalar(select(Document.id).where(Document.index_no == candidate)) is None:
            return candidate


class DocumentService:
    def __init__(
        self,
        sessions: SessionFactory,
        attachments: AttachmentStore,
        calendar: CalendarService,
        index: SearchIndex | None = None,
    ) -> None:
        self._sessions, self._attachments, self._calendar = sessions, attachments, calendar
        self.index: SearchIndex = index or SqliteNgramIndex()

    # ---- writing ----------------------------------------------------------------------------------------

    def create(
        self, actor: Actor, value: DocumentInput, files: tuple[Path, ...] = (), index_no: str | None = None
    ) -> DocumentDetail:
        require(actor, Perm.REGISTER)
        clean = validate_input(value, date.today())
        stored = [(self._attachments.add_file(path), extract_text(path)) for path in files]
        with self._sessions.begin() as session:
            year = (clean.written_on or date.today()).year
            number = index_no.strip() if index_no else issue_index_no(session, year)
            if index_no and session.scalar(select(Document.id).where(Document.index_no == number)):
                raise UserFacingError(f"索引号「{number}」已被其他公文使用，请检查。")
            self._check_interprets(session, clean.interprets_id, None)
            row = Document(index_no=number, created_by=actor.account_id, history_note="")
            _apply(row, clean)
            if clean.disclosure != PROACTIVE:
                row.next_review_on = add_months(date.today(), PERIODIC_REVIEW_MONTHS)
            session.add(row)
            session.flush()
            for order, (info, body) in enumerate(stored):
                session.add(
                    DocumentFile(document_id=row.id, attachment_id=info.id, text=body, sort_order=order)
                )
            session.flush()
            self._reindex(session, row)
            audit.record(
                session, actor, Action.CREATE, ENTITY, row.id, audit.diff({}, _fields(row)), 索引号=number
            )
            document_id = row.id
        return self.detail(document_id)

    def update(
        self, actor: Actor, document_id: int, value: DocumentInput, expected_version: int | None = None
    ) -> DocumentDetail:
        """Edits never touch the 索引号. `expected_version` is `DocumentDetail.version` as the clerk opened
        it: a record saved by someone else since then is refused (server mode, issue 14)."""
        require(actor, Perm.REGISTER)
        clean = validate_input(value, date.today())
        with self._sessions.begin() as session:
            row = self._get(session, document_id)
            check_version("documents", row.version, expected_version)
            self._check_interprets(session, clean.interprets_id, document_id)
            before = _fields(row)
            was = row.disclosure
            _apply(row, clean)
            if was == PROACTIVE and clean.disclosure != PROACTIVE and row.next_review_on is None:
                row.next_review_on = add_months(date.today(), PERIODIC_REVIEW_MONTHS)
            if clean.disclosure == PROACTIVE:
                row.next_review_on = None
            changes = audit.diff(before, _fields(row))
            if changes:
                self._reindex(session, row)
                audit.record(session, actor, Action.UPDATE, ENTITY, row.id, changes, 索引号=row.index_no)
        return self.detail(document_id)

    def add_files(self, actor: Actor, document_id: int, files: tuple[Path, ...]) -> DocumentDetail:
        require(actor, Perm.REGISTER)
        stored = [(self._attachments.add_file(path), extract_text(path)) for path in files]
        with self._sessions.begin() as session:
            row = self._get(session, document_id)
            start = session.scalar(
                select(func.count()).select_from(DocumentFile).where(DocumentFile.document_id == document_id)
            )
            for order, (info, body) in enumerate(stored, start=int(start or 0)):
                session.add(
                    DocumentFile(document_id=row.id, attachment_id=info.id, text=body, sort_order=order)
                )
            session.flush()
            self._reindex(session, row)
            names = [info.original_name for info, _body in stored]
            audit.record(session, actor, Action.UPDATE, ENTITY, row.id, {"附件": (None, "、".join(names))})
        return self.detail(document_id)

    def delete(self, actor: Actor, document_id: int) -> None:
        """Only leaders/admins; the 索引号 is never issued again (the counter only goes up)."""
        require(actor, Perm.DELETE_ISSUED_INDEX)
        with self._sessions.begin() as session:
            row = self._get(session, document_id)
            before = _fields(row)
            self.index.remove(session, row.id)
            session.delete(row)
            audit.record(
                session,
                actor,
                Action.DELETE,
                ENTITY,
                document_id,
                audit.diff(before, {}),
                索引号=row.index_no,
            )

    def publish(
        self, actor: Actor, document_id: int, at: datetime, channels: tuple[str, ...] = ()
    ) -> DocumentDetail:
        """Mark published at `at` — only through the gate (an approved 保密审查单 approved before `at`)."""
        require(actor, Perm.REGISTER)
        with self._sessions.begin() as session:
            row = self._get(session, document_id)
            if row.disclosure != PROACTIVE:
                raise UserFacingError(f"这件公文的公开属性是「{row.disclosure}」，不能作为主动公开发布。")
            clearance = require_approved_review(session, ItemKind.DOCUMENT, document_id, at)
            before = {"公开时间": row.published_at, "公开方式": row.channels}
            row.published_at = at.replace(microsecond=0)
            if channels:
                row.channels = "、".join(channels)
            after = {"公开时间": row.published_at, "公开方式": row.channels}
            audit.record(
                session, actor, Action.STATUS, ENTITY, row.id, audit.diff(before, after), 依据=clearance.basis
            )
        return self.detail(document_id)

    def record_periodic_review(
        self, actor: Actor, document_id: int, convert: bool, note: str
    ) -> DocumentDetail:
        """条例 art. 18: keep as is (next review in a year) or convert to 主动公开 via a new review sheet."""
        require(actor, Perm.REGISTER)
        with self._sessions.begin() as session:
            row = self._get(session, document_id)
            if row.disclosure == PROACTIVE:
                raise UserFacingError("这件公文已经是主动公开，不需要定期评估。")
            before = _fields(row) | {"下次评估": row.next_review_on}
            if convert:
                row.disclosure, row.withhold_reason, row.withhold_basis = PROACTIVE, "", ""
                row.changed_on, row.next_review_on = date.today(), None
                open_sheet_for_document(session, actor, row, note or "定期评估后转为主动公开")
            else:
                row.next_review_on = add_months(date.today(), PERIODIC_REVIEW_MONTHS)
            changes = audit.diff(before, _fields(row) | {"下次评估": row.next_review_on})
            audit.record(session, actor, Action.UPDATE, ENTITY, row.id, changes, 评估意见=note, 定期评估=True)
        return self.detail(document_id)

    # ---- reading ----------------------------------------------------------------------------------------

    def detail(self, document_id: int) -> DocumentDetail:
        with self._sessions() as session:
            row = self._get(session, document_id)
            files = tuple(
                FileInfo(link.id, att.id, att.sha256, att.original_name, att.size, len(link.text))
                for link, att in session.execute(
                    select(DocumentFile, Attachment)
                    .join(Attachment, Attachment.id == DocumentFile.attachment_id)
                    .where(DocumentFile.document_id == document_id)
                    .order_by(DocumentFile.sort_order)
                )
            )
            same = tuple(
                session.scalars(
                    select(Document.index_no).where(
                        Document.doc_number == row.doc_number,
                        Document.id != row.id,
                        Document.doc_number != "",
                    )
                )
            )
            interpretations = tuple(
                session.scalars(select(Document.title).where(Document.interprets_id == row.id))
            )
            limit = row.publish_limit_days or int(_setting(session, LIMIT_KEY, 20))
            sheet = session.scalar(
                select(ReviewSheet.status)
                .where(ReviewSheet.item_kind == ItemKind.DOCUMENT.value, ReviewSheet.item_id == row.id)
                .order_by(ReviewSheet.id.desc())
            )
        due, problem = None, ""
        if row.disclosure == PROACTIVE:
            try:
                due = publish_due(self._calendar.calendar(), row.written_on, row.changed_on, limit)
            except UserFacingError as missing:
                problem = missing.message
        return DocumentDetail(
            row.id,
            row.index_no,
            _input_of(row),
            row.published_at,
            row.history_note,
            row.next_review_on,
            files,
            due,
            problem,
            same,
            interpretations,
            sheet or ("导入前已审查" if row.history_note else "未审查"),
            row.version,
        )

    def duplicates_of(self, doc_number: str, exclude_id: int | None = None) -> list[str]:
        """索引号 of documents already registered with this 文号 (the editor warns, it does not refuse)."""
        if not doc_number.strip():
            return []
        with self._sessions() as session:
            query = select(Document.index_no).where(Document.doc_number == doc_number.strip())
            if exclude_id is not None:
                query = query.where(Document.id != exclude_id)
            return list(session.scalars(query))

    def count_all(self) -> int:
        with self._sessions() as session:
            return int(session.scalar(select(func.count(Document.id))) or 0)

    def count(self, flt: DocumentFilter) -> int:
        with self._sessions() as session:
            return count_matching(session, flt, self.index)

    def ranked(self, flt: DocumentFilter) -> bool:
        """Whether `page` lists this search by relevance (False: not a search, or too many matches)."""
        with self._sessions() as session:
            return ranks_by_relevance(session, flt, self.index)

    def page(self, flt: DocumentFilter, offset: int, limit: int) -> list[DocumentRow]:
        with self._sessions() as session:
            return fetch_page(session, flt, self.index, offset, limit)

    def search(self, query: str, limit: int | None = None) -> list[SearchResult]:
        """Best first; every hit when `limit` is None. Hostile input returns [] rather than raising."""
        terms = tuple(query_terms(query))
        with self._sessions() as session:
            hits = self.index.query(session, query, limit)
            if not hits:
                return []
            ids = [hit.document_id for hit in hits]
            rows: dict[int, Document] = {}
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                rows.update(
                    (row.id, row) for row in session.scalars(select(Document).where(Document.id.in_(chunk)))
                )
            excerpts: dict[int, str] = {}
            if len(ids) <= 200:
                for document_id, body in session.execute(
                    select(DocumentFile.document_id, DocumentFile.text).where(
                        DocumentFile.document_id.in_(ids)
                    )
                ):
                    if not excerpts.get(document_id):
                        excerpts[document_id] = snippet(body, terms)
        return [
            SearchResult(
                hit.document_id,
                rows[hit.document_id].index_no,
                rows[hit.document_id].doc_number,
                rows[hit.document_id].title,
                hit.score,
                terms,
                excerpts.get(hit.document_id, ""),
            )
            for hit in hits
            if hit.document_id in rows
        ]

    # ---- timers -----------------------------------------------------------------------------------------

    def alerts(self, today: date) -> list[Alert]:
        alerts: list[Alert] = []
        with self._sessions() as session:
            default_limit = int(_setting(session, LIMIT_KEY, 20))
            warning = int(_setting(session, WARNING_KEY, 3))
            pending = list(
                session.scalars(
                    select(Document).where(
                        Document.disclosure == PROACTIVE,
                        Document.published_at.is_(None),
                        Document.written_on.is_not(None),
                    )
                )
            )
            reviews = list(
                session.scalars(
                    select(Document).where(
                        Document.next_review_on.is_not(None), Document.next_review_on <= today
                    )
                )
            )
        calendar = self._calendar.calendar()
        for row in pending:
            try:
                due = publish_due(
                    calendar, row.written_on, row.changed_on, row.publish_limit_days or default_limit
                )
            except UserFacingError:
                continue
            if due is None:
                continue
            name = row.doc_number or row.title[:20]
            if due < today:
                alerts.append(
                    Alert(Urgency.OVERDUE, f"{name} 主动公开已逾期", f"应于 {due} 前公开（条例第二十六条）",
                          "documents", ENTITY, str(row.id), due)
                )  # fmt: skip
            elif calendar.working_days_between(today, due) <= warning:
                alerts.append(
                    Alert(Urgency.DUE_SOON, f"{name} 应于 {due} 前主动公开", row.title, "documents",
                          ENTITY, str(row.id), due)
                )  # fmt: skip
        for row in reviews:
            alerts.append(
                Alert(Urgency.REMINDER, f"{row.doc_number or row.title[:20]} 需定期评估公开属性",
                      f"当前为「{row.disclosure}」（条例第十八条）", "documents", ENTITY, str(row.id),
                      row.next_review_on)
            )  # fmt: skip
        return alerts

    def review_due(self, today: date, limit: int = 200) -> list[DocumentRow]:
        """依申请公开/不予公开 items whose periodic review is due (条例第十八条)."""
        flt = DocumentFilter(review_due_by=today)
        return self.page(replace(flt, sort="next_review_on"), 0, limit)

    # ---- helpers ----------------------------------------------------------------------------------------

    @staticmethod
    def apply_input(row: Document, value: DocumentInput) -> None:
        """Copy validated values onto a row (imports); sets the periodic review for withheld items."""
        _apply(row, value)
        row.history_note = row.history_note or ""
        if value.disclosure != PROACTIVE:
            row.next_review_on = add_months(date.today(), PERIODIC_REVIEW_MONTHS)

    def _get(self, session: Session, document_id: int) -> Document:
        row = session.get(Document, document_id)
        if row is None:
            raise UserFacingError("这件公文已被删除，请刷新列表。")
        return row

    def _check_interprets(self, session: Session, target: int | None, own_id: int | None) -> None:
        if target is None:
            return
        if target == own_id or session.get(Document, target) is None:
            raise UserFacingError("解读对象应是另一件已登记的公文。")

    def _reindex(self, session: Session, row: Document) -> None:
        body = "\n".join(
            session.scalars(
                select(DocumentFile.text)
                .where(DocumentFile.document_id == row.id)
                .order_by(DocumentFile.sort_order)
            )
        )
        self.index.put(session, row.id, search_fields(row, body))


def search_fields(row: Document, body: str) -> SearchFields:
    return SearchFields(row.title, f"{row.doc_number} {row.index_no} {row.publisher}", body)


def input_dict(value: DocumentInput) -> dict[str, object]:
    return asdict(value)
