"""上报导出: the district-platform package — what may leave, incremental history, and the build itself."""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app import APP_NAME, __version__
from app.errors import UserFacingError
from app.models.export import ExportItem, ExportPackage
from app.services import audit
from app.services.alerts import Alert
from app.services.attachments import AttachmentStore, sha256_of
from app.services.audit import Action
from app.services.catalogue import (
    PROACTIVE,
    PUBLISHABLE_KINDS,
    UNPUBLISHED_HINTS,
    CatalogueItem,
    CatalogueSource,
    LeftOut,
    personal_data_in,
)
from app.services.common import IsCancelled, Progress, SessionFactory, never_cancelled, no_progress
from app.services.export_history import (
    ExportedItem,
    ExportSummary,
    export_history,
    exported_items,
    last_fingerprints,
)
from app.services.export_zip import (
    CATALOGUE_NAME,
    EXTRAS_DIR,
    MANIFEST_NAME,
    SCHEMA_ID,
    SCHEMA_VERSION,
    SUMS_NAME,
    PackageWriter,
    assign_paths,
    dumps,
    fingerprint,
    iso,
    item_entry,
    write_catalogue,
)
from app.services.permissions import Actor, Perm, require
from app.services.settings import SettingsService
from app.services.zip_safety import safe_file_name, zip_info

EPOCH = datetime(2000, 1, 1)


class ExportMode(StrEnum):
    FULL = "全部"
    SINCE_LAST = "增量"  # new or changed since the last package
    SINCE_DATE = "指定日期起"


# Why an item may not leave (None = it may): the 先审查、后公开 gate, checked at export time.
Gate = Callable[[Session, CatalogueItem, datetime], str | None]


def review_gate(session: Session, item: CatalogueItem, moment: datetime) -> str | None:
    from app.services.publication_gate import require_approved_review

    try:
        kind, item_id = item.review_kind or item.kind, item.review_id or item.item_id
        require_approved_review(session, kind, item_id, moment)
    except UserFacingError as refusal:
        return refusal.message
    return None


def review_gate_many(session: Session, items: Sequence[CatalogueItem], moment: datetime) -> list[str | None]:
    """`review_gate` for a batch of items: one query per kind instead of two per item."""
    from app.services.publication_gate import check_many

    keys = [(item.review_kind or item.kind, item.review_id or item.item_id) for item in items]
    verdicts: dict[tuple[str, int], object] = {}
    for kind in dict.fromkeys(kind for kind, _id in keys):
        found = check_many(session, kind, [item_id for k, item_id in keys if k == kind], moment)
        verdicts.update(((kind, item_id), verdict) for item_id, verdict in found.items())
    return [verdict if isinstance(verdict := verdicts[key], str) else None for key in keys]


GateMany = Callable[[Session, Sequence[CatalogueItem], datetime], list[str | None]]
GATE_BATCH = 500  # items whose gate is checked together


@dataclass(frozen=True)
class OptionalPart:
    """A document another feature produces for the package (年度报告 .docx, 决策事项目录 …)."""

    key: str
    title: str
    produce: Callable[[Path], Path]  # writes its file into the given folder and returns it


@dataclass(frozen=True)
class ExportPlan:
    mode: ExportMode
    since: datetime | None
    items: tuple[CatalogueItem, ...]
    left_out: tuple[LeftOut, ...]
    unchanged: int = 0
    total_bytes: int = 0

    @property
    def file_count(self) -> int:
        return len({file.sha256 for item in self.items for file in item.files})


@dataclass(frozen=True)
class ExportResult:
    export_id: int
    file: Path
    built_at: datetime
    items: int
    files: int
    size: int
    content_sha256: str
    parts: tuple[str, ...] = ()
    left_out: tuple[LeftOut, ...] = field(default_factory=tuple)


class ExportService:
    def __init__(
        self,
        sessions: SessionFactory,
        store: AttachmentStore,
        settings: SettingsService,
        source: CatalogueSource,
        parts: Sequence[OptionalPart] = (),
        gate: Gate = review_gate,
    ) -> None:
        self._sessions, self._store, self._settings = sessions, store, settings
        self.source, self.parts = source, tuple(parts)
        self._gate_many: GateMany = (
            review_gate_many
            if gate is review_gate
            else lambda session, items, moment: [gate(session, item, moment) for item in items]
        )

    # --- what goes in -----------------------------------------------------------------------------------
    def preview(
        self, actor: Actor, mode: ExportMode, since: datetime | None = None, now: datetime | None = None
    ) -> ExportPlan:
        """The items a package would carry now, and every item left out with the reason."""
        require(actor, Perm.REGISTER)
        moment = now or datetime.now()
        if mode is ExportMode.SINCE_DATE and since is None:
            raise UserFacingError("请选择从哪一天起导出。")
        with self._sessions() as session:
            previous = last_fingerprints(session) if mode is ExportMode.SINCE_LAST else {}
            last = session.scalar(select(func.max(ExportPackage.built_at)))
            since = (
                last if mode is ExportMode.SINCE_LAST else since if mode is ExportMode.SINCE_DATE else None
            )
            included: list[CatalogueItem] = []
            left_out: list[LeftOut] = []
            unchanged = 0
            waiting: list[CatalogueItem] = []  # passed the cheap checks; the gate is asked in batches

            def settle() -> None:
                nonlocal unchanged
                for item, reason in zip(waiting, self._gate_many(session, waiting, moment), strict=True):
                    if reason:
                        left_out.append(
                            LeftOut(item.kind, item.item_id, item.title[:200], reason, item.index_no)
                        )
                    elif previous.get((item.kind, item.item_id)) == fingerprint(item):
                        unchanged += 1
                    else:
                        included.append(item)
                waiting.clear()

            for item in self.source.items(since if mode is ExportMode.SINCE_DATE else None):
                reason = self._refusal(item)
                if reason:
                    left_out.append(LeftOut(item.kind, item.item_id, item.title[:200], reason, item.index_no))
                else:
                    waiting.append(item)
                    if len(waiting) >= GATE_BATCH:
                        settle()
            settle()
        included.sort(key=lambda i: (PUBLISHABLE_KINDS.index(i.kind), i.index_no, i.item_id))
        left_out.sort(key=lambda i: (i.kind, i.item_id))
        sizes = {file.sha256: file.size for item in included for file in item.files}
        return ExportPlan(mode, since, tuple(included), tuple(left_out), unchanged, sum(sizes.values()))

    def _refusal(self, item: CatalogueItem) -> str | None:
        """条例 arts. 19–20, RULES §5.1: only 主动公开 items, never personal data (the gate comes after)."""
        if item.kind not in PUBLISHABLE_KINDS:
            return "依申请公开的答复和申请人信息不上报，只上报主动公开的信息"
        if item.disclosure != PROACTIVE:
            return f"公开属性为「{item.disclosure}」，只有主动公开的信息才能上报"
        if not item.index_no.strip() or not item.title.strip():
            return "没有索引号或名称，请先在公文登记中补全"
        personal = personal_data_in(item)
        if personal:
            return personal
        if not item.published:
            return UNPUBLISHED_HINTS.get(item.kind, "尚未公开")
        for file in item.files:
            if not self._store.path_of(file.sha256).is_file():
                return f"附件「{file.original_name}」在数据文件夹中找不到，请先运行数据检查"
        return None

    # --- the build --------------------------------------------------------------------------------------
    def build(
        self,
        actor: Actor,
        out: Path,
        mode: ExportMode = ExportMode.FULL,
        since: datetime | None = None,
        parts: Sequence[str] = (),
        progress: Progress = no_progress,
        is_cancelled: IsCancelled = never_cancelled,
        now: datetime | None = None,
    ) -> ExportResult:
        """Write the package to `out` (temp name, then rename) and record it in the export history."""
        built_at = (now or datetime.now()).replace(microsecond=0)
        plan = self.preview(actor, mode, since, built_at)
        chosen = [part for part in self.parts if part.key in parts]
        unknown = set(parts) - {part.key for part in chosen}
        if unknown:
            available = "、".join(f"{p.key}（{p.title}）" for p in self.parts) or "无"
            raise UserFacingError(
                f"可选部分「{'、'.join(sorted(unknown))}」现在不能附带。可以附带的有：{available}。"
            )
        if not plan.items and not chosen:
            raise UserFacingError(_nothing_message(plan))
        office = self._settings.office()
        if office is None:
            raise UserFacingError("请先在「设置」中填写单位名称和机构代码，数据包要写明报送单位。")
        out = out if out.suffix.lower() == ".zip" else out.with_name(out.name + ".zip")
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(f".{out.name}.partial")
        try:
            with tempfile.TemporaryDirectory(dir=out.parent, prefix=".export-") as work:
                progress(1, "正在准备附件清单")
                made = _produce_parts(chosen, Path(work))
                paths = assign_paths(plan.items)
                stamp = iso(max((item.updated_at for item in plan.items), default=EPOCH))
                catalogue = Path(work) / CATALOGUE_NAME
                write_catalogue(catalogue, plan.items, paths, stamp)
                manifest = {
                    "schema": SCHEMA_ID,
                    "schema_version": SCHEMA_VERSION,
                    "generator": {"name": APP_NAME, "version": __version__},
                    "office": {"name": office.name, "org_code": office.org_code},
                    "created_at": iso(built_at),
                    "mode": plan.mode.value,
                    "since": iso(plan.since) if plan.since else None,
                    "catalogue": CATALOGUE_NAME,
                    "items": [item_entry(item, paths) for item in plan.items],
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
                        names = {f.sha256: f.original_name for item in plan.items for f in item.files}
                        for sha, name in sorted(paths.items(), key=lambda pair: pair[1]):
                            writer.add_file(name, self._store.path_of(sha), expected=sha, label=names[sha])
                        for _key, _title, name, file in made:
                            writer.add_file(name, file)
                        sums = writer.sums_text()
                        archive.writestr(zip_info(SUMS_NAME, compressed=False), sums)
                _fsync(partial)
            partial.replace(out)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        content = _sha256_bytes(sums)
        try:
            export_id = self._record(actor, plan, out, built_at, content, [key for key, *_ in made])
        except BaseException:
            out.unlink(missing_ok=True)
            raise
        progress(100, "数据包已生成")
        return ExportResult(
            export_id,
            out,
            built_at,
            len(plan.items),
            len(paths),
            out.stat().st_size,
            content,
            tuple(key for key, *_ in made),
            plan.left_out,
        )

    def _record(
        self, actor: Actor, plan: ExportPlan, out: Path, built_at: datetime, content: str, parts: list[str]
    ) -> int:
        with self._sessions.begin() as session:
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
                    "fingerprint": fingerprint(item),
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

    # --- history ----------------------------------------------------------------------------------------
    def history(self, limit: int = 200) -> list[ExportSummary]:
        return export_history(self._sessions, limit)

    def items_of(self, export_id: int, offset: int = 0, limit: int = 500) -> list[ExportedItem]:
        return exported_items(self._sessions, export_id, offset, limit)

    def alerts(self, today: date) -> list[Alert]:
        """Nothing is due by law; the 工作台 shows no export alert (the platform sets its own schedule)."""
        return []


def _produce_parts(parts: Sequence[OptionalPart], work: Path) -> list[tuple[str, str, str, Path]]:
    taken: set[str] = set()
    made: list[tuple[str, str, str, Path]] = []
    for part in parts:
        folder = work / "parts" / part.key
        folder.mkdir(parents=True)
        file = part.produce(folder)
        made.append((part.key, part.title, EXTRAS_DIR + safe_file_name(file.name, taken), file))
    return made


def _nothing_message(plan: ExportPlan) -> str:
    if plan.mode is ExportMode.SINCE_LAST:
        return "自上次导出以来没有新增或修改的可上报信息，不需要生成数据包。"
    if plan.left_out:
        return f"没有可以上报的信息：{len(plan.left_out)} 条信息未通过上报条件，请在预览中查看原因。"
    return "还没有可以上报的信息。公文登记并经保密审查通过、公开后，才能导出上报。"


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDWR)  # Windows refuses to flush a read-only handle
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
