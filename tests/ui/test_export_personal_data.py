"""Issue 19 on the 上报导出 page: the refuse/mask choice and the list of personal data found."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.services.context import AppContext
from app.services.permissions import Actor
from app.ui.main_window import MainWindow
from app.ui.pages.export_page import ExportPage
from tests.services.personal_data_support import published_document

pytestmark = pytest.mark.gui


def _idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20_000)


def test_findings_are_listed_and_masking_is_a_choice(
    window: MainWindow, qtbot: QtBot, office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    published_document(office_ctx, tmp_path, 1)
    published_document(
        office_ctx,
        tmp_path,
        2,
        title="关于王某（身份证310101199001011234）申请低保的答复",
        publisher="测试镇社会事务办（经办人 139-8765-4321）",
    )
    page = window.show_page("export")
    assert isinstance(page, ExportPage)
    page.refresh()
    _idle(qtbot, window)
    assert not page.mask_check.isChecked()  # the office's default: refuse
    assert page.left_tabs.tabText(1) == "个人信息（2）"
    assert page.findings_table.rowCount() == 2
    cells = [page.findings_table.item(0, c).text() for c in range(5)]
    assert cells[0] == "关于王某（身份证3101**********1234）申请低保的答复"
    assert cells[1:4] == ["「名称」", "疑似身份证号 3101**********1234", "整条不上报"]
    assert "发现 2 处疑似个人信息（所在信息不上报）" in page.summary.text()
    assert page.preview_table.rowCount() == 2
    if shots := os.environ.get("ZWGK_SCREENSHOTS"):
        window.resize(1280, 760)
        qtbot.wait(50)
        window.grab().save(str(Path(shots) / "export_refused.png"))

    page.mask_check.setChecked(True)  # previews again by itself
    _idle(qtbot, window)
    assert page.findings_table.item(1, 2).text() == "疑似手机号码 139-****-4321"
    assert page.findings_table.item(1, 3).text() == "已遮盖后上报"
    assert page.summary.text().startswith("将上报 2 条信息") and "已遮盖" in page.summary.text()
    if shots := os.environ.get("ZWGK_SCREENSHOTS"):
        page.left_tabs.setCurrentIndex(1)
        window.resize(1280, 760)
        qtbot.wait(50)
        window.grab().save(str(Path(shots) / "export_personal_data.png"))
