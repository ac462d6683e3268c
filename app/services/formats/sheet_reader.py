"""A clerk's workbook read with python-calamine (issue 24: about ten times openpyxl's read-only mode).

calamine builds each sheet as one dense block from its first to its last cell and reserves room for as
many shared strings as the file claims, and a failed allocation ends the process; so before it opens a
workbook every part is scanned for how far the cells reach (a hostile file puts one cell at A1 and one
at XFD1048576) and for counts no part could hold. The same scan keeps integers longer than a
double holds (an 18-digit 证件号码 written by a program as a number) exactly as they are in the file.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from app.errors import UserFacingError
from app.services.formats.office_files import OLE_SIGNATURE, XLSX, check_office_file, damaged, reader_failed
from app.services.formats.xls_guard import MAX_CELLS, check_xls, too_far

EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384
# Anything but <c r="A1"> and <row r="1"> with columns A–Z and rows below 100,000 (at most 2.6 million
# cells): the usual ledger passes in one fast search; any other sheet has its every reference read.
_NOT_SMALL = re.compile(rb'<(?:c(?! r="[A-Z][0-9]{1,5}")|row(?! r="[0-9]{1,5}")|\w+:(?:c|row))[\s>/]')
# calamine reserves room for <sst uniqueCount="…"> strings up front: a count no part could hold is a lie
_COUNT = re.compile(rb'ount="([0-9]{4,})"')  # count= and uniqueCount=; a literal start keeps it fast
_REF = re.compile(rb'\sr="([A-Za-z]*)([0-9]*)"')  # <row r="12"> and <c r="B12">
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")  # every cell element, with or without r=
_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_LONG_NUMBER = re.compile(rb"<v>(-?[0-9]{16,})</v>")  # a double keeps 15 digits; openpyxl kept them all
_LONG_CELL = re.compile(  # that cell: <c r="D2" s="1"><f>…</f><v>110101199001011234</v>
    rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"[^>]*>'
    rb"(?:<(?:\w+:)?f[^>]*/>|<(?:\w+:)?f[^>]*>[^<]*</(?:\w+:)?f>)?<v>(-?[0-9]{16,})</v>"
)
_SHEET = re.compile(rb"<(?:\w+:)?sheet\s[^>]*>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_RELATION = re.compile(rb"<(?:\w+:)?Relationship\s[^>]*>")


@dataclass(frozen=True)
class SheetCells:
    title: str
    rows: list[list[Any]]  # rows[0] is Excel's row 1, rows[r][0] its column A; "" for an empty cell


def column_index(letters: bytes) -> int:
    index = 0
    for letter in letters.upper()[:8]:  # eight letters already reach far past Excel's XFD
        index = index * 26 + letter - 64
    return index


def _extent(xml: bytes) -> tuple[int, int]:
    """How many rows and columns from A1 calamine would hold for this part at most."""
    if not _NOT_SMALL.search(xml):
        return 99_999, 26
    rows = columns = refs_with_column = refs_of_rows = 0
    for letters, digits in _REF.findall(xml):
        number = int(digits[:12] or b"0")
        rows = max(rows, number)
        if letters:
            refs_with_column += 1
            columns = max(columns, column_index(letters))
        else:
            refs_of_rows += 1
    # cells and rows without r= follow the one before: count them as if each went one further
    if len(_CELL.findall(xml)) > refs_with_column:  # rare: only some writers leave r= out
        columns += max(len(_CELL.findall(row)) for row in _ROW.split(xml))
    rows += max(0, len(_ROW.findall(xml)) - refs_of_rows)
    return rows, columns


def _long_numbers(xml: bytes) -> dict[tuple[int, int], str]:
    """(row, column) from 0 → the exact digits of numbers too long for a double (rare: one pass then)."""
    if not _LONG_NUMBER.search(xml):
        return {}
    return {
        (int(row) - 1, column_index(col) - 1): value.decode() for col, row, value in _LONG_CELL.findall(xml)
    }


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part, as workbook.xml and its relationships name them ({} when unclear)."""
    try:
        book, rels = archive.read("xl/workbook.xml"), archive.read("xl/_rels/workbook.xml.rels")
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return {}
    targets = {}
    for tag in _RELATION.findall(rels):
        attrs = dict(_ATTR.findall(tag))
        target = attrs.get(b"Target", b"").decode(errors="replace")
        targets[attrs.get(b"Id", b"")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    parts = {}
    for tag in _SHEET.findall(book):
        attrs = {key.split(b":")[-1]: value for key, value in _ATTR.findall(tag)}
        if attrs.get(b"id") in targets:
            parts[html.unescape(attrs.get(b"name", b"").decode(errors="replace"))] = targets[attrs[b"id"]]
    return parts


def _scan_xlsx(source: Path | BinaryIO, name: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Refuse a workbook whose cells reach absurdly far; return each sheet's over-long numbers."""
    longs: dict[str, dict[tuple[int, int], str]] = {}
    with zipfile.ZipFile(source) as archive:
        parts = {part: sheet for sheet, part in _sheet_parts(archive).items()}
        for info in archive.infolist():  # every part: a hostile workbook may point a sheet anywhere
            xml = archive.read(info)
            rows, columns = _extent(xml)
            if rows > EXCEL_ROWS or columns > EXCEL_COLUMNS:  # no spreadsheet program writes that
                raise damaged(name, XLSX)
            if rows * columns > MAX_CELLS:
                raise too_far(name)
            if any(
                int(n[:12]) > min(len(xml) // 5 + 1, MAX_CELLS) for n in _COUNT.findall(xml)
            ):  # <si/> is 5
                raise damaged(name, XLSX)
            if info.filename in parts:
                longs[parts[info.filename]] = _long_numbers(xml)
    return longs


def read_first_sheet(path: Path) -> SheetCells:
    """The first worksheet's cells (.xlsx or an old .xls, told apart by content, not by name); whatever
    is wrong with the file is one calm UserFacingError."""
    legacy = _is_ole(path)
    if legacy:
        check_xls(path)
    else:
        check_office_file(path, XLSX)
    try:
        with path.open("rb") as handle:
            longs = {} if legacy else _scan_xlsx(handle, path)
            return _sheets(handle, longs, first_only=True)[0]
    except UserFacingError:
        raise
    except Exception as error:  # broken XML, a CRC error, an absurd cell: the readers' own exceptions
        raise reader_failed(path, XLSX, error) from None
    except BaseException as error:  # a panic inside calamine arrives as pyo3's PanicException
        if isinstance(error, KeyboardInterrupt | SystemExit):
            raise
        raise reader_failed(path, XLSX, error) from None


def read_xlsx_bytes(data: bytes, name: str, first_only: bool = False) -> list[SheetCells]:
    """Every worksheet of an .xlsx already in memory whose zip the caller has checked (a package's
    信息目录.xlsx, an attachment searched for personal data). Raises what the reader raises."""
    try:
        buffer = io.BytesIO(data)
        return _sheets(buffer, _scan_xlsx(buffer, Path(name)), first_only)
    except BaseException as error:  # a panic inside calamine is no Exception
        if isinstance(error, Exception | KeyboardInterrupt | SystemExit):
            raise
        raise reader_failed(Path(name), XLSX, error) from None


def _is_ole(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(OLE_SIGNATURE)) == OLE_SIGNATURE
    except OSError:
        return False  # check_office_file says what is wrong


def _sheets(
    handle: BinaryIO, longs: dict[str, dict[tuple[int, int], str]], first_only: bool
) -> list[SheetCells]:
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    handle.seek(0)
    found: list[SheetCells] = []
    with CalamineWorkbook.from_filelike(handle) as book:
        names = [meta.name for meta in book.sheets_metadata if meta.typ == SheetTypeEnum.WorkSheet]
        if not names:
            raise UserFacingError("这个工作簿里没有工作表，请确认选择的文件是否正确。")
        for name in names[:1] if first_only else names:
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            for (row, column), digits in longs.get(name, {}).items():
                if row < len(rows) and column < len(rows[row]):
                    rows[row][column] = digits
            found.append(SheetCells(name, rows))
    return found
