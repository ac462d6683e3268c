"""An old .xls workbook looked at before python-calamine opens it (issue 24).

calamine sizes each sheet from its DIMENSIONS record and its cells, and a failed allocation ends the
process: a 2 KB file claiming four billion rows would close the program. This reads the compound file
(OLE) far enough to find the BIFF stream and checks every sheet's extent, and tells a password-protected
file (an encrypted .xlsx is an OLE file too, and so is a .doc) from an old workbook.
"""

from __future__ import annotations

import struct
from pathlib import Path

from app.errors import UserFacingError
from app.services.formats.office_files import XLSX, damaged

MAX_XLS_BYTES = 64 << 20  # an .xls holds at most 65,536 rows; a 10,000-row ledger is about 3 MB
XLS_ROWS, XLS_COLUMNS = 65_536, 256  # BIFF8's own sheet size
ENDOFCHAIN = 0xFFFFFFFE
BOF, BOUNDSHEET, DIMENSIONS, FILEPASS = 0x0809, 0x0085, 0x0200, 0x002F
MULRK, MULBLANK = 0x00BD, 0x00BE
# records that start with (row, column): NUMBER, LABELSST, RK, LABEL, BOOLERR, FORMULA, BLANK, RSTRING
CELLS = frozenset({0x0203, 0x00FD, 0x027E, 0x0204, 0x0205, 0x0006, 0x0201, 0x00D6})


MAX_CELLS = 8_000_000  # calamine holds a sheet as one block: ~250 MB, 100,000 rows × 80 columns


def too_far(path: Path) -> UserFacingError:
    return UserFacingError(
        f"「{path.name}」的表格范围过大（内容延伸到很远的行或列），无法读取。"
        "请删除表格右侧和下方多余的内容，另存后重试。"
    )


class _Broken(Exception):
    """The compound file does not hold together."""


def password_protected(path: Path) -> UserFacingError:
    return UserFacingError(
        f"「{path.name}」设置了打开密码，无法读取。请在 {XLSX.app}中取消密码、另存为 {XLSX.suffix} 后重试。"
    )


def not_a_workbook(path: Path) -> UserFacingError:
    return UserFacingError(
        f"「{path.name}」不是 Excel 工作簿（可能是 Word 文档等其他 Office 文件）。"
        f"请选择 {XLSX.suffix} 或 .xls 文件。"
    )


def check_xls(path: Path) -> None:
    """Refuse, with the reason, an OLE file calamine should not open as a workbook."""
    if path.stat().st_size > MAX_XLS_BYTES:
        raise UserFacingError(
            f"「{path.name}」超过 {MAX_XLS_BYTES >> 20} MB，不像是一份台账，请确认选择的文件。"
        )
    try:
        streams = _streams(path.read_bytes(), ("Workbook", "Book", "EncryptedPackage"))
    except (_Broken, struct.error, IndexError, ValueError):
        raise damaged(path, XLSX) from None
    if "EncryptedPackage" in streams:
        raise password_protected(path)
    books = [data for name, data in streams.items() if name in ("Workbook", "Book")]
    if not books:
        raise not_a_workbook(path)
    for book in books:
        _check_biff(path, book)


def _check_biff(path: Path, stream: bytes) -> None:
    """Walk the records from the start and from every sheet's own offset (BOUNDSHEET), as calamine finds
    its sheets: each sheet must fit in an .xls sheet, and a FILEPASS record means a password."""
    seen: set[int] = set()
    sheets = _walk(path, stream, 0, seen)
    for offset in sheets:
        _walk(path, stream, offset, seen)


def _walk(path: Path, stream: bytes, offset: int, seen: set[int]) -> list[int]:
    sheets: list[int] = []
    rows = columns = 0
    end = len(stream)
    while offset + 4 <= end and offset not in seen:
        seen.add(offset)
        kind, size = struct.unpack_from("<HH", stream, offset)
        at, offset = offset + 4, min(offset + 4 + size, end)  # the record's body: stream[at:offset]
        if kind in CELLS and offset - at >= 4:
            row, column = struct.unpack_from("<HH", stream, at)
            rows, columns = max(rows, row + 1), max(columns, column + 1)
        elif kind == BOF:
            rows = columns = 0
        elif kind == BOUNDSHEET and offset - at >= 4:
            sheets.append(struct.unpack_from("<I", stream, at)[0])
        elif kind == FILEPASS:
            raise password_protected(path)
        elif kind == DIMENSIONS:
            rows, columns = _dimensions(stream[at:offset], rows, columns)
        elif kind in (MULRK, MULBLANK) and offset - at >= 6:
            rows = max(rows, struct.unpack_from("<H", stream, at)[0] + 1)
            columns = max(columns, struct.unpack_from("<H", stream, offset - 2)[0] + 1)
        if rows > XLS_ROWS or columns > XLS_COLUMNS:
            raise damaged(path, XLSX)
        if rows * columns > MAX_CELLS:
            raise too_far(path)
    return sheets


def _dimensions(body: bytes, rows: int, columns: int) -> tuple[int, int]:
    """The sheet's claimed size: BIFF8 counts rows in 32 bits, BIFF5 in 16."""
    if len(body) >= 14:
        return max(rows, struct.unpack_from("<I", body, 4)[0]), max(
            columns, struct.unpack_from("<H", body, 10)[0]
        )
    if len(body) >= 8:
        return max(rows, struct.unpack_from("<H", body, 2)[0]), max(
            columns, struct.unpack_from("<H", body, 6)[0]
        )
    return rows, columns


def _streams(data: bytes, wanted: tuple[str, ...]) -> dict[str, bytes]:
    """The named streams of a compound file (MS-CFB), read defensively: every chain is bounded."""
    if len(data) < 512:
        raise _Broken
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        raise _Broken
    sector = 1 << shift
    count = len(data) // sector + 1  # no chain can be longer than the file has sectors

    def chain(start: int, table: list[int]) -> list[int]:
        found: list[int] = []
        while start != ENDOFCHAIN:
            if start >= len(table) or len(found) > count:
                raise _Broken
            found.append(start)
            start = table[start]
        return found

    def read(sectors: list[int]) -> bytes:
        return b"".join(data[(s + 1) * sector : (s + 2) * sector] for s in sectors)

    fat = _fat(data, sector, count)
    directory = read(chain(struct.unpack_from("<I", data, 0x30)[0], fat))
    cutoff = struct.unpack_from("<I", data, 0x38)[0]
    mini_fat_start = struct.unpack_from("<I", data, 0x3C)[0]
    mini_fat = _u32s(read(chain(mini_fat_start, fat))) if mini_fat_start != ENDOFCHAIN else []
    root_start = struct.unpack_from("<I", directory, 116)[0] if len(directory) >= 128 else ENDOFCHAIN
    mini_stream = read(chain(root_start, fat)) if mini_fat else b""
    streams: dict[str, bytes] = {}
    for at in range(0, len(directory) - 127, 128):
        length = min(struct.unpack_from("<H", directory, at + 64)[0], 64)
        name = directory[at : at + max(length - 2, 0)].decode("utf-16-le", errors="replace")
        if directory[at + 66] != 2 or name not in wanted:  # 2: a stream
            continue
        start, size = struct.unpack_from("<IQ", directory, at + 116)
        if shift == 9:  # version 3 files leave the high half undefined
            size &= 0xFFFFFFFF
        if size < cutoff:
            chunks = chain(start, mini_fat)
            content = b"".join(mini_stream[s * 64 : (s + 1) * 64] for s in chunks)
        else:
            content = read(chain(start, fat))
        streams[name] = content[:size]
    return streams


def _fat(data: bytes, sector: int, count: int) -> list[int]:
    """The sector allocation table, from the header's 109 entries and the DIFAT chain after them."""
    difat = _u32s(data[0x4C:0x200])
    next_difat, difat_sectors = struct.unpack_from("<II", data, 0x44)
    for _ in range(min(difat_sectors, count)):
        if next_difat >= ENDOFCHAIN - 1:
            break
        block = _u32s(data[(next_difat + 1) * sector : (next_difat + 2) * sector])
        if not block:
            raise _Broken
        difat.extend(block[:-1])
        next_difat = block[-1]
    fat_sectors = [s for s in difat if s < count]
    return _u32s(b"".join(data[(s + 1) * sector : (s + 2) * sector] for s in fat_sectors))


def _u32s(raw: bytes) -> list[int]:
    return list(struct.unpack(f"<{len(raw) // 4}I", raw[: len(raw) // 4 * 4]))
