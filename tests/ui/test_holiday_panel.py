"""设置 → 节假日 panel, the paste-and-parse import dialog, single-day edits; one screenshot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from app.services.calendar_service import CalendarService, seed_calendar_from_package
from app.services.permissions import Actor, Role
from app.services.workcalendar import DayKind
from app.ui.dialogs.holiday_import_dialog import HolidayImportDialog
from app.ui.widgets.holiday_panel import DayEditDialog, HolidayPanel
from tests.calendar_support import D, memory_sessions
from tests.ui.conftest import type_chinese

pytestmark = pytest.mark.gui

ADMIN = Actor(1, "admin", "管理员甲", frozenset({Role.ADMIN}))
CLERK = Actor(2, "clerk", "经办人乙", frozenset({Role.CLERK}))
NOTICE_2027 = (
    "国务院办公厅关于2027年部分节假日安排的通知\n国办发明电〔2026〕9号\n"
    "一、元旦：1月1日放假，与周末连休。\n"
    "七、国庆节：10月1日至7日放假调休，共7天。9月26日（周日）、10月9日（周六）上班。\n"
)


@pytest.fixture
def service() -> Iterator[CalendarService]:
    engine, sessions = memory_sessions()
    seed_calendar_from_package(sessions)
    yield CalendarService(sessions)
    engine.dispose()


def make_panel(qtbot: QtBot, service: CalendarService, actor: Actor) -> HolidayPanel:
    panel = HolidayPanel(service, actor)
    qtbot.addWidget(panel)
    panel.resize(960, 820)
    panel.show()
    return panel


def test_admin_sees_year_with_notices_and_buttons(
    themed_app: QApplication, qtbot: QtBot, service: CalendarService, tmp_path: Path
) -> None:
    panel = make_panel(qtbot, service, ADMIN)
    panel.refresh(2024)
    assert panel.year_box.currentText() == "2024"
    assert panel.import_button.isVisible() and panel.edit_button.isVisible()
    assert "放假 28 天，调休上班 8 天" in panel.source_label.text()
    assert "调休上班" in panel.view.describe(D("2024-10-12"))
    assert "国办发明电〔2023〕7号" in panel.view.describe(D("2024-10-12"))
    assert "国庆节放假" in panel.view.describe(D("2024-10-03"))
    assert panel.view.describe(D("2024-10-13")).endswith("周末")
    shot = tmp_path / "节假日.png"
    assert panel.grab().save(str(shot))
    assert shot.stat().st_size > 10_000


def test_clerk_cannot_see_edit_buttons(
    themed_app: QApplication, qtbot: QtBot, service: CalendarService
) -> None:
    panel = make_panel(qtbot, service, CLERK)
    assert not panel.import_button.isVisible() and not panel.edit_button.isVisible()
    seen: list[object] = []
    panel.view.day_clicked.connect(seen.append)
    panel.refresh(2024)
    qtbot.mouseClick(panel.view, Qt.MouseButton.LeftButton, pos=panel.view.day_rect(D("2024-10-12")).center())
    assert seen == [D("2024-10-12")]  # clicking only shows; no edit dialog for a clerk


def test_paste_parse_preview_and_save(
    themed_app: QApplication, qtbot: QtBot, service: CalendarService, messages: list[str]
) -> None:
    dialog = HolidayImportDialog(service, ADMIN)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.save_button.isEnabled()
    type_chinese(dialog.text, NOTICE_2027)
    qtbot.mouseClick(dialog.parse_button, Qt.MouseButton.LeftButton)
    assert dialog.save_button.isEnabled(), dialog.summary.text()
    assert "2027年：放假 8 天（红色），调休上班 2 天（蓝色）" in dialog.summary.text()
    assert dialog.preview.year == 2027 and dialog.preview.entries[D("2027-10-09")].kind is DayKind.WORK
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert "2027年放假安排已保存" in messages[-1]
    assert service.calendar().covers(2027)


def test_bad_paste_explains_what_to_do(
    themed_app: QApplication, qtbot: QtBot, service: CalendarService
) -> None:
    dialog = HolidayImportDialog(service, ADMIN)
    qtbot.addWidget(dialog)
    type_chinese(dialog.text, "一、元旦：1月1日放假。")
    qtbot.mouseClick(dialog.parse_button, Qt.MouseButton.LeftButton)
    assert "没有找到通知标题中的年份" in dialog.summary.text() and not dialog.save_button.isEnabled()


def test_csv_file_import(
    themed_app: QApplication, qtbot: QtBot, service: CalendarService, tmp_path: Path
) -> None:
    csv_file = tmp_path / "2027.csv"
    csv_file.write_bytes("2027-10-01,放假,国庆节,国办发明电〔2026〕9号\n".encode("gbk"))
    dialog = HolidayImportDialog(service, ADMIN)
    qtbot.addWidget(dialog)
    dialog.load_file(csv_file)
    assert dialog.parsed is not None and dialog.parsed.origin == "csv" and dialog.save_button.isEnabled()


def test_admin_edits_a_single_day(
    themed_app: QApplication, qtbot: QtBot, service: CalendarService, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = make_panel(qtbot, service, ADMIN)

    def fill_and_accept(dialog: DayEditDialog) -> int:
        dialog.kind.setCurrentText("放假")
        type_chinese(dialog.name, "元旦")
        type_chinese(dialog.source, "国办发明电〔2026〕9号")
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(DayEditDialog, "exec", fill_and_accept)
    panel.refresh(2026)
    qtbot.mouseClick(panel.view, Qt.MouseButton.LeftButton, pos=panel.view.day_rect(D("2026-12-31")).center())
    assert not service.calendar().is_working_day(D("2026-12-31"))
    assert panel.view.entries[D("2026-12-31")].name == "元旦"
