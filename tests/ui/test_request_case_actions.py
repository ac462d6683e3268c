"""Requests page: 修改登记信息, 更新复议/诉讼结果, 依申请转主动 and the Excel import preview."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QDate, QDateTime, QTime, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.services.context import AppContext
from app.services.permissions import Actor, Role
from app.services.requests.ledger_rows import EXPORT_HEADERS, HEADERS
from app.services.requests.letters.pdf import CONVERT_TIMEOUT_S, find_soffice
from app.services.requests.types import LetterKind
from app.ui.dialogs.ledger_import_dialog import LedgerImportDialog
from app.ui.dialogs.request_edit_dialog import EditRegistrationDialog
from app.ui.dialogs.request_remedy_dialog import RemedyResultDialog
from app.ui.pages import request_case_actions
from app.ui.pages.requests_page import RequestsPage
from tests.calendar_support import D
from tests.services.request_support import VALID_ID, registration
from tests.ui.conftest import type_chinese
from tests.ui.ledger_export_support import choose_export

pytestmark = pytest.mark.gui

CLERK = Actor(None, "xiaoli", "小李", frozenset({Role.CLERK}))
OTHER_ID = "110105194912310037"


def _drive(page: RequestsPage, open_dialog: Callable[[], object], fill: Callable[[object], None]) -> None:
    def act() -> None:
        dialog = page._last_dialog
        assert dialog is not None
        fill(dialog)
        dialog.save()  # type: ignore[attr-defined]
        if dialog.isVisible():  # refused: the error was shown; close so the test can go on
            dialog.reject()

    QTimer.singleShot(0, act)
    open_dialog()


def test_edit_registration_moves_the_deadline(
    make_requests_page: Callable[[Actor, date], RequestsPage], office_ctx: AppContext, admin: Actor
) -> None:
    case = office_ctx.requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    page = make_requests_page(CLERK, D("2024-10-08"))
    page.open_case(case.id)
    assert page.case_view.edit_button.isVisible()

    def fill(dialog: object) -> None:
        assert isinstance(dialog, EditRegistrationDialog)
        assert "*" in dialog.id_number.text()  # shown masked, kept as stored
        assert dialog.description.toPlainText() == case.description
        dialog.name.clear()
        type_chinese(dialog.name, "王晓明")
        dialog.arrived.setDateTime(QDateTime(QDate(2024, 9, 30), QTime(9, 0)))
        type_chinese(dialog.reason, "到达日期登记错")

    _drive(page, page.case_view.edit_button.click, fill)
    saved = office_ctx.requests.detail(case.id, D("2024-10-08"))
    assert saved.applicant_name == "王晓明" and saved.received_on == D("2024-09-30")
    assert saved.due_on == D("2024-11-01")
    assert office_ctx.requests.editor.current(case.id).id_number == VALID_ID
    assert "2024-11-01" in page.case_view.due_label.text() or "11月1日" in page.case_view.due_label.text()


def test_closed_case_edit_refused_for_a_clerk(
    make_requests_page: Callable[[Actor, date], RequestsPage],
    office_ctx: AppContext,
    admin: Actor,
    messages: list[str],
) -> None:
    requests = office_ctx.requests
    case = requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    requests.steps.answer(admin, case.id, "R3.1", D("2024-09-27"), on_the_spot=True, today=D("2024-09-27"))
    page = make_requests_page(CLERK, D("2024-10-08"))
    page.open_case(case.id)

    def fill(dialog: object) -> None:
        assert isinstance(dialog, EditRegistrationDialog)
        dialog.contact.setText("13900001111")

    _drive(page, page.case_view.edit_button.click, fill)
    assert any("管理员" in text for text in messages)
    assert requests.editor.current(case.id).contact == "13812345678"


def test_remedy_result_recorded_from_the_case(
    make_requests_page: Callable[[Actor, date], RequestsPage], office_ctx: AppContext, admin: Actor
) -> None:
    requests = office_ctx.requests
    case = requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    requests.steps.answer(admin, case.id, "R3.1", D("2024-09-27"), on_the_spot=True, today=D("2024-09-27"))
    requests.remedies.add(admin, case.id, "复议", D("2024-10-10"), "县人民政府", today=D("2024-10-10"))
    page = make_requests_page(CLERK, D("2024-12-02"))
    page.open_case(case.id)
    assert page.case_view.remedy_update_button.isEnabled()

    def fill(dialog: object) -> None:
        assert isinstance(dialog, RemedyResultDialog)
        dialog.result_combo.setCurrentText("纠正")
        assert dialog.closed.isChecked()
        dialog.closed_on.setDate(QDate(2024, 11, 28))

    _drive(page, page.case_view.remedy_update_button.click, fill)
    saved = requests.remedies.for_case(case.id)[0]
    assert (saved.result, saved.closed_on) == ("纠正", D("2024-11-28"))
    assert "纠正" in page.case_view.remedies.text() and "2024-11-28" in page.case_view.remedies.text()


def test_release_to_proactive_creates_document_and_opens_review(
    make_requests_page: Callable[[Actor, date], RequestsPage],
    office_ctx: AppContext,
    admin: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    requests = office_ctx.requests
    ids = []
    for name, number in (("王小明", VALID_ID), ("李四", OTHER_ID)):
        reg = registration(D("2024-09-27"), name=name, id_number=number)
        case = requests.register(admin, reg, today=D("2024-09-27")).detail
        requests.steps.answer(admin, case.id, "R3.1", D("2024-09-30"), today=D("2024-09-30"))
        ids.append(case.id)
    letter = requests.letters.issue(admin, ids[1], LetterKind.ANSWER, today=D("2024-09-30"))
    reviews: list[tuple[str, int, str]] = []
    monkeypatch.setattr(
        request_case_actions,
        "open_new_review_sheet",
        lambda _parent, _services, kind, item_id, title: reviews.append((kind, item_id, title)),
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    page = make_requests_page(CLERK, D("2024-10-08"))
    page.open_case(ids[1])
    assert page.case_view.release_button.isVisible()
    page.case_view.release_button.click()
    document = page.released
    assert document is not None
    stored = office_ctx.documents.detail(document.id)
    assert stored.values.title == "2024年本镇农村危房改造补助资金发放名单"
    assert stored.values.disclosure == "主动公开"
    assert [f.name for f in stored.files] == [letter.file_name]
    assert reviews == [("document", document.id, stored.values.title)]


def test_excel_import_previews_valid_and_rejected_rows(
    make_requests_page: Callable[[Actor, date], RequestsPage],
    office_ctx: AppContext,
    admin: Actor,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(HEADERS))
    sheet.append(["2023-001", "2023-03-01", "当面", "自然人", "张三", "", "138", "低保名单",
                  "2023-03-20", "予以公开", "", ""])  # fmt: skip
    sheet.append(["2023-002", "2023-02-30", "当面", "自然人", "李四", "", "", "x", "", "", "", ""])
    path = tmp_path / "台账.xlsx"
    book.save(path)
    page = make_requests_page(admin, D("2024-10-08"))
    seen: dict[str, object] = {}

    def act() -> None:
        dialog = page._last_dialog
        assert isinstance(dialog, LedgerImportDialog)
        dialog.load_file(path)
        qtbot.waitUntil(lambda: dialog.view is not None)
        seen["rows"] = dialog.table.rowCount()
        first = dialog.table.item(0, 1)
        seen["first"] = first.text() if first else ""
        seen["rejected"] = [dialog.rejected_list.item(i).text() for i in range(dialog.rejected_list.count())]
        dialog.save_button.click()
        qtbot.waitUntil(lambda: dialog.report is not None)

    QTimer.singleShot(0, act)
    dialog = page.action_import()
    assert seen["rows"] == 1 and seen["first"] == "2023-001"
    rejected = seen["rejected"]
    assert isinstance(rejected, list) and len(rejected) == 1 and rejected[0].startswith("第3行")
    assert dialog.report is not None and dialog.report.accepted == 1
    found = office_ctx.requests.find_id("2023-001")
    assert found is not None
    assert office_ctx.requests.detail(found).outcome == "R3.1"
    assert office_ctx.requests.find_id("2023-002") is None
    assert page.count_label.text().startswith("已导入 1 行")


def test_excel_export_writes_the_ledger(
    make_requests_page: Callable[[Actor, date], RequestsPage],
    office_ctx: AppContext,
    admin: Actor,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case = office_ctx.requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    target = tmp_path / "导出台账"
    choose_export(monkeypatch, target)  # the export dialog (issue 21): path, masked
    page = make_requests_page(admin, D("2024-10-08"))
    page.action_export()
    qtbot.waitUntil(lambda: page.count_label.text().startswith("已导出"))
    sheet = load_workbook(tmp_path / "导出台账.xlsx").active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(EXPORT_HEADERS)
    assert rows[1][0] == case.number and rows[1][4] == "王小明"


@pytest.mark.slow
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed on this machine")
def test_letter_exported_as_pdf(
    make_requests_page: Callable[[Actor, date], RequestsPage],
    office_ctx: AppContext,
    admin: Actor,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
) -> None:
    requests = office_ctx.requests
    case = requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    requests.steps.answer(admin, case.id, "R3.1", D("2024-09-27"), on_the_spot=True, today=D("2024-09-27"))
    letter = requests.letters.issue(admin, case.id, LetterKind.ANSWER, today=D("2024-09-27"))
    target = tmp_path / "答复告知书"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    page = make_requests_page(admin, D("2024-10-08"))
    page.open_case(case.id)
    assert page.case_view.pdf_button.isVisibleTo(page)
    page.case_view.pdf_button.click()
    qtbot.waitUntil(lambda: any("已导出 PDF" in m for m in messages), timeout=CONVERT_TIMEOUT_S * 1000)
    text = "".join(p.extract_text() for p in PdfReader(str(tmp_path / "答复告知书.pdf")).pages)
    flat = text.replace(" ", "").replace("\n", "")
    assert letter.number in flat and "政府信息公开申请答复告知书" in flat and "予以公开" in flat
    assert not list(tmp_path.glob("*.part"))
