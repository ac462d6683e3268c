"""依申请公开 page: the six 「Done when」 flows through the real dialogs, and the lazy list at 20,000."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QDate, QDateTime, QTime, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
)

from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.requests.query import CaseFilter
from app.services.requests.types import LetterKind
from app.ui.dialogs.request_registration_dialog import RegistrationDialog
from app.ui.dialogs.request_step_dialog import StepDialog
from app.ui.pages.requests_page import RequestsPage
from tests.calendar_support import D
from tests.conftest import set_today
from tests.services.request_support import LEADER, VALID_ID, letter_text
from tests.ui.conftest import type_chinese

pytestmark = pytest.mark.gui


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _drive(page: RequestsPage, open_dialog: Callable[[], object], fill: Callable[[object], None]) -> None:
    """Fill the dialog the page opens (modal) and press 保存/登记, as a clerk would."""

    def act() -> None:
        dialog = page._last_dialog
        assert dialog is not None
        fill(dialog)
        dialog.save()  # type: ignore[attr-defined]
        if dialog.isVisible():  # refused: the error was shown; close so the test can go on
            dialog.reject()

    QTimer.singleShot(0, act)
    open_dialog()


def _register(page: RequestsPage, channel: str, arrived: datetime, received: date | None) -> int:
    def fill(dialog: object) -> None:
        assert isinstance(dialog, RegistrationDialog)
        type_chinese(dialog.name, "王小明")
        dialog.id_number.setText(VALID_ID)
        dialog.contact.setText("13812345678")
        dialog.description.setPlainText("2024年本镇农村危房改造补助资金发放名单")
        dialog.channel.setCurrentText(channel)
        dialog.arrived.setDateTime(QDateTime(_qdate(arrived.date()), QTime(arrived.hour, arrived.minute)))
        if received is not None:
            dialog.confirmed.setChecked(True)
            dialog.received.setDate(_qdate(received))

    _drive(page, page.action_new, fill)
    detail = page.case_view.detail
    assert detail is not None
    return detail.id


def _step(page: RequestsPage, kind: str, on: date, **values: object) -> None:
    def fill(dialog: object) -> None:
        assert isinstance(dialog, StepDialog)
        date_edit = dialog.fields.get("on")
        if isinstance(date_edit, QDateEdit):
            date_edit.setDate(_qdate(on))
        for name, value in values.items():
            widget = dialog.fields[name]
            if isinstance(widget, QDateEdit):
                assert isinstance(value, date)
                widget.setDate(_qdate(value))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(str(value))
            elif isinstance(widget, QLineEdit):
                widget.setText(str(value))
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(str(value)))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QComboBox):
                index = widget.findData(value)
                widget.setCurrentIndex(index if index >= 0 else widget.findText(str(value)))

    if on != page.today:  # the clerk comes back on a later day and opens the case again
        set_today(page.services.ctx, on)
        assert page.case_view.detail is not None
        page.open_case(page.case_view.detail.id)
    button = page.case_view.step_buttons[kind]
    assert button.isEnabled(), button.toolTip()
    _drive(page, button.click, fill)


def _letter(page: RequestsPage, qtbot: QtBot, ctx: AppContext, kind: str) -> str:
    before = len(page.case_view.detail.letters) if page.case_view.detail else 0
    page.case_view.letter_buttons[kind].click()
    qtbot.waitUntil(lambda: page.case_view.detail is not None and len(page.case_view.detail.letters) > before)
    assert page.case_view.detail is not None
    return letter_text(ctx, page.case_view.detail.letters[-1])


def _due_text(page: RequestsPage) -> str:
    return page.case_view.due_label.text()


def test_in_person_request_answered_released(
    make_requests_page: Callable[[Actor, date], RequestsPage],
    qtbot: QtBot,
    office_ctx: AppContext,
    admin: Actor,
) -> None:
    page = make_requests_page(admin, D("2024-09-27"))
    _register(page, "当面", datetime(2024, 9, 27, 9, 30), None)
    assert "2024-001" in page.case_view.number_label.text()
    assert "还剩 20 个工作日（期限 2024年10月30日）" in _due_text(page)
    text = _letter(page, qtbot, office_ctx, LetterKind.RECEIPT)
    assert "答复期限至2024年10月30日" in text
    _step(page, "答复", D("2024-10-10"), outcome="R3.1", reasons="随本告知书附名单一份。")
    assert page.case_view.detail is not None and page.case_view.detail.status == "已答复"
    text = _letter(page, qtbot, office_ctx, LetterKind.ANSWER)
    assert "现予以公开" in text and "随本告知书附名单一份" in text and "依申请〔2024〕2号" in text
    assert "6个月内" in text
    _step(page, "送达", D("2024-10-10"), method="当面", has_signed=True, signed_on=D("2024-10-10"))
    _step(page, "归档", D("2024-10-11"))
    assert page.case_view.detail is not None and page.case_view.detail.status == "已归档"


def test_ordinary_mail_confirmed_two_days_later(
    make_requests_page: Callable[[Actor, date], RequestsPage],
    qtbot: QtBot,
    office_ctx: AppContext,
    admin: Actor,
) -> None:
    page = make_requests_page(admin, D("2025-01-22"))
    _register(page, "平信", datetime(2025, 1, 22, 15, 0), None)
    assert "未起算" in _due_text(page) or "尚未确认" in _due_text(page)
    assert not page.case_view.letter_buttons[LetterKind.RECEIPT].isEnabled()
    _step(page, "确认收到", D("2025-01-24"))
    assert "期限 2025年2月27日" in _due_text(page)
    assert page.case_view.detail is not None and page.case_view.detail.received_on == D("2025-01-24")
    text = _letter(page, qtbot, office_ctx, LetterKind.RECEIPT)
    assert "本机关于2025年1月24日收到您以平信方式" in text


def test_correction_cycle(
    make_requests_page: Callable[[Actor, date], RequestsPage],
    qtbot: QtBot,
    office_ctx: AppContext,
    admin: Actor,
) -> None:
    page = make_requests_page(admin, D("2025-01-24"))
    _register(page, "当面", datetime(2025, 1, 24, 10, 0), None)
    _step(page, "补正告知", D("2025-02-05"), items="请写明村名和年份", period_end=D("2025-02-20"))
    assert page.case_view.detail is not None and page.case_view.detail.status == "待补正"
    assert not page.case_view.step_buttons["逾期未补正"].isEnabled()
    assert "尚未届满" in page.case_view.step_buttons["逾期未补正"].toolTip()
    text = _letter(page, qtbot, office_ctx, LetterKind.CORRECTION)
    assert "请写明村名和年份" in text and "请于2025年2月20日前" in text
    _step(page, "补正收到", D("2025-02-10"))
    assert "期限 2025年3月10日" in _due_text(page)


def test_extension_by_the_leader(
    make_requests_page: Callable[[Actor, date], RequestsPage],
    qtbot: QtBot,
    office_ctx: AppContext,
    admin: Actor,
    messages: list[str],
) -> None:
    clerk_page = make_requests_page(admin, D("2024-10-21"))
    case_id = _register(clerk_page, "当面", datetime(2024, 9, 27, 9, 0), None)
    assert not clerk_page.case_view.step_buttons["延期"].isEnabled()
    assert "负责人" in clerk_page.case_view.step_buttons["延期"].toolTip()
    page = make_requests_page(LEADER, D("2024-10-21"))
    page.open_case(case_id)
    _step(page, "延期", D("2024-10-21"), working_days=20, approver="张镇长", reason="需调取档案")
    assert "期限 2024年11月27日" in _due_text(page)
    assert "只能延长一次" in page.case_view.step_buttons["延期"].toolTip()
    text = _letter(page, qtbot, office_ctx, LetterKind.EXTENSION)
    assert "答复期限延长20个工作日" in text and "2024年11月27日前" in text and "需调取档案" in text


def test_third_party_consultation(
    make_requests_page: Callable[[Actor, date], RequestsPage],
    qtbot: QtBot,
    office_ctx: AppContext,
    admin: Actor,
) -> None:
    page = make_requests_page(admin, D("2024-09-27"))
    _register(page, "当面", datetime(2024, 9, 27, 9, 0), None)
    _step(page, "征求第三方意见", D("2024-10-08"), party="赵巷建筑公司")
    assert page.case_view.detail is not None and page.case_view.detail.status == "征求意见中"
    text = _letter(page, qtbot, office_ctx, LetterKind.THIRD_PARTY)
    assert "赵巷建筑公司" in text and "2024年10月28日前" in text
    _step(page, "第三方意见回复", D("2024-10-29"), party="赵巷建筑公司", opinion="不同意公开")
    assert "期限 2024年11月21日" in _due_text(page)


def test_fee_notice_left_unpaid(
    make_requests_page: Callable[[Actor, date], RequestsPage],
    qtbot: QtBot,
    office_ctx: AppContext,
    admin: Actor,
) -> None:
    page = make_requests_page(admin, D("2025-01-20"))
    _register(page, "当面", datetime(2025, 1, 20, 9, 0), None)
    _step(page, "收费通知", D("2025-01-24"), method="按件", amount=200, basis="本自然月第35件申请")
    text = _letter(page, qtbot, office_ctx, LetterKind.FEE)
    assert "收费金额：200元" in text and "于2025年2月27日前缴纳" in text
    assert not page.case_view.step_buttons["逾期未缴"].isEnabled()
    _step(page, "逾期未缴", D("2025-02-28"))
    detail = page.case_view.detail
    assert detail is not None and detail.status == "已办结" and detail.outcome == "R3.6.2"
    assert "申请人逾期未按收费通知要求缴纳费用" in page.case_view.applicant_label.text()


def test_refused_step_keeps_the_case(
    make_requests_page: Callable[[Actor, date], RequestsPage],
    office_ctx: AppContext,
    admin: Actor,
    messages: list[str],
) -> None:
    page = make_requests_page(admin, D("2024-10-10"))
    case_id = _register(page, "当面", datetime(2024, 9, 27, 9, 0), None)
    _step(page, "答复", D("2024-10-10"))  # no outcome chosen
    assert any("21 种情形" in m for m in messages)
    assert office_ctx.requests.detail(case_id).status == "办理中"


def test_list_of_20000_cases_opens_fast(
    make_requests_page: Callable[[Actor, date], RequestsPage], office_ctx: AppContext, admin: Actor
) -> None:
    from tests.ui.request_bulk import insert_cases

    insert_cases(office_ctx, 20_000)
    started = time.perf_counter()
    page = make_requests_page(admin, D("2026-11-20"))
    opened = time.perf_counter() - started
    assert page.model.rowCount() == 20_000
    started = time.perf_counter()
    page.table.scrollToBottom()
    QApplication.processEvents()
    scrolled = time.perf_counter() - started
    started = time.perf_counter()
    page.search_edit.setText("第19999件")
    page.apply_filter()
    searched = time.perf_counter() - started
    print(f"\n20,000 cases: page opened in {opened:.3f} s, scrolled to end in {scrolled:.3f} s, "
          f"search in {searched:.3f} s")  # fmt: skip
    assert page.model.rowCount() == 1
    assert opened < 1.5 and scrolled < 1.0 and searched < 1.0
    assert office_ctx.requests.count(CaseFilter(due="已逾期"), D("2026-11-20")) > 0
