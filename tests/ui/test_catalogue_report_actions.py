"""「自查自纠报告…」 and 「复制年报段落」 (issue 23 part F): the dialog's choices, the file written in the
background with its place said, the paragraph on the clipboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from app.services.catalogue.selfcheck.service import SelfCheckService
from app.services.context import AppContext
from app.services.permissions import Actor
from app.ui.dialogs.catalogue_report_dialog import SelfCheckChoice, SelfCheckDialog
from app.ui.page_services import PageServices
from app.ui.pages.catalogue_report_actions import copy_report_paragraph, make_self_check_report
from app.ui.tasks import TaskRunner
from tests.services.catalogue.selfcheck_rows import AS_OF, ROWS, FixedCheck, add_catalogue

pytestmark = pytest.mark.gui


@pytest.fixture
def services(office_ctx: AppContext, admin: Actor, monkeypatch: pytest.MonkeyPatch) -> PageServices:
    add_catalogue(office_ctx)
    check = FixedCheck(ROWS)
    monkeypatch.setattr(SelfCheckService, "_source", lambda _self: check)
    return PageServices(office_ctx, TaskRunner(), admin, lambda _key: None)


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *_a: messages.append(text))
    return messages


def test_dialog_suggests_a_name_and_refuses_a_mismatched_one(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SelfCheckDialog(2026, AS_OF, tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.path_edit.text() == str(tmp_path / "2026年基层政务公开标准目录自查自纠.xlsx")
    dialog.quarter_combo.setCurrentIndex(4)
    dialog.format_combo.setCurrentIndex(1)
    assert Path(dialog.path_edit.text()).name == "2026年第四季度基层政务公开标准目录自查自纠.docx"
    dialog.path_edit.setText(str(tmp_path / "报告.xlsx"))
    dialog._accept()
    assert dialog.choice is None and "与所选的「Word 文档」不一致" in dialog.error.text()
    dialog.path_edit.setText(str(tmp_path / "报告"))
    dialog._accept()
    assert dialog.choice == SelfCheckChoice(2026, 4, AS_OF, tmp_path / "报告.docx")


def test_report_written_in_the_background_and_its_place_said(
    qtbot: QtBot, services: PageServices, tmp_path: Path, said: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "自查自纠.xlsx"

    def choose(dialog: SelfCheckDialog) -> QDialog.DialogCode:
        dialog.choice = SelfCheckChoice(2026, None, AS_OF, target)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SelfCheckDialog, "exec", choose)
    parent = QWidget()
    qtbot.addWidget(parent)
    make_self_check_report(parent, services)
    services.runner.wait_for_idle()
    qtbot.waitUntil(lambda: bool(said))
    assert said == [f"已生成自查自纠报告：\n{target.resolve()}"]
    assert load_workbook(target)["问题清单"].max_row == 2 + 6


def test_cancelled_dialog_writes_nothing(
    qtbot: QtBot, services: PageServices, said: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SelfCheckDialog, "exec", lambda _dialog: QDialog.DialogCode.Rejected)
    parent = QWidget()
    qtbot.addWidget(parent)
    make_self_check_report(parent, services)
    assert not services.runner.busy and not said


def test_paragraph_copied_for_the_annual_report(
    qtbot: QtBot, services: PageServices, said: list[str]
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    copy_report_paragraph(parent, services, 2026)
    services.runner.wait_for_idle()
    qtbot.waitUntil(lambda: bool(said))
    copied = QApplication.clipboard().text()
    assert copied.startswith("对照本镇2026年基层政务公开标准目录6个事项开展自查，应公开6条")
    assert "年度报告「五、存在的主要问题及改进情况」" in said[0] and said[0].endswith(copied)
