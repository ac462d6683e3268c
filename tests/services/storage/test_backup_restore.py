from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from app.errors import UserFacingError
from app.paths import DataPaths
from app.services.context import AppContext, open_data_folder
from app.services.permissions import SYSTEM, Actor
from app.services.settings.service import OfficeInfo
from app.services.storage.backup import create_backup, restore_backup
from app.services.storage.integrity import run_check


def _add_file(ctx: AppContext, tmp_path: Path, name: str, text: str) -> str:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    return ctx.attachments.add_file(source).sha256


def test_backup_then_restore_round_trip(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    paths = office_ctx.paths
    sha = _add_file(office_ctx, tmp_path, "赵府办〔2025〕12号.txt", "关于印发工作要点的通知")
    office_ctx.settings.save_boards(admin, ["镇政府公开栏", "赵巷村公开栏"])
    result = create_backup(office_ctx.engine, paths, tmp_path / "备份" / "第一次备份.zip", actor=admin)
    assert result.attachments == 1 and result.file.exists()

    # Change everything after the backup: these changes must disappear on restore.
    office_ctx.settings.save_office(admin, OfficeInfo("改名后的单位", "CHANGED-1"))
    office_ctx.settings.save_boards(admin, ["新公开栏"])
    _add_file(office_ctx, tmp_path, "later.txt", "备份之后才加的")
    office_ctx.close()

    safety = restore_backup(paths, result.file, actor=admin)
    assert safety is not None and safety.exists(), "the data before the restore is kept"
    ctx = open_data_folder(paths)
    try:
        office = ctx.settings.office()
        assert office is not None and office.name == "测试镇人民政府"
        assert ctx.settings.boards() == ["镇政府公开栏", "赵巷村公开栏"]
        assert ctx.attachments.path_of(sha).read_text(encoding="utf-8") == "关于印发工作要点的通知"
        assert len(list(paths.attachments.glob("??/*"))) == 1
        assert run_check(ctx.sessions, ctx.attachments).ok
    finally:
        ctx.close()


def test_backup_contains_manifest_database_and_blobs(office_ctx: AppContext, tmp_path: Path) -> None:
    sha = _add_file(office_ctx, tmp_path, "a.txt", "内容")
    result = create_backup(office_ctx.engine, office_ctx.paths, tmp_path / "b", actor=SYSTEM)
    assert result.file.suffix == ".zip"
    with zipfile.ZipFile(result.file) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json").decode("utf-8"))
    assert names == {"manifest.json", "zwgk.sqlite3", f"attachments/{sha[:2]}/{sha}"}
    assert manifest["format"] == "zwgk-backup" and manifest["attachments"] == 1
    assert not list(result.file.parent.glob("*.partial"))


def _evil_zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"hello.txt": b"x"}, "不是政务公开工作台的备份"),
        (
            {
                "manifest.json": b'{"format": "zwgk-backup"}',
                "zwgk.sqlite3": b"not a db",
                "../../evil.txt": b"x",
            },
            "不认识的条目",
        ),
        ({"manifest.json": b'{"format": "zwgk-backup"}', "zwgk.sqlite3": b"garbage" * 100}, "数据库已损坏"),
    ],
)
def test_bad_backup_is_refused_and_current_data_kept(
    office_ctx: AppContext, tmp_path: Path, entries: dict[str, bytes], message: str
) -> None:
    paths: DataPaths = office_ctx.paths
    office_ctx.close()
    before = paths.database.read_bytes()
    bad = _evil_zip(tmp_path / "bad.zip", entries)
    with pytest.raises(UserFacingError, match=message):
        restore_backup(paths, bad, actor=SYSTEM)
    assert paths.database.read_bytes() == before
    assert not (tmp_path / "evil.txt").exists() and not (paths.root.parent / "evil.txt").exists()


def test_not_a_zip_is_refused(data_paths: DataPaths, tmp_path: Path) -> None:
    fake = tmp_path / "备份.zip"
    fake.write_text("这不是压缩包", encoding="utf-8")
    with pytest.raises(UserFacingError, match="不是 zip"):
        restore_backup(data_paths, fake, actor=SYSTEM)
