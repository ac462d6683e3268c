"""决策目录 page: build a directory of three items through the dialog, publish it, carry one item through
every stage to 决策公布 and 反馈, and see the blocks when a stage is missing or a period is too short."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QDateEdit, QDialog, QLineEdit, QPlainTextEdit

from app.models.decision import Stage
from app.services.context import AppContext
from app.services.decisions.stages import StageRecord
from app.services.decisions.types import DirectoryStatus
from app.services.permissions import Actor
from app.ui.dialogs.decision_dialogs import DatedTextDialog, DecisionItemDialog
from app.ui.dialogs.decision_stage_dialog import DecisionStageDialog
from app.ui.page_services import PageServices
from app.ui.pages.decisions_page import DecisionsPage
from app.ui.tasks import TaskRunner
from tests.services.decision_support import FULL_FLOW, GateRecorder, install_gate
from tests.ui.conftest import type_chinese

ACCEPTED, REJECTED = QDialog.DialogCode.Accepted.value, QDialog.DialogCode.Rejected.value
NAMES = ("赵巷镇老旧小区综合改造实施方案", "镇级集体资产管理办法修订", "农村生活污水治理三年行动计划")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> GateRecorder:
    return install_gate(monkeypatch)


@pytest.fixture
def page(themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor) -> DecisionsPage:
    runner = TaskRunner()
    widget = DecisionsPage(PageServices(ctx=office_ctx, runner=runner, actor=admin))
    runner.setParent(widget)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.year_combo.setCurrentIndex(widget.year_combo.findData(2025))
    return widget


def _fill_stage(dialog: DecisionStageDialog, record: StageRecord) -> None:
    for name, widget in dialog.widgets.items():
        value = getattr(record, name)
        if isinstance(widget, QDateEdit):
            widget.setDate(_qdate(value))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value or "")
        elif isinstance(widget, QLineEdit):
            widget.setText("" if value is None else str(value))


def _record_stage(page: DecisionsPage, monkeypatch: pytest.MonkeyPatch, record: StageRecord) -> None:
    calls: list[int] = []

    def fake_exec(dialog: DecisionStageDialog) -> int:
        calls.append(1)
        if len(calls) > 1:  # the service refused: the dialog came back, the clerk cancels
            return REJECTED
        assert dialog.stage is record.stage
        _fill_stage(dialog, record)
        return ACCEPTED

    monkeypatch.setattr(DecisionStageDialog, "exec", fake_exec)
    panel = page.process
    panel.table.setCurrentCell(list(Stage).index(record.stage), 0)
    panel.edit_button.click()


def test_directory_to_published_decision_and_feedback(
    page: DecisionsPage,
    office_ctx: AppContext,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
    gate: GateRecorder,
) -> None:
    assert page.empty_label.isVisible() and "还没有2025年" in page.empty_label.text()
    page.create_button.click()
    assert page.tabs.isVisible()
    pending = list(NAMES)

    def fill_item(dialog: DecisionItemDialog) -> int:
        type_chinese(dialog.name, pending.pop(0))
        type_chinese(dialog.subject, "赵巷镇人民政府")
        type_chinese(dialog.undertaker, "镇建设和管理办公室")
        dialog.procedures["hearing"].setChecked(len(pending) == 2)  # the first item has a 听证
        dialog.procedures["expert_review"].setChecked(len(pending) == 2)
        dialog.procedures["risk_assessment"].setChecked(len(pending) == 2)
        dialog.planned.setDate(QDate(2025, 10, 31))
        return ACCEPTED

    monkeypatch.setattr(DecisionItemDialog, "exec", fill_item)
    for _ in NAMES:
        page.new_button.click()
    assert page.items.rowCount() == 3
    assert [page.items.item(row, 1).text() for row in range(3)] == list(NAMES)
    assert page.hearings.rowCount() == 1 and page.hearings.item(0, 1).text() == NAMES[0]

    def fill_publication(dialog: DatedTextDialog) -> int:
        dialog.day.setDate(QDate(2025, 3, 20))
        dialog.text_line.setText("赵府办〔2025〕27号")
        return ACCEPTED

    monkeypatch.setattr(DatedTextDialog, "exec", fill_publication)
    page.publish_button.click()
    info = office_ctx.decisions.directory(2025)
    assert info is not None and info.status is DirectoryStatus.PUBLISHED
    assert "已公布：2025-03-20（赵府办〔2025〕27号）" in page.status_label.text()
    assert page.new_button.text() == "增补事项…" and not page.publish_button.isEnabled()

    page.items.setCurrentCell(0, 0)
    stages = {record.stage: record for record in FULL_FLOW}
    _record_stage(page, monkeypatch, stages[Stage.START])
    _record_stage(page, monkeypatch, stages[Stage.PUBLISH])  # blocked: stages missing
    assert "还缺少必经环节：公开征求意见、听证、专家论证、风险评估、合法性审查、集体讨论决定" in messages[-1]
    _record_stage(page, monkeypatch, dataclasses.replace(stages[Stage.CONSULT], done_on=date(2025, 5, 26)))
    assert "期限为 20 日，少于 30 日" in messages[-1]  # blocked: period too short
    assert page.process.table.item(1, 3).text() == "缺少"
    for stage in (Stage.CONSULT, Stage.HEARING, Stage.EXPERT, Stage.RISK, Stage.LEGALITY, Stage.MEETING):
        _record_stage(page, monkeypatch, stages[stage])
    assert page.process.missing.text() == "必经环节齐全，可以登记决策公布。"
    feedback_row = list(Stage).index(Stage.FEEDBACK)
    assert page.process.table.item(feedback_row, 3).text() == "待办　应于 2025-10-20 前反馈"
    _record_stage(page, monkeypatch, stages[Stage.PUBLISH])
    _record_stage(page, monkeypatch, stages[Stage.FEEDBACK])
    record = office_ctx.decisions.process.record(page.selected_item().id)  # type: ignore[union-attr]
    assert record.published and record.missing == ()
    assert page.items.item(0, 3).text() == "无"
    assert page.process.missing.text() == "决策已公布，必经环节齐全。"
    assert len(messages) == 2
