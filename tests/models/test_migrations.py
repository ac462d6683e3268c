from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from app.errors import UserFacingError
from app.models import Base
from app.models.db import make_engine
from app.models.migrate import HEAD_REVISION, current_revision, head_revision, upgrade_database
from app.paths import DataPaths
from app.services.context import open_data_folder
from app.services.permissions import SYSTEM
from app.services.settings.service import OfficeInfo


def test_empty_folder_migrates_to_head_and_matches_models(data_paths: DataPaths) -> None:
    data_paths.ensure()
    result = upgrade_database(data_paths.database, data_paths.backups)
    assert result.previous_revision is None
    assert result.backup_file is None  # nothing to copy for a brand-new file
    engine = make_engine(data_paths.database)
    try:
        assert current_revision(engine) == head_revision()
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert diff == [], "models changed without a migration"
    finally:
        engine.dispose()


def test_head_constant_matches_alembic() -> None:
    assert HEAD_REVISION == head_revision(), "bump HEAD_REVISION in app/models/migrate.py"


def test_engine_pragmas(data_paths: DataPaths) -> None:
    data_paths.ensure()
    engine = make_engine(data_paths.database)
    try:
        with engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            assert raw is not None
            assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert raw.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    finally:
        engine.dispose()


def test_newer_revision_is_refused_and_file_untouched(data_paths: DataPaths) -> None:
    ctx = open_data_folder(data_paths)
    ctx.settings.save_office(SYSTEM, OfficeInfo("测试镇人民政府", "TEST-01"))
    ctx.close()
    with sqlite3.connect(data_paths.database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = data_paths.database.read_bytes()
    with pytest.raises(UserFacingError, match="更新版本"):
        open_data_folder(data_paths)
    assert data_paths.database.read_bytes() == before


def test_outdated_database_is_copied_before_upgrade(data_paths: DataPaths) -> None:
    if head_revision() == "0001":
        pytest.skip("only one revision exists; the copy is exercised once a second migration lands")
    data_paths.ensure()
    upgrade_database(data_paths.database, data_paths.backups, target="0001")
    with sqlite3.connect(data_paths.database) as connection:
        connection.execute("INSERT INTO settings(key, value_json) VALUES ('x', '1')")
    result = upgrade_database(data_paths.database, data_paths.backups)
    assert result.previous_revision == "0001"
    assert result.backup_file is not None and result.backup_file.exists()
    with sqlite3.connect(result.backup_file) as connection:
        assert connection.execute("SELECT value_json FROM settings WHERE key='x'").fetchone() == ("1",)


def test_database_file_lives_in_data_folder(data_paths: DataPaths) -> None:
    ctx = open_data_folder(data_paths)
    ctx.close()
    assert data_paths.database.parent == data_paths.root
    assert data_paths.attachments.parent == data_paths.root
    assert isinstance(data_paths.database, Path) and data_paths.database.exists()
