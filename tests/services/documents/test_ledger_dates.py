"""The 公文台账 reads a day however the sheet writes it (issue 20: it refused 「2025/1/24」 and
「2025年1月24日」, which the decisions import took), and names an impossible day on its row."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from app.services.context import AppContext
from app.services.documents.ledger import HEADERS, DocumentLedger
from tests.services.formats.date_forms import DAY, IMPOSSIBLE, cell_forms


def _sheet(path: Path, written_on: object, published_on: object = "") -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(HEADERS))
    cells = {"标题": "关于做好冬季防火工作的通知", "发布机构": "赵巷镇人民政府", "公开属性": "主动公开"}
    cells |= {"成文日期": written_on, "公开日期": published_on}
    sheet.append([cells.get(header, "") for header in HEADERS])
    book.save(path)
    return path


@cell_forms
def test_every_form_of_the_day_is_read(office_ctx: AppContext, tmp_path: Path, written: object) -> None:
    ledger = DocumentLedger(office_ctx.sessions, office_ctx.documents)
    preview = ledger.preview(_sheet(tmp_path / "台账.xlsx", written, written))
    assert preview.rejected == []
    assert [(row.value.written_on, row.published_on) for row in preview.valid] == [(DAY, DAY)]


def test_an_impossible_day_is_named_on_its_row(office_ctx: AppContext, tmp_path: Path) -> None:
    ledger = DocumentLedger(office_ctx.sessions, office_ctx.documents)
    preview = ledger.preview(_sheet(tmp_path / "台账.xlsx", IMPOSSIBLE))
    assert preview.valid == []
    assert [row.message() for row in preview.rejected] == [
        "第2行：成文日期「2025-02-30」不是有效日期，应写成 2025-01-24"
    ]
