from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.settings.service import OfficeInfo
from app.services.storage.auto_backup import list_generations
from app.ui.dialogs.restore_dialog import RestoreDialog
from app.ui.main_window import MainWindow
from app.ui.pages.export_page import ExportPage
from tests.services.export_support import demo_items, service

pytestmark = pytest.mark.gui


def _idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20_000)


def test_preview_build_history_and_verify(
    window: MainWindow,
    qtbot: QtBot,
    office_ctx: AppContext,
    admin: Actor,
    tmp_path: Path,
    messages: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = window.show_page("export")
    assert isinstance(page, ExportPage)
    page._service = service(office_ctx, demo_items(office_ctx, tmp_path))
    page.preview()
    _idle(qtbot, window)
    assert page.preview_table.rowCount() == 4
    assert page.preview_table.item(0, 3).text() == "11320000TEST0001X/2025-00001"
    assert page.summary.text().startswith("将上报 4 条信息")

    target = tmp_path / "上报" / "数据包.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.build_button.click()
    _idle(qtbot, window)
    assert target.is_file() and page.last_result is not None and page.last_result.items == 4
    assert "已生成" in messages[-1]
    assert page.history_table.rowCount() == 1 and page.history_table.item(0, 1).text() == "全部"
    assert page.items_table.rowCount() == 4 and page.items_table.item(0, 0).text() == "公文"

    page.verify_file(target)
    _idle(qtbot, window)
    assert page.last_report is not None and page.last_report.ok and "校验值全部一致" in messages[-1]
    with zipfile.ZipFile(target) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    victim = next(name for name in entries if name.startswith("files/"))
    entries[victim] = entries[victim] + b"!"
    tampered = tmp_path / "被改过.zip"
    with zipfile.ZipFile(tampered, "w") as archive:
        for name, body in entries.items():
            archive.writestr(name, body)
    page.verify_file(tampered)
    _idle(qtbot, window)
    assert "请不要上报" in messages[-1] and victim in messages[-1]


def test_restore_dialog_lists_generations_with_their_contents(
    themed_app: object, qtbot: QtBot, office_ctx: AppContext, tmp_path: Path
) -> None:
    source = tmp_path / "a.txt"
    source.write_text("附件", encoding="utf-8")
    office_ctx.attachments.add_file(source)
    generation = office_ctx.auto_backups.run("退出时")
    dialog = RestoreDialog(office_ctx.auto_backups.generations(), office_ctx.auto_backups.root())
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "退出时"
    assert "附件 1" in dialog.table.item(0, 2).text()
    assert dialog.selected == generation and dialog.restore_button.isEnabled()
    empty = RestoreDialog([], office_ctx.auto_backups.root())
    qtbot.addWidget(empty)
    assert "还没有自动备份" in empty.detail.text() and not empty.restore_button.isEnabled()


def test_quit_backs_up_once_a_day_and_a_generation_can_be_restored(
    window: MainWindow,
    qtbot: QtBot,
    admin: Actor,
    messages: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = window.ctx.auto_backups.root()
    window.request_quit()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert len(list_generations(root)) == 1
    window.show()
    window.ctx.settings.save_office(admin, OfficeInfo("改名后的单位", "CHANGED-1"))

    monkeypatch.setattr(RestoreDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.generation_action.trigger()
    _idle(qtbot, window)
    assert "恢复完成" not in messages and "已从备份恢复" in messages[-1]
    office = window.ctx.settings.office()
    assert office is not None and office.name == "测试镇人民政府"
    reasons = sorted(g.reason for g in list_generations(root))
    assert reasons == ["恢复前", "退出时"]
