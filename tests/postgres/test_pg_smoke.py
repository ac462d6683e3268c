"""Server mode basics on PostgreSQL: schema at head, audit log append-only, search, check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.cli import main
from app.models.migrate import HEAD_REVISION, current_revision
from app.services.context import AppContext
from app.services.permissions import SYSTEM, Actor
from app.services.storage.server_config import ENV_ATTACHMENTS_DIR, ENV_DB_URL

pytestmark = pytest.mark.postgres


def test_server_database_is_migrated_to_head(ctx: AppContext) -> None:
    assert ctx.engine.dialect.name == "postgresql"
    assert current_revision(ctx.engine) == HEAD_REVISION
    assert ctx.server is not None and str(ctx.attachments.root) == ctx.server.attachments_dir


def test_audit_log_refuses_update_and_delete_on_postgresql(ctx: AppContext, admin: Actor) -> None:
    for statement in ("UPDATE audit_entries SET username = 'x'", "DELETE FROM audit_entries"):
        with pytest.raises(DBAPIError, match="操作日志只能追加"), ctx.engine.begin() as connection:
            connection.execute(text(statement))


def test_cli_check_runs_against_the_server(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in (ENV_DB_URL, ENV_ATTACHMENTS_DIR):
        monkeypatch.setenv(name, "")  # restored after the test: --db-url sets them for the process
    share = tmp_path / "共享附件"
    argv = [
        "--data-dir",
        str(tmp_path / "本机"),
        "--db-url",
        pg_url,
        "--attachments-dir",
        str(share),
        "check",
    ]
    assert main(argv) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True and report["integrity"] == ["ok"]
    assert not (tmp_path / "本机" / "zwgk.sqlite3").exists()  # nothing was written to a local database


def test_local_backup_explains_pg_dump_in_server_mode(ctx: AppContext, tmp_path: Path) -> None:
    from app.errors import UserFacingError
    from app.services.storage.backup import create_backup

    assert not ctx.auto_backups.due()  # no daily exit backup of a database this PC does not hold
    with pytest.raises(UserFacingError, match="pg_dump"):
        create_backup(ctx.engine, ctx.paths, tmp_path / "备份.zip", actor=SYSTEM)
    assert not (tmp_path / "备份.zip").exists()
