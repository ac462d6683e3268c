"""`export verify`: check a package entry by entry — layout, schema, every hash — without trusting it.

Nothing is unpacked to disk; every entry is streamed in chunks with its declared size checked first, so a
zip bomb, a truncated file or a 2 GB attachment costs time, not memory.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.paths import resource_path
from app.services.common import IsCancelled, Progress, check_cancel, never_cancelled, no_progress
from app.services.export.verify_checks import (
    MAX_JSON_DEPTH,
    READ_ERRORS,
    catalogue_rows,
    json_depth,
    method_problem,
)
from app.services.export.zip_writer import CATALOGUE_NAME, EXTRAS_DIR, FILES_DIR, MANIFEST_NAME, SUMS_NAME
from app.services.formats.json_schema import load_schema, validate
from app.services.formats.zips import MAX_TOTAL_BYTES, entry_name_problem, open_archive, size_problem
from app.services.storage.attachments import CHUNK

MAX_MANIFEST_BYTES = 64 << 20  # ~200,000 items; a bigger manifest.json is not ours
MAX_CATALOGUE_BYTES = 64 << 20
MAX_SCHEMA_PROBLEMS = 50
PACKAGE = "数据包"
_SUMS_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")


@dataclass(frozen=True)
class VerifyProblem:
    entry: str  # the entry name inside the zip, or 「数据包」 for the whole file
    problem: str

    def message(self) -> str:
        return f"{self.entry}：{self.problem}"


@dataclass(frozen=True)
class VerifyReport:
    file: str
    items: int
    files_checked: int
    office: str = ""
    created_at: str = ""
    problems: tuple[VerifyProblem, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        return data


def _layout_problem(name: str) -> str | None:
    if name in (MANIFEST_NAME, CATALOGUE_NAME, SUMS_NAME):
        return None
    for folder in (FILES_DIR, EXTRAS_DIR):
        rest = name.removeprefix(folder)
        if rest != name and rest and "/" not in rest:
            return None
    return "不属于数据包格式的条目（只应有 manifest.json、信息目录.xlsx、SHA256SUMS、files/ 和 extras/）"


def _stream_hash(archive: zipfile.ZipFile, info: zipfile.ZipInfo, tick: Any) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with archive.open(info) as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            tick(len(chunk))
    return digest.hexdigest(), size


def _read_small(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    if info.file_size > limit:
        return None
    with archive.open(info) as handle:
        return handle.read(limit + 1)[:limit]


def verify_package(
    path: Path, progress: Progress = no_progress, is_cancelled: IsCancelled = never_cancelled
) -> VerifyReport:
    problems: list[VerifyProblem] = []

    def fail(entry: str, problem: str) -> None:
        problems.append(VerifyProblem(entry, problem))

    with open_archive(path, "数据包") as archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        counts = Counter(info.filename for info in infos)
        readable: dict[str, zipfile.ZipInfo] = {}
        for name in sorted(n for n, c in counts.items() if c > 1):
            fail(name, f"名称重复出现 {counts[name]} 次，无法确定哪一份是真的")
        for info in infos:
            reason = (
                entry_name_problem(info.filename)
                or _layout_problem(info.filename)
                or size_problem(info)
                or method_problem(info)
            )
            if reason:
                fail(info.filename[:200], reason)
            elif counts[info.filename] == 1:
                readable[info.filename] = info
        total = sum(info.file_size for info in readable.values())
        if total > MAX_TOTAL_BYTES:
            fail(PACKAGE, "声明的解压后总大小不合理，疑似「压缩炸弹」，没有继续校验")
            return VerifyReport(str(path), 0, 0, problems=tuple(problems))
        manifest = _manifest(archive, readable.get(MANIFEST_NAME), fail)
        done = [0]

        def tick(amount: int) -> None:
            check_cancel(is_cancelled)
            done[0] += amount
            progress(min(99, done[0] * 100 // max(total, 1)), "正在校验文件")

        actual: dict[str, tuple[str, int]] = {}
        for name, info in sorted(readable.items()):
            try:
                actual[name] = _stream_hash(archive, info, tick)
            except READ_ERRORS:
                fail(name, "无法完整读取（数据已损坏或文件被截断）")
        listed = _check_manifest_files(manifest, actual, readable, fail) if manifest else set()
        for name in sorted(actual):
            if name.startswith((FILES_DIR, EXTRAS_DIR)) and manifest and name not in listed:
                fail(name, "manifest.json 中没有列出这个文件")
        _check_sums(archive, readable.get(SUMS_NAME), actual, fail)
        listed_items = manifest.get("items") if manifest else None
        items = len(listed_items) if isinstance(listed_items, list) else 0
        _check_catalogue(archive, readable.get(CATALOGUE_NAME), items, fail)
    progress(100, "校验完成")
    office = manifest.get("office", {}) if manifest else {}
    return VerifyReport(
        str(path),
        items,
        len(actual),
        str(office.get("name", "")) if isinstance(office, dict) else "",
        str(manifest.get("created_at", "")) if manifest else "",
        tuple(problems),
    )


def _manifest(archive: zipfile.ZipFile, info: zipfile.ZipInfo | None, fail: Any) -> dict[str, Any] | None:
    if info is None:
        fail(MANIFEST_NAME, "缺少清单文件，无法核对内容")
        return None
    try:
        raw = _read_small(archive, info, MAX_MANIFEST_BYTES)
        if raw is None:
            fail(MANIFEST_NAME, "清单文件过大，不是本系统生成的数据包")
            return None
        data = json.loads(raw.decode("utf-8"))
    except (*READ_ERRORS, UnicodeDecodeError, RecursionError):  # RecursionError: 「[[[[…」 100,000 deep
        fail(MANIFEST_NAME, "清单文件已损坏，不是有效的 UTF-8 JSON")
        return None
    if json_depth(data) > MAX_JSON_DEPTH:
        fail(MANIFEST_NAME, f"清单文件嵌套超过 {MAX_JSON_DEPTH} 层，不是本系统生成的数据包")
        return None
    problems = validate(data, load_schema(resource_path("export", "manifest.schema.json")))
    for problem in problems[:MAX_SCHEMA_PROBLEMS]:
        fail(MANIFEST_NAME, f"不符合清单格式：{problem}")
    if len(problems) > MAX_SCHEMA_PROBLEMS:
        fail(MANIFEST_NAME, f"还有 {len(problems) - MAX_SCHEMA_PROBLEMS} 处不符合清单格式")
    return data if isinstance(data, dict) else None


def _listed_files(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for item in manifest.get("items", []) if isinstance(manifest.get("items"), list) else []:
        if isinstance(item, dict) and isinstance(item.get("files"), list):
            entries += [f for f in item["files"] if isinstance(f, dict)]
    parts = manifest.get("parts")
    entries += [p for p in parts if isinstance(p, dict)] if isinstance(parts, list) else []
    return entries


def _check_manifest_files(
    manifest: dict[str, Any], actual: dict[str, tuple[str, int]], readable: dict[str, Any], fail: Any
) -> set[str]:
    listed: set[str] = set()
    for entry in _listed_files(manifest):
        name = str(entry.get("path", ""))
        if name in listed:
            continue  # the same file may belong to several items
        listed.add(name)
        if name not in actual:
            if name in readable:
                continue  # already reported as unreadable
            fail(name, "manifest.json 中列出了这个文件，但数据包里没有")
        elif actual[name][0] != entry.get("sha256"):
            fail(name, "校验值（SHA-256）与清单不符：文件内容被修改过或已损坏")
        elif actual[name][1] != entry.get("size"):
            fail(name, f"大小与清单不符（清单 {entry.get('size')} 字节，实际 {actual[name][1]} 字节）")
    return listed


def _check_sums(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo | None, actual: dict[str, tuple[str, int]], fail: Any
) -> None:
    if info is None:
        fail(SUMS_NAME, "缺少校验值清单")
        return
    try:
        raw = _read_small(archive, info, MAX_MANIFEST_BYTES)
    except READ_ERRORS:
        return  # already reported by the hash pass
    if raw is None:
        fail(SUMS_NAME, "校验值清单过大")
        return
    seen: set[str] = set()
    for number, line in enumerate(raw.decode("utf-8", errors="replace").splitlines(), start=1):
        match = _SUMS_LINE.match(line)
        if not match:
            fail(SUMS_NAME, f"第{number}行格式不正确")
            continue
        digest, name = match.groups()
        seen.add(name)
        if name in actual and actual[name][0] != digest:
            fail(name, "与 SHA256SUMS 中的校验值不符：文件内容被修改过或已损坏")
        elif name not in actual and not entry_name_problem(name):
            fail(name, "SHA256SUMS 中列出了这个文件，但数据包里没有")
    for name in sorted(set(actual) - seen - {SUMS_NAME}):
        fail(name, "SHA256SUMS 中没有这个文件的校验值")


def _check_catalogue(archive: zipfile.ZipFile, info: zipfile.ZipInfo | None, items: int, fail: Any) -> None:
    if info is None:
        fail(CATALOGUE_NAME, "缺少信息目录表")
        return
    try:
        raw = _read_small(archive, info, MAX_CATALOGUE_BYTES)
    except READ_ERRORS:
        return  # already reported by the hash pass
    if raw is None:
        fail(CATALOGUE_NAME, "信息目录表过大")
        return
    rows = catalogue_rows(raw)
    if rows is None:
        fail(CATALOGUE_NAME, "不是有效的 Excel 文件（可能是改了扩展名的文本文件或已损坏）")
    elif rows != items:
        fail(CATALOGUE_NAME, f"目录表有 {rows} 行信息，清单中有 {items} 条，两者不一致")
