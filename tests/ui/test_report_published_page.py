"""年度报告 page (issue 21 point 10): the 概述 offered, the checkers' JSON, refusals shown calmly."""

from __future__ import annotations

import json
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

pytestmark = pytest.mark.gui


def _page(window: MainWindow, office_ctx: AppContext, admin: Actor) -> ReportPage:
    build_case(office_ctx, admin, Spec("自然人", date(2025, 3, 3), "R3.1", date(2025, 3, 20)), 1)
    page = window.show_page("report")
    assert isinstance(page, ReportPage)
    page.select_year(2025)
    return page


def test_opening_paragraph_and_checker_json_from_the_page(
    window: MainWindow,
    qtbot: QtBot,
    office_ctx: AppContext,
    admin: Actor,
    tmp_path: Path,
    messages: list[str],
) -> None:
    page = _page(window, office_ctx, admin)
    assert page.checker_button.isEnabled() and not page.opening_box.isChecked()
    page.opening_box.setChecked(True)
    report = tmp_path / "年报.docx"
    page.export_to(report)
    qtbot.waitUntil(lambda: page.last_file == report, timeout=20_000)
    texts = [p.text for p in Document(str(report)).paragraphs]
    assert texts[2].startswith("本报告根据") and not any("签字" in t for t in texts)

    numbers = tmp_path / "年报（核查用）.json"
    page.export_to(numbers, checker=True)
    qtbot.waitUntil(lambda: page.last_file == numbers, timeout=20_000)
    sections = json.loads(numbers.read_text(encoding="utf-8"))["sections"]
    assert [s["type"] for s in sections] == ["text", "table_2", "table_3", "table_4", "text", "text"]
    assert sections[2]["tableData"]["naturalPerson"]["results"]["granted"] == 1


def test_section_five_left_as_none_is_refused_with_a_message(
    window: MainWindow,
    qtbot: QtBot,
    office_ctx: AppContext,
    admin: Actor,
    tmp_path: Path,
    messages: list[str],
) -> None:
    page = _page(window, office_ctx, admin)
    page.narratives.editors[PROBLEMS].setPlainText("无")
    page.action_save()
    page.export_to(tmp_path / "年报.docx")
    qtbot.waitUntil(lambda: bool(messages), timeout=20_000)
    assert "不能空着或只写「无」" in messages[-1] and not (tmp_path / "年报.docx").exists()
