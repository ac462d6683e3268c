"""上报导出: the district-platform package — what may leave (gate, preview) and the build (export_build)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.export import ExportPackage
from app.services.accounts.service import verify_actor
from app.services.alerts import Alert
from app.services.common import IsCancelled, Progress, SessionFactory, clock_for, never_cancelled, no_progress
from app.services.export.build import EPOCH as EPOCH  # re-exported for callers
from app.services.export.build import nothing_message, record_package, write_package
from app.services.export.catalogue.base import (
    PROACTIVE,
    PUBLISHABLE_KINDS,
    UNPUBLISHED_HINTS,
    CatalogueItem,
    CatalogueSource,
    LeftOut,
)
from app.services.export.history import (
    ExportedItem,
    ExportSummary,
    export_history,
    exported_items,
    last_fingerprints,
)
from app.services.export.masking import Sieve
from app.services.export.plan import ExportMode as ExportMode  # re-exported for callers
from app.services.export.plan import ExportPlan as ExportPlan
from app.services.export.plan import ExportResult as ExportResult
from app.services.export.plan import OptionalPart as OptionalPart
from app.services.export.screen import FileTexts, PersonalDataScreen, StoredTexts, scan_memo
from app.services.export.zip_writer import fingerprint
from app.services.permissions import Actor, Perm, require
from app.services.privacy.detector import NOTHING_ALLOWED, AllowList
from app.services.settings import registry
from app.services.settings.service import SettingsService
from app.services.storage.attachments import AttachmentStore

# Why an item may not leave (None = it may): the 先审查、后公开 gate, checked at export time.
Gate = Callable[[Session, CatalogueItem, datetime], str | None]


def review_gate(session: Session, item: CatalogueItem, moment: datetime) -> str | None:
    from app.services.review.gate import require_approved_review

    try:
        kind, item_id = item.review_kind or item.kind, item.review_id or item.item_id
        require_approved_review(session, kind, item_id, moment)
    except UserFacingError as refusal:
        return refusal.message
    return None


def review_gate_many(session: Session, items: Sequence[CatalogueItem], moment: datetime) -> list[str | None]:
    """`review_gate` for a batch of items: one query per kind instead of two per item."""
    from app.services.review.gate import check_many

    keys = [(item.review_kind or item.kind, item.review_id or item.item_id) for item in items]
    verdicts: dict[tuple[str, int], object] = {}
    for kind in dict.fromkeys(kind for kind, _id in keys):
        found = check_many(session, kind, [item_id for k, item_id in keys if k == kind], moment)
        verdicts.update(((kind, item_id), verdict) for item_id, verdict in found.items())
    return [verdict if isinstance(verdict := verdicts[key], str) else None for key in keys]


GateMany = Callable[[Session, Sequence[CatalogueItem], datetime], list[str | None]]
GATE_BATCH = 500  # items whose gate is checked together


class ExportService:
    def __init__(
        self,
        sessions: SessionFactory,
        store: AttachmentStore,
        settings: SettingsService,
        source: CatalogueSource,
        parts: Sequence[OptionalPart] = (),
        gate: Gate = review_gate,
        texts: FileTexts | None = None,
    ) -> None:
        self._sessions, self._store, self._settings = sessions, store, settings
        self._texts = texts or StoredTexts(sessions, store)
        self._scanned = scan_memo(sessions)  # attachment texts already screened by an earlier preview
        self._clock = clock_for(sessions)
        self.source, self.parts = source, tuple(parts)
        self._gate_many: GateMany = (
            review_gate_many
            if gate is review_gate
            else lambda session, items, moment: [gate(session, item, moment) for item in items]
        )

    # --- what goes in -----------------------------------------------------------------------------------
    def masking(self) -> bool:
        """The office's choice for personal data found in an export: mask it (True) or leave the item out."""
        return self._settings.read(registry.MASK_PERSONAL_DATA)

    def preview(
        self,
        actor: Actor,
        mode: ExportMode,
        since: datetime | None = None,
        now: datetime | None = None,
        mask: bool | None = None,
    ) -> ExportPlan:
        """The items a package would carry now, and every item left out with the reason.

        Personal data in an item is masked or makes it left out: `mask`, else the office's setting.
        """
        require(actor, Perm.REGISTER)
        moment = now or self._clock.now()
        if mode is ExportMode.SINCE_DATE and since is None:
            raise UserFacingError("请选择从哪一天起导出。")
        sieve = Sieve(
            PersonalDataScreen(self._texts, self._allow(), self._scanned),
            self._store,
            self.masking() if mask is None else mask,
        )
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
                fresh: list[CatalogueItem] = []
                for item, reason in zip(waiting, self._gate_many(session, waiting, moment), strict=True):
                    if reason:
                        left_out.append(
                            LeftOut(item.kind, item.item_id, item.title[:200], reason, item.index_no)
                        )
                    elif (last := previous.get((item.kind, item.item_id))) and last == fingerprint(item):
                        unchanged += 1
                    else:
                        fresh.append(item)
                passed, refused = sieve.sift(fresh)  # only what would leave is screened
                included.extend(passed)
                left_out.extend(refused)
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
        return ExportPlan(
            mode,
            since,
            tuple(included),
            tuple(left_out),
            unchanged,
            sum(sizes.values()),
            sieve.masking,
            tuple(sieve.findings),
            frozenset(sieve.contents),
            frozenset(sieve.remade),
            dict(sieve.prints),
            sieve.allow,
        )

    def _allow(self) -> AllowList:
        """The office's own published phone and address are not personal data."""
        office = self._settings.office()
        return AllowList.of(office.phone, office.address) if office else NOTHING_ALLOWED

    def _refusal(self, item: CatalogueItem) -> str | None:
        """条例 arts. 19–20: only published 主动公开 items (then the gate, then the personal-data screen)."""
        if item.kind not in PUBLISHABLE_KINDS:
            return "依申请公开的答复和申请人信息不上报，只上报主动公开的信息"
        if item.disclosure != PROACTIVE:
            return f"公开属性为「{item.disclosure}」，只有主动公开的信息才能上报"
        if not item.index_no.strip() or not item.title.strip():
            return "没有索引号或名称，请先在公文登记中补全"
        if not item.published:
            return UNPUBLISHED_HINTS.get(item.kind, "尚未公开")
        if item.problem:
            return item.problem
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
        mask: bool | None = None,
    ) -> ExportResult:
        """Write the package to `out` (temp name, then rename) and record it in the export history."""
        with self._sessions() as session:  # a real, active account, or the command line as 管理员 (issue 19)
            actor = verify_actor(session, actor, "生成上报数据包", command_line=True)
        built_at = (now or self._clock.now()).replace(microsecond=0)
        plan = self.preview(actor, mode, since, built_at, mask)
        chosen = [part for part in self.parts if part.key in parts]
        unknown = set(parts) - {part.key for part in chosen}
        if unknown:
            available = "、".join(f"{p.key}（{p.title}）" for p in self.parts) or "无"
            raise UserFacingError(
                f"可选部分「{'、'.join(sorted(unknown))}」现在不能附带。可以附带的有：{available}。"
            )
        if not plan.items and not chosen:
            raise UserFacingError(nothing_message(plan))
        office = self._settings.office()
        if office is None:
            raise UserFacingError("请先在「设置」中填写单位名称和机构代码，数据包要写明报送单位。")
        out = out if out.suffix.lower() == ".zip" else out.with_name(out.name + ".zip")
        written = write_package(self._store, office, plan, chosen, out, built_at, progress, is_cancelled)
        try:
            export_id = record_package(
                self._sessions, actor, plan, out, built_at, written.content_sha256, list(written.parts)
            )
        except BaseException:
            out.unlink(missing_ok=True)
            raise
        progress(100, "数据包已生成")
        return ExportResult(
            export_id,
            out,
            built_at,
            len(plan.items),
            written.files,
            out.stat().st_size,
            written.content_sha256,
            written.parts,
            plan.left_out,
        )

    # --- history ----------------------------------------------------------------------------------------
    def history(self, limit: int = 200) -> list[ExportSummary]:
        return export_history(self._sessions, limit)

    def items_of(self, export_id: int, offset: int = 0, limit: int = 500) -> list[ExportedItem]:
        return exported_items(self._sessions, export_id, offset, limit)

    def alerts(self, today: date) -> list[Alert]:
        """Nothing is due by law; the 工作台 shows no export alert (the platform sets its own schedule)."""
        return []
