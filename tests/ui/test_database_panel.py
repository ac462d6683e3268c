"""设置 → 数据库: the administrator picks the server, tests the connection, saves for the next start."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QApplication

from app.services.context import AppContext
from app.services.permissions import Actor, Role
from app.services.storage.server_config import load_config
from app.ui.widgets.database_panel import DatabasePanel
from tests.pg_cluster import free_port
from tests.ui.conftest import type_chinese

pytestmark = pytest.mark.gui
SHOTS = os.environ.get("ZWGK_SHOTS")


def test_admin_saves_server_choice_for_next_start(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor, messages: list[str]
) -> None:
    panel = DatabasePanel(office_ctx, admin)
    qtbot.addWidget(panel)
    panel.resize(760, 420)
    panel.show()
    assert "本机数据库" in panel.current.text() and panel.local.isChecked() and not panel.url.isEnabled()

    panel.server.setChecked(True)
    panel.url.setText("postgresql://zwgk:s3cret@192.168.1.10/zwgk")
    panel.save()
    assert "共享附件文件夹" in messages[-1] and load_config(office_ctx.paths) is None  # nothing half-saved

    type_chinese(panel.share, "\\\\服务器\\zwgk附件")
    panel.save()
    assert "下次启动程序时生效" in messages[-1] and "明文" in messages[-1]
    saved = load_config(office_ctx.paths)
    assert saved is not None and saved.attachments_dir == "\\\\服务器\\zwgk附件"
    if SHOTS:
        panel.grab().save(str(Path(SHOTS) / "database_panel.png"))

    panel.local.setChecked(True)
    panel.save()
    assert load_config(office_ctx.paths) is None


def test_connection_failure_is_explained(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor, messages: list[str]
) -> None:
    pytest.importorskip("psycopg")
    panel = DatabasePanel(office_ctx, admin)
    qtbot.addWidget(panel)
    panel.server.setChecked(True)
    panel.url.setText(f"postgresql://zwgk@127.0.0.1:{free_port()}/zwgk")
    panel.test_connection()
    assert "无法连接数据库服务器" in messages[-1]


def test_clerk_sees_the_choice_but_cannot_change_it(
    themed_app: QApplication, qtbot: QtBot, office_ctx: AppContext, admin: Actor
) -> None:
    clerk = Actor(None, "li", "李经办", frozenset({Role.CLERK}))
    panel = DatabasePanel(office_ctx, clerk)
    qtbot.addWidget(panel)
    assert not panel.save_button.isEnabled() and not panel.server.isEnabled()
