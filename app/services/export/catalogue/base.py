"""The catalogue items an export package carries, behind a small interface (RULES §7.2–7.3).

The package builder only knows `CatalogueSource`; the registers supply the real items through
`DocumentCatalogueSource`, `PostingCatalogueSource` and `DecisionCatalogueSource`, joined by
`CombinedSource`; tests supply their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple, Protocol

from app.services.privacy.detector import Masker

# 条例 arts. 19–20 / RULES §1.4: only 主动公开 items leave the office; 依申请公开 answers never do.
PUBLISHABLE_KINDS = ("document", "posting", "decision_directory", "decision_result")
PROACTIVE = "主动公开"

# 国办《政府信息公开目录系统实施指引（试行）》core metadata (RULES §7.2): manifest key → column title.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("kind", "类别"),
    ("index_no", "索引号"),
    ("title", "名称"),
    ("summary", "内容概述"),
    ("created", "生成日期"),
    ("publisher", "发布机构"),
    ("doc_no", "文号"),
    ("topic", "主题分类"),
    ("genre", "体裁分类"),
    ("channels", "公开方式"),
    ("validity", "有效性"),
)
# The 类别 in 信息目录.xlsx and on the export page; manifest.json keeps the codes (docs/export-format.md).
KIND_LABELS = {
    "document": "公文",
    "posting": "公开栏张贴件",
    "decision_directory": "决策事项目录",
    "decision_result": "决策结果",
}
# Why an item is not yet published, and where the clerk publishes it (shown in the preview).
UNPUBLISHED_HINTS = {
    "document": "尚未公开：保密审查通过后，请先在「公文登记」中登记公开时间",
    "posting": "尚未张贴：保密审查通过后，请先在「公开栏」中登记张贴",
    "decision_directory": "所在年度的决策事项目录尚未公布：请先在「重大决策」中公布目录",
    "decision_result": "决策结果尚未公布：保密审查通过后，请先在「重大决策」中登记「决策公布」",
}

# A summary cut inside a number would hide half an ID number from the personal-data screen: cut before it.
_CUT_NUMBER = re.compile(r"[0-9０-９Xx][0-9０-９Xx \-－]*$")


class CatalogueFile(NamedTuple):
    sha256: str
    original_name: str
    size: int
    generated: bool = False  # rendered from the item's own text (a posting's PDF): its text is `body`


@dataclass(frozen=True)
class CatalogueItem:
    kind: str  # one of PUBLISHABLE_KINDS
    item_id: int
    index_no: str  # 索引号
    title: str  # 名称 (主标题 only)
    summary: str  # 内容概述
    created: date | None  # 生成日期 (成文日期)
    publisher: str  # 发布机构
    doc_no: str  # 文号
    topic: str  # 主题分类 「大类\小类」
    genre: str  # 体裁分类
    channels: str  # 公开方式, 、-separated
    validity: str  # 有效性
    files: tuple[CatalogueFile, ...] = ()
    updated_at: datetime = datetime(2000, 1, 1)
    disclosure: str = PROACTIVE  # 公开属性, checked again by the builder
    published: bool = True  # marked published in its register (only ever through the review gate)
    review_kind: str = ""  # the 保密审查单's item kind when it differs from `kind` (a directory's items)
    review_id: int | None = None  # … and its item id (the directory's id)
    review_note: str = ""  # 「历史公开（线下审查）」: a publication from before the app, reviewed on paper
    body: str = ""  # the full text its generated file shows (a posting's 正文), screened for personal data
    problem: str = ""  # why its register could not make it (a posting that cannot be rendered)
    # renders its generated file again with every text passed through the masker (masked export)
    remake: Callable[[Masker], bytes] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class LeftOut:
    """An item the builder did not put in the package, and why (shown in the preview)."""

    kind: str
    item_id: int
    title: str
    reason: str
    index_no: str = ""


class CatalogueSource(Protocol):
    def items(self, since: datetime | None) -> Iterable[CatalogueItem]:
        """Items changed at or after `since` (all items when None), in any order."""
        ...


@dataclass(frozen=True)
class StaticSource:
    """A fixed list of items: for tests, and the empty source before a register exists."""

    fixed: tuple[CatalogueItem, ...] = field(default_factory=tuple)

    def items(self, since: datetime | None) -> Iterable[CatalogueItem]:
        return [item for item in self.fixed if since is None or item.updated_at >= since]


@dataclass(frozen=True)
class CombinedSource:
    """Several registers as one source: a package carries documents, postings and decisions together."""

    sources: tuple[CatalogueSource, ...]

    def items(self, since: datetime | None) -> Iterable[CatalogueItem]:
        for source in self.sources:
            yield from source.items(since)


def cut_summary(text: str, limit: int) -> str:
    """内容概述: the text on one line, at most `limit` characters, never ending inside a cut number."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[:limit]
    if line[limit] in "0123456789０１２３４５６７８９Xx -－":
        cut = _CUT_NUMBER.sub("", cut)
    return cut


def item_values(item: CatalogueItem) -> dict[str, str]:
    """The catalogue columns as text, in COLUMNS order (dates as 2025-01-24)."""
    return {
        "kind": item.kind,
        "index_no": item.index_no,
        "title": item.title,
        "summary": item.summary,
        "created": item.created.isoformat() if item.created else "",
        "publisher": item.publisher,
        "doc_no": item.doc_no,
        "topic": item.topic,
        "genre": item.genre,
        "channels": item.channels,
        "validity": item.validity,
    }


def sheet_values(item: CatalogueItem) -> dict[str, str]:
    """`item_values` as the clerk reads them in 信息目录.xlsx: the 类别 in Chinese (公文, 公开栏张贴件 …)."""
    values = item_values(item)
    values["kind"] = KIND_LABELS.get(item.kind, item.kind)
    return values
