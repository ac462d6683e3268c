"""The 决策事项目录 import reads 计划完成时间 with the same parser as every other import (issue 20)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from app.services.context import AppContext
from app.services.decisions.export import XLSX_HEADERS
from tests.services.formats.date_forms import DAY, IMPOSSIBLE, cell_forms

ROW = {"决策事项名称": "老旧小区综合改造实施方案", "决策主体": "测试镇人民政府", "承办单位": "建设管理办公室"}


def _sheet(path: Path, planned: object) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "2025年决策事项目录"
    sheet.append(XLSX_HEADERS)
    sheet.append([(ROW | {"计划完成时间": planned}).get(header, "") for header in XLSX_HEADERS])
    book.save(path)
    return path


@cell_forms
def test_every_form_of_the_day_is_read(ctx: AppContext, tmp_path: Path, written: object) -> None:
    preview = ctx.decisions.imports.preview(_sheet(tmp_path / "目录.xlsx", written))
    assert preview.rejected == []
    assert [item.draft.planned_on for item in preview.rows] == [DAY]


def test_an_impossible_day_is_named_on_its_row(ctx: AppContext, tmp_path: Path) -> None:
    preview = ctx.decisions.imports.preview(_sheet(tmp_path / "目录.xlsx", IMPOSSIBLE))
    assert [row.message() for row in preview.rejected] == [
        "第2行：计划完成时间「2025-02-30」不是有效日期，请写成 2025-12-31。"
    ]
