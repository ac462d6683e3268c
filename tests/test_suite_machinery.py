"""The test suite's own machinery (issue 20): every `ctx` starts from a copy of one migrated template, which
must be exactly the database a new data folder gets; passwords hash at a test cost yet verify; the slow
table and the timeouts reach the tests."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from app.clock import SetClock
from app.paths import DataPaths
from app.services.accounts import passwords
from app.services.context import AppContext, open_data_folder
from app.services.permissions import Actor
from tests.conftest import ADMIN_PASSWORD, CHEAP_SCRYPT_N, TEST_NOW
from tests.markers import COLLECTED, LONGER_TIMEOUTS, SLOW_FOLDERS, SLOW_TESTS, TESTS_ROOT


def _dump(database: Path) -> list[str]:
    """Every statement, with a CREATE TABLE's lines sorted: Alembic's batch mode (SQLite table rebuilds)
    writes a table's constraints in no fixed order, so two equal schemas may list them differently."""
    with contextlib.closing(sqlite3.connect(database)) as connection:
        return ["\n".join(sorted(line.rstrip(", ") for line in statement.split("\n")))
                for statement in connection.iterdump()]  # fmt: skip


def test_a_tests_database_is_the_one_a_new_data_folder_gets(ctx: AppContext, tmp_path: Path) -> None:
    fresh = open_data_folder(DataPaths(tmp_path / "新建的文件夹"), clock=SetClock(TEST_NOW, running=False))
    try:
        assert _dump(ctx.paths.database) == _dump(fresh.paths.database)  # schema, calendar, taxonomy, search
        assert ctx.migration == fresh.migration  # reported as a database created now
        assert sorted(p.name for p in ctx.paths.root.iterdir()) == sorted(
            p.name for p in fresh.paths.root.iterdir()
        )
        for context in (ctx, fresh):
            with context.engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert ctx.calendar.years() == fresh.calendar.years()  # the holiday years the package seeds
        assert [info.year for info in ctx.calendar.years()][-1] == 2026
    finally:
        fresh.close()


def test_what_a_test_writes_stays_in_its_own_copy(office_ctx: AppContext, sqlite_template: Path) -> None:
    assert office_ctx.paths.database != sqlite_template
    assert office_ctx.settings.office() is not None
    with contextlib.closing(sqlite3.connect(sqlite_template)) as template:
        assert template.execute("SELECT count(*) FROM accounts").fetchone() == (0,)
        assert template.execute("SELECT count(*) FROM office_profile").fetchone() == (0,)


def test_passwords_hash_cheaply_in_tests_and_still_verify(ctx: AppContext, admin: Actor) -> None:
    with contextlib.closing(sqlite3.connect(ctx.paths.database)) as connection:
        (stored,) = connection.execute("SELECT password_hash FROM accounts").fetchone()
    assert stored.startswith(f"scrypt${CHEAP_SCRYPT_N}$") and passwords._N == CHEAP_SCRYPT_N
    assert ctx.accounts.authenticate("admin", ADMIN_PASSWORD).account_id == admin.account_id


def test_every_test_the_slow_table_names_exists() -> None:
    for key in SLOW_TESTS:
        file_name, test_name = key.split("::")
        function = test_name.split("[", 1)[0]
        sources = list(TESTS_ROOT.rglob(file_name))
        assert any(f"def {function}(" in p.read_text(encoding="utf-8") for p in sources), f"stale: {key}"
        if any(seen.startswith(f"{file_name}::") for seen in COLLECTED):  # its file ran: the exact parameters
            assert key in COLLECTED, f"no test collected as {key}"
    assert all((TESTS_ROOT / folder).is_dir() for folder in SLOW_FOLDERS)
    assert all(list(TESTS_ROOT.rglob(name)) for name in LONGER_TIMEOUTS)


def test_a_hung_test_fails_instead_of_stalling_the_run(request: pytest.FixtureRequest) -> None:
    config = request.config
    assert config.pluginmanager.hasplugin("timeout"), "pytest-timeout is in the test extra"
    assert float(config.getini("timeout")) >= 60
    assert config.getini("timeout_method") == "thread"  # SIGALRM does not exist on Windows
