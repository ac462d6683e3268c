"""The 依申请公开台账 import reads 收到申请日期 and 答复日期 with the one date parser (issue 20)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from app.services.context import AppContext
from app.services.requests.ledger_rows import HEADERS
from tests.calendar_support import D
from tests.services.formats.date_forms import DAY, IMPOSSIBLE, cell_forms


def _sheet(path: Path, received: object, answered: object = "") -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(HEADERS))
    cells = {"受理编号": "2025-001", "申请方式": "当面", "申请人类型": "自然人", "申请人": "张三"}
    cells |= {"申请内容": "低保名单", "收到申请日期": received, "答复日期": answered}
    cells |= {"办理结果": "予以公开"} if answered else {}
    sheet.append([cells.get(header, "") for header in HEADERS])
    book.save(path)
    return path


@cell_forms
def test_every_form_of_the_day_is_read(office_ctx: AppContext, tmp_path: Path, written: object) -> None:
    preview = office_ctx.requests.ledger.preview(
        _sheet(tmp_path / "台账.xlsx", written, written), D("2025-06-01")
    )
    assert preview.rejected == []
    assert [(row.received_on, row.answered_on) for row in preview.rows] == [(DAY, DAY)]


def test_an_impossible_day_is_named_on_its_row(office_ctx: AppContext, tmp_path: Path) -> None:
    preview = office_ctx.requests.ledger.preview(_sheet(tmp_path / "台账.xlsx", IMPOSSIBLE), D("2025-06-01"))
    assert [row.message() for row in preview.rejected] == [
        "第2行：收到申请日期“2025-02-30”不是有效日期，应写成 2025-01-24。"
    ]
