from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document
from pytestqt.qtbot import QtBot

from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.report.narratives import PROBLEMS
from app.ui.main_window import MainWindow
from app.ui.pages.report_page import ReportPage
from tests.services.report_support import Spec, build_case
from tests.ui.conftest import type_chinese

pytestmark = pytest.mark.gui


def test_generate_see_checks_edit_and_publish(
    window: MainWindow,
    qtbot: QtBot,
    office_ctx: AppContext,
    admin: Actor,
    tmp_path: Path,
    messages: list[str],
) -> None:
    build_case(office_ctx, admin, Spec("自然人", date(2025, 3, 3), "R3.3.1", date(2025, 3, 20)), 1)
    build_case(office_ctx, admin, Spec("商业企业", date(2025, 12, 29)), 2)
    page = window.show_page("report")
    assert isinstance(page, ReportPage)
    page.select_year(2025)
    assert page.table3.item(0, 2).text() == "1" and page.table3.item(0, 8).text() == "2"
    assert page.table3.item(4, 1).text() == "1.属于国家秘密" and page.table3.item(4, 2).text() == "1"
    assert "全部核对通过" in page.checks_label.text() and page.docx_button.isEnabled()

    target = tmp_path / "年报.docx"
    page.export_to(target)
    qtbot.waitUntil(lambda: page.last_file == target, timeout=20_000)
    assert any("2025年政府信息公开工作年度报告" in p.text for p in Document(str(target)).paragraphs)

    page.figures.prior_check.setChecked(True)
    page.figures.prior[0].setValue(3)
    page.figures.prior[6].setValue(3)
    page.figures.prior_button.click()
    assert "核对未通过" in page.checks_label.text() and "上年结转" in page.checks_label.text()
    assert not page.docx_button.isEnabled()
    page.figures.prior_check.setChecked(False)
    page.figures.prior_button.click()
    assert page.docx_button.isEnabled()

    editor = page.narratives.editors[PROBLEMS]
    editor.clear()
    type_chinese(editor, "一是公开栏更新不及时。")
    page.action_save()
    assert page.view is not None and page.view.narratives[PROBLEMS] == "一是公开栏更新不及时。"

    page.publish_on(date(2026, 1, 20))
    assert "已于2026年1月20日公布" in page.status_label.text()
    assert not page.figures.isEnabled() and page.unlock_button.isEnabled()
