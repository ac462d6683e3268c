"""设置 → 节假日 panel, the paste-and-parse import dialog, single-day edits; one screenshot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from app.services.permissions import Actor, Role
from app.services.workdays.calendar import DayKind
from app.services.workdays.service import CalendarService, seed_calendar_from_package
from app.ui.dialogs.holiday_import_dialog import HolidayImportDialog
from app.ui.widgets.holiday_panel import DayEditDialog, HolidayPanel
from tests.calendar_support import D, memory_sessions
from tests.ui.conftest import type_chinese

pytestmark = pytest.mark.gui

ADMIN = Actor(1, "admin", "管理员甲", frozenset({Role.ADMIN}))
CLERK = Actor(2, "clerk", "经办人乙", frozenset({Role.CLERK}))
NOTICE_2027 = (  # invented: the 2027 notice is not published yet
    "国务院办公厅关于2027年部分节假日安排的通知\n国办发明电〔2026〕9号\n"
    "一、元旦：1月1日放假，与周末连休。\n"
    "二、春节：2月5日至12日放假调休，共8天。2月20日（周六）上班。\n"
    "三、清明节：4月5日放假，与周末连休。\n"
    "四、劳动节：5月1日至5日放假调休，共5天。4月25日（周日）上班。\n"
    "五、端午节：6月9日放假。\n"
    "六、中秋节：9月15日放假。\n"
    "七、国庆节：10月1日至7日放假调休，共7天。9月26日（周日）、10月9日（周六）上班。\n"
)
NOTICE_2017 = (Path(__file__).resolve().parents[1] / "data" / "holiday_notices" / "2017.txt").read_text(
    encoding="utf-8"
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
    assert "2027年：放假 24 天（红色），调休上班 4 天（蓝色）" in dialog.summary.text()
    assert not dialog.warning_box.isVisible() and not dialog.confirm.isVisible()
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
    assert dialog.parsed is not None and dialog.parsed.origin == "csv"
    assert "没有找到元旦、春节" in dialog.warning_box.toPlainText()  # one row would replace the whole year
    assert not dialog.save_button.isEnabled()
    dialog.confirm.setChecked(True)
    assert dialog.save_button.isEnabled()


def make_dialog(qtbot: QtBot, service: CalendarService, text: str) -> HolidayImportDialog:
    dialog = HolidayImportDialog(service, ADMIN)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.text.setPlainText(text)
    qtbot.mouseClick(dialog.parse_button, Qt.MouseButton.LeftButton)
    return dialog


def test_real_notice_matching_the_loaded_year_saves_without_asking(
    themed_app: QApplication, qtbot: QtBot, service: CalendarService, messages: list[str]
) -> None:
    dialog = make_dialog(qtbot, service, NOTICE_2017)
    assert not dialog.warning_box.isVisible() and dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted and "变化 0 天" in messages[-1]


def test_differences_are_shown_and_saving_waits_for_confirmation(
    themed_app: QApplication, qtbot: QtBot, service: CalendarService, messages: list[str]
) -> None:
    text = NOTICE_2017.replace("1月1日放假，1月2日（星期一）补休。", "1月1日放假。")
    text = text.replace("三、清明节：4月2日至4日放假调休，共3天。4月1日（星期六）上班。\n", "")
    dialog = make_dialog(qtbot, service, text)
    shown = dialog.warning_box.toPlainText()
    assert dialog.warning_box.isVisible() and dialog.confirm.isVisible() and not dialog.confirm.isChecked()
    assert "没有找到清明节的放假安排" in shown
    assert "2017-01-02（星期一）：原为 放假（元旦），导入后为 工作日" in shown
    assert not dialog.save_button.isEnabled()
    dialog.accept()  # e.g. Enter pressed: still refused
    assert "请先核对" in messages[-1] and dialog.result() != QDialog.DialogCode.Accepted
    assert not service.calendar().is_working_day(D("2017-01-02"))
    dialog.confirm.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted and "2017年放假安排已保存" in messages[-1]
    assert service.calendar().is_working_day(D("2017-01-02"))  # what the administrator confirmed
    dialog.text.setPlainText(NOTICE_2017)
    qtbot.mouseClick(dialog.parse_button, Qt.MouseButton.LeftButton)
    assert "2017-01-02（星期一）：原为 工作日，导入后为 放假（元旦）" in dialog.warning_box.toPlainText()


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
