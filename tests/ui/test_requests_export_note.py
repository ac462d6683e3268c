"""Issue 19 follow-up: when the signed-in account may not see full numbers, the 依申请公开 page's Excel export
says that 证件号码 and 联系方式 went out masked; an account that may see them gets the plain message."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QFileDialog

from app.services.accounts.service import actor_of
from app.services.context import AppContext
from app.services.permissions import Actor, Role
from app.ui.pages.requests_page import RequestsPage

pytestmark = pytest.mark.gui
TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(("role", "masked"), [(Role.SECRECY_REVIEWER, True), (Role.CLERK, False)])
def test_the_export_message_says_when_numbers_were_masked(
    make_requests_page: Callable[[Actor, date], RequestsPage],
    office_ctx: AppContext,
    admin: Actor,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    role: Role,
    masked: bool,
) -> None:
    account = office_ctx.accounts.create_account(admin, "lisi", "李四", "lisi-pass-1", frozenset({role}))
    page = make_requests_page(actor_of(account), TODAY)
    target = tmp_path / "台账.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    page.action_export()
    qtbot.waitUntil(lambda: "已导出" in page.count_label.text(), timeout=10_000)
    assert ("已遮盖后导出" in page.count_label.text()) is masked
