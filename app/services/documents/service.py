"""公文登记: register, edit, attach, publish (through the gate), list at scale, search and timers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.document import Document, DocumentFile
from app.models.versioning import check_version
from app.services.accounts.service import verify_actor
from app.services.alerts import Alert
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.common import SessionFactory, clock_for
from app.services.documents.alerts import document_alerts
from app.services.documents.detail import DocumentDetail as DocumentDetail  # re-exported for callers
from app.services.documents.detail import FileInfo as FileInfo
from app.services.documents.detail import SearchResult as SearchResult
from app.services.documents.detail import read_detail, search_documents
from app.services.documents.hit_pages import HitPlace, hit_place
from app.services.documents.publications import correction_finish, correction_start, record_publication
from app.services.documents.query import (
    DocumentFilter,
    DocumentRow,
    ListCount,
    count_listed,
    count_matching,
    count_searched,
    fetch_page,
    ranks_by_relevance,
)
from app.services.documents.rows import ENTITY as ENTITY  # re-exported for callers
from app.services.documents.rows import (
    apply_values,
    audited_fields,
    get_row,
)
from app.services.documents.rows import input_dict as input_dict
from app.services.documents.rows import issue_index_no as issue_index_no
from app.services.documents.rows import search_fields as search_fields
from app.services.documents.rules import (
    PERIODIC_REVIEW_MONTHS,
    PROACTIVE,
    DocumentInput,
    add_months,
    validate_input,
)
from app.services.documents.voiding import (
    dependents,
    drop_unsigned_sheets,
    require_deletable,
    void_document,
)
from app.services.formats.text_extract import extract_text
from app.services.permissions import Actor, Perm, require
from app.services.review.kinds import ItemKind
from app.services.review.store import open_sheet_for_document
from app.services.search.index import SearchIndex, SqliteNgramIndex
from app.services.storage.attachments import AttachmentStore
from app.services.workdays.service import CalendarService


class DocumentService:
    def __init__(
        self,
        sessions: SessionFactory,
        attachments: AttachmentStore,
        calendar: CalendarService,
        index: SearchIndex | None = None,
    ) -> None:
        self._sessions, self._attachments, self._calendar = sessions, attachments, calendar
        self._clock = clock_for(sessions)
        self.index: SearchIndex = index or SqliteNgramIndex()

    # ---- writing ----------------------------------------------------------------------------------------

    def create(
        self,
        actor: Actor,
        value: DocumentInput,
        files: tuple[Path, ...] = (),
        index_no: str | None = None,
        texts: tuple[str, ...] = (),
    ) -> DocumentDetail:
        """`texts`: the files' text already read (a scan's OCR, pages joined by `search.pages.join_pages`),
        one per file in order; a file without one is read here (OCR takes seconds: it is never redone)."""
        require(actor, Perm.REGISTER)
        clean = validate_input(value, self._clock.today())
        read = list(texts[: len(files)]) + [extract_text(path) for path in files[len(texts) :]]
        stored = [(self._attachments.add_file(path), body) for path, body in zip(files, read, strict=True)]
        with self._sessions.begin() as session:
            year = (clean.written_on or self._clock.today()).year
            number = index_no.strip() if index_no else issue_index_no(session, year)
            if index_no and session.scalar(select(Document.id).where(Document.index_no == number)):
                raise UserFacingError(f"索引号「{number}」已被其他公文使用，请检查。")
            self._check_interprets(session, clean.interprets_id, None)
            row = Document(index_no=number, created_by=actor.account_id, history_note="")
            apply_values(row, clean)
            if clean.disclosure != PROACTIVE:
                row.next_review_on = add_months(self._clock.today(), PERIODIC_REVIEW_MONTHS)
            session.add(row)
            session.flush()
            for order, (info, body) in enumerate(stored):
                session.add(
                    DocumentFile(document_id=row.id, attachment_id=info.id, text=body, sort_order=order)
                )
            session.flush()
            self._reindex(session, row)
            audit.record(
                session,
                actor,
                Action.CREATE,
                ENTITY,
                row.id,
                audit.diff({}, audited_fields(row)),
                索引号=number,
            )
            document_id = row.id
        return self.detail(document_id)

    def update(
        self,
        actor: Actor,
        document_id: int,
        value: DocumentInput,
        expected_version: int | None = None,
        reason: str = "",
    ) -> DocumentDetail:
        """Edits never touch the 索引号. `expected_version` is `DocumentDetail.version` as the clerk opened
        it: a record saved by someone else since then is refused (server mode, issue 14). Changing the
        reviewed content of a published document needs `reason` and opens a new review (issue 21)."""
        require(actor, Perm.REGISTER)
        clean = validate_input(value, self._clock.today())
        with self._sessions.begin() as session:
            row = self._get(session, document_id)
            check_version("documents", row.version, expected_version)
            self._check_interprets(session, clean.interprets_id, document_id)
            correction = correction_start(session, row)
            before = audited_fields(row) | {"公开时间": row.published_at}
            was = row.disclosure
            apply_values(row, clean)
            if was == PROACTIVE and clean.disclosure != PROACTIVE:
                self._withdraw(row)
            if clean.disclosure == PROACTIVE:
                row.next_review_on = None
            extra = correction_finish(session, actor, row, correction, reason)
            changes = audit.diff(before, audited_fields(row) | {"公开时间": row.published_at})
            if changes:
                self._reindex(session, row)
                audit.record(
                    session, actor, Action.UPDATE, ENTITY, row.id, changes, 索引号=row.index_no, **extra
                )
        return self.detail(document_id)

    def add_files(
        self, actor: Actor, document_id: int, files: tuple[Path, ...], reason: str = ""
    ) -> DocumentDetail:
        """A published document's new attachment needs `reason` and a new review, as `update`."""
        require(actor, Perm.REGISTER)
        stored = [(self._attachments.add_file(path), extract_text(path)) for path in files]
        with self._sessions.begin() as session:
            row = self._get(session, document_id)
            correction = correction_start(session, row)
            start = session.scalar(
                select(func.count()).select_from(DocumentFile).where(DocumentFile.document_id == document_id)
            )
            for order, (info, body) in enumerate(stored, start=int(start or 0)):
                session.add(
                    DocumentFile(document_id=row.id, attachment_id=info.id, text=body, sort_order=order)
                )
            session.flush()
            self._reindex(session, row)
            extra = correction_finish(session, actor, row, correction, reason)
            names = [info.original_name for info, _body in stored]
            audit.record(
                session, actor, Action.UPDATE, ENTITY, row.id, {"附件": (None, "、".join(names))}, **extra
            )
        return self.detail(document_id)

    def delete(self, actor: Actor, document_id: int, reason: str = "") -> None:
        """Only leaders/admins, and only while nothing depends on it (else `void`); the 索引号 is never
        issued again (the counter only goes up). The clerk's `reason` goes into the audit entry."""
        require(actor, Perm.DELETE_ISSUED_INDEX)
        with self._sessions.begin() as session:
            row = self._get(session, document_id)
            require_deletable(session, row)
            before = audited_fields(row)
            self.index.remove(session, row.id)
            sheets = drop_unsigned_sheets(session, ItemKind.DOCUMENT.value, row.id)
            session.delete(row)
            changes = audit.diff(before, {})
            extra = {"删除理由": " ".join(reason.split())} if reason.strip() else {}
            extra |= {"一并删除未签署的审查单": "、".join(sheets)} if sheets else {}
            audit.record(
                session, actor, Action.DELETE, ENTITY, document_id, changes, 索引号=row.index_no, **extra
            )

    def publish(
        self, actor: Actor, document_id: int, at: datetime, channels: tuple[str, ...] = ()
    ) -> DocumentDetail:
        """Mark published at `at` — only through the gate: the latest 保密审查单 approves exactly the current
        content, approved before `at`; and only by a real, active account (issue 19). Once only: a
        published document is refused (its 公开时间 feeds the 年报); a corrected one is published again as
        a new history row, the first 公开时间 kept (issue 21)."""
        with self._sessions.begin() as session:
            actor = verify_actor(session, actor, "登记公开")
            require(actor, Perm.REGISTER)
            record_publication(session, actor, self._get(session, document_id), at, channels)
        return self.detail(document_id)

    def void(self, actor: Actor, document_id: int, reason: str) -> DocumentDetail:
        """作废 a wrong registration others depend on (issue 21): it leaves the lists, the 年报 and exports;
        the record, its history and the audit log stay."""
        require(actor, Perm.REGISTER)
        with self._sessions.begin() as session:
            void_document(session, actor, self._get(session, document_id), reason)
        return self.detail(document_id)

    def can_delete(self, document_id: int) -> list[str]:
        """Why the document cannot be deleted (empty: it can), for the GUI's 删除/作废 choice."""
        with self._sessions() as session:
            return dependents(session, self._get(session, document_id))

    def record_periodic_review(
        self, actor: Actor, document_id: int, convert: bool, note: str
    ) -> DocumentDetail:
        """条例 art. 18: keep as is (next review in a year) or convert to 主动公开 via a new review sheet."""
        require(actor, Perm.REGISTER)
        with self._sessions.begin() as session:
            if convert:  # a new 保密审查单 is made: only a real, active account may
                actor = verify_actor(session, actor, "发起保密审查")
            row = self._get(session, document_id)
            if row.disclosure == PROACTIVE:
                raise UserFacingError("这件公文已经是主动公开，不需要定期评估。")
            before = audited_fields(row) | {"下次评估": row.next_review_on}
            if convert:
                row.disclosure, row.withhold_reason, row.withhold_basis = PROACTIVE, "", ""
                row.changed_on, row.next_review_on = self._clock.today(), None
                open_sheet_for_document(session, actor, row, note or "定期评估后转为主动公开")
            else:
                row.next_review_on = add_months(self._clock.today(), PERIODIC_REVIEW_MONTHS)
            changes = audit.diff(before, audited_fields(row) | {"下次评估": row.next_review_on})
            audit.record(session, actor, Action.UPDATE, ENTITY, row.id, changes, 评估意见=note, 定期评估=True)
        return self.detail(document_id)

    # ---- reading ----------------------------------------------------------------------------------------

    def detail(self, document_id: int) -> DocumentDetail:
        return read_detail(self._sessions, self._calendar, document_id)

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

    def list_count(self, flt: DocumentFilter) -> ListCount:
        """The rows the register lists for `flt`: a search's count stops at `query.COUNT_CAP`."""
        with self._sessions() as session:
            return count_listed(session, flt, self.index)

    def search_count(self, query: str) -> ListCount:
        """How many documents `search` finds, counted up to `query.COUNT_CAP` (the command line's total)."""
        with self._sessions() as session:
            return count_searched(session, self.index, query)

    def ranked(self, flt: DocumentFilter) -> bool:
        """Whether `page` lists this search by relevance (False: not a search, or too many matches)."""
        with self._sessions() as session:
            return ranks_by_relevance(session, flt, self.index)

    def page(self, flt: DocumentFilter, offset: int, limit: int, from_end: bool = False) -> list[DocumentRow]:
        """With `from_end`, `offset` counts back from the last row (rows still come in list order)."""
        with self._sessions() as session:
            return fetch_page(session, flt, self.index, offset, limit, from_end)

    def search(self, query: str, limit: int | None = None) -> list[SearchResult]:
        """Best first; every hit when `limit` is None. Hostile input returns [] rather than raising."""
        return search_documents(self._sessions, self.index, query, limit)

    def hit_place(self, document_id: int, query: str) -> HitPlace | None:
        """Which attachment page the search matched, for the one document the register shows."""
        with self._sessions() as session:
            return hit_place(session, document_id, query)

    # ---- timers -----------------------------------------------------------------------------------------

    def alerts(self, today: date) -> list[Alert]:
        return document_alerts(self._sessions, self._calendar, today)

    def review_due(self, today: date, limit: int = 200) -> list[DocumentRow]:
        """依申请公开/不予公开 items whose periodic review is due (条例第十八条)."""
        flt = DocumentFilter(review_due_by=today)
        return self.page(replace(flt, sort="next_review_on"), 0, limit)

    # ---- helpers ----------------------------------------------------------------------------------------

    def apply_input(self, row: Document, value: DocumentInput) -> None:
        """Copy validated values onto a row (imports); sets the periodic review for withheld items."""
        apply_values(row, value)
        row.history_note = row.history_note or ""
        if value.disclosure != PROACTIVE:
            row.next_review_on = add_months(self._clock.today(), PERIODIC_REVIEW_MONTHS)

    def _get(self, session: Session, document_id: int) -> Document:
        return get_row(session, document_id)

    def _withdraw(self, row: Document) -> None:
        """主动公开 → 依申请/不予公开: no longer published (the old 公开时间 stays in the audit log), and the
        reviews approved until now no longer clear it — going back to 主动公开 needs a new review (G4)."""
        row.published_at = None
        row.withdrawn_at = self._clock.now().replace(microsecond=0)
        if row.next_review_on is None:
            row.next_review_on = add_months(self._clock.today(), PERIODIC_REVIEW_MONTHS)

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
