"""上报导出 value types: the export modes, optional parts, the plan a preview shows and a build's result."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from app.services.export.catalogue.base import CatalogueItem, LeftOut
from app.services.export.screen import ItemFinding
from app.services.privacy.detector import NOTHING_ALLOWED, AllowList


class ExportMode(StrEnum):
    FULL = "全部"
    SINCE_LAST = "增量"  # new or changed since the last package
    SINCE_DATE = "指定日期起"


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
    # --- personal data (issue 19) ---
    masked: bool = False  # the clerk chose to mask personal data instead of leaving such items out
    findings: tuple[ItemFinding, ...] = ()  # in the items that would leave (masked or left out)
    masked_contents: frozenset[str] = frozenset()  # sha256 of attachments masked when written
    remade: frozenset[tuple[str, int]] = frozenset()  # items whose generated file is rendered masked
    prints: Mapping[tuple[str, int], str] = field(default_factory=dict)  # a masked item's own fingerprint
    allow: AllowList = NOTHING_ALLOWED  # the office's own phone and address, never masked

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
