"""What the fuzz tests found (issue 19), each pinned as a plain example that failed before its fix: a
traceback where a calm message belongs, or work without bound on a file a few bytes long."""

from __future__ import annotations

import io
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest

from app.errors import UserFacingError
from app.services.export.verify import verify_package
from app.services.formats.xlsx import read_rows
from app.services.postings.page import MAX_TABLE_COLUMNS, PostingContent
from app.services.postings.pdf import render_pdf
from app.services.workdays.holiday_notice import parse_import
from app.services.workplan.parser import parse_plan
from tests.fuzz.hostile import SHEET, deep_json, xlsx_template
from tests.fuzz.hostile_zip import CENTRAL, bad_crc, zip_of

QUICK = 10.0  # seconds: each of these used to raise at once or run for hours


def _xlsx(tmp_path: Path, sheet: bytes) -> Path:
    path = tmp_path / "台账.xlsx"
    path.write_bytes(zip_of({**xlsx_template(), SHEET: sheet}))
    return path


SHEET_HEAD = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


@pytest.mark.parametrize(
    "rows",
    [
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>\xe6\xa0\x87\xe9\xa2\x98</t></is></c></row>'
        b'<row r="99999999999"><c r="A99999999999" t="inlineStr"><is><t>x</t></is></c></row>',
        b'<row r="1"><c r="XFD1" t="inlineStr"><is><t>\xe6\xa0\x87\xe9\xa2\x98</t></is></c></row>',
        b'<row r="1"><c r="A1" s="1" t="n"><v>99999999999</v></c></row>',
    ],
    ids=["row 10^11", "column XFD", "date serial 10^11"],
)
def test_a_sheet_with_absurd_rows_or_cells_is_read_quickly_or_refused(tmp_path: Path, rows: bytes) -> None:
    path = _xlsx(
        tmp_path,
        SHEET_HEAD + b'<dimension ref="A1:XFD1048576"/><sheetData>' + rows + b"</sheetData></worksheet>",
    )
    started = time.monotonic()
    try:
        read_rows(path, ("标题",), ("标题",))
    except UserFacingError as error:
        assert "标题" in error.message or "损坏" in error.message
    assert time.monotonic() - started < QUICK


def test_a_crc_error_inside_a_ledger_is_a_calm_message(tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    path.write_bytes(bad_crc(zip_of(xlsx_template())))
    with pytest.raises(UserFacingError, match="已损坏或不完整"):
        read_rows(path, ("标题",))


def test_a_ledger_saved_as_csv_but_named_xlsx_is_told_apart(tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    path.write_text("标题,文号\n关于做好冬季防火工作的通知,赵府发〔2026〕1号\n", encoding="gbk")
    with pytest.raises(UserFacingError, match="不是 Excel 工作簿"):
        read_rows(path, ("标题",))


def test_a_package_whose_entry_name_is_not_the_utf8_it_claims_is_refused_calmly(tmp_path: Path) -> None:
    """Flipping one bit of a Chinese entry name: zipfile itself raised UnicodeDecodeError."""
    data = bytearray(zip_of({"files/文件.pdf": b"%PDF"}))
    at = data.find(CENTRAL) + 46  # the central directory's copy of the name
    data[at] ^= 0x80
    path = tmp_path / "数据包.zip"
    path.write_bytes(bytes(data))
    with pytest.raises(UserFacingError, match="已损坏"):
        verify_package(path)


def test_a_package_claiming_a_newer_zip_version_is_refused_calmly(tmp_path: Path) -> None:
    """zipfile raised NotImplementedError(「zip file version 8.4」) from its constructor."""
    data = bytearray(zip_of({"manifest.json": b"{}"}))
    data[data.find(CENTRAL) + 6] = 84  # 「version needed to extract」
    path = tmp_path / "数据包.zip"
    path.write_bytes(bytes(data))
    with pytest.raises(UserFacingError, match="已损坏"):
        verify_package(path)


def test_a_manifest_nested_100000_deep_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "数据包.zip"
    path.write_bytes(zip_of({"manifest.json": deep_json()}))
    report = verify_package(path)
    assert any("清单文件已损坏" in problem.problem for problem in report.problems)


def test_a_manifest_whose_items_is_a_number_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "数据包.zip"
    path.write_bytes(zip_of({"manifest.json": b'{"items": 5}', "SHA256SUMS": b""}))
    assert not verify_package(path).ok


def test_encrypted_package_entries_are_findings(tmp_path: Path) -> None:
    from tests.fuzz.hostile_zip import encrypted

    path = tmp_path / "数据包.zip"
    path.write_bytes(encrypted(zip_of({"manifest.json": b"{}", "SHA256SUMS": b""})))
    problems = [problem.problem for problem in verify_package(path).problems]
    assert any("已加密" in problem for problem in problems)


@pytest.mark.parametrize("count", ["一二", "两两两"])
def test_a_plan_with_an_unreadable_count_imports(count: str) -> None:
    plan = parse_plan(f"一、开展政务公开培训，全年不少于{count}次。", 2026)
    assert [len(item.schedule.dues) for item in plan.tasks()] == [1]


@pytest.mark.parametrize(
    "text",
    [
        "国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：2027年1月1日至9999年12月31日放假。",
        "国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：99999999999999999999年1月1日放假。",
        "国务院办公厅关于0000年部分节假日安排的通知\n一、元旦：1月1日放假。",
        "日期,类型,节日名称\n2027-01-01,放假,元旦\x00\n",
    ],
    ids=["range of millions of days", "year of twenty digits", "year 0", "NUL in a CSV"],
)
def test_a_hostile_holiday_notice_is_refused_quickly(text: str) -> None:
    started = time.monotonic()
    try:
        parse_import(text.encode())
    except UserFacingError:
        pass
    assert time.monotonic() - started < QUICK


def test_a_utf16_notice_without_its_bom_is_read() -> None:
    data = "日期,类型,节日名称\n2027-10-01,放假,国庆节\n".encode("utf-16-le")
    assert [entry.day for entry in parse_import(data).entries] == [date(2027, 10, 1)]


def test_a_table_of_narrow_and_wide_columns_renders() -> None:
    """18 columns, 10 of them long: the narrow ones got a negative width and reportlab raised ValueError."""
    header = "\t".join(("很长的列标题文字内容很长很长" if n < 10 else "数") for n in range(18))
    pdf = render_pdf(PostingContent("公示", f"明细如下。\n{header}\n" + "\t".join("1" * 18)))
    assert pdf.startswith(b"%PDF")


def test_the_widest_table_renders_and_one_more_column_is_refused() -> None:
    def table(columns: int) -> str:
        return "\t".join(f"第{n}月" for n in range(1, columns + 1))

    assert render_pdf(PostingContent("公示", table(MAX_TABLE_COLUMNS))).startswith(b"%PDF")
    with pytest.raises(UserFacingError, match=f"{MAX_TABLE_COLUMNS + 1} 列"):
        render_pdf(PostingContent("公示", table(MAX_TABLE_COLUMNS + 1)))


def test_zip_info_of_an_xlsx_template_is_sane() -> None:
    """The templates the fuzz tests spoil are real workbooks (else every finding would be about them)."""
    with zipfile.ZipFile(io.BytesIO(zip_of(xlsx_template()))) as archive:
        assert "xl/workbook.xml" in archive.namelist() and archive.testzip() is None
