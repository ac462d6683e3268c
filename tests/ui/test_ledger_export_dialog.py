"""Issue 21 point 9: the ledger export dialog — masked by default, 「包含完整证件号」 only for an account that
may see full numbers; the 依申请公开 page writes what the dialog chose."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from app.services.accounts.service import actor_of
from app.services.context import AppContext
from app.services.permissions import Actor, Role
from app.ui.dialogs.ledger_export_dialog import LedgerExportDialog
from app.ui.pages.requests_page import RequestsPage
from tests.services.request_support import VALID_ID, registration
from tests.ui.ledger_export_support import choose_export

pytestmark = pytest.mark.gui
TODAY = date(2026, 11, 23)


def test_full_numbers_are_off_by_default_and_only_offered_to_an_account_that_may_see_them(
    qtbot: QtBot, office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    dialog = LedgerExportDialog("导出依申请公开台账", tmp_path / "台账", admin)
    qtbot.addWidget(dialog)
    assert dialog.full_check.isEnabled() and not dialog.full_check.isChecked()
    assert "默认遮盖后导出" in dialog.hint.text()
    dialog.full_check.setChecked(True)
    dialog.accept()
    assert dialog.choice is not None and dialog.choice.include_full
    assert dialog.choice.path == tmp_path / "台账.xlsx"

    info = office_ctx.accounts.create_account(
        admin, "wangwu", "王五", "review-pass-1", frozenset({Role.SECRECY_REVIEWER})
    )
    refused = LedgerExportDialog("导出依申请公开台账", tmp_path / "台账.xlsx", actor_of(info))
    qtbot.addWidget(refused)
    assert not refused.full_check.isEnabled() and "查看完整身份证号和电话" in refused.full_check.toolTip()
    refused.accept()
    assert refused.choice is not None and not refused.choice.include_full


def test_the_requests_page_exports_full_numbers_only_when_ticked(
    make_requests_page: Callable[[Actor, date], RequestsPage],
    office_ctx: AppContext,
    admin: Actor,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    office_ctx.requests.register(admin, registration(TODAY), today=TODAY)
    page = make_requests_page(admin, TODAY)
    for name, full, shown in (("遮盖", False, "1101**********002X"), ("完整", True, VALID_ID)):
        page.count_label.setText("")
        choose_export(monkeypatch, tmp_path / name, full)
        page.action_export()
        qtbot.waitUntil(lambda: "已导出" in page.count_label.text(), timeout=10_000)
        sheet = load_workbook(tmp_path / f"{name}.xlsx").worksheets[0]
        header = [cell.value for cell in sheet[1]]
        assert sheet.cell(2, header.index("证件号码") + 1).value == shown
