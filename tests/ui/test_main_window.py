from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

from app.services.context import AppContext
from app.services.permissions import SYSTEM
from app.services.settings.service import OfficeInfo
from app.ui.dialogs.first_run_dialog import FirstRunDialog
from app.ui.main_window import MainWindow
from app.ui.pages.settings_page import SettingsPage
from tests.ui.conftest import type_chinese


def test_every_page_opens_from_the_navigation(window: MainWindow, qtbot: QtBot) -> None:
    titles = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert titles == [
        "工作台",
        "公文登记",
        "保密审查",
        "依申请公开",
        "决策目录",
        "标准目录",
        "公开栏",
        "上报导出",
        "年度报告",
        "工作要点",
        "操作日志",
        "设置",
    ]
    for row, spec in enumerate(window.visible_pages):
        window.nav.setCurrentRow(row)
        page = window.current_page()
        assert page is not None and page.page_title == spec.title
        assert page.isVisible()
    assert "测试镇人民政府" in window.windowTitle()


def test_chinese_ui_font_and_translations_are_installed(window: MainWindow) -> None:
    family = QApplication.font().family()
    assert family in QFontDatabase.families()
    assert QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese), "no CJK font available"
    # qtbase_zh_CN is loaded: standard buttons speak Chinese.
    assert QApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_ctrl_s_saves_the_settings_page(window: MainWindow, qtbot: QtBot, messages: list[str]) -> None:
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    page.office_form.name.clear()
    type_chinese(page.office_form.name, "赵巷镇人民政府")
    page.boards.setPlainText("镇政府公开栏\n赵巷村公开栏")
    spin = page.rule_widgets["deadline.answer_working_days"]
    spin.setValue(15)  # type: ignore[attr-defined]
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settings = window.ctx.settings
    office = settings.office()
    assert office is not None and office.name == "赵巷镇人民政府"
    assert settings.boards() == ["镇政府公开栏", "赵巷村公开栏"]
    assert settings.get("deadline.answer_working_days") == 15
    assert messages == []


def test_invalid_settings_show_a_message_and_save_nothing(
    window: MainWindow, qtbot: QtBot, messages: list[str]
) -> None:
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    page.office_form.org_code.setText("../../x")
    page.boards.setPlainText("甲栏")
    window.trigger("save")
    assert len(messages) == 1 and "机构代码" in messages[0]
    assert window.ctx.settings.boards() == []  # the whole page is one transaction
    office = window.ctx.settings.office()
    assert office is not None and office.org_code == "11320000TEST0001X"


def test_shortcut_on_a_page_without_the_action_says_so(window: MainWindow) -> None:
    window.show_page("dashboard")
    assert window.trigger("new") is False
    assert not window.common_actions["new"].isEnabled()
    assert window.statusBar().currentMessage() == "当前页面没有这个操作。"


def test_backup_then_restore_from_the_menu(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    target = tmp_path / "备份" / "今天.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.backup()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20_000)
    assert target.exists()
    assert "从未备份" not in window.backup_label.text()

    window.ctx.settings.save_boards(window.actor, ["备份之后加的栏"])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.restore()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20_000)
    assert window.ctx.settings.boards() == []
    assert messages and "已从备份恢复" in messages[-1]
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    assert page.boards.toPlainText() == ""


def test_first_run_dialog_validates_then_saves(
    themed_app: QApplication,
    qtbot: QtBot,
    ctx: AppContext,
    messages: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []  # FX-001 is not a 统一社会信用代码: the clerk confirms it (issue 21)
    yes = QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *_a: asked.append(text) or yes)
    dialog = FirstRunDialog(ctx.settings, ctx.accounts)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert messages and "单位名称" in messages[0] and dialog.isVisible() is False
    assert ctx.settings.office() is None
    type_chinese(dialog.form.name, "方夏镇人民政府")
    qtbot.keyClicks(dialog.form.org_code, "FX-001")
    type_chinese(dialog.display_name, "方管理")
    dialog.password.setText("secret-123")
    dialog.password_again.setText("secret-124")
    dialog.accept()
    assert "不一致" in messages[-1] and ctx.accounts.count() == 0
    dialog.password_again.setText("secret-123")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert len(asked) == 1 and "不是18位的统一社会信用代码" in asked[0]
    office = ctx.settings.office()
    assert office is not None and office.name == "方夏镇人民政府"
    assert dialog.actor is not None and ctx.accounts.authenticate("admin", "secret-123") == dialog.actor
    assert all(isinstance(w, QLineEdit) for w in (dialog.form.name, dialog.form.org_code))


def test_first_run_after_office_set_shows_the_saved_office(
    themed_app: QApplication, qtbot: QtBot, ctx: AppContext
) -> None:
    """After `main.py office set` the dialog still creates the administrator, with the office filled in."""
    ctx.settings.save_office(
        SYSTEM, OfficeInfo(name="方夏镇人民政府", org_code="FX-001", address="方夏镇府前路1号", phone="")
    )
    dialog = FirstRunDialog(ctx.settings, ctx.accounts)
    qtbot.addWidget(dialog)
    assert (dialog.form.name.text(), dialog.form.org_code.text()) == ("方夏镇人民政府", "FX-001")
    assert dialog.form.address.text() == "方夏镇府前路1号"
