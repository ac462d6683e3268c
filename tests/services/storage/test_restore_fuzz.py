"""Hostile files against restore and check (issue 19): only a calm refusal with nothing changed, or a complete
restore that `check` passes; `check` of a damaged database file is a finding, never an exception."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import UserFacingError
from app.paths import DataPaths
from app.services.context import open_data_folder
from app.services.maintenance.check import check_data_folder
from app.services.permissions import SYSTEM
from app.services.settings.service import OfficeInfo
from app.services.storage.backup import create_backup, restore_backup
from tests.services.restore_support import add_files, folder_state

pytestmark = pytest.mark.slow
# derandomize: CI draws the same files every run (a new failure is a code change, not luck)
FUZZ = settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
    derandomize=True,
)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[DataPaths, bytes, dict[str, bytes]]:
    """A live folder, and a genuine backup's database bytes and other entries to spoil."""
    root = tmp_path_factory.mktemp("fuzz")
    paths = DataPaths(root / "数据")
    ctx = open_data_folder(paths)
    admin = ctx.accounts.create_first_admin("admin", "王管理", "admin-pass-1")
    ctx.settings.save_office(admin, OfficeInfo("测试镇人民政府", "X1"))
    add_files(ctx, root, 3)
    backup = create_backup(ctx.engine, paths, root / "备份.zip", actor=SYSTEM).file
    ctx.close()
    with zipfile.ZipFile(backup) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    return paths, entries.pop("zwgk.sqlite3"), entries


def _spoiled(database: bytes) -> st.SearchStrategy[bytes]:
    flips = st.lists(
        st.tuples(st.integers(0, len(database) - 1), st.integers(1, 255)), min_size=1, max_size=8
    )
    return st.one_of(
        st.binary(max_size=4096),
        st.integers(0, len(database)).map(lambda n: database[:n]),
        flips.map(lambda changes: _flip(database, changes)),
    )


def _flip(data: bytes, changes: list[tuple[int, int]]) -> bytes:
    spoiled = bytearray(data)
    for at, mask in changes:
        spoiled[at] ^= mask
    return bytes(spoiled)


@given(data=st.data())
@FUZZ
def test_restore_of_a_spoiled_backup_is_all_or_nothing(
    base: tuple[DataPaths, bytes, dict[str, bytes]],
    tmp_path_factory: pytest.TempPathFactory,
    data: st.DataObject,
) -> None:
    pristine, database, entries = base
    spoiled = data.draw(_spoiled(database))
    drop = data.draw(st.sets(st.sampled_from(sorted(entries))))
    work = tmp_path_factory.mktemp("hostile")
    paths = DataPaths(work / "数据")
    shutil.copytree(pristine.root, paths.root)
    backup = work / "备份.zip"
    with zipfile.ZipFile(backup, "w") as archive:
        archive.writestr("zwgk.sqlite3", spoiled)
        for name, body in entries.items():
            if name not in drop:
                archive.writestr(name, body)
    before = folder_state(paths)
    try:
        restore_backup(paths, backup, actor=SYSTEM)
    except UserFacingError:
        assert folder_state(paths) == before
    else:
        assert check_data_folder(paths).ok
    assert not list(paths.root.glob(".restore-*"))


@given(data=st.data())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
def test_check_of_a_spoiled_database_never_raises(
    base: tuple[DataPaths, bytes, dict[str, bytes]],
    tmp_path_factory: pytest.TempPathFactory,
    data: st.DataObject,
) -> None:
    _paths, database, _entries = base
    paths = DataPaths(tmp_path_factory.mktemp("check") / "数据").ensure()
    spoiled = data.draw(_spoiled(database))
    paths.database.write_bytes(spoiled)
    report = check_data_folder(paths).as_json()
    assert isinstance(report["ok"], bool) and json.dumps(report, ensure_ascii=False, default=str)
