"""Writing an export package: manifest, 信息目录.xlsx, streamed files, SHA256SUMS — reproducibly."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from app.errors import UserFacingError
from app.services.common import IsCancelled, Progress, check_cancel
from app.services.export.catalogue.base import (
    COLUMNS,
    CatalogueFile,
    CatalogueItem,
    item_values,
    sheet_values,
)
from app.services.export.sheet_rows import rows_xml
from app.services.formats.xlsx import write_rows
from app.services.formats.zips import is_compressed, safe_file_name, zip_info
from app.services.storage.attachments import CHUNK

SCHEMA_ID = "zwgk-export-manifest"
SCHEMA_VERSION = 1
MANIFEST_NAME = "manifest.json"
CATALOGUE_NAME = "信息目录.xlsx"
SUMS_NAME = "SHA256SUMS"
FILES_DIR = "files/"
EXTRAS_DIR = "extras/"
XLSX_WIDTHS = (10, 30, 50, 40, 12, 24, 22, 24, 10, 20, 8, 60, 20)
# bytes: bigger files are hashed on a helper thread while zipfile CRCs and writes them; below this the
# hand-over between threads costs about as much as the hash itself (measured with 150 KB attachments)
OVERLAP_FROM = 1 << 20
WHOLE_FILE = 16 << 20  # bytes: files up to this size are read in one piece; bigger ones are streamed
READ_AHEAD = 2  # files read and hashed ahead of the one being written (at most 3 × WHOLE_FILE in memory)
_SHEET = "xl/worksheets/sheet1.xml"
_CORE_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


@dataclass(frozen=True)
class PartFile:
    """An optional part already produced on disk (annual report, decision directory …)."""

    key: str
    title: str
    file: Path


def iso(moment: datetime) -> str:
    return moment.replace(microsecond=0, tzinfo=None).isoformat()


def file_entry(file: CatalogueFile, path: str) -> dict[str, Any]:
    return {"path": path, "original_name": file.original_name, "size": file.size, "sha256": file.sha256}


def item_entry(item: CatalogueItem, paths: dict[str, str]) -> dict[str, Any]:
    entry: dict[str, Any] = dict(item_values(item))
    entry["updated_at"] = iso(item.updated_at)
    entry["files"] = [file_entry(file, paths[file.sha256]) for file in item.files]
    if item.review_note:  # 「历史公开（线下审查）」 (issue 19): reviewed on paper before the app
        entry["review"] = item.review_note
    return entry


def fingerprint(item: CatalogueItem) -> str:
    """What "changed since the last export" compares: the catalogue values and the files' contents."""
    data = [item_values(item), [[f.sha256, f.original_name, f.size] for f in item.files]]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def assign_paths(items: Sequence[CatalogueItem]) -> dict[str, str]:
    """sha256 → files/<safe name>; one copy per content, named after the first item that carries it."""
    taken: set[str] = set()
    paths: dict[str, str] = {}
    for item in items:
        for file in item.files:
            if file.sha256 not in paths:
                paths[file.sha256] = FILES_DIR + safe_file_name(
                    f"{item.index_no}_{file.original_name}", taken
                )
    return paths


def dumps(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_catalogue(target: Path, items: Sequence[CatalogueItem], paths: dict[str, str], stamp: str) -> None:
    """信息目录.xlsx with the manifest's columns in Chinese; its inner timestamps fixed to `stamp`."""
    headers = [title for _key, title in COLUMNS] + ["附件", "保密审查"]
    rows = [
        [*sheet_values(item).values(), "；".join(paths[f.sha256] for f in item.files), item.review_note]
        for item in items
    ]  # sheet_values is in COLUMNS order; 保密审查 is empty, or 「历史公开（线下审查）」
    raw = target.with_name(target.name + ".raw")
    write_rows(raw, "信息目录", headers, [], XLSX_WIDTHS)  # the workbook's frame and header row
    try:
        with zipfile.ZipFile(raw) as source, zipfile.ZipFile(target, "w") as out:
            for info in source.infolist():
                data = source.read(info.filename)
                if info.filename == "docProps/core.xml":
                    data = _CORE_TIMES.sub(rb"\g<1>" + stamp.encode() + rb"Z\g<2>", data)
                elif info.filename == _SHEET:  # the item rows, written directly (sheet_rows.py)
                    data = data.replace(b"</sheetData>", rows_xml(rows) + b"</sheetData>", 1)
                out.writestr(zip_info(info.filename, compressed=False), data)
    finally:
        raw.unlink(missing_ok=True)


class FileEntry(NamedTuple):
    name: str  # in the zip
    source: Path
    expected: str | None  # the registered SHA-256, or None
    label: str  # the attachment's own name, for progress and refusals


def _load(source: Path) -> tuple[bytes, str] | None:
    """A file's bytes and SHA-256 (on the helper thread: reading and hashlib release the GIL), or None
    when it is too big to hold whole."""
    if source.stat().st_size > WHOLE_FILE:
        return None
    data = source.read_bytes()
    return data, hashlib.sha256(data).hexdigest()


class PackageWriter:
    """Streams entries into the zip, hashing as it goes; remembers every entry's SHA-256 for SHA256SUMS."""

    def __init__(self, archive: zipfile.ZipFile, progress: Progress, is_cancelled: IsCancelled, total: int):
        self._archive, self._progress, self._cancelled = archive, progress, is_cancelled
        self._total, self._done = max(total, 1), 0
        self.sums: list[tuple[str, str]] = []
        self._hasher = ThreadPoolExecutor(1, "sha256")

    def __enter__(self) -> PackageWriter:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._hasher.shutdown(wait=True, cancel_futures=True)

    def add_bytes(self, name: str, data: bytes) -> str:
        self._archive.writestr(zip_info(name, compressed=False), data)
        digest = hashlib.sha256(data).hexdigest()
        self.sums.append((digest, name))
        return digest

    def add_file(self, name: str, source: Path, expected: str | None = None, label: str = "") -> str:
        """Copy `source`; with `expected`, a content that differs is refused, not shipped."""
        check_cancel(self._cancelled)
        info = zip_info(name, compressed=is_compressed(name))
        size = source.stat().st_size
        if size <= WHOLE_FILE:
            actual = self._add_whole(info, source, label or name)
        else:
            actual = self._add_streamed(info, source, size, label or name)
        return self._checked(name, actual, expected, label)

    def add_files(self, entries: Sequence[FileEntry]) -> None:
        """Many files in order (the attachments): the helper thread reads and hashes the next ones while
        zipfile CRCs and writes this one — copying and hashing overlap instead of taking turns (issue 24)."""
        loads: deque[Future[tuple[bytes, str] | None]] = deque()
        queued = 0
        for name, source, expected, label in entries:
            while queued < len(entries) and len(loads) <= READ_AHEAD:
                loads.append(self._hasher.submit(_load, entries[queued][1]))
                queued += 1
            loaded = loads.popleft().result()
            check_cancel(self._cancelled)
            info = zip_info(name, compressed=is_compressed(name))
            if loaded is None:  # too big to hold whole: streamed, each chunk hashed while the last is written
                actual = self._add_streamed(info, source, source.stat().st_size, label or name)
            else:
                data, actual = loaded
                self._archive.writestr(info, data)
                self._done += len(data)
                self._progress(min(99, self._done * 100 // self._total), f"正在写入 {label or name}")
            self._checked(name, actual, expected, label)

    def _checked(self, name: str, actual: str, expected: str | None, label: str) -> str:
        """With `expected`, a content that differs is refused, not shipped."""
        if expected is not None and actual != expected:
            raise UserFacingError(
                f"附件「{label or name}」在数据文件夹中的内容与登记的校验值不符，可能已损坏，数据包没有生成。"
                "请先用「数据检查」（python main.py check）找出损坏的附件，从备份恢复后再导出。"
            )
        self.sums.append((actual, name))
        return actual

    def _add_whole(self, info: zipfile.ZipInfo, source: Path, label: str) -> str:
        """A typical attachment in one read: hashed on the helper thread while zipfile CRCs and writes it
        (both release the GIL), so a package of many small files costs little more than copying them."""
        data = source.read_bytes()
        hashing = self._hasher.submit(hashlib.sha256, data) if len(data) > OVERLAP_FROM else None
        self._archive.writestr(info, data)
        digest = hashing.result() if hashing is not None else hashlib.sha256(data)
        self._done += len(data)
        self._progress(min(99, self._done * 100 // self._total), f"正在写入 {label}")
        return digest.hexdigest()

    def _add_streamed(self, info: zipfile.ZipInfo, source: Path, size: int, label: str) -> str:
        """A big file in chunks, never whole in memory; each chunk hashed while the previous is written."""
        digest = hashlib.sha256()
        with source.open("rb") as handle, self._archive.open(info, "w", force_zip64=size >= 1 << 31) as out:
            pending: Future[None] | None = None
            while chunk := handle.read(CHUNK):
                check_cancel(self._cancelled)
                if pending is not None:
                    pending.result()
                pending = self._hasher.submit(digest.update, chunk)  # hashlib releases the GIL
                out.write(chunk)
                self._done += len(chunk)
                self._progress(min(99, self._done * 100 // self._total), f"正在写入 {label}")
            if pending is not None:
                pending.result()
        return digest.hexdigest()

    def sums_text(self) -> bytes:
        return "".join(f"{digest}  {name}\n" for digest, name in self.sums).encode("utf-8")
