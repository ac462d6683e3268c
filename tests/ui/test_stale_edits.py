"""A save based on what the screen loaded, after someone changed the record: a calm refusal, no overwrite.

Also 设置 → 数据库: a stored password is never shown and survives a save that does not retype it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.storage.server_config import config_file, load_config
from app.ui.dialogs.request_step_dialog import StepDialog
from app.ui.page_services import PageServices
from app.ui.pages.requests_page import RequestsPage
from app.ui.tasks import TaskRunner
from app.ui.widgets.database_panel import DatabasePanel
from tests.conftest import set_today
from tests.services.request_support import registration

pytestmark = pytest.mark.gui
SHOTS = os.environ.get("ZWGK_SHOTS")
STALE = "已被其他人修改"
TODAY = date(2024, 10, 8)
SECRET = "Zh3ng-wu!"


def _consult(page: RequestsPage, party: str) -> StepDialog:
    """Press 征求第三方意见, fill the party and press 保存, as the clerk would."""
    shown: list[StepDialog] = []

    def act() -> None:
        dialog = page._last_dialog
        assert isinstance(dialog, StepDialog)
        shown.append(dialog)
        party_field = dialog.fields["party"]
        assert isinstance(party_field, QLineEdit)
        party_field.setText(party)
        dialog.save()
        if dialog.isVisible():
            dialog.reject()

    QTimer.singleShot(0, act)
    page.case_view.step_buttons["征求第三方意见"].click()
    return shown[0]


def test_step_on_a_case_changed_behind_the_screen_is_refused(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor, messages: list[str]
) -> None:
    runner = TaskRunner()
    set_today(office_ctx, TODAY)
    page = RequestsPage(PageServices(office_ctx, runner, admin))
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    case_id = office_ctx.requests.register(admin, registration(date(2024, 9, 27)), TODAY).detail.id
    opened = page.open_case(case_id)
    assert opened is not None

    # Another clerk, on another PC, assigns the case while this screen still shows the old version.
    office_ctx.requests.steps.assign(admin, case_id, "综合办", None, TODAY, TODAY)
    _consult(page, "赵巷建筑公司")
    assert any(STALE in m and "请刷新后核对最新内容" in m for m in messages)
    behind = office_ctx.requests.detail(case_id, TODAY)
    assert behind.department == "综合办" and behind.status == "办理中"  # nothing overwritten or added
    shown = page.case_view.detail
    assert shown is not None and shown.version == behind.version  # the screen now shows the latest

    _consult(page, "赵巷建筑公司")  # after the refresh the same step goes through
    assert office_ctx.requests.detail(case_id, TODAY).status == "征求意见中"
    runner.wait_for_idle()


def _texts(root: QWidget) -> list[str]:
    found = [w.text() for w in root.findChildren(QLineEdit)] + [w.text() for w in root.findChildren(QLabel)]
    return found + [w.placeholderText() for w in root.findChildren(QLineEdit)]


def _password(url: str) -> str | None:
    return make_url(url).password


def _panel(qtbot: QtBot, ctx: AppContext, admin: Actor) -> DatabasePanel:
    panel = DatabasePanel(ctx, admin)
    qtbot.addWidget(panel)
    panel.resize(760, 460)
    panel.show()
    return panel


def test_saved_password_is_never_shown_and_kept_on_save(
    themed_app: QApplication,
    qtbot: QtBot,
    office_ctx: AppContext,
    admin: Actor,
    messages: list[str],
    tmp_path: Path,
) -> None:
    stored = f"postgresql+psycopg://zwgk:{SECRET}@192.168.1.10:5432/zwgk"
    share = str(tmp_path / "附件")
    path: Callable[[], Path] = lambda: config_file(office_ctx.paths)  # noqa: E731
    path().write_text(json.dumps({"db_url": stored, "attachments_dir": share}), encoding="utf-8")

    panel = _panel(qtbot, office_ctx, admin)
    assert panel.server.isChecked() and "zwgk:***@192.168.1.10" in panel.url.text()
    assert panel.password.text() == "" and "留空则不变" in panel.password.placeholderText()
    assert not any(SECRET in text for text in _texts(panel))
    if SHOTS:
        panel.grab().save(str(Path(SHOTS) / "database_panel_password.png"))

    panel.save()  # the administrator only looked, then pressed 保存
    assert "下次启动程序时生效" in messages[-1]
    saved = load_config(office_ctx.paths)
    assert saved is not None and _password(saved.db_url) == SECRET and saved.attachments_dir == share
    assert _password(json.loads(path().read_text(encoding="utf-8"))["db_url"]) == SECRET
    assert not any(SECRET in text or "Zh3ng" in text for text in _texts(panel) + messages)

    panel.url.setText(panel.url.text().replace("192.168.1.10", "192.168.1.20"))  # a new server, same password
    panel.save()
    saved = load_config(office_ctx.paths)
    assert saved is not None and "@192.168.1.20" in saved.db_url and _password(saved.db_url) == SECRET

    panel.password.setText("new-pass")  # a new password replaces the stored one
    panel.save()
    saved = load_config(office_ctx.paths)
    assert saved is not None and _password(saved.db_url) == "new-pass"

    panel.url.setText("postgresql://zwgk@192.168.1.20:5432/zwgk")  # no password: pgpass.conf supplies it
    panel.save()
    saved = load_config(office_ctx.paths)
    assert saved is not None and _password(saved.db_url) is None
    assert "pgpass.conf" in "".join(_texts(panel))
