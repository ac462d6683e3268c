"""A published annual report locks its year for back-dated registrations, ledger imports and remedies too.

A clerk is refused with the Chinese message; a 管理员 must give a reason, which the audit log keeps.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.errors import UserFacingError
from app.models.annual_report import AnnualReport
from app.models.audit import AuditEntry
from app.models.request import RequestCase
from app.services.context import AppContext
from app.services.permissions import Actor, Role
from app.services.requests.ledger_rows import HEADERS
from app.services.year_lock import PUBLISHED
from tests.services.request_support import registration

CLERK = Actor(None, "clerk", "经办员", frozenset({Role.CLERK}))
TODAY = date(2025, 2, 10)
LOCKED = "2024年度报告已公布"


@pytest.fixture
def locked_2024(office_ctx: AppContext) -> AppContext:
    with office_ctx.sessions.begin() as session:
        session.add(AnnualReport(year=2024, status=PUBLISHED, published_on=date(2025, 1, 20)))
    return office_ctx


def _cases(ctx: AppContext) -> int:
    with ctx.sessions() as session:
        return session.scalar(select(func.count()).select_from(RequestCase)) or 0


def test_back_dated_registration_in_a_locked_year(locked_2024: AppContext, admin: Actor) -> None:
    requests = locked_2024.requests
    back_dated = registration(date(2024, 12, 30))
    with pytest.raises(UserFacingError, match=f"{LOCKED}.*不能再修改"):
        requests.register(CLERK, back_dated, TODAY)
    with pytest.raises(UserFacingError, match="须填写原因"):
        requests.register(admin, back_dated, TODAY)
    assert _cases(locked_2024) == 0  # nothing half-saved

    detail = requests.register(admin, back_dated, TODAY, locked_reason="补登去年漏登的当面申请").detail
    assert detail.received_on == date(2024, 12, 30)
    with locked_2024.sessions() as session:
        reasons = session.scalars(select(AuditEntry.details_json).where(AuditEntry.entity == "年度报告"))
        assert any("补登去年漏登的当面申请" in text for text in reasons)
    assert requests.register(CLERK, registration(date(2025, 2, 10)), TODAY).detail.number  # 2025 is open


def test_moving_the_receipt_date_into_a_locked_year(locked_2024: AppContext, admin: Actor) -> None:
    requests = locked_2024.requests
    case = requests.register(CLERK, registration(date(2025, 1, 3)), TODAY).detail
    moved = registration(date(2024, 12, 31))
    with pytest.raises(UserFacingError, match=LOCKED):
        requests.edit_registration(CLERK, case.id, moved, "", TODAY, case.version)
    assert requests.detail(case.id, TODAY).received_on == date(2025, 1, 3)


def test_remedies_counted_in_a_locked_year(locked_2024: AppContext, admin: Actor) -> None:
    requests = locked_2024.requests
    case = requests.register(CLERK, registration(date(2025, 1, 6)), TODAY).detail
    requests.steps.answer(CLERK, case.id, "R3.1", date(2025, 1, 10), today=TODAY)
    # Table 四 counts a remedy in the year it was filed: a 2025 filing is fine, a 2024 one is locked.
    requests.remedies.add(CLERK, case.id, "复议", date(2025, 2, 1), "测试区人民政府", today=TODAY)
    with pytest.raises(UserFacingError, match=LOCKED):
        requests.remedies.add(CLERK, case.id, "复议", date(2024, 12, 1), "测试区人民政府", today=TODAY)
    assert len(requests.detail(case.id, TODAY).remedies) == 1


def test_ledger_import_into_a_locked_year(locked_2024: AppContext, admin: Actor, tmp_path: Path) -> None:
    rows = [
        ["2024-101", "2024-11-01", "当面", "自然人", "张三", "", "138", "低保名单", "2024-11-20",
         "予以公开", "", ""],
        ["2025-101", "2025-01-06", "当面", "自然人", "李四", "", "139", "村务公开", "", "", "", ""],
    ]  # fmt: skip
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append(row)
    path = tmp_path / "台账.xlsx"
    book.save(path)
    ledger = locked_2024.requests.ledger
    preview = ledger.preview(path, TODAY)
    assert len(preview.rows) == 2
    with pytest.raises(UserFacingError, match=LOCKED):
        ledger.import_rows(CLERK, preview, TODAY)
    assert _cases(locked_2024) == 0  # one transaction: nothing saved
    report = ledger.import_rows(admin, preview, TODAY, locked_reason="补录2024年纸质台账")
    assert report.accepted == 2 and _cases(locked_2024) == 2
