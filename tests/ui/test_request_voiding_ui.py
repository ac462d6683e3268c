"""Issue 21 on the 依申请公开 page: 删除 or 作废 a case, 作废 a letter, no letters on an archived case."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt

from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.requests.query import CaseFilter
from app.services.requests.types import LetterKind
from app.ui.dialogs import reason_dialog
from app.ui.pages.requests_page import RequestsPage
from tests.calendar_support import D
from tests.services.request_support import registration

pytestmark = pytest.mark.gui
Page = Callable[[Actor, date], RequestsPage]


@pytest.fixture
def reasons(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    asked: list[tuple[str, str]] = []

    def answer(_parent: object, title: str, message: str, _action: str) -> str:
        asked.append((title, message))
        return "误登记"

    monkeypatch.setattr(reason_dialog, "ask_reason", answer)
    return asked


def _answered(ctx: AppContext, admin: Actor) -> int:
    case = ctx.requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    ctx.requests.steps.answer(
        admin, case.id, "R3.1", D("2024-09-27"), on_the_spot=True, today=D("2024-09-27")
    )
    return case.id


def test_a_fresh_case_is_deleted_after_asking(
    make_requests_page: Page, office_ctx: AppContext, admin: Actor, reasons: list[tuple[str, str]]
) -> None:
    case = office_ctx.requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    page = make_requests_page(admin, D("2024-09-30"))
    page.open_case(case.id)
    assert page.case_view.remove_button.isEnabled()
    page.case_view.remove_button.click()
    assert reasons[0][0] == "删除申请" and "受理编号也不会再使用" in reasons[0][1]
    assert office_ctx.requests.count(CaseFilter()) == 0 and page.model.rowCount() == 0
    assert page.stack.currentIndex() == 0  # back on the (now empty) list


def test_a_case_with_a_letter_is_voided_and_filtered(
    make_requests_page: Page, office_ctx: AppContext, admin: Actor, reasons: list[tuple[str, str]]
) -> None:
    case_id = _answered(office_ctx, admin)
    office_ctx.requests.letters.issue(admin, case_id, LetterKind.ANSWER, today=D("2024-09-27"))
    page = make_requests_page(admin, D("2024-09-30"))
    page.open_case(case_id)
    page.case_view.remove_button.click()
    title, message = reasons[0]
    assert title == "作废申请" and "已出具 1 份文书" in message and "只能作废" in message
    view = page.case_view
    assert "已作废" in view.status_label.text() and not view.remove_button.isEnabled()
    assert "作废（理由：误登记）" in view.timeline.item(view.timeline.count() - 1).text()
    assert all(not button.isEnabled() for button in view.letter_buttons.values())
    assert "已作废" in view.letter_buttons[LetterKind.SERVICE.value].toolTip()
    page.show_list()
    page.apply_filter()
    assert page.model.rowCount() == 0
    page.status_combo.setCurrentText("已作废")
    assert page.model.rowCount() == 1


def test_a_letter_is_voided_and_listed_with_its_reason(
    make_requests_page: Page, office_ctx: AppContext, admin: Actor, reasons: list[tuple[str, str]]
) -> None:
    case_id = _answered(office_ctx, admin)
    letter = office_ctx.requests.letters.issue(admin, case_id, LetterKind.ANSWER, today=D("2024-09-27"))
    page = make_requests_page(admin, D("2024-09-30"))
    page.open_case(case_id)
    view = page.case_view
    view.letters.setCurrentRow(0)
    assert view.void_letter_button.isEnabled()
    view.void_letter_button.click()
    assert reasons[0][0] == "作废文书" and letter.number in reasons[0][1]
    item = view.letters.item(0)
    assert item.text().endswith(f"答复告知书 {letter.number}（已作废：误登记）")
    assert item.foreground().color().name() == "#9e9e9e"
    view.letters.setCurrentRow(0)
    assert not view.void_letter_button.isEnabled() and "已作废" in view.void_letter_button.toolTip()
    assert view.letter_buttons[LetterKind.SERVICE.value].toolTip() == "请先出具答复告知书"


def test_letter_buttons_are_disabled_on_an_archived_case(
    make_requests_page: Page, office_ctx: AppContext, admin: Actor, qtbot: QtBot
) -> None:
    case_id = _answered(office_ctx, admin)
    office_ctx.requests.letters.issue(admin, case_id, LetterKind.ANSWER, today=D("2024-09-27"))
    steps = office_ctx.requests.steps
    steps.serve(admin, case_id, "当面", D("2024-09-27"), D("2024-09-27"), today=D("2024-09-27"))
    steps.archive(admin, case_id, D("2024-09-30"), today=D("2024-09-30"))
    page = make_requests_page(admin, D("2024-10-08"))
    page.open_case(case_id)
    view = page.case_view
    assert view.letter_buttons and all(not button.isEnabled() for button in view.letter_buttons.values())
    assert view.letter_buttons[LetterKind.ANSWER.value].toolTip() == "申请已归档，不能再出具文书"
    view.letters.setCurrentRow(0)
    assert not view.void_letter_button.isEnabled()
    qtbot.mouseClick(view.letter_buttons[LetterKind.ANSWER.value], Qt.MouseButton.LeftButton)
    assert len(office_ctx.requests.detail(case_id).letters) == 1  # nothing issued
