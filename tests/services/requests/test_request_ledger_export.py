"""Issue 21 point 9: the 依申请公开 Excel ledger a clerk can sort — real date cells, 答复期限/状态/承办科室
columns, ID numbers and phones masked unless 「包含完整证件号」 is asked for by an account that may, and
every export audited (who, which ledger, masked or not, how many rows). Read back with openpyxl."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.errors import UserFacingError
from app.models.audit import AuditEntry
from app.services.accounts.service import actor_of
from app.services.context import AppContext
from app.services.permissions import Actor, Role
from app.services.requests.ledger_rows import EXPORT_HEADERS
from tests.services.request_support import VALID_ID, registration

RECEIVED = date(2026, 11, 2)


def _sheet(path: Path) -> list[dict[str, object]]:
    sheet = load_workbook(path).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    return [
        {str(name): cell for name, cell in zip(header, row, strict=True)}  # the cells, to check types
        for row in sheet.iter_rows(min_row=2)
    ]


def _last_export(ctx: AppContext) -> tuple[str, dict[str, object]]:
    with ctx.sessions() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "导出").order_by(AuditEntry.id.desc())
        ).first()
        assert entry is not None
        return entry.username, json.loads(entry.details_json)


def _register(ctx: AppContext, admin: Actor) -> str:
    reg = registration(RECEIVED, department="社会事务办公室")
    return ctx.requests.register(admin, reg, today=RECEIVED).detail.number


def test_dates_are_excel_dates_and_the_ledger_has_deadline_state_and_section(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    number = _register(office_ctx, admin)
    target = tmp_path / "台账.xlsx"
    assert office_ctx.requests.ledger.export_xlsx(admin, target) == 1
    (row,) = _sheet(target)
    assert {"答复期限", "状态", "承办科室"} <= set(row)
    assert row["受理编号"].value == number
    received, due = row["收到申请日期"], row["答复期限"]
    assert received.is_date and received.value == datetime(2026, 11, 2)  # a date, not the text "2026-11-02"
    assert received.number_format == "yyyy-mm-dd"
    assert due.is_date and due.value.date() > RECEIVED  # sorts as a date
    assert row["状态"].value == "办理中" and row["承办科室"].value == "社会事务办公室"


def test_a_provisional_deadline_is_still_a_date_cell_that_shows_the_mark(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    day = date(2026, 12, 10)  # 20 working days later falls in 2027, whose notice is not loaded
    office_ctx.requests.register(admin, registration(day), today=day)
    target = tmp_path / "台账.xlsx"
    office_ctx.requests.ledger.export_xlsx(admin, target)
    (row,) = _sheet(target)
    due = row["答复期限"]
    assert due.is_date and due.value.year == 2027
    assert due.number_format == 'yyyy-mm-dd"（暂定）"'  # Excel shows 「2027-01-08（暂定）」


def test_numbers_are_masked_unless_the_clerk_asks_and_every_export_is_audited(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    _register(office_ctx, admin)
    masked, full = tmp_path / "遮盖.xlsx", tmp_path / "完整.xlsx"

    office_ctx.requests.ledger.export_xlsx(admin, masked)  # an admin too: masked unless ticked
    (row,) = _sheet(masked)
    assert row["证件号码"].value == "1101**********002X" and row["联系方式"].value == "138****5678"
    who, details = _last_export(office_ctx)
    assert who == admin.username
    assert details["台账"] == "依申请公开台账" and details["个人信息"] == "已遮盖" and details["count"] == 1

    office_ctx.requests.ledger.export_xlsx(admin, full, include_full=True)
    (row,) = _sheet(full)
    assert row["证件号码"].value == VALID_ID and row["联系方式"].value == "13812345678"
    assert _last_export(office_ctx)[1]["个人信息"] == "完整"


def test_an_account_that_may_not_see_numbers_cannot_export_them_in_full(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    _register(office_ctx, admin)
    info = office_ctx.accounts.create_account(
        admin, "wangwu", "王五", "review-pass-1", frozenset({Role.SECRECY_REVIEWER})
    )
    target = tmp_path / "完整.xlsx"
    with pytest.raises(UserFacingError, match="查看完整身份证号和电话"):
        office_ctx.requests.ledger.export_xlsx(actor_of(info), target, include_full=True)
    assert not target.exists()


def test_the_header_row_matches_the_export_headers(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    _register(office_ctx, admin)
    target = tmp_path / "台账.xlsx"
    office_ctx.requests.ledger.export_xlsx(admin, target)
    assert tuple(c.value for c in load_workbook(target).worksheets[0][1]) == EXPORT_HEADERS
