"""Writing the 上报 package: the zip (manifest, catalogue, attachments, optional parts) and its history."""

from __future__ import annotations

import hashlib
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import insert

from app import APP_NAME, __version__
from app.errors import UserFacingError
from app.models.export import ExportItem, ExportPackage
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.common import IsCancelled, Progress, SessionFactory
from app.services.export.masking import prepare_files
from app.services.export.plan import ExportMode, ExportPlan, OptionalPart
from app.services.export.zip_writer import (
    CATALOGUE_NAME,
    EXTRAS_DIR,
    MANIFEST_NAME,
    SCHEMA_ID,
    SCHEMA_VERSION,
    SUMS_NAME,
    FileEntry,
    PackageWriter,
    assign_paths,
    dumps,
    fingerprint,
    iso,
    item_entry,
    write_catalogue,
)
from app.services.formats.atomic import atomic_write
from app.services.formats.zips import safe_file_name, zip_info
from app.services.permissions import Actor
from app.services.privacy.detector import find
from app.services.privacy.files import file_text, masked_copy
from app.services.settings.service import OfficeInfo
from app.services.storage.anchor import store_head
from app.services.storage.attachments import AttachmentStore, sha256_of

EPOCH = datetime(2000, 1, 1)


@dataclass(frozen=True)
class WrittenPackage:
    content_sha256: str  # of the checksum list, so it names the package's content
    files: int  # attachment files inside
    parts: tuple[str, ...]  # keys of the optional parts included


def write_package(
    store: AttachmentStore,
    office: OfficeInfo,
    plan: ExportPlan,
    chosen: Sequence[OptionalPart],
    out: Path,
    built_at: datetime,
    progress: Progress,
    is_cancelled: IsCancelled,
) -> WrittenPackage:
    """Write the zip to `out` under a temp name, then rename; nothing is left behind on failure."""
    out.parent.mkdir(parents=True, exist_ok=True)
    # a hidden `.….zip.partial` beside the package, a name the start-up clean-up knows (temp_files.py)
    with atomic_write(out, prefix=f".{out.stem}-", suffix=f"{out.suffix}.partial") as partial:
        with tempfile.TemporaryDirectory(dir=out.parent, prefix=".export-") as work:
            progress(1, "正在准备附件清单")
            made = produce_parts(chosen, Path(work))
            screen_parts(made, plan)
            items, masked = prepare_files(
                store, plan.items, plan.masked_contents, plan.remade, plan.allow, Path(work)
            )
            paths = assign_paths(items)
            stamp = iso(max((item.updated_at for item in items), default=EPOCH))
            catalogue = Path(work) / CATALOGUE_NAME
            write_catalogue(catalogue, items, paths, stamp)
            manifest = {
                "schema": SCHEMA_ID,
                "schema_version": SCHEMA_VERSION,
                "generator": {"name": APP_NAME, "version": __version__},
                "office": {"name": office.name, "org_code": office.org_code},
                "created_at": iso(built_at),
                "mode": plan.mode.value,
                "since": iso(plan.since) if plan.since else None,
                "catalogue": CATALOGUE_NAME,
                "audit_head": store_head(store, built_at),  # the audit chain's head leaves the PC (issue 19)
                "items": [item_entry(item, paths) for item in items],
                "parts": [
                    {
                        "key": key,
                        "title": title,
                        "path": name,
                        "size": file.stat().st_size,
                        "sha256": sha256_of(file),
                    }
                    for key, title, name, file in made
                ],
            }
            total = plan.total_bytes + sum(file.stat().st_size for *_rest, file in made)
            with zipfile.ZipFile(partial, "w", allowZip64=True) as archive:
                with PackageWriter(archive, progress, is_cancelled, total) as writer:
                    writer.add_bytes(MANIFEST_NAME, dumps(manifest))
                    writer.add_file(CATALOGUE_NAME, catalogue)
                    names = {f.sha256: f.original_name for item in items for f in item.files}
                    writer.add_files(
                        [
                            FileEntry(name, masked.get(sha) or store.path_of(sha), sha, names[sha])
                            for sha, name in sorted(paths.items(), key=lambda pair: pair[1])
                        ]
                    )
                    for _key, _title, name, file in made:
                        writer.add_file(name, file)
                    sums = writer.sums_text()
                    archive.writestr(zip_info(SUMS_NAME, compressed=False), sums)
    return WrittenPackage(_sha256_bytes(sums), len(paths), tuple(key for key, *_ in made))


def record_package(
    sessions: SessionFactory,
    actor: Actor,
    plan: ExportPlan,
    out: Path,
    built_at: datetime,
    content: str,
    parts: list[str],
) -> int:
    with sessions.begin() as session:
        row = ExportPackage(
            built_at=built_at,
            mode=plan.mode.value,
            since=plan.since,
            file_name=str(out),
            content_sha256=content,
            package_size=out.stat().st_size,
            item_count=len(plan.items),
            file_count=plan.file_count,
            parts="、".join(parts),
            account_id=actor.account_id,
            username=actor.username,
        )
        session.add(row)
        session.flush()
        rows = [
            {
                "export_id": row.id,
                "item_kind": item.kind,
                "item_id": item.item_id,
                "index_no": item.index_no,
                "title": item.title[:500],
                "fingerprint": plan.prints.get((item.kind, item.item_id)) or fingerprint(item),
                "file_count": len(item.files),
            }
            for item in plan.items
        ]
        if rows:  # one executemany, not an ORM object per item (a full export carries 100,000)
            session.execute(insert(ExportItem), rows)
        audit.record(
            session,
            actor,
            Action.EXPORT,
            "上报数据包",
            row.id,
            file=str(out),
            mode=plan.mode.value,
            items=len(plan.items),
            left_out=len(plan.left_out),
        )
        return row.id


def produce_parts(parts: Sequence[OptionalPart], work: Path) -> list[tuple[str, str, str, Path]]:
    taken: set[str] = set()
    made: list[tuple[str, str, str, Path]] = []
    for part in parts:
        folder = work / "parts" / part.key
        folder.mkdir(parents=True)
        file = part.produce(folder)
        made.append((part.key, part.title, EXTRAS_DIR + safe_file_name(file.name, taken), file))
    return made


def screen_parts(made: Sequence[tuple[str, str, str, Path]], plan: ExportPlan) -> None:
    """An optional part (决策事项目录, 年度报告) passes the same personal-data screen as the items."""
    for _key, title, _name, file in made:
        found = find(file_text(file, file.name), plan.allow)
        if not found:
            continue
        if not plan.masked:
            raise UserFacingError(
                f"附带的「{title}」中有{found[0].label}，个人信息不能上报。"
                "请修改后再导出，或不附带这一部分，或选择「遮盖个人信息后上报」。"
            )
        file.write_bytes(masked_copy(file, file.name, plan.allow))


def nothing_message(plan: ExportPlan) -> str:
    if plan.mode is ExportMode.SINCE_LAST:
        return "自上次导出以来没有新增或修改的可上报信息，不需要生成数据包。"
    if plan.left_out:
        return f"没有可以上报的信息：{len(plan.left_out)} 条信息未通过上报条件，请在预览中查看原因。"
    return "还没有可以上报的信息。公文登记并经保密审查通过、公开后，才能导出上报。"


def _sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
