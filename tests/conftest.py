"""Shared fixtures: offscreen Qt, a migrated database in a Chinese-named folder, wired services."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from app.clock import SetClock
from app.paths import DataPaths
from app.services.context import AppContext, open_data_folder
from app.services.permissions import Actor
from app.services.settings.service import OfficeInfo
from tests import travel

_TRAVELLER = travel.start()  # ZWGK_TEST_TRAVEL moves the clock for the whole run (tests/travel.py)

TEST_OFFICE = OfficeInfo("测试镇人民政府", "11320000TEST0001X", "测试路 1 号", "0512-0000000")


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


@pytest.fixture
def ctx(data_paths: DataPaths, clock: SetClock) -> Iterator[AppContext]:
    context = open_data_folder(data_paths, clock=clock)
    yield context
    context.close()


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
