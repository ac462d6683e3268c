"""Spreadsheet ledgers: read rows by header name (any column order) and write text-only sheets safely."""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.errors import UserFacingError
from app.services.common import IsCancelled, Progress, check_cancel, never_cancelled, no_progress

MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number the clerk sees in Excel (header = 1)
    values: dict[str, str]  # header → cell text, stripped; missing or empty cells are ""


@dataclass(frozen=True)
class RejectedRow:
    number: int
    reason: str

    def message(self) -> str:
        return f"第{self.number}行：{self.reason}"


@dataclass
class ImportReport:
    """What an import did: the clerk sees every rejected row with its number and reason."""

    accepted: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)

    def summary(self) -> str:
        text = f"已导入 {self.accepted} 行"
        return text + (f"，{len(self.rejected)} 行未导入。" if self.rejected else "。")


def cell_text(value: Any) -> str:
    """A cell as the clerk typed it; dates from Excel become 2025-01-24."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_rows(path: Path, known_headers: Sequence[str], required: Sequence[str] = ()) -> list[SheetRow]:
    """Rows of the first sheet keyed by the known headers found in row 1; other columns are ignored."""
    from openpyxl import load_workbook  # imported here: ~0.2 s, only imports and exports need it

    if not path.is_file():
        raise UserFacingError(f"找不到文件「{path}」。")
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise UserFacingError(
            "无法读取这个文件，请确认它是 Excel 的 .xlsx 格式（.xls 请先另存为 .xlsx）。"
        ) from None
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header_row = next(rows, None) or ()
        positions = {cell_text(name): index for index, name in enumerate(header_row) if cell_text(name)}
        missing = [name for name in required if name not in positions]
        if missing:
            raise UserFacingError(f"表格第1行缺少列：{'、'.join(missing)}。请检查表头后重新导入。")
        columns = {name: positions[name] for name in known_headers if name in positions}
        result: list[SheetRow] = []
        for number, row in enumerate(rows, start=2):
            values = {
                name: cell_text(row[index]) if index < len(row) else "" for name, index in columns.items()
            }
            if any(values.values()):
                result.append(SheetRow(number, values))
        return result
    finally:
        book.close()


def write_rows(
    path: Path,
    sheet_title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    widths: Sequence[int] = (),
    total: int = 0,
    progress: Progress = no_progress,
    is_cancelled: IsCancelled = never_cancelled,
) -> int:
    """A text-only sheet (a cell starting with "=" never becomes a formula), temp name then rename."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title[:31])
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"

    def text(value: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_CHARS])
        cell.data_type = "s"
        return cell

    sheet.append([text(header) for header in headers])
    written = 0
    for row in rows:
        if written % 500 == 0:
            check_cancel(is_cancelled)
            progress(min(99, written * 100 // max(total, 1)), f"已写入 {written} 行")
        sheet.append([text(value) for value in row])
        written += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".writing-", suffix=".xlsx", dir=path.parent)
    os.close(fd)
    try:
        book.save(temp)
        os.replace(temp, path)
    except PermissionError:
        Path(temp).unlink(missing_ok=True)
        raise UserFacingError(f"无法写入「{path.name}」：文件可能正在 Excel 中打开，请关闭后重试。") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    progress(100, f"已写入 {written} 行")
    return written
