"""台账 import writes its rows in one bulk INSERT: the rows come out complete, searchable and editable."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from app.models.document import Document
from app.services.context import AppContext
from app.services.documents.ledger import HEADERS, DocumentLedger
from app.services.documents.query import DocumentFilter
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor


def _write(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_bulk_imported_rows_match_registered_ones(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    registered = office_ctx.documents.create(
        admin,
        DocumentInput(title="关于已登记公文的通知", publisher="赵巷镇人民政府", written_on=date(2024, 5, 6)),
    )
    history = ["", "赵府发〔2023〕5号", "关于2023年预算公开的通知", "赵巷镇人民政府", "2023-03-01",
               "2023-03-10", "主动公开", "", "财政、金融、审计\\财政", "通知", "是", "有效", ""]  # fmt: skip
    withheld = ["", "", "赵巷镇会议纪要", "赵巷镇人民政府", "2023-04-01", "", "不予公开",
                "内部工作流程，第十六条第一款", "", "纪要", "否", "有效", ""]  # fmt: skip
    taken = [registered.index_no, "", "索引号已被登记的公文", "赵巷镇人民政府"]
    ledger = DocumentLedger(office_ctx.sessions, office_ctx.documents)
    report = ledger.save(admin, ledger.preview(_write(tmp_path / "台账.xlsx", [history, withheld, taken])))
    assert report.accepted == 2 and [(r.number, "已存在" in r.reason) for r in report.rejected] == [(4, True)]

    with office_ctx.sessions() as session:
        rows = session.query(Document).order_by(Document.id).all()
        budget, minutes = rows[1], rows[2]
        assert rows[0].id == registered.id and budget.id > registered.id
        for row in (budget, minutes):  # what the database fills in, as for a registered one
            assert row.version == 1 and row.created_at is not None and row.updated_at is not None
            assert row.created_by == admin.account_id and "/2023-" in row.index_no
        assert budget.doc_number == "赵府发〔2023〕5号" and budget.normative and budget.validity == "有效"
        assert budget.published_at is not None and budget.history_note.startswith("历史公开（线下审查）")
        assert budget.topic == "财政、金融、审计\\财政" and budget.channels == ""
        assert minutes.doc_number == "" and minutes.withhold_basis == "第十六条第一款"
        assert minutes.published_at is None and minutes.history_note == "" and minutes.next_review_on
    assert [r.title for r in office_ctx.documents.page(DocumentFilter(text="预算公开"), 0, 10)] == [
        "关于2023年预算公开的通知"
    ]
    detail = office_ctx.documents.detail(budget.id)
    assert detail.version == 1 and detail.values.title == "关于2023年预算公开的通知"
    edited = office_ctx.documents.update(
        admin, budget.id, replace(detail.values, title="关于2023年预算公开的通知（修订）"), detail.version,
        reason="已公开的历史公文改标题（issue 21：须写明理由）",
    )  # fmt: skip
    assert edited.values.title.endswith("（修订）") and edited.version == 2
