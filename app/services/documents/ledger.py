"""The register's Excel 台账: import (preview → valid rows in one transaction → rejected rows) and export.

A 公开日期 in the sheet is history: a publication made before the app, reviewed on paper. Only 管理员 (or
the command line, which acts as the data folder's 管理员) may bring it in, through this audited back-dating
path: the row is published, marked 「历史公开（线下审查）」 and bound to its imported content like a
保密审查单 (issue 19). For any other role the rows come in as 待审查, not published.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.errors import UserFacingError
from app.models.document import Document
from app.services.accounts.service import verify_actor
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.common import (
    IsCancelled,
    Progress,
    SessionFactory,
    check_cancel,
    clock_for,
    never_cancelled,
    no_progress,
)
from app.services.documents.ledger_save import (
    LedgerRow,
    build_rows,
    existing_index_numbers,
    insert_documents,
    reserve_index_numbers,
    search_items,
)
from app.services.documents.query import DocumentFilter, apply_filter
from app.services.documents.rules import PROACTIVE, VALID, DocumentInput, validate_input
from app.services.documents.service import ENTITY, DocumentService
from app.services.formats.chinese import parse_date
from app.services.formats.xlsx import Cell, ImportReport, RejectedRow, read_rows, write_rows
from app.services.permissions import Actor, Perm, is_command_line, require
from app.services.privacy.ledger_export import export_privacy
from app.services.privacy.masking import office_allow
from app.services.review.kinds import HISTORY_MARK

HEADERS = ("索引号", "文号", "标题", "发布机构", "成文日期", "公开日期", "公开属性", "不公开理由", "主题分类",
           "体裁分类", "是否行政规范性文件", "有效性", "废止日期", "发文机关")  # fmt: skip
WIDTHS = (30, 20, 50, 24, 12, 12, 12, 30, 24, 10, 10, 8, 12, 24)  # 发文机关 last and optional
REQUIRED = ("标题",)
YES = ("是", "Y", "y", "1", "TRUE", "true")
EXPORT_CHUNK = 1000
LEDGER_NAME = "公文登记台账"
SAVE_CHUNK = 1000  # rows a step (their INSERT, their ids, their search rows), then progress and cancel


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


class _Days:
    """`_day` read once per distinct cell text: a 10,000-row ledger has a few thousand distinct dates.
    A cell that is no date raises each time it is met, with its own field's name."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], date | None] = {}

    def __call__(self, text: str, label: str) -> date | None:
        key = (text, label)
        if key not in self._seen:
            self._seen[key] = _day(text, label)
        return self._seen[key]


def _published_on(day: date | None, value: DocumentInput, today: date) -> date | None:
    """A history row's 公开日期: a day that has come, of a 主动公开 document."""
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


class DocumentLedger:
    def __init__(self, sessions: SessionFactory, documents: DocumentService) -> None:
        self._sessions, self._documents = sessions, documents
        self._clock = clock_for(sessions)

    def preview(self, path: Path) -> LedgerPreview:
        """Every row checked; nothing is saved."""
        preview = LedgerPreview(path.name)
        seen: set[str] = set()
        day, today = _Days(), self._clock.today()
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
                    written_on=day(cells.get("成文日期", ""), "成文日期"),
                    withhold_reason=reason,
                    withhold_basis=_basis(reason) if disclosure != PROACTIVE and reason else "",
                    topic=cells.get("主题分类", ""),
                    genre=cells.get("体裁分类", ""),
                    normative=cells.get("是否行政规范性文件", "") in YES,
                    validity=cells.get("有效性", "") or VALID,
                    validity_date=day(cells.get("废止日期", ""), "废止日期"),
                    issuer=cells.get("发文机关", ""),
                )
                clean = validate_input(value, today)
                published = _published_on(day(cells.get("公开日期", ""), "公开日期"), clean, today)
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
        with self._sessions() as session:
            return existing_index_numbers(session, wanted)

    def save(
        self, actor: Actor, preview: LedgerPreview,
        progress: Progress = no_progress, is_cancelled: IsCancelled = never_cancelled,
    ) -> LedgerImportReport:  # fmt: skip
        """Valid rows in ONE transaction: all are saved, or (on cancel or error) none. Rows with a 公开日期
        are history for 管理员 (published, marked 「历史公开（线下审查）」, bound to their content) and 待审查
        for everyone else. Set-based (ledger_save): the statements do not grow with the rows."""
        now = self._clock.now()
        with self._sessions.begin() as session:
            actor = verify_actor(session, actor, "导入公文登记台账", command_line=True)
            require(actor, Perm.REGISTER)
            back_dating = actor.can(Perm.RECORD_PAST_PUBLICATION)
            acting_as = "数据文件夹管理员（命令行）" if is_command_line(actor) else ""
            wanted = Counter(
                (item.value.written_on or now.date()).year for item in preview.valid if not item.index_no
            )
            numbers = reserve_index_numbers(session, wanted, {item.index_no for item in preview.valid})
            rows, history, waiting = build_rows(preview.valid, actor, preview.file, now, back_dating, numbers)
            for start in range(0, len(rows), SAVE_CHUNK):
                check_cancel(is_cancelled)
                progress(start * 100 // len(rows), f"已导入 {start} 行")
                chunk = rows[start : start + SAVE_CHUNK]
                self._documents.index.put_many(session, search_items(chunk, insert_documents(session, chunk)))
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
