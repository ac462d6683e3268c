"""`check --repair`: tidy the attachment store without ever touching a file the database refers to.

Left behind by an interrupted copy: `.incoming-*` temp files, and blobs whose `attachments` row was never
committed (the copy happens before the insert). Only files older than a day go, so a copy in progress
right now, by this or another workstation, is never cut short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from app.models import Attachment
from app.services.common import SessionFactory
from app.services.storage.attachments import AttachmentStore
from app.services.storage.file_clock import file_clock_now

MIN_AGE = timedelta(days=1)
TEMP_PREFIX = ".incoming-"
_SHA = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class CleanupReport:
    removed_temp_files: list[str] = field(default_factory=list)
    removed_blobs: list[str] = field(default_factory=list)
    freed_bytes: int = 0
    kept_recent: int = 0  # unreferenced, but younger than a day: maybe still being saved
    failed: list[str] = field(default_factory=list)


def _old(path: Path, cutoff: float) -> bool:
    return path.stat().st_mtime < cutoff


def clean_store(sessions: SessionFactory, store: AttachmentStore) -> CleanupReport:
    root = store.root
    if not root.is_dir():
        return CleanupReport()
    cutoff = file_clock_now(root) - MIN_AGE.total_seconds()  # ages on the clock that stamped the mtimes
    temps = [p for p in root.rglob(f"{TEMP_PREFIX}*") if p.is_file()]
    blobs = [
        p
        for folder in root.iterdir()
        if folder.is_dir() and len(folder.name) == 2
        for p in folder.iterdir()
        if p.is_file() and _SHA.fullmatch(p.name) and p.name.startswith(folder.name)
    ]
    with sessions() as session:  # read after listing: a blob committed meanwhile counts as referenced
        referenced = set(session.scalars(select(Attachment.sha256).distinct()))
    removed_temp: list[str] = []
    removed_blobs: list[str] = []
    failed: list[str] = []
    freed = kept = 0
    for path, bucket in [(p, removed_temp) for p in temps] + [
        (p, removed_blobs) for p in blobs if p.name not in referenced
    ]:
        if not _old(path, cutoff):
            kept += 1
            continue
        size = path.stat().st_size
        try:
            path.unlink()
        except OSError as error:  # e.g. open in another program on Windows
            failed.append(f"{path.relative_to(root).as_posix()}：{error.strerror or error}")
            continue
        bucket.append(path.relative_to(root).as_posix())
        freed += size
    return CleanupReport(sorted(removed_temp), sorted(removed_blobs), freed, kept, failed)
