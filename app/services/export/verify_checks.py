"""What `export verify` needs to read a hostile package safely (issue 19): which entries it will not open,
how deep a manifest may nest, and the catalogue workbook read without trusting it."""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Any

from app.services.formats.xlsx import EXCEL_MAX_ROWS
from app.services.formats.zips import size_problem

MAX_JSON_DEPTH = 32  # our manifest nests 4 levels; json.loads itself gives up (RecursionError) near 1,000
READABLE_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})  # what export_zip writes
# What reading a damaged or hostile entry raises: CRC and inflate errors, a cut-off file, an entry that
# needs a password (RuntimeError) or a compression method zipfile lacks (NotImplementedError).
READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    RuntimeError,
    NotImplementedError,
)


def method_problem(info: zipfile.ZipInfo) -> str | None:
    if info.flag_bits & 0x1:
        return "条目已加密（设置了密码），本系统生成的数据包不加密，无法校验"
    if info.compress_type not in READABLE_METHODS:
        return f"条目使用了本系统不使用的压缩方式（{info.compress_type}），无法校验"
    return None


def json_depth(value: Any) -> int:
    """How deeply lists and objects nest (iteratively: a hostile manifest must not exhaust the stack)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if deepest > MAX_JSON_DEPTH:
                return deepest
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def catalogue_rows(raw: bytes) -> int | None:
    """The data rows of the catalogue workbook, or None when it is no workbook we could have written."""
    from app.services.formats.sheet_reader import read_xlsx_bytes  # python-calamine, issue 24

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as inner:
            bad = [i for i in inner.infolist() if size_problem(i) or method_problem(i)]
            if bad or "xl/workbook.xml" not in inner.namelist():
                return None
        rows = read_xlsx_bytes(raw, "信息目录.xlsx", first_only=True)[0].rows
        return max(min(len(rows), EXCEL_MAX_ROWS) - 1, 0)
    except Exception:  # broken sheet XML, CRC errors, absurd cells: the reader's own exceptions
        return None
