"""Hostile packages and backups: refused or reported with a clear message, bounded memory, nothing touched."""

from __future__ import annotations

import hashlib
import json
import os
import time
import tracemalloc
import warnings
import zipfile
from pathlib import Path

import pytest

from app.errors import UserFacingError
from app.paths import DataPaths
from app.services.context import AppContext
from app.services.export.verify import verify_package
from app.services.formats.xlsx import read_rows
from app.services.permissions import SYSTEM, Actor
from app.services.storage.backup import create_backup, restore_backup
from tests.services.export_support import demo_items, make_item, service

BOMB_BYTES = 64 << 20
MEMORY_LIMIT = 48 << 20


def _good_package(ctx: AppContext, admin: Actor, tmp: Path) -> dict[str, bytes]:
    result = service(ctx, demo_items(ctx, tmp)).build(admin, tmp / "good.zip")
    with zipfile.ZipFile(result.file) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _write(path: Path, entries: list[tuple[str, bytes]]) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns about the duplicate we want
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries:
                archive.writestr(name, data)
    return path


def _state(paths: DataPaths) -> str:
    digest = hashlib.sha256(paths.database.read_bytes())
    for blob in sorted(paths.attachments.glob("??/*")):
        digest.update(blob.name.encode() + blob.read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize(
    ("evil", "words"),
    [
        ("../../outside.txt", "「..」"),
        ("/etc/cron.d/evil", "绝对路径"),
        ("C:/Windows/evil.dll", "绝对路径"),
        ("files\\..\\evil.txt", "反斜杠"),
        ("files/sub/evil.txt", "不属于数据包格式"),
    ],
)
def test_unsafe_entry_names_are_reported(
    office_ctx: AppContext, admin: Actor, tmp_path: Path, evil: str, words: str
) -> None:
    entries = list(_good_package(office_ctx, admin, tmp_path).items())
    report = verify_package(_write(tmp_path / "evil.zip", [*entries, (evil, b"x")]))
    assert not report.ok
    bad = [p for p in report.problems if p.entry == evil]
    assert bad and words in bad[0].problem, report.problems
    assert not (tmp_path / "outside.txt").exists()


def test_duplicate_names_are_reported(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    entries = list(_good_package(office_ctx, admin, tmp_path).items())
    name, _data = next(e for e in entries if e[0].startswith("files/"))
    report = verify_package(_write(tmp_path / "dup.zip", [*entries, (name, b"another body")]))
    assert any(p.entry == name and "重复" in p.problem for p in report.problems)


def test_zip_bomb_is_refused_with_bounded_memory(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    entries = list(_good_package(office_ctx, admin, tmp_path).items())
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
        with archive.open("files/zeros.txt", "w") as out:
            chunk = bytes(1 << 20)
            for _ in range(BOMB_BYTES >> 20):
                out.write(chunk)
    assert bomb.stat().st_size < 1 << 20
    tracemalloc.start()
    try:
        report = verify_package(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert any(p.entry == "files/zeros.txt" and "压缩炸弹" in p.problem for p in report.problems)
    assert peak < MEMORY_LIMIT
    # The same bomb as a backup: refused before anything is unpacked or replaced.
    with zipfile.ZipFile(tmp_path / "bomb-backup.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps({"format": "zwgk-backup"}))
        with archive.open("zwgk.sqlite3", "w") as out:
            for _ in range(BOMB_BYTES >> 20):
                out.write(bytes(1 << 20))
    office_ctx.close()  # the WAL is folded into the database file here; compare from now on
    before = _state(office_ctx.paths)
    with pytest.raises(UserFacingError, match="压缩炸弹"):
        restore_backup(office_ctx.paths, tmp_path / "bomb-backup.zip", actor=SYSTEM)
    assert _state(office_ctx.paths) == before


def test_truncated_package_and_backup_are_refused(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    good = service(office_ctx, demo_items(office_ctx, tmp_path)).build(admin, tmp_path / "good.zip").file
    cut = tmp_path / "cut.zip"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(UserFacingError, match="不完整"):
        verify_package(cut)
    backup = create_backup(office_ctx.engine, office_ctx.paths, tmp_path / "b.zip", actor=admin).file
    cut_backup = tmp_path / "cut-backup.zip"
    cut_backup.write_bytes(backup.read_bytes()[:-200])
    office_ctx.close()
    before = _state(office_ctx.paths)
    with pytest.raises(UserFacingError, match="损坏"):
        restore_backup(office_ctx.paths, cut_backup, actor=SYSTEM)
    assert _state(office_ctx.paths) == before


def test_backup_with_path_traversal_is_refused(office_ctx: AppContext, tmp_path: Path) -> None:
    evil = _write(
        tmp_path / "evil-backup.zip",
        [("manifest.json", json.dumps({"format": "zwgk-backup"}).encode()), ("../../evil.txt", b"x")],
    )
    office_ctx.close()
    before = _state(office_ctx.paths)
    with pytest.raises(UserFacingError, match="为安全起见没有恢复"):
        restore_backup(office_ctx.paths, evil, actor=SYSTEM)
    assert _state(office_ctx.paths) == before and not (tmp_path / "evil.txt").exists()


def test_xlsx_that_is_really_text(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    entries = _good_package(office_ctx, admin, tmp_path)
    entries["信息目录.xlsx"] = "索引号,名称\n这其实是文本\n".encode()
    report = verify_package(_write(tmp_path / "text.zip", list(entries.items())))
    assert any(p.entry == "信息目录.xlsx" and "不是有效的 Excel" in p.problem for p in report.problems)
    fake = tmp_path / "公文目录.xlsx"
    fake.write_text("文号,标题\n赵府办〔2025〕12号,通知\n", encoding="utf-8")
    with pytest.raises(UserFacingError, match=r"\.xlsx 格式"):
        read_rows(fake, ["文号"])


@pytest.mark.slow
def test_two_gigabyte_attachment_streams_with_bounded_memory(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    """A sparse 2 GB file placed straight into the store (no 2 GB of disk for the source)."""
    sparse = tmp_path / "big.bin"
    with sparse.open("wb") as handle:
        handle.truncate(2 << 30)
    from app.services.storage.attachments import sha256_of

    sha = sha256_of(sparse)
    blob = office_ctx.attachments.path_of(sha)
    blob.parent.mkdir(parents=True, exist_ok=True)
    os.replace(sparse, blob)
    small = make_item(office_ctx, tmp_path, 1, "赵府办〔2025〕1号", "大附件", "影像.pdf", b"%PDF small")
    from dataclasses import replace

    from app.services.export.catalogue.base import CatalogueFile

    big = replace(small, files=(CatalogueFile(sha, "会议录像.mp4", 2 << 30),))
    tracemalloc.start()
    try:
        started = time.perf_counter()
        result = service(office_ctx, [big]).build(admin, tmp_path / "big.zip")
        report = verify_package(result.file)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    print(f"\n2 GB attachment: build + verify {time.perf_counter() - started:.1f} s, peak {peak >> 20} MB")
    assert report.ok, report.problems
    assert peak < MEMORY_LIMIT
    result.file.unlink()
