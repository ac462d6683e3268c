"""Backups to restore in the tests: real ones, and real ones edited the way an attacker would."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

from app.paths import DataPaths
from app.services.context import AppContext

OLD_OFFICE = "改名后的单位"


def add_files(ctx: AppContext, tmp: Path, count: int, tag: str = "附件") -> list[str]:
    shas = []
    for n in range(count):
        source = tmp / f"{tag}-{n}.txt"
        source.write_text(f"{tag} 第 {n} 份的内容", encoding="utf-8")
        shas.append(ctx.attachments.add_file(source).sha256)
    return shas


def folder_state(paths: DataPaths) -> dict[str, str]:
    """Every file of the data (database and attachments) by its hash: equal means untouched."""
    files = [paths.database, *sorted(paths.attachments.rglob("*"))]
    return {
        str(f.relative_to(paths.root)): hashlib.sha256(f.read_bytes()).hexdigest()
        for f in files
        if f.is_file()
    }


def edit_sql(*statements: str) -> Callable[[Path], None]:
    def edit(db_file: Path) -> None:
        with contextlib.closing(sqlite3.connect(db_file)) as connection:
            for statement in statements:
                connection.execute(statement)
            connection.commit()

    return edit


def rewrite_backup(
    source: Path,
    target: Path,
    edit_db: Callable[[Path], None] | None = None,
    keep_blobs: bool = True,
    database: bytes | None = None,
) -> Path:
    """A copy of the backup `source` whose database was edited (or replaced), or whose blobs are gone."""
    work = target.with_suffix(".sqlite3")
    with zipfile.ZipFile(source) as archive:
        work.write_bytes(archive.read("zwgk.sqlite3") if database is None else database)
        if edit_db is not None:
            edit_db(work)
        with zipfile.ZipFile(target, "w") as out:
            out.writestr("manifest.json", archive.read("manifest.json"))
            out.write(work, "zwgk.sqlite3")
            for name in archive.namelist():
                if name.startswith("attachments/") and keep_blobs:
                    out.writestr(name, archive.read(name))
    work.unlink()
    return target


def manifest_of(backup: Path) -> dict[str, object]:
    with zipfile.ZipFile(backup) as archive:
        data = json.loads(archive.read("manifest.json").decode("utf-8"))
    assert isinstance(data, dict)
    return data
