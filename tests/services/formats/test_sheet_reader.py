"""Issue 24: imported workbooks are read with python-calamine — the same cells as openpyxl gave (dates,
numbers, formulas, empty and very long cells), old .xls files too, and calm messages for broken ones."""

from __future__ import annotations

import io
import struct
from datetime import date, datetime
from pathlib import Path

import pytest
import xlwt
from openpyxl import Workbook

from app.errors import UserFacingError
from app.services.formats.xlsx import read_rows, read_sheet
from tests.fuzz.hostile import SHEET, xlsx_template
from tests.fuzz.hostile_zip import zip_of

HEAD = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
HEADERS = ("标题", "成文日期", "证件号码", "份数", "备注")


def _sheet_xml(path: Path, rows: bytes) -> Path:
    """A workbook whose sheet XML is exactly `rows` (style 1 of the template is a date)."""
    path.write_bytes(zip_of({**xlsx_template(), SHEET: HEAD + rows + b"</sheetData></worksheet>"}))
    return path


def _text(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _xls(path: Path, rows: int = 2) -> Path:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("公文登记台账")
    day = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for column, name in enumerate(HEADERS):
        sheet.write(0, column, name)
    for row in range(1, rows + 1):
        sheet.write(row, 0, f"关于做好第{row}批冬季防火工作的通知")
        sheet.write(row, 1, date(2025, 1, 24), day)
        sheet.write(row, 2, "110101199001011234")
        sheet.write(row, 3, 3)
    sheet.write(rows + 2, 0, "隔一行空行之后")
    path.write_bytes(_saved(book))
    return path


def _saved(book: xlwt.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_old_xls_ledger_is_read_like_an_xlsx(tmp_path: Path) -> None:
    sheet = read_sheet(_xls(tmp_path / "旧台账.xls"), HEADERS, required=("标题",))
    assert sheet.title == "公文登记台账"
    filled = {"成文日期": "2025-01-24", "证件号码": "110101199001011234", "份数": "3", "备注": ""}
    assert [(row.number, row.values) for row in sheet.rows] == [
        (2, {"标题": "关于做好第1批冬季防火工作的通知", **filled}),
        (3, {"标题": "关于做好第2批冬季防火工作的通知", **filled}),
        (5, {"标题": "隔一行空行之后", "成文日期": "", "证件号码": "", "份数": "", "备注": ""}),
    ]


def test_an_xls_saved_under_an_xlsx_name_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    path.write_bytes(_xls(tmp_path / "a.xls").read_bytes())
    assert len(read_rows(path, HEADERS)) == 3


def test_cells_keep_what_the_clerk_sees(tmp_path: Path) -> None:
    """Real and text dates, a long ID number stored as a number, a formula's value, a 10,000-character
    cell, an Excel-rounded number, blank and missing cells."""
    header = "".join(_text(f"{column}1", name) for column, name in zip("ABCDE", HEADERS, strict=True))
    row2 = (
        _text("A2", "长" * 10_000)
        + '<c r="B2" s="1"><v>45681</v></c><c r="C2"><v>110101199001011234</v></c>'
        + '<c r="D2"><f>1+2</f><v>3</v></c><c r="E2"/>'
    )
    row3 = (
        _text("A3", " 第二份 ")
        + _text("B3", "2025年1月24日")
        + '<c r="C3"><v>1.10101199001011E+17</v></c><c r="D3" t="str"><f>"3"&amp;"份"</f><v>3份</v></c>'
    )
    rows = f'<row r="1">{header}</row><row r="2">{row2}</row><row r="3">{row3}</row>'
    path = _sheet_xml(tmp_path / "台账.xlsx", rows.encode())
    first, second = read_rows(path, HEADERS)
    assert first.values == {
        "标题": "长" * 10_000,
        "成文日期": "2025-01-24",
        "证件号码": "110101199001011234",  # every digit, as openpyxl kept them (a double holds 15-17)
        "份数": "3",
        "备注": "",
    }
    assert second.values["标题"] == "第二份" and second.values["成文日期"] == "2025年1月24日"
    assert second.values["证件号码"] == "110101199001011000"  # what Excel itself stored: no 1.1e17
    assert second.values["份数"] == "3份"


def test_rows_are_numbered_as_excel_shows_them_when_leading_rows_and_columns_are_empty(
    tmp_path: Path,
) -> None:
    book = Workbook()
    book.active["B1"], book.active["C1"] = "标题", "成文日期"
    book.active["B4"], book.active["C4"] = "关于印发工作要点的通知", datetime(2025, 3, 1)
    book.save(tmp_path / "台账.xlsx")
    (row,) = read_rows(tmp_path / "台账.xlsx", ("标题", "成文日期"))
    assert (row.number, row.values) == (4, {"标题": "关于印发工作要点的通知", "成文日期": "2025-03-01"})


def test_cells_far_apart_are_refused_calmly_instead_of_exhausting_memory(tmp_path: Path) -> None:
    """Within Excel's own limits, yet A1 to XFD1048576 is 17 billion cells for a reader that holds the
    sheet as one block: the program would end without a word."""
    path = _sheet_xml(
        tmp_path / "台账.xlsx",
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>\xe6\xa0\x87\xe9\xa2\x98</t></is></c></row>'
        b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
    )
    with pytest.raises(UserFacingError, match="表格范围过大"):
        read_rows(path, ("标题",))


def test_a_shared_string_count_no_file_could_hold_is_refused_calmly(tmp_path: Path) -> None:
    """calamine would reserve room for four billion strings up front, and the program would end."""
    sst = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="4294967295">'
    parts = {**xlsx_template(), "xl/sharedStrings.xml": sst + b"<si><t>x</t></si></sst>"}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rId99" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    )
    parts[SHEET] = HEAD + b'<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'
    path = tmp_path / "台账.xlsx"
    path.write_bytes(zip_of(parts))
    with pytest.raises(UserFacingError, match="已损坏或不完整"):
        read_rows(path, ("标题",))


def _patched_xls(tmp_path: Path, record: int, size: int, values: bytes, at: int = 0) -> Path:
    """An .xls whose first `record` of `size` bytes has `values` written `at` bytes into its body."""
    data = bytearray(_xls(tmp_path / "a.xls").read_bytes())
    start = data.index(struct.pack("<HH", record, size)) + 4 + at
    data[start : start + len(values)] = values
    path = tmp_path / "台账.xls"
    path.write_bytes(bytes(data))
    return path


def test_an_xls_claiming_billions_of_rows_is_refused_calmly(tmp_path: Path) -> None:
    dimensions = struct.pack("<IIHH", 0, 0xFFFFFFF0, 0, 0xFFF0)  # DIMENSIONS: last row, last column
    with pytest.raises(UserFacingError, match="已损坏或不完整"):
        read_rows(_patched_xls(tmp_path, 0x0200, 14, dimensions), HEADERS)


def test_a_password_protected_xls_says_so(tmp_path: Path) -> None:
    path = _patched_xls(tmp_path, 0x0200, 14, struct.pack("<H", 0x002F), at=-4)  # a FILEPASS record
    with pytest.raises(UserFacingError, match="设置了打开密码"):
        read_rows(path, HEADERS)


@pytest.mark.parametrize("cut", [700, 3000])
def test_a_cut_off_workbook_is_a_calm_message(tmp_path: Path, cut: int) -> None:
    for name, source in (("台账.xls", _xls(tmp_path / "a.xls")), ("台账.xlsx", tmp_path / "b.xlsx")):
        if not source.exists():
            source.write_bytes(zip_of(xlsx_template()))
        path = tmp_path / name
        path.write_bytes(source.read_bytes()[:cut])
        with pytest.raises(UserFacingError, match="损坏|不是 Excel 工作簿"):
            read_rows(path, HEADERS)


def test_an_ole_file_that_is_no_workbook_is_told_apart(tmp_path: Path) -> None:
    data = bytearray(_xls(tmp_path / "a.xls").read_bytes())
    name = "Workbook".encode("utf-16-le")
    data[data.index(name) : data.index(name) + len(name)] = "WordDocu".encode("utf-16-le")
    path = tmp_path / "通知.xls"
    path.write_bytes(bytes(data))
    with pytest.raises(UserFacingError, match="不是 Excel 工作簿"):
        read_rows(path, HEADERS)
