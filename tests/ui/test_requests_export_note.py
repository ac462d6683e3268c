"""Issue 19 follow-up: the 依申请公开 page's Excel export says when 证件号码 and 联系方式 went out masked —
since issue 21 always, unless the clerk ticked 「包含完整证件号」."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.services.accounts.service import actor_of
from app.services.context import AppContext
from app.services.permissions import Actor, Role
from app.ui.pages.requests_page import RequestsPage
from tests.ui.ledger_export_support import choose_export

pytestmark = pytest.mark.gui
TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("role", "include_full", "masked"),
    [(Role.SECRECY_REVIEWER, False, True), (Role.CLERK, False, True), (Role.CLERK, True, False)],
)
def test_the_export_message_says_when_numbers_were_masked(
    make_requests_page: Callable[[Actor, date], RequestsPage],
    office_ctx: AppContext,
    admin: Actor,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    role: Role,
    include_full: bool,
    masked: bool,
) -> None:
    """Issue 21: masked by default for every account; full only when 「包含完整证件号」 is ticked."""
    account = office_ctx.accounts.create_account(admin, "lisi", "李四", "lisi-pass-1", frozenset({role}))
    page = make_requests_page(actor_of(account), TODAY)
    choose_export(monkeypatch, tmp_path / "台账.xlsx", include_full)
    page.action_export()
    qtbot.waitUntil(lambda: "已导出" in page.count_label.text(), timeout=10_000)
    assert ("已遮盖后导出" in page.count_label.text()) is masked
