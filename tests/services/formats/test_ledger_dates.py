"""Issue 21 point 9: every Excel ledger writes dates as real Excel dates (a date value with a date number
format), so the clerk can sort and filter by them; text stays text. Read back with openpyxl."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell as SheetCell
from sqlalchemy import select

from app.models.audit import AuditEntry
from app.services.context import AppContext
from app.services.documents.ledger import DocumentLedger
from app.services.documents.query import DocumentFilter
from app.services.documents.rules import DocumentInput
from app.services.formats.xlsx import DateCell, write_rows
from app.services.permissions import Actor
from app.services.postings import register as posting_register
from tests.services.decision_support import draft
from tests.services.postings.test_postings import BOARDS, TODAY, _approve
from tests.services.postings.test_postings import _draft as posting_draft


def _cells(path: Path) -> dict[str, list[SheetCell]]:
    """Column header → its cells below the header."""
    sheet = load_workbook(path).worksheets[0]
    columns: dict[str, list[SheetCell]] = {}
    for column in sheet.iter_cols():
        columns[str(column[0].value)] = list(column[1:])
    return columns


def _is_excel_date(cell: SheetCell, day: date) -> bool:
    value = cell.value
    return cell.is_date and isinstance(value, datetime) and value.date() == day


def test_write_rows_writes_dates_as_dates_and_text_as_text(tmp_path: Path) -> None:
    target = tmp_path / "台账.xlsx"
    rows = [
        ["=1+1", date(2025, 1, 24), datetime(2025, 1, 24, 9, 5, 7), DateCell(date(2027, 1, 8), "（暂定）")]
    ]
    write_rows(target, "台账", ["文字", "日期", "时间", "期限"], rows)
    cells = _cells(target)
    text, day, moment, due = (cells[name][0] for name in ("文字", "日期", "时间", "期限"))
    assert text.data_type == "s" and text.value == "=1+1"  # never a formula
    assert _is_excel_date(day, date(2025, 1, 24)) and day.number_format == "yyyy-mm-dd"
    assert moment.value == datetime(2025, 1, 24, 9, 5, 7) and moment.number_format == "yyyy-mm-dd hh:mm:ss"
    assert _is_excel_date(due, date(2027, 1, 8)) and due.number_format == 'yyyy-mm-dd"（暂定）"'


def test_the_document_ledger_has_date_cells(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    value = DocumentInput("2025年财政预算公开", "测试镇人民政府", written_on=date(2025, 3, 1))
    office_ctx.documents.create(admin, value)
    target = tmp_path / "公文.xlsx"
    DocumentLedger(office_ctx.sessions, office_ctx.documents).export(admin, DocumentFilter(), target)
    cells = _cells(target)
    assert _is_excel_date(cells["成文日期"][0], date(2025, 3, 1))
    assert cells["公开日期"][0].value is None  # not published: an empty cell, not ""


def test_the_decision_directory_has_date_cells(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    office_ctx.decisions.create_directory(admin, 2025)
    office_ctx.decisions.add_item(admin, 2025, draft("老旧小区综合改造实施方案", date(2025, 9, 30)))
    target = tmp_path / "目录.xlsx"
    office_ctx.decisions.export_xlsx(admin, 2025, target)
    assert _is_excel_date(_cells(target)["计划完成时间"][0], date(2025, 9, 30))
    with office_ctx.sessions() as session:  # audited with how many rows went out
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert entry is not None and entry.action == "导出"
        assert json.loads(entry.details_json)["count"] == 1


def test_the_posting_register_has_date_cells(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    office_ctx.settings.save_boards(admin, BOARDS)
    posting = office_ctx.postings.create(admin, posting_draft())
    _approve(office_ctx, posting.id, office_ctx.clock.now() - timedelta(minutes=30))
    posted = office_ctx.clock.now() - timedelta(minutes=10)
    office_ctx.postings.mark_posted(admin, posting.id, posted)
    target = tmp_path / "登记簿.xlsx"
    start, end = TODAY - timedelta(days=30), TODAY + timedelta(days=30)
    posting_register.export_xlsx(office_ctx.sessions, admin, "赵巷村公开栏", start, end, target)
    cell = _cells(target)["张贴时间"][0]
    assert cell.is_date and cell.value.replace(second=0) == posted.replace(second=0, microsecond=0)


def test_the_workplan_ledger_has_date_cells(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    plan = "2026年政务公开工作要点\n一、加强主动公开\n（一）6月底前公开年度预算。（财政所负责）\n"
    service = office_ctx.workplan
    service.import_plan(admin, service.preview_text(plan, 2026))
    (row,) = service.all_tasks(2026)
    service.set_status(admin, row.id, "已完成", today=date(2026, 6, 20))
    target = tmp_path / "工作要点.xlsx"
    service.export_xlsx(admin, 2026, target)
    cells = _cells(target)
    assert _is_excel_date(cells["到期日"][0], date(2026, 6, 30))
    assert _is_excel_date(cells["完成日期"][0], date(2026, 6, 20))
