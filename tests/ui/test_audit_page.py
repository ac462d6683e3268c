from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.audit.query import AuditFilter, AuditQueryService
from app.services.context import AppContext
from app.services.permissions import Actor, Role
from app.ui.models.audit_table_model import COL_ENTITY, COL_USERNAME, AuditTableModel
from app.ui.page_services import PageServices
from app.ui.pages.audit_page import AuditPage
from app.ui.tasks import TaskRunner
from tests.ui.conftest import type_chinese

LEADER = Actor(7, "liling", "李领导", frozenset({Role.LEADER}))


def _fill_log(ctx: AppContext, admin: Actor) -> None:
    with ctx.sessions.begin() as session:
        for number in range(1, 41):
            audit.record(
                session,
                admin,
                Action.UPDATE,
                "公文",
                f"2025-{number:03d}",
                changes={
                    "标题": (
                        f"关于第{number}批惠民资金发放情况的公示",
                        f"关于第{number}批惠民资金发放结果的公示",
                    )
                },
            )
        audit.record(
            session,
            LEADER,
            Action.UPDATE,
            "单位信息",
            1,
            changes={"单位名称": ("甲镇", "乙镇"), "地址": (None, "新路 1 号")},
        )
        audit.record(session, LEADER, Action.EXPORT, "备份", "", file="D:\\备份\\100%_完成.zip")


@pytest.fixture
def opened(office_ctx: AppContext) -> list[str]:
    return []


@pytest.fixture
def page(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor, opened: list[str]
) -> AuditPage:
    _fill_log(office_ctx, admin)
    runner = TaskRunner()
    services = PageServices(ctx=office_ctx, runner=runner, actor=admin, open_page=opened.append)
    widget = AuditPage(services)
    runner.setParent(widget)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_lists_filters_and_shows_the_detail(
    page: AuditPage, qtbot: QtBot, opened: list[str], tmp_path: Path
) -> None:
    # first admin created + office saved by the fixtures, then 42 entries of ours
    assert page.count_label.text() == "共 44 条"
    assert page.model.index(0, COL_ENTITY).data() == "备份"
    page.username_combo.setCurrentIndex(page.username_combo.findData("liling"))
    qtbot.mouseClick(page.query_button, Qt.MouseButton.LeftButton)
    assert page.count_label.text() == "共 2 条"

    page.username_combo.setCurrentIndex(0)
    page.entity_combo.setCurrentIndex(page.entity_combo.findData("单位信息"))
    type_chinese(page.text_edit, "乙镇")
    qtbot.keyClick(page.text_edit, Qt.Key.Key_Return)
    assert page.count_label.text() == "共 1 条"
    page.table.selectRow(0)
    text = page.detail.toPlainText()
    assert "单位名称：甲镇 → 乙镇" in text and "地址：（空） → 新路 1 号" in text and "本条校验值" in text
    assert page.open_button.isEnabled()
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert opened == ["settings"]

    page.reset_filter()
    page.table.selectRow(2)  # a 公文 entry opens the register
    assert page.open_button.isEnabled()
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert opened == ["settings", "documents"]

    page.action_find()
    qtbot.waitUntil(page.text_edit.hasFocus)

    page.table.selectRow(1)
    png = tmp_path / "audit_page.png"
    assert page.grab().save(str(png))
    print(f"\nscreenshot: {png}")


def test_quotes_and_percent_in_search_and_bad_dates(page: AuditPage, qtbot: QtBot) -> None:
    page.text_edit.setText("100%_")
    page.apply_filter()
    assert page.count_label.text() == "共 1 条"
    page.text_edit.setText('"; DROP TABLE audit_entries; --')
    page.apply_filter()
    assert page.count_label.text().startswith("共 0 条。") and "清除条件" in page.count_label.text()
    page.date_from.setDate(page.date_to.date().addDays(1))
    page.apply_filter()
    assert "开始日期晚于结束日期" in page.count_label.text()


def test_export_runs_in_the_background_and_is_logged(
    page: AuditPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, messages: list[str]
) -> None:
    target = tmp_path / "导出的日志"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kw: (str(target), "Excel 工作簿 (*.xlsx)")
    )
    page.username_combo.setCurrentIndex(page.username_combo.findData("liling"))
    page.apply_filter()
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert not page.export_button.isEnabled()
    qtbot.waitUntil(page.export_button.isEnabled, timeout=10_000)
    xlsx = target.with_name("导出的日志.xlsx")
    book = load_workbook(xlsx, read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    book.close()
    assert [row[3] for row in rows] == ["对象", "备份", "单位信息"]
    assert "已导出 2 条" in page.count_label.text() and messages == []
    page.username_combo.setCurrentIndex(page.username_combo.findData("admin"))
    page.action_combo.setCurrentIndex(page.action_combo.findData("导出"))
    page.apply_filter()
    assert page.model.index(0, COL_ENTITY).data() == "操作日志"


def test_refused_account_sees_a_calm_message(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext
) -> None:
    clerk = Actor(9, "zhang", "张经办", frozenset({Role.CLERK}))
    widget = AuditPage(PageServices(ctx=office_ctx, runner=TaskRunner(), actor=clerk))
    qtbot.addWidget(widget)
    assert widget.denied is not None and "管理员或分管领导" in widget.denied and "联系管理员" in widget.denied
    assert not hasattr(widget, "table")
    widget.refresh()
    widget.action_find()


def test_table_model_is_consistent(qtmodeltester: object, office_ctx: AppContext, admin: Actor) -> None:
    with office_ctx.sessions.begin() as session:
        for number in range(450):
            audit.record(session, admin, Action.CREATE, "公文", number)
    model = AuditTableModel(AuditQueryService(office_ctx.sessions), admin)
    assert model.set_filter(AuditFilter(entity="公文")) == 450
    assert model.index(449, COL_USERNAME).data() == "admin" and model.row_at(449).entity_id == "0"  # type: ignore[union-attr]
    qtmodeltester.check(model)  # type: ignore[attr-defined]
