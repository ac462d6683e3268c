"""Issue 19 follow-up: a 依申请公开台账 exported with masked numbers (「3101**********1234」) must not come
back in as applicants' ID numbers and phones: each such row is refused with the reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.paths import DataPaths
from app.services.accounts.service import actor_of
from app.services.context import AppContext, open_data_folder
from app.services.permissions import Actor, Role
from tests.services.request_support import registration


def test_a_masked_export_cannot_be_imported_again(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    office_ctx.requests.register(admin, registration(date(2026, 11, 2)), today=date(2026, 11, 2))
    reviewer = office_ctx.accounts.create_account(
        admin, "wangwu", "王五", "review-pass-1", frozenset({Role.SECRECY_REVIEWER})
    )
    masked = tmp_path / "遮盖.xlsx"
    office_ctx.requests.ledger.export_xlsx(actor_of(reviewer), masked)

    other = open_data_folder(DataPaths(tmp_path / "另一台电脑"), clock=office_ctx.clock)
    try:
        other_admin = other.accounts.create_first_admin("admin", "王管理", "admin-pass-1")
        preview = other.requests.ledger.preview(masked)
        (rejected,) = preview.rejected
        assert preview.rows == [] and "证件号码" in rejected.reason and "遮盖后导出" in rejected.reason
        assert other.requests.ledger.import_rows(other_admin, preview).accepted == 0
    finally:
        other.close()
