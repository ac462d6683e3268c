"""The register's Excel 台账: import (preview → valid rows in one transaction → rejected rows) and export.

A 公开日期 in the sheet is history: a publication made before the app, reviewed on paper. Only 管理员 (or
the command line, which acts as the data folder's 管理员) may bring it in, through this audited back-dating
path: the row is published, marked 「历史公开（线下审查）」 and bound to its imported content like a
保密审查单 (issue 19). For any other role the rows come in as 待审查, not published.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Table, insert, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from app.errors import UserFacingError
from app.models import OfficeProfile
from app.models.document import Document
from app.services.accounts.service import verify_actor
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.common import IsCancelled, Progress, SessionFactory, clock_for, never_cancelled, no_progress
from app.services.documents.query import DocumentFilter, apply_filter
from app.services.documents.rules import (
    PROACTIVE,
    VALID,
    DocumentInput,
    index_scope,
    render_index,
    validate_input,
)
from app.services.documents.service import (
    ENTITY,
    DocumentService,
    issue_index_no,
    search_fields,
)
from app.services.formats.chinese import parse_date
from app.services.formats.xlsx import Cell, ImportReport, RejectedRow, read_rows, write_rows
from app.services.permissions import Actor, Perm, is_command_line, require
from app.services.privacy.ledger_export import export_privacy
from app.services.privacy.masking import office_allow
from app.services.review.content import document_content
from app.services.review.kinds import HISTORY_MARK
from app.services.settings import registry

HEADERS = ("索引号", "文号", "标题", "发布机构", "成文日期", "公开日期", "公开属性", "不公开理由", "主题分类",
           "体裁分类", "是否行政规范性文件", "有效性", "废止日期", "发文机关")  # fmt: skip
WIDTHS = (30, 20, 50, 24, 12, 12, 12, 30, 24, 10, 10, 8, 12, 24)  # 发文机关 last and optional
REQUIRED = ("标题",)
YES = ("是", "Y", "y", "1", "TRUE", "true")
EXPORT_CHUNK = 1000
LEDGER_NAME = "公文登记台账"
LOOKUP_CHUNK = 500  # values per IN (…): well under SQLite's variable limit


@dataclass(frozen=True)
class LedgerRow:
    number: int
    value: DocumentInput
    index_no: str
    published_on: date | None


@dataclass
class LedgerImportReport(ImportReport):
    """An import's result, with what became of the rows that carried a 公开日期."""

    history: int = 0  # imported as 「历史公开（线下审查）」
    waiting: int = 0  # their 公开日期 not taken: the importer may not back-date, they are 待审查
    acting_as: str = ""  # 「数据文件夹管理员（命令行）」 when the command line imported

    def summary(self) -> str:
        text = super().summary()
        if self.acting_as:
            text = f"以{self.acting_as}身份导入。" + text
        if self.history:
            text += f"其中 {self.history} 行按台账中的公开日期登记为「{HISTORY_MARK}」（已记入操作日志）。"
        if self.waiting:
            text += (
                f"台账中 {self.waiting} 行的公开日期未采用：只有管理员可以登记使用本程序之前的历史公开，"
                "这些公文按「待审查」登记，保密审查通过后再登记公开。"
            )
        return text


@dataclass
class LedgerPreview:
    file: str
    valid: list[LedgerRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)


def _day(text: str, label: str) -> date | None:
    return parse_date(text, label) if text else None


def _published_on(text: str, value: DocumentInput, today: date) -> date | None:
    """A history row's 公开日期: a day that has come, of a 主动公开 document."""
    day = _day(text, "公开日期")
    if day is not None and day > today:
        raise UserFacingError(f"公开日期 {day} 晚于今天：台账只能登记已经发生的公开")
    if day is not None and value.disclosure != PROACTIVE:
        raise UserFacingError(f"公开属性为「{value.disclosure}」的公文不能有公开日期")
    return day


def _basis(reason: str) -> str:
    for basis in ("第十六条第二款", "第十六条第一款", "第十五条", "第十四条"):
        if basis in reason:
            return basis
    return "第十六条第二款" if "过程" in reason else "第十六条第一款" if "内部" in reason else "第十四条"


def _reserve_index_numbers(session: Session, wanted: Counter[int], taken: set[str]) -> dict[int, list[str]]:
    """索引号 for an import, a block per year: the counter moves once by the count (never reused, as
    `issue_index_no`); numbers already used or written in the sheet are skipped and replaced one by one."""
    office = session.get(OfficeProfile, 1)
    if office is None or not office.org_code:
        return {year: [issue_index_no(session, year) for _ in range(count)] for year, count in wanted.items()}
    template = registry.INDEX_TEMPLATE.read(session)
    numbers: dict[int, list[str]] = {}
    for year, count in wanted.items():
        last = session.execute(
            text(
                "INSERT INTO index_counters(scope, last_seq) VALUES (:scope, :n) ON CONFLICT(scope) "
                "DO UPDATE SET last_seq = index_counters.last_seq + :n RETURNING last_seq"
            ),
            {"scope": index_scope(office.org_code, year), "n": count},
        ).scalar_one()
        block = [
            render_index(template, office.org_code, year, seq) for seq in range(last - count + 1, last + 1)
        ]
        used = set(taken)
        for start in range(0, len(block), 500):
            used |= set(
                session.scalars(
                    select(Document.index_no).where(Document.index_no.in_(block[start : start + 500]))
                )
            )
        free = [number for number in block if number not in used]
        while len(free) < count:
            number = issue_index_no(session, year)
            if number not in taken:
                free.append(number)
        numbers[year] = free
    return numbers


def _column_values(row: Document) -> dict[str, object]:
    """A transient row's column values as the ORM would insert them: Python-side defaults filled in, and the
    server-side ones (id, timestamps, version) left to the database unless set (发文机关 has both)."""
    values: dict[str, object] = {}
    for column in Document.__table__.columns:
        if column.primary_key or (column.server_default is not None and column.key not in row.__dict__):
            continue
        if column.key in row.__dict__:
            values[column.key] = row.__dict__[column.key]
        elif isinstance(column.default, ScalarElementColumnDefault):
            values[column.key] = column.default.arg
        else:
            values[column.key] = None
    return values


class DocumentLedger:
    def __init__(self, sessions: SessionFactory, documents: DocumentService) -> None:
        self._sessions, self._documents = sessions, documents
        self._clock = clock_for(sessions)

    def preview(self, path: Path) -> LedgerPreview:
        """Every row checked; nothing is saved."""
        preview = LedgerPreview(path.name)
        seen: set[str] = set()
        sheet = read_rows(path, HEADERS, REQUIRED)
        existing = self._existing_index_numbers([row.values.get("索引号", "").strip() for row in sheet])
        for row in sheet:
            cells = row.values
            try:
                reason = cells.get("不公开理由", "")
                disclosure = cells.get("公开属性", "") or PROACTIVE
                value = DocumentInput(
                    title=cells.get("标题", ""),
                    publisher=cells.get("发布机构", ""),
                    disclosure=disclosure,
                    doc_number=cells.get("文号", ""),
                    written_on=_day(cells.get("成文日期", ""), "成文日期"),
                    withhold_reason=reason,
                    withhold_basis=_basis(reason) if disclosure != PROACTIVE and reason else "",
                    topic=cells.get("主题分类", ""),
                    genre=cells.get("体裁分类", ""),
                    normative=cells.get("是否行政规范性文件", "") in YES,
                    validity=cells.get("有效性", "") or VALID,
                    validity_date=_day(cells.get("废止日期", ""), "废止日期"),
                    issuer=cells.get("发文机关", ""),
                )
                clean = validate_input(value, self._clock.today())
                published = _published_on(cells.get("公开日期", ""), clean, self._clock.today())
                index_no = cells.get("索引号", "").strip()
                if len(index_no) > 64:
                    raise UserFacingError("索引号太长（最多 64 个字符）")
                if index_no and (index_no in existing or index_no in seen):
                    raise UserFacingError(f"索引号「{index_no}」已存在")
                seen.add(index_no)
            except UserFacingError as error:
                preview.rejected.append(RejectedRow(row.number, error.message.rstrip("。")))
                continue
            preview.valid.append(LedgerRow(row.number, clean, index_no, published))
        return preview

    def _existing_index_numbers(self, wanted: list[str]) -> set[str]:
        """Which of the sheet's 索引号 the register already has (not every 索引号 of the register)."""
        numbers = sorted({number for number in wanted if number})
        found: set[str] = set()
        with self._sessions() as session:
            for start in range(0, len(numbers), LOOKUP_CHUNK):
                chunk = numbers[start : start + LOOKUP_CHUNK]
                found.update(session.scalars(select(Document.index_no).where(Document.index_no.in_(chunk))))
        return found

    def save(self, actor: Actor, preview: LedgerPreview) -> LedgerImportReport:
        """Valid rows in ONE transaction. Rows with a 公开日期 are history for 管理员 (published, marked
        「历史公开（线下审查）」, bound to their content) and 待审查 for everyone else."""
        today = self._clock.today()
        with self._sessions.begin() as session:
            actor = verify_actor(session, actor, "导入公文登记台账", command_line=True)
            require(actor, Perm.REGISTER)
            back_dating = actor.can(Perm.RECORD_PAST_PUBLICATION)
            acting_as = "数据文件夹管理员（命令行）" if is_command_line(actor) else ""
            history = waiting = 0
            wanted = Counter(
                (item.value.written_on or today).year for item in preview.valid if not item.index_no
            )
            numbers = _reserve_index_numbers(session, wanted, {item.index_no for item in preview.valid})
            rows: list[Document] = []
            for item in preview.valid:
                year = (item.value.written_on or today).year
                row = Document(index_no=item.index_no or numbers[year].pop(0), created_by=actor.account_id)
                self._documents.apply_input(row, item.value)
                if item.published_on is not None and back_dating:
                    history += 1
                    row.published_at = datetime.combine(item.published_on, datetime.min.time())
                    row.history_note = (
                        f"{HISTORY_MARK}：{today} 由{actor.display_name}导入自「{preview.file}」"
                        f"第{item.number}行"
                    )[:300]
                    content = document_content(
                        row.title, row.doc_number, row.publisher, row.disclosure, (), row.issuer
                    )
                    row.history_fingerprint, row.history_content = content.fingerprint, content.canonical
                elif item.published_on is not None:
                    waiting += 1
                rows.append(row)
            # Core executemany with RETURNING: the ORM's unit of work costs more than the INSERT itself.
            table = Document.__table__
            assert isinstance(table, Table)
            inserted = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            ids = list(session.scalars(inserted, [_column_values(row) for row in rows])) if rows else []
            self._documents.index.put_many(
                session, [(row_id, search_fields(row, "")) for row_id, row in zip(ids, rows, strict=True)]
            )
            accepted, rejected = len(preview.valid), len(preview.rejected)
            audit.record(
                session, actor, Action.IMPORT, ENTITY, "", file=preview.file, count=accepted,
                rejected=rejected, 历史公开=history, 公开日期未采用=waiting,
                身份=acting_as or "、".join(sorted(actor.roles)),
            )  # fmt: skip
        return LedgerImportReport(
            len(preview.valid), list(preview.rejected), history=history, waiting=waiting, acting_as=acting_as
        )

    def export(
        self, actor: Actor, flt: DocumentFilter, path: Path,
        progress: Progress = no_progress, is_cancelled: IsCancelled = never_cancelled,
        include_full: bool = False,
    ) -> int:  # fmt: skip
        """Personal data in the text masked unless the clerk asks for it in full and may see it (issue 21)."""
        total = self._documents.count(flt)

        def rows() -> list[list[Cell]]:
            out: list[list[Cell]] = []
            with self._sessions() as session:
                privacy = export_privacy(actor, office_allow(session), include_full)
                query = apply_filter(select(Document), flt, self._documents.index, ordered=True)
                for row in session.scalars(query.execution_options(yield_per=EXPORT_CHUNK)):
                    out.append([privacy.clean(cell) if isinstance(cell, str) else cell for cell in [
                        row.index_no, row.doc_number, row.title, row.publisher,
                        row.written_on,
                        row.published_at.date() if row.published_at else None,
                        row.disclosure, row.withhold_reason, row.topic, row.genre,
                        "是" if row.normative else "否", row.validity,
                        row.validity_date, row.issuer,
                    ]])  # fmt: skip
            return out

        written = write_rows(path, LEDGER_NAME, HEADERS, rows(), WIDTHS, total, progress, is_cancelled)
        with self._sessions.begin() as session:
            shows = export_privacy(actor, office_allow(session), include_full).shown
            audit.record(
                session, actor, Action.EXPORT, ENTITY, "", 台账=LEDGER_NAME, count=written, file=str(path),
                个人信息=shows,
            )  # fmt: skip
        return written
