"""Issue 24: the 台账 import dialog offers and reads old .xls files, like .xlsx ones."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QApplication, QFileDialog

from app.services.context import AppContext
from app.services.permissions import Actor
from app.ui.page_services import PageServices
from app.ui.pages.document_ledger_actions import import_dialog
from app.ui.tasks import TaskRunner
from tests.services.documents.test_ledger_xls import _old_ledger

pytestmark = pytest.mark.gui


def test_the_import_dialog_offers_and_reads_an_old_xls(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    dialog = import_dialog(PageServices(office_ctx, TaskRunner(), admin, lambda _key: None), None)
    qtbot.addWidget(dialog)
    offered: list[str] = []

    def pick(*args: Any) -> tuple[str, str]:
        offered.append(args[3])
        return str(_old_ledger(tmp_path / "2019年公文登记台账.xls")), args[3]

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    dialog.show()
    dialog.choose_file()
    qtbot.waitUntil(lambda: dialog.view is not None)
    assert offered == ["Excel 工作簿 (*.xlsx *.xls)"]
    assert dialog.table.rowCount() == 2 and dialog.table.item(0, 3).text() == "关于做好冬季防火工作的通知"
    assert dialog.save_button.isEnabled()
    if os.environ.get("ZWGK_SHOTS"):
        dialog.grab().save(os.environ["ZWGK_SHOTS"])
