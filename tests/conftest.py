"""Shared fixtures: offscreen Qt, a migrated database in a Chinese-named folder (a copy of one template per
run), wired services, and the `slow` marks and timeouts of tests/markers.py."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from app.clock import SetClock
from app.models.migrate import HEAD_REVISION, MigrationResult
from app.paths import DataPaths
from app.services.accounts import passwords
from app.services.context import AppContext, open_data_folder
from app.services.permissions import Actor
from app.services.settings.service import OfficeInfo
from tests import travel
from tests.markers import mark_collected

_TRAVELLER = travel.start()  # ZWGK_TEST_TRAVEL moves the clock for the whole run (tests/travel.py)

TEST_OFFICE = OfficeInfo("测试镇人民政府", "11320000TEST0001X", "测试路 1 号", "0512-0000000")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    mark_collected(items)  # `slow` and the longer timeouts (tests/markers.py)


@pytest.fixture
def data_paths(tmp_path: Path) -> DataPaths:
    """A data folder whose path contains Chinese, like C:\\Users\\张三\\…"""
    return DataPaths(tmp_path / "测试数据" / "张三")


# Tests never read the machine's clock: a context's clock starts here unless a test sets another date
# (`clock.set(...)` or `set_today(ctx, ...)`). A day in a year whose holiday notice is loaded.
TEST_NOW = datetime(2026, 11, 23, 9, 30)


@pytest.fixture
def clock() -> SetClock:
    return SetClock(TEST_NOW)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database a new data folder gets (migrated, calendar and taxonomy seeded, search tables built),
    made once per run: Alembic and the seed take 0.15–0.5 s, copying the file about 1 ms."""
    folder = DataPaths(tmp_path_factory.mktemp("模板") / "数据")
    open_data_folder(folder, clock=SetClock(TEST_NOW, running=False)).close()
    assert not folder.database.with_name(folder.database.name + "-wal").exists(), "left unmerged"
    return folder.database


def new_folder_from_template(paths: DataPaths, template: Path) -> DataPaths:
    """Put a copy of the template where `paths` keeps its database; the folder must not have one yet."""
    assert not paths.database.exists(), f"{paths.database} already has a database"
    paths.root.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, paths.database)
    return paths


@pytest.fixture
def ctx(data_paths: DataPaths, clock: SetClock, sqlite_template: Path) -> Iterator[AppContext]:
    context = open_data_folder(new_folder_from_template(data_paths, sqlite_template), clock=clock)
    context.migration = MigrationResult(None, HEAD_REVISION, None)  # what opening a new folder reports
    yield context
    context.close()


# A password hash costs 16 MiB of scrypt, about 35 ms: a fifth of the quick loop went into `admin` and
# log-ins. Outside tests/services/accounts, tests hash at 1/16 of the cost; a stored hash names its own cost,
# so every check works as before. The program itself always uses passwords._N.
CHEAP_SCRYPT_N = 2**10


@pytest.fixture(autouse=True)
def _cheap_password_hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.path.parent.name != "accounts":
        monkeypatch.setattr(passwords, "_N", CHEAP_SCRYPT_N)


def set_today(context: AppContext, day: date | datetime) -> None:
    """Move a test context's clock (a `SetClock`) to `day`; it runs on from there."""
    assert isinstance(context.clock, SetClock), "tests build their contexts with a SetClock"
    context.clock.set(day)


ADMIN_PASSWORD = "admin-pass-1"


@pytest.fixture
def admin(ctx: AppContext) -> Actor:
    """The first administrator (管理员 + 经办人), created as the first-run dialog does."""
    return ctx.accounts.create_first_admin("admin", "王管理", ADMIN_PASSWORD)


@pytest.fixture
def office_ctx(ctx: AppContext, admin: Actor) -> AppContext:
    ctx.settings.save_office(admin, TEST_OFFICE)
    return ctx
