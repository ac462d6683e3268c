"""PostgreSQL fixtures: one throwaway cluster per test run; each test gets a fresh database cloned from a
migrated template. `ctx` is overridden here, so service tests imported into this folder run on PostgreSQL."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app.clock import SetClock
from app.paths import DataPaths
from app.services.context import AppContext, open_data_folder
from tests.pg_cluster import Cluster, create_cluster, pg_bin_dir

TEMPLATE = "zwgk_template"
_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    pytest.importorskip("psycopg", reason='psycopg is not installed (pip install -e ".[server]")')
    if pg_bin_dir() is None:
        pytest.skip("PostgreSQL server binaries are not installed (apt-get install postgresql)")
    cluster = create_cluster()
    try:
        _create_database(cluster, TEMPLATE)
        # Migrate, seed the calendar/taxonomy and build the search tables once; tests clone the result.
        folder = DataPaths(tmp_path_factory.mktemp("pg-template"))
        context = open_data_folder(
            folder, db_url=cluster.url(TEMPLATE), attachments_dir=str(folder.root / "a")
        )
        context.close()
        yield cluster
    finally:
        cluster.stop()


def _create_database(cluster: Cluster, name: str, template: str | None = None) -> None:
    engine = create_engine(cluster.url("postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            clause = f" TEMPLATE {template}" if template else ""
            connection.execute(text(f"CREATE DATABASE {name}{clause} ENCODING 'UTF8'"))
    finally:
        engine.dispose()


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> str:
    name = f"zwgk_test_{next(_numbers)}"
    _create_database(pg_cluster, name, TEMPLATE)
    return pg_cluster.url(name)


@pytest.fixture
def shared_attachments(tmp_path: Path) -> Path:
    """Stands in for the UNC share (\\\\server\\zwgk附件) every client writes to."""
    return tmp_path / "共享附件"


@pytest.fixture
def ctx(
    data_paths: DataPaths, pg_url: str, shared_attachments: Path, clock: SetClock
) -> Iterator[AppContext]:
    context = open_data_folder(
        data_paths, db_url=pg_url, attachments_dir=str(shared_attachments), clock=clock
    )
    yield context
    context.close()


# Service tests whose setup reads or edits the SQLite file itself; their PostgreSQL counterparts live in
# tests/postgres/test_server_mode.py (tampering, search at 100,000 documents).
SQLITE_FILE_ONLY = {
    "test_password_never_stored_or_logged_in_clear": "reads the .sqlite3 file bytes",
    "test_check_reports_an_account_row_edited_by_hand": "edits the .sqlite3 file with sqlite3",
    "test_tampering_is_detected_by_check": "drops SQLite triggers with sqlite3",
    "test_search_p95_under_50ms_at_100000_documents": "fills the FTS5 table with SQLite SQL",
    "test_demo_register_feeds_the_package_through_the_gate": "the demo is refused on a server (issue 18)",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.parent.name != "postgres":
            continue
        name = item.name.split("[", 1)[0]
        if name in SQLITE_FILE_ONLY and item.path.name.startswith("test_on_pg_"):
            item.add_marker(pytest.mark.skip(reason=f"SQLite-file specific: {SQLITE_FILE_ONLY[name]}"))
