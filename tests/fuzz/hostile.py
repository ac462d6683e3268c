"""Hostile content for the importers and verifiers (issue 19): texts, numbers, workbooks, Word files, text
files in every encoding a Chinese PC writes, and JSON. Containers are damaged in hostile_zip.py.

Every fuzz test saves what these strategies draw, runs the importer or verifier, and accepts only a
UserFacingError with a Chinese message or a clean report, with nothing saved unless the report says so.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from functools import cache
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.fuzz.hostile_zip import hostile_archive, zip_of

# 500 hostile files per importer (issue 19). CI draws the same 500 every run (derandomized, so a red build
# is reproducible); ZWGK_FUZZ_EXPLORE=5000 draws that many fresh ones instead, to hunt for new failures.
EXPLORE = int(os.environ.get("ZWGK_FUZZ_EXPLORE", "0"))
FUZZ = settings(
    max_examples=EXPLORE or 500,
    deadline=None,
    database=None,
    derandomize=not EXPLORE,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
CHINESE = re.compile(r"[\u4e00-\u9fff]")

WORDS = (
    "../../x", "..\\..\\x", "/etc/passwd", "C:\\Windows\\system32", "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x")', "+1+1", "@SUM(A1)", "'\"<>&", "\x00", "\x00\x01\x1f", "NUL", "CON",
    "\u202e", "\ufeff", "𠀀𪚥", "　", "2025-02-30", "2025-13-01", "0000-00-00", "0001-01-01", "9999-12-31",
    "99999-01-01", "-2025-01-01", "99999999999999999999", "-1", "0", "1e309", "nan", "inf", "1.5",
    "是", "否", "√", "当面", "网络", "自然人", "主动公开", "不予公开", "依申请公开", "维持", "直接起诉:维持",
    "予以公开", "2025年", "20250101",
)  # fmt: skip


def numbers() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(-(10**30), 10**30).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.sampled_from(("99999999999999999999", "1" * 400, "1e400", "-0", "0x10", "١٢٣")),
    )


def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """A cell or a field as a careless clerk or an attacker writes it."""
    return st.one_of(
        st.sampled_from(WORDS),
        st.text(max_size=max_size),
        st.text(alphabet="一二三四五六七八九十年月日、，。：；（）0123456789-", max_size=max_size),
        numbers(),
        st.just(10_000).map(lambda n: "字" * n),  # mapped, so a failure report does not print it
        st.just(300).map(lambda n: "../" * n + "x"),
    )


def dates() -> st.SearchStrategy[str]:
    """Date-shaped text: mostly plausible (so what follows a date is reached), some impossible or absurd."""
    years = st.one_of(st.integers(2024, 2028), st.integers(2024, 2028), st.integers(0, 10**20))
    months = st.one_of(st.integers(1, 12), st.integers(1, 12), st.integers(0, 99))
    days = st.one_of(st.integers(1, 28), st.integers(1, 28), st.integers(0, 99))
    return st.builds(
        lambda y, m, d, style: style.format(y=y, m=m, d=d, mm=f"{m:02d}", dd=f"{d:02d}"),
        years,
        months,
        days,
        st.sampled_from(("{y}-{mm}-{dd}", "{y}/{m}/{d}", "{y}.{m}.{d}", "{y}年{m}月{d}日", "{m}月{d}日")),
    )


# ---- .xlsx --------------------------------------------------------------------------------------------
SHEET = "xl/worksheets/sheet1.xml"
XLSX_PARTS = (SHEET, "xl/workbook.xml", "xl/styles.xml", "xl/sharedStrings.xml", "[Content_Types].xml")
_SHEET_HEAD = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


@cache
def xlsx_template() -> dict[str, bytes]:
    """The parts of a one-sheet workbook written by openpyxl (cell style 1 is a date)."""
    import zipfile
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"], book.active["B1"] = "x", datetime(2025, 1, 2)
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _cell(ref: str, value: str, kind: str) -> str:
    if kind == "number":
        return f'<c r="{ref}"><v>{escape(value)}</v></c>'
    if kind == "date":
        return f'<c r="{ref}" s="1" t="n"><v>{escape(value)}</v></c>'
    if kind == "formula":
        return f'<c r="{ref}"><f>{escape(value)}</f></c>'
    if kind == "shared":
        return f'<c r="{ref}" t="s"><v>{escape(value)}</v></c>'
    if kind == "bool":
        return f'<c r="{ref}" t="b"><v>{escape(value)}</v></c>'
    if kind == "error":
        return f'<c r="{ref}" t="e"><v>{escape(value)}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'


CELL_KINDS = ("text",) * 6 + ("number", "date", "formula", "shared", "bool", "error")


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def sheet_xml(rows: Sequence[Sequence[tuple[str, str]]], row_numbers: Sequence[int], dimension: str) -> bytes:
    body = []
    for number, row in zip(row_numbers, rows, strict=False):
        cells = "".join(_cell(f"{_column(i)}{number}", value, kind) for i, (value, kind) in enumerate(row))
        body.append(f'<row r="{number}">{cells}</row>')
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f"{_SHEET_HEAD}{dim}<sheetData>{''.join(body)}</sheetData></worksheet>".encode()


BROKEN_XML = (
    b"",
    b"<worksheet",
    _SHEET_HEAD.encode() + b"<sheetData><row r='1'><c r='A1' t='inlineStr'><is><t>x",
    b"\xff\xfe<\x00w\x00",
    b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
    b"<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'><!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>]><x>&d;</x>",
    b"<a>" * 5000 + b"</a>" * 5000,  # nesting
    _SHEET_HEAD.encode()
    + b'<sheetData><row r="99999999999"><c r="A99999999999"><v>1</v></c></row></sheetData></worksheet>',
    _SHEET_HEAD.encode() + b'<sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    b"</worksheet>",
    _SHEET_HEAD.encode() + b'<sheetData><row r="-5"><c r="A-5"><v>1</v></c></row></sheetData></worksheet>',
    _SHEET_HEAD.encode() + b'<sheetData><row r="1"><c r="ZZZZZZ1"><v>1</v></c></row></sheetData></worksheet>',
)  # fmt: skip


@st.composite
def workbooks(draw: st.DrawFn, headers: Sequence[str], values: st.SearchStrategy[str] | None = None) -> bytes:
    """An .xlsx whose first row holds some of `headers` (any order, some missing, some unknown) and whose
    rows hold hostile cells; the sheet XML is sometimes broken or claims absurd dimensions."""
    values = values if values is not None else texts()
    header = draw(st.lists(st.sampled_from([*headers, "", "备注", "标题 "]), max_size=len(headers) + 2))
    if draw(st.booleans()):
        header = list(headers)  # every column: the rows are what is hostile
    rows: list[list[tuple[str, str]]] = [[(name, "text") for name in header]]
    width = max(len(header), 1)
    for _ in range(draw(st.integers(0, 6))):
        cells = draw(st.lists(st.tuples(values, st.sampled_from(CELL_KINDS)), max_size=width + 1))
        rows.append(cells)
    numbers = list(range(1, len(rows) + 1))
    if draw(st.integers(0, 9)) == 0:
        numbers = sorted(draw(st.lists(st.integers(-3, 2_000_000), min_size=len(rows), max_size=len(rows))))
    dimension = draw(st.sampled_from(("", "A1:B2", "A1:XFD1048576", "A1:A1", "ZZZZ9999999999", "garbage")))
    parts = dict(xlsx_template())
    parts[SHEET] = draw(st.one_of(st.just(sheet_xml(rows, numbers, dimension)), st.sampled_from(BROKEN_XML)))
    title = draw(
        st.one_of(st.just("Sheet"), st.sampled_from(("2025年决策事项目录", "99999年", "x" * 40, "<>&")))
    )
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b'name="Sheet"', f'name="{escape(title)}"'.encode()
    )
    return zip_of(parts)


@st.composite
def xlsx_files(
    draw: st.DrawFn, headers: Sequence[str], values: st.SearchStrategy[str] | None = None
) -> bytes:
    """A workbook as above, maybe damaged; or something else under an .xlsx name."""
    book = draw(workbooks(headers, values))
    return draw(
        st.one_of(
            st.just(book),
            hostile_archive(book, XLSX_PARTS),
            text_files(st.just(",".join(headers) + "\n1,2,3\n")),  # a .csv saved as .xlsx
            st.sampled_from((b"", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), b"PK\x03\x04")),
            st.binary(max_size=300),
        )
    )


# ---- text files ----------------------------------------------------------------------------------------
# What Chinese Windows tools write, the common ones more often; the last three garble Chinese text.
ENCODINGS = ("utf-8",) * 3 + ("utf-8-sig", "gb18030", "gb18030", "utf-16", "utf-16-le", "big5", "latin-1")


@st.composite
def text_files(draw: st.DrawFn, content: st.SearchStrategy[str]) -> bytes:
    """`content` in one of the encodings Chinese Windows tools write, maybe with NULs or cut short."""
    text = draw(content)
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    if draw(st.integers(0, 5)) == 0:
        data = data.replace(b"\n", b"\x00\n")
    if draw(st.integers(0, 5)) == 0:
        data = data[: -draw(st.integers(1, 64))]  # cut short, maybe inside a character
    return data


def deep_json(depth: int = 100_000) -> bytes:
    return b"[" * depth + b"]" * depth


# ---- .docx ---------------------------------------------------------------------------------------------
DOCX_BODY = "word/document.xml"
DOCX_PARTS = (
    DOCX_BODY,
    "[Content_Types].xml",
    "word/styles.xml",
    "word/_rels/document.xml.rels",
    "_rels/.rels",
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@cache
def docx_template() -> dict[str, bytes]:
    import zipfile

    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def document_xml(paragraphs: Sequence[str], table: Sequence[Sequence[str]]) -> bytes:
    runs = "".join(f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>" for text in paragraphs)
    rows = "".join(
        "<w:tr>"
        + "".join(f"<w:tc><w:p><w:r><w:t>{escape(c)}</w:t></w:r></w:p></w:tc>" for c in row)
        + "</w:tr>"
        for row in table
    )
    grid = f"<w:tbl><w:tblGrid/>{rows}</w:tbl>" if table else ""
    return f'<w:document xmlns:w="{_W}"><w:body>{runs}{grid}</w:body></w:document>'.encode()


@st.composite
def docx_files(draw: st.DrawFn, paragraphs: st.SearchStrategy[str]) -> bytes:
    """A Word file with hostile paragraphs and a table, maybe damaged; an empty file; not a zip at all."""
    parts = dict(docx_template())
    lines = draw(st.lists(paragraphs, max_size=8))
    table = draw(st.lists(st.lists(texts(10), max_size=4), max_size=3))
    body = document_xml(lines, table)
    parts[DOCX_BODY] = draw(st.one_of(st.just(body), st.sampled_from(BROKEN_XML)))
    document = zip_of(parts)
    return draw(
        st.one_of(
            st.just(document),
            hostile_archive(document, DOCX_PARTS),
            st.sampled_from(
                (b"", b"PK\x05\x06" + bytes(18), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
            ),
            st.binary(max_size=300),
        )
    )
