"""Spreadsheet ledgers: read rows by header name (any column order) and write sheets safely: text stays
text (never a formula), dates are real Excel dates a clerk can sort and filter."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.errors import UserFacingError
from app.services.common import IsCancelled, Progress, check_cancel, never_cancelled, no_progress
from app.services.formats.atomic import atomic_write

MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
EXCEL_MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384  # Excel's own sheet size: a row beyond it is not a real sheet
DATE_FORMAT = "yyyy-mm-dd"  # UX.md: tables show 2025-01-24
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
READABLE_SUFFIXES = (".xlsx", ".xls")  # what the importers read (python-calamine); exports are .xlsx


@dataclass(frozen=True)
class DateCell:
    """A date cell whose displayed text carries a note after the date (「2027-01-08（暂定）」) while the
    cell still sorts and filters as a date."""

    day: date
    suffix: str = ""


Cell = str | date | DateCell | None  # what a ledger row may hold; None is an empty cell


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number the clerk sees in Excel (header = 1)
    values: dict[str, str]  # header → cell text, stripped; missing or empty cells are ""


@dataclass(frozen=True)
class Sheet:
    title: str
    rows: list[SheetRow]


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
    if value.__class__ is str:  # most cells: first, and without isinstance (10,000-row imports)
        return str(value).strip()
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():  # beyond 2**53 as Excel shows it: 1.1E+17 → …1000
        return str(int(value) if abs(value) < 2**53 else int(Decimal(repr(value))))
    return str(value).strip()


def read_rows(path: Path, known_headers: Sequence[str], required: Sequence[str] = ()) -> list[SheetRow]:
    """Rows of the first sheet keyed by the known headers found in row 1; other columns are ignored."""
    return read_sheet(path, known_headers, required).rows


def read_sheet(path: Path, known_headers: Sequence[str], required: Sequence[str] = ()) -> Sheet:
    """The first sheet: its title and rows. Whatever is wrong with the file is one calm UserFacingError
    (office_files.py, sheet_reader.py); nothing a hostile workbook holds reaches the clerk as a traceback."""
    from app.services.formats.sheet_reader import read_first_sheet

    cells = read_first_sheet(path)
    return Sheet(cells.title, _rows_by_header(cells.rows, known_headers, required))


def _rows_by_header(
    rows: list[list[Any]], known_headers: Sequence[str], required: Sequence[str]
) -> list[SheetRow]:
    positions: dict[str, int] = {}
    for index, name in enumerate(rows[0][:MAX_COLUMNS] if rows else ()):
        positions.setdefault(cell_text(name), index)
    positions.pop("", None)
    missing = [name for name in required if name not in positions]
    if missing:
        raise UserFacingError(f"表格第1行缺少列：{'、'.join(missing)}。请检查表头后重新导入。")
    columns = [(name, positions[name]) for name in known_headers if name in positions]
    width = max((index for _name, index in columns), default=-1) + 1
    result: list[SheetRow] = []
    for number, row in enumerate(rows[1:EXCEL_MAX_ROWS], start=2):
        if len(row) < width:  # calamine's rows are all as wide as the sheet; guard all the same
            row = [*row, *[""] * (width - len(row))]
        values = {name: cell_text(row[index]) for name, index in columns}
        if any(values.values()):
            result.append(SheetRow(number, values))
    return result


@contextmanager
def workbook_target(path: Path) -> Iterator[Path]:
    """The temp file to save a workbook to; it becomes `path` when the block ends. An Excel window holding
    the old file gets a calm refusal."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with atomic_write(path, prefix=".writing-", suffix=".xlsx") as temp:
            yield temp
    except PermissionError:
        raise UserFacingError(f"无法写入「{path.name}」：文件可能正在 Excel 中打开，请关闭后重试。") from None


def write_rows(
    path: Path,
    sheet_title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    widths: Sequence[int] = (),
    total: int = 0,
    progress: Progress = no_progress,
    is_cancelled: IsCancelled = never_cancelled,
) -> int:
    """Text cells stay text (a cell starting with "=" never becomes a formula); `date`, `datetime` and
    `DateCell` values become Excel dates with a date number format. Temp name, then rename."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title[:31])
    for index, width in enumerate(widths):
        sheet.column_dimensions[_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([sheet_cell(sheet, header) for header in headers])
    written = 0
    for row in rows:
        if written % 500 == 0:
            check_cancel(is_cancelled)
            progress(min(99, written * 100 // max(total, 1)), f"已写入 {written} 行")
        sheet.append([sheet_cell(sheet, value) for value in row])
        written += 1
    with workbook_target(path) as temp:
        book.save(temp)
    progress(100, f"已写入 {written} 行")
    return written


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    letter: str = get_column_letter(index + 1)
    return letter


def sheet_cell(sheet: Any, value: Cell) -> Any:
    """One write-only cell: text as text, a date (or DateCell) as an Excel date with its number format."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, DateCell):
        cell = WriteOnlyCell(sheet, value.day)
        suffix = value.suffix.replace('"', "")
        cell.number_format = f'{DATE_FORMAT}"{suffix}"' if suffix else DATE_FORMAT
        return cell
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value.replace(microsecond=0, tzinfo=None))
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = DATE_FORMAT
        return cell
    cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value or "")[:MAX_CELL_CHARS])
    cell.data_type = "s"
    return cell
