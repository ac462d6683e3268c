"""台账 import: good and bad rows mixed; history rows count as published without a new sheet; export."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook

from app.services.context import AppContext
from app.services.documents.ledger import HEADERS, DocumentLedger
from app.services.documents.query import DocumentFilter
from app.services.permissions import Actor
from app.services.review.gate import require_approved_review


def _write(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["备注", *HEADERS])  # an extra column, order free
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_import_mixed_rows(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    ledger = DocumentLedger(office_ctx.sessions, office_ctx.documents)
    good = ["", "X/2023-00007", "赵府发〔2023〕5号", "关于2023年预算公开的通知", "赵巷镇人民政府"]
    good += ["2023-03-01", "2023-03-10", "主动公开", "", "财政、金融、审计\\财政", "通知", "否", "有效", ""]
    new_index = ["", "", "", "赵巷镇会议纪要", "赵巷镇人民政府", "2023-04-01", "", "不予公开",
                 "内部工作流程，第十六条第一款", "", "纪要", "否", "有效", ""]  # fmt: skip
    bad_date = ["", "", "", "日期错误的公文", "赵巷镇人民政府", "2023-02-30", "", "主动公开"]
    bad_attr = ["", "", "", "属性错误", "赵巷镇人民政府", "", "", "半公开"]
    long_title = ["", "", "", "长" * 20_000, "赵巷镇人民政府"]
    duplicate = ["", "X/2023-00007", "", "索引号重复", "赵巷镇人民政府"]
    path = _write(
        tmp_path / "台账.xlsx", [good, [], new_index, bad_date, [None] * 14, bad_attr, long_title, duplicate]
    )
    preview = ledger.preview(path)
    assert office_ctx.documents.count(DocumentFilter()) == 0  # preview saves nothing
    report = ledger.save(admin, preview)
    assert report.accepted == 2
    reasons = {row.number: row.reason for row in report.rejected}
    assert set(reasons) == {5, 7, 8, 9}
    assert "成文日期" in reasons[5] and "公开属性" in reasons[7] and "标题太长" in reasons[8]
    assert "已存在" in reasons[9]
    rows = office_ctx.documents.page(DocumentFilter(sort="id", descending=False), 0, 10)
    assert rows[0].index_no == "X/2023-00007" and rows[0].published_on is not None
    assert rows[1].index_no.endswith("/2023-00001") and rows[1].disclosure == "不予公开"
    with office_ctx.sessions() as session:  # history counts as published without a new sheet
        clearance = require_approved_review(session, "document", rows[0].id, datetime(2023, 3, 10))
    assert clearance.basis.startswith("历史公开（线下审查）") and "台账.xlsx" in clearance.basis
    out = tmp_path / "导出.xlsx"
    assert ledger.export(admin, DocumentFilter(), out) == 2
    exported = list(load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert exported[0] == HEADERS and {r[0] for r in exported[1:]} == {rows[0].index_no, rows[1].index_no}
