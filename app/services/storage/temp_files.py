"""Temp files that interrupted jobs leave behind (issue 19 §6): cleaned at start-up and by `check --repair`.

What each job leaves when killed: a restore its `.restore-…` staging folder, the demo its `.demo-…` copy,
a backup `.backup-…` and `….zip.partial`, a database snapshot `….partial`, an automatic backup
`.<id>.partial`, an export `.<stem>-<random>.zip.partial` and `.export-…` beside the package, small JSON files
`.<name>-….tmp`, the attachment store `.incoming-…`. While this process holds the data folder's instance
lock nothing else can be writing them, so all go; otherwise only those untouched for a day. The staging
folder of an unfinished restore is never removed: the next start finishes that restore from it.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from app.paths import DataPaths
from app.services.storage.file_clock import file_clock_now
from app.services.storage.swap_journal import pending_staging

MIN_AGE = timedelta(days=1)  # when another process may hold the folder: surely not in progress any more
MAX_WALK = 10_000  # entries looked at to date a folder (its newest file)
IN_DATA_FOLDER = (
    ".restore-*",
    ".zwgk-clock-*",
    ".demo-*",
    ".backup-*",
    ".export-*",
    "tmp????????",
    "*.partial",
    ".*.tmp",
)
IN_BACKUPS = ("*.partial", ".*.tmp")
IN_AUTO_BACKUPS = (".*.partial", ".*.tmp")
IN_ATTACHMENTS = (".incoming-*",)
BESIDE_OUTPUT = (".*.zip.partial", ".export-*")  # hidden names only: a Downloads folder has others' files


@dataclass(frozen=True)
class TempReport:
    removed: list[str] = field(default_factory=list)
    freed_bytes: int = 0
    kept_recent: list[str] = field(default_factory=list)  # maybe still being written by another process
    failed: list[str] = field(default_factory=list)


def holds_folder_lock(paths: DataPaths) -> bool:
    """This process holds the data folder's instance lock (app/instance_lock.py writes its pid there)."""
    try:
        return paths.lock_file.read_text(encoding="ascii").strip() == str(os.getpid())
    except (OSError, UnicodeDecodeError):
        return False


def _matches(folder: Path, patterns: tuple[str, ...]) -> Iterator[Path]:
    try:
        entries = list(folder.iterdir())
    except OSError:
        return  # missing, unplugged or not ours to read
    for entry in entries:
        if any(fnmatch.fnmatchcase(entry.name, pattern) for pattern in patterns):
            yield entry


def candidates(paths: DataPaths, auto_root: Path | None, beside_output: Iterable[Path]) -> list[Path]:
    keep = pending_staging(paths)
    found = [p for p in _matches(paths.root, IN_DATA_FOLDER) if p.name != keep and p.name != "zwgk.lock"]
    found += _matches(paths.backups, IN_BACKUPS)
    found += _matches(paths.attachments, IN_ATTACHMENTS)
    if auto_root is not None:
        found += _matches(auto_root, IN_AUTO_BACKUPS)
    for folder in dict.fromkeys(beside_output):
        if folder.resolve() != paths.root.resolve():
            found += _matches(folder, BESIDE_OUTPUT)
    return sorted(dict.fromkeys(found))


def _size_and_newest(path: Path) -> tuple[int, float]:
    if not path.is_dir() or path.is_symlink():
        stat = path.lstat()
        return stat.st_size, stat.st_mtime
    size, newest, seen = 0, path.stat().st_mtime, 0
    for folder, _dirs, files in os.walk(path):
        for name in files:
            seen += 1
            if seen > MAX_WALK:
                return size, newest
            try:
                stat = (Path(folder) / name).lstat()
            except OSError:
                continue
            size, newest = size + stat.st_size, max(newest, stat.st_mtime)
    return size, newest


def clean_temp_files(
    paths: DataPaths,
    auto_root: Path | None = None,
    beside_output: Iterable[Path] = (),
) -> TempReport:
    sole = holds_folder_lock(paths)
    cutoff = file_clock_now(paths.root) - MIN_AGE.total_seconds()  # ages on the clock that stamped mtimes
    report = TempReport()
    freed = 0
    for path in candidates(paths, auto_root, beside_output):
        try:
            size, newest = _size_and_newest(path)
        except OSError:
            continue
        if not sole and newest > cutoff:
            report.kept_recent.append(str(path))
            continue
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError as error:  # e.g. still open in another program on Windows
            report.failed.append(f"{path}：{error.strerror or error}")
            continue
        report.removed.append(str(path))
        freed += size
    return TempReport(report.removed, freed, report.kept_recent, report.failed)


def merged(first: TempReport, second: TempReport) -> TempReport:
    return TempReport(
        first.removed + second.removed,
        first.freed_bytes + second.freed_bytes,
        second.kept_recent,
        first.failed + second.failed,
    )
