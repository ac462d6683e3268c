"""The read side of the audit log: filter, page, explain in Chinese, and export to Excel."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, func, select

from app.errors import UserFacingError
from app.models.audit import AuditEntry
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.common import IsCancelled, Progress, SessionFactory, check_cancel
from app.services.formats.atomic import atomic_write
from app.services.formats.xlsx import sheet_cell
from app.services.permissions import Actor, Perm, require

if TYPE_CHECKING:  # openpyxl costs ~0.2 s to import: only the export loads it
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

SUMMARY_LIMIT = 200
EXPORT_CHUNK = 1000
EXPORT_ENTITY = "操作日志"
EXPORT_HEADERS = ("时间", "账户", "操作", "对象", "编号", "详情")
EXPORT_WIDTHS = (20, 14, 12, 14, 16, 90)
EMPTY_VALUE = "（空）"
# The writers' free-form detail keys, shown in Chinese; unknown keys are shown as they are.
DETAIL_LABELS = {
    "count": "数量",
    "file": "文件",
    "username": "用户名",
    "roles": "角色",
    "field": "字段",
    "reason": "原因",
    "path": "路径",
    "size": "大小",
}


@dataclass(frozen=True)
class AuditFilter:
    """Empty fields match everything; `max_id` pins a view so new entries do not shift its pages."""

    date_from: date | None = None
    date_to: date | None = None  # inclusive
    username: str | None = None
    entity: str | None = None
    action: str | None = None
    text: str | None = None  # substring of the details or the entity id, taken literally
    max_id: int | None = None


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: str  # 2025-01-24 10:00:00
    username: str
    action: str
    entity: str
    entity_id: str
    summary: str


@dataclass(frozen=True)
class AuditDetail:
    row: AuditRow
    lines: tuple[str, ...]  # the details as Chinese lines, one change per line
    hash: str
    prev_hash: str


def format_value(value: Any) -> str:
    if value is None or value == "":
        return EMPTY_VALUE
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "、".join(format_value(item) for item in value) or EMPTY_VALUE
    if isinstance(value, dict):
        return "；".join(f"{key}：{format_value(item)}" for key, item in value.items()) or EMPTY_VALUE
    return str(value)


def _parse(details_json: str) -> dict[str, Any]:
    try:
        payload = json.loads(details_json or "{}")
    except ValueError:  # a hand-edited row: show it raw rather than fail (`check` reports the tampering)
        return {"内容": details_json}
    return payload if isinstance(payload, dict) else {"内容": payload}


def detail_lines(details_json: str) -> list[str]:
    """「字段：旧 → 新」 for each change, then 「名称：值」 for the other details."""
    payload = _parse(details_json)
    lines: list[str] = []
    changes = payload.pop("changes", None)
    if isinstance(changes, dict):
        for field, pair in changes.items():
            if isinstance(pair, list) and len(pair) == 2:
                lines.append(f"{field}：{format_value(pair[0])} → {format_value(pair[1])}")
            else:
                lines.append(f"{field}：{format_value(pair)}")
    elif changes is not None:
        lines.append(f"变更：{format_value(changes)}")
    for key, value in payload.items():
        lines.append(f"{DETAIL_LABELS.get(key, key)}：{format_value(value)}")
    return lines


def summarize(details_json: str, limit: int = SUMMARY_LIMIT) -> str:
    text = "；".join(detail_lines(details_json)).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _row(entry: AuditEntry, summary: str) -> AuditRow:
    return AuditRow(
        entry.id,
        entry.at.replace("T", " "),
        entry.username,
        entry.action,
        entry.entity,
        entry.entity_id,
        summary,
    )


def _conditions(flt: AuditFilter) -> list[ColumnElement[bool]]:
    """Every condition is a bound parameter; LIKE wildcards in the search text are escaped."""
    where: list[ColumnElement[bool]] = []
    if flt.date_from is not None:
        where.append(AuditEntry.at >= flt.date_from.isoformat())
    if flt.date_to is not None:  # `at` is ISO text, so the next midnight is an exclusive bound
        where.append(AuditEntry.at < (flt.date_to + timedelta(days=1)).isoformat())
    if flt.username:
        where.append(AuditEntry.username == flt.username)
    if flt.entity:
        where.append(AuditEntry.entity == flt.entity)
    if flt.action:
        where.append(AuditEntry.action == flt.action)
    if flt.max_id is not None:
        where.append(AuditEntry.id <= flt.max_id)
    text = (flt.text or "").strip()
    if text:
        # details_json stores quotes and backslashes JSON-escaped, so search for the escaped form there.
        in_json = json.dumps(text, ensure_ascii=False)[1:-1]
        where.append(
            AuditEntry.details_json.contains(in_json, autoescape=True)
            | AuditEntry.entity_id.contains(text, autoescape=True)
        )
    return where


class AuditQueryService:
    """Read-only queries over the audit log (管理员 and 分管领导 only)."""

    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    def snapshot(self, actor: Actor, flt: AuditFilter) -> AuditFilter:
        """The filter pinned to the newest entry now, for a view that pages through it later."""
        require(actor, Perm.VIEW_AUDIT)
        with self._sessions() as session:
            newest = session.scalar(select(func.max(AuditEntry.id)))
        return replace(flt, max_id=newest or 0)

    def count(self, actor: Actor, flt: AuditFilter) -> int:
        require(actor, Perm.VIEW_AUDIT)
        with self._sessions() as session:
            if replace(flt, max_id=None) == AuditFilter() and flt.max_id is not None:
                # The whole log up to the pin: a table count is one fast b-tree pass, a rowid range
                # is read row by row (64 ms at 1M entries); the entries after the pin are few.
                everything = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
                later = session.scalar(select(func.count()).where(AuditEntry.id > flt.max_id)) or 0
                return int(everything) - int(later)
            return session.scalar(select(func.count(AuditEntry.id)).where(*_conditions(flt))) or 0

    def page(
        self, actor: Actor, flt: AuditFilter, offset: int, limit: int, from_end: bool = False
    ) -> list[AuditRow]:
        """Newest first; only `limit` rows are read (id is the rowid, so the order costs no sort). With
        `from_end` the offset counts back from the oldest entry, read oldest first and then turned round."""
        require(actor, Perm.VIEW_AUDIT)
        query = self._select(flt)
        if from_end:
            query = query.order_by(None).order_by(AuditEntry.id.asc())
        query = query.offset(max(offset, 0)).limit(max(limit, 0))
        with self._sessions() as session:
            rows = [_row(entry, summarize(entry.details_json)) for entry in session.scalars(query)]
        return rows[::-1] if from_end else rows

    def detail(self, actor: Actor, entry_id: int) -> AuditDetail | None:
        require(actor, Perm.VIEW_AUDIT)
        with self._sessions() as session:
            entry = session.get(AuditEntry, entry_id)
            if entry is None:
                return None
            lines = detail_lines(entry.details_json)
            return AuditDetail(_row(entry, "；".join(lines)), tuple(lines), entry.hash, entry.prev_hash)

    def distinct_values(self, actor: Actor) -> tuple[list[str], list[str], list[str]]:
        """(usernames, entities, actions) that occur in the log, for the filter lists."""
        require(actor, Perm.VIEW_AUDIT)
        with self._sessions() as session:
            usernames, entities, actions = (
                list(session.scalars(select(column).distinct().order_by(column)))
                for column in (AuditEntry.username, AuditEntry.entity, AuditEntry.action)
            )
        known = [value for name, value in vars(Action).items() if name.isupper()]
        actions.sort(key=lambda value: (known.index(value) if value in known else len(known), value))
        return usernames, entities, actions

    def export_xlsx(
        self, actor: Actor, flt: AuditFilter, path: Path, progress: Progress, is_cancelled: IsCancelled
    ) -> int:
        """Write the filtered entries to `path`; the export is itself logged. Returns the row count."""
        if flt.max_id is None:
            flt = self.snapshot(actor, flt)
        total = self.count(actor, flt)
        try:
            with atomic_write(path, suffix=".partial") as partial:
                written = self._write_workbook(flt, partial, total, progress, is_cancelled)
        except PermissionError as exc:
            raise UserFacingError(
                f"无法写入“{path.name}”：文件可能正在 Excel 中打开，或文件夹不允许写入。"
                "请关闭该文件或换一个位置后重新导出。"
            ) from exc
        except OSError as exc:
            raise UserFacingError(
                f"导出失败：{exc.strerror or exc}。请检查磁盘空间和文件夹权限后重新导出。"
            ) from exc
        with self._sessions.begin() as session:
            audit.record(session, actor, Action.EXPORT, EXPORT_ENTITY, "", count=written, file=str(path))
        progress(100, f"已导出 {written} 条")
        return written

    def _select(self, flt: AuditFilter) -> Select[AuditEntry]:
        return select(AuditEntry).where(*_conditions(flt)).order_by(AuditEntry.id.desc())

    def _chunks(self, flt: AuditFilter) -> Iterator[list[AuditEntry]]:
        """Keyset pages: each chunk continues below the last id, so deep pages cost no OFFSET scan."""
        last: int | None = None
        while True:
            query = self._select(flt)
            if last is not None:
                query = query.where(AuditEntry.id < last)
            with self._sessions() as session:
                chunk = list(session.scalars(query.limit(EXPORT_CHUNK)))
            if not chunk:
                return
            yield chunk
            last = chunk[-1].id

    def _write_workbook(
        self, flt: AuditFilter, target: Path, total: int, progress: Progress, is_cancelled: IsCancelled
    ) -> int:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment

        wrap = Alignment(wrap_text=True, vertical="top")
        book = Workbook(write_only=True)
        sheet: WriteOnlyWorksheet = book.create_sheet("操作日志")
        for index, width in enumerate(EXPORT_WIDTHS):
            sheet.column_dimensions[chr(ord("A") + index)].width = width
        sheet.freeze_panes = "A2"
        sheet.append([_text_cell(sheet, header) for header in EXPORT_HEADERS])
        written = 0
        progress(0, f"正在导出操作日志（共 {total} 条）…")
        try:
            for chunk in self._chunks(flt):
                check_cancel(is_cancelled)
                for entry in chunk:
                    values = (entry.username, entry.action, entry.entity, entry.entity_id)
                    details = _text_cell(sheet, "\n".join(detail_lines(entry.details_json)))
                    details.alignment = wrap
                    at = sheet_cell(sheet, _moment(entry.at))  # a real Excel date-time (issue 21)
                    sheet.append([at, *(_text_cell(sheet, value) for value in values), details])
                written += len(chunk)
                progress(min(99, written * 100 // max(total, 1)), f"已导出 {written} / {total} 条")
            check_cancel(is_cancelled)
            book.save(target)
        finally:
            if not sheet.closed:  # cancelled or failed: finish the row stream so lxml isn't left mid-element
                sheet.close()
                sheet._writer.cleanup()  # its temp file; a saved sheet has already done this
        return written


def _moment(at: str) -> datetime | str:
    try:
        return datetime.fromisoformat(at)
    except ValueError:  # never expected: the chain writes ISO times; keep the text rather than fail
        return at.replace("T", " ")


def _text_cell(sheet: WriteOnlyWorksheet, value: str) -> WriteOnlyCell:
    """Always text: a detail starting with "=" must not become a formula, control characters are dropped."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"
    return cell
