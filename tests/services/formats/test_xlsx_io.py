from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.errors import UserFacingError
from app.services.formats.xlsx import read_rows, write_rows


def test_rows_by_header_in_any_order_and_empty_rows_skipped(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["备注", "标题", "成文日期"])
    sheet.append(["x", "关于印发工作要点的通知", datetime(2025, 1, 24)])
    sheet.append([None, None, None])
    sheet.append(["", "第二份", "2025-02-30"])
    path = tmp_path / "台账.xlsx"
    book.save(path)
    rows = read_rows(path, ["标题", "成文日期", "文号"], required=["标题"])
    assert [(r.number, r.values) for r in rows] == [
        (2, {"标题": "关于印发工作要点的通知", "成文日期": "2025-01-24"}),
        (4, {"标题": "第二份", "成文日期": "2025-02-30"}),
    ]
    with pytest.raises(UserFacingError, match="缺少列：文号"):
        read_rows(path, ["标题", "文号"], required=["文号"])


def test_not_an_xlsx_is_a_clear_message(tmp_path: Path) -> None:
    fake = tmp_path / "a.xlsx"
    fake.write_text("不是表格", encoding="utf-8")
    with pytest.raises(UserFacingError, match="xlsx"):
        read_rows(fake, ["标题"])


def test_written_cells_are_text_never_formulas(tmp_path: Path) -> None:
    path = tmp_path / "导出" / "台账.xlsx"
    count = write_rows(path, "公文台账", ["标题", "备注"], [['=HYPERLINK("x")', "正常"], ["长" * 40_000, ""]])
    assert count == 2 and not list(path.parent.glob(".writing-*"))
    sheet = load_workbook(path).active
    assert sheet["A2"].value == '=HYPERLINK("x")' and sheet["A2"].data_type == "s"
    assert len(sheet["A3"].value) == 32_767


def test_a_workbook_held_open_in_excel_is_a_calm_refusal_and_the_old_file_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "台账.xlsx"
    write_rows(target, "台账", ["标题"], [["旧的"]])
    before = target.read_bytes()

    def held(_source: object, _target: object) -> None:
        raise PermissionError("the file is open in Excel")

    monkeypatch.setattr("app.services.formats.atomic.os.replace", held)
    with pytest.raises(UserFacingError, match="文件可能正在 Excel 中打开"):
        write_rows(target, "台账", ["标题"], [["新的"]])
    assert target.read_bytes() == before
    assert [path.name for path in tmp_path.iterdir()] == ["台账.xlsx"]  # no temp file left behind
