"""Requests page, 案卷材料 (issue 22): add a scan, void it with a reason, 生成案卷 for a case and a year."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QTimer

from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.requests.casefile import build
from app.services.requests.casefile.papers import cases_whose_papers_say
from app.ui.dialogs.case_paper_dialog import CasePaperDialog
from app.ui.pages import request_casefile_actions
from app.ui.pages.requests_page import RequestsPage
from tests.calendar_support import D
from tests.services.request_support import registration
from tests.services.requests.casefile.casefile_support import case_with_six_papers, marker_pdf
from tests.ui.conftest import type_chinese

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _no_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build, "find_soffice", lambda: None)


def test_add_read_and_void_a_paper(
    make_requests_page: Callable[[Actor, date], RequestsPage],
    office_ctx: AppContext,
    admin: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    case = office_ctx.requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    page = make_requests_page(admin, D("2024-10-08"))
    page.open_case(case.id)
    panel = page.case_view.papers_panel
    assert panel.empty_label.isVisible() and not panel.void_button.isEnabled()
    scan = marker_pdf(tmp_path / "申请书扫描.pdf", "APPLY")
    read: list[str] = []

    def fake_ocr(path: Path, progress: object, cancelled: object) -> str:
        read.append(path.name)
        return "申请公开道路硬化工程验收报告"

    monkeypatch.setattr(request_casefile_actions, "ocr_reader", lambda: fake_ocr)

    def fill() -> None:
        dialog = page._last_dialog
        assert isinstance(dialog, CasePaperDialog)
        assert not dialog.mail_edit.isEnabled()  # 申请书 has no mail number
        dialog.file_edit.setText(str(scan))
        type_chinese(dialog.note_edit, "当面递交")
        dialog._save()

    QTimer.singleShot(0, fill)
    panel.add_button.click()
    assert [panel.papers.item(i).text() for i in range(panel.papers.count())] == [
        "2024-10-08 申请书　申请书扫描.pdf"
    ]
    qtbot.waitUntil(lambda: bool(read))  # the scan's text is read in the background, then searchable
    page.services.runner.wait_for_idle()
    with office_ctx.sessions() as session:
        assert session.scalars(cases_whose_papers_say("%硬化工程%")).all() == [case.id]
    panel.papers.setCurrentRow(0)
    assert panel.void_button.isEnabled() and panel.open_button.isEnabled()
    monkeypatch.setattr(request_casefile_actions, "ask_reason", lambda *_args: "扫错了案件")
    panel.void_button.click()
    assert panel.papers.item(0).text().endswith("（已作废：扫错了案件）")
    panel.papers.setCurrentRow(0)
    assert not panel.void_button.isEnabled()


def test_mail_number_is_asked_for_a_mailing_and_refusals_keep_the_dialog(
    make_requests_page: Callable[[Actor, date], RequestsPage],
    office_ctx: AppContext,
    admin: Actor,
    messages: list[str],
) -> None:
    case = office_ctx.requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    page = make_requests_page(admin, D("2024-10-08"))
    page.open_case(case.id)
    seen: list[bool] = []

    def fill() -> None:
        dialog = page._last_dialog
        assert isinstance(dialog, CasePaperDialog)
        dialog.kind_combo.setCurrentText("邮寄凭证")
        assert dialog.mail_edit.isEnabled()
        dialog.mail_edit.setText("顺丰??")
        dialog._save()
        seen.append(dialog.isVisible())  # refused: still open for the correction
        dialog.mail_edit.setText("EA123456789CN")
        dialog.signed_check.setChecked(True)
        dialog._save()

    QTimer.singleShot(0, fill)
    page.case_view.papers_panel.add_button.click()
    assert seen == [True] and "不像 EMS 或挂号信单号" in messages[0]
    assert page.case_view.papers_panel.papers.item(0).text() == (
        "2024-10-08 邮寄凭证 EA123456789CN（2024-10-08 签收）"
    )


def test_casefile_for_the_open_case_and_for_a_year(
    make_requests_page: Callable[[Actor, date], RequestsPage],
    office_ctx: AppContext,
    admin: Actor,
    tmp_path: Path,
    messages: list[str],
    qtbot: QtBot,
) -> None:
    case_id = case_with_six_papers(office_ctx, admin, tmp_path / "纸件")
    page = make_requests_page(admin, D("2024-10-20"))
    page.open_case(case_id)
    assert page.case_view.papers_panel.papers.count() == 6
    target = tmp_path / "输出" / "案卷.pdf"
    page.make_casefile(target)
    qtbot.waitUntil(lambda: any("已生成案卷" in m for m in messages), timeout=20_000)
    assert "8 件，共 12 页" in messages[-1] and "文字版" in messages[-1]
    assert len(PdfReader(str(target)).pages) == 12
    page.show_list()
    assert page.year_casefile_button.isVisible()
    page.make_year_casefiles(2024, tmp_path / "全年")
    qtbot.waitUntil(lambda: any("2024 年 1 件申请的案卷" in m for m in messages), timeout=20_000)
    assert len(list((tmp_path / "全年").glob("*.pdf"))) == 1
