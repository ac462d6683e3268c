"""公开栏 postings as a catalogue source: a posting is published once `mark_posted` passed the gate.

Its file in the package is the posting itself, rendered by `posting_pdf` and kept in the attachment store
(with an `attachments` row, so the data check never treats it as an orphan). Rendering takes ~0.2 s a
posting, so a small cache file remembers which PDF belongs to which version of each posting.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime
from functools import partial
from pathlib import Path

from reportlab import rl_config
from sqlalchemy import select

from app import __version__
from app.models import Attachment
from app.models.posting import Posting
from app.services.common import SessionFactory
from app.services.export.catalogue.base import PROACTIVE, CatalogueFile, CatalogueItem, cut_summary
from app.services.formats.atomic import PRIVATE, atomic_write
from app.services.postings.page import MAX_TABLE_COLUMNS, PostingContent
from app.services.postings.pdf import render_pdf
from app.services.postings.story import split_blocks
from app.services.privacy.detector import Masker
from app.services.review.gate import ever_cleared
from app.services.storage.attachments import AttachmentStore

BATCH = 500
SUMMARY_CHARS = 120  # 内容概述: the opening of the notice, enough to recognise it in the catalogue
WIDE_TABLE = MAX_TABLE_COLUMNS  # the editor's own limit: a wider table was saved by an earlier version
CACHE_NAME = ".posting-pdfs.json"  # in the attachment store; losing it only costs re-rendering
log = logging.getLogger("zwgk.export")


def index_no(org_code: str, kind_code: str, year: int, item_id: int) -> str:
    """索引号 in the documents' shape 「机构代码/年份-流水号」, with the register's letter code."""
    return f"{org_code or '本单位'}/{year}-{kind_code}{item_id:05d}"


def render_invariant(content: PostingContent) -> bytes:
    """The same posting always renders to the same bytes, so an unchanged posting is not re-sent."""
    before = rl_config.invariant
    rl_config.invariant = 1
    try:
        return render_pdf(content)
    finally:
        rl_config.invariant = before


class PostingCatalogueSource:
    def __init__(
        self,
        sessions: SessionFactory,
        store: AttachmentStore,
        content: Callable[[int], PostingContent],
        org_code: str = "",
        publisher: str = "",
    ) -> None:
        self._sessions, self._store, self._content = sessions, store, content
        self._org, self._publisher = org_code, publisher
        self._cache_path = store.root / CACHE_NAME
        self._cache: dict[str, list[object]] = {}
        self._dirty = False

    def items(self, since: datetime | None) -> Iterator[CatalogueItem]:
        query = select(Posting).order_by(Posting.id)  # unposted ones too: the preview says why not
        if since is not None:
            query = query.where(Posting.updated_at >= since)
        with self._sessions() as session:
            rows = list(session.scalars(query.execution_options(yield_per=BATCH)))
            session.expunge_all()
            posted = [row.id for row in rows if row.posted_at is not None]
            reviewed = ever_cleared(session, "posting", posted)
        self._cache, self._dirty = self._read_cache(), False
        try:
            yield from self._items(rows, reviewed)
        finally:
            if self._dirty:
                self._write_cache()

    def _items(self, rows: list[Posting], reviewed: set[int]) -> Iterator[CatalogueItem]:
        for row in rows:
            published = row.posted_at is not None
            problem = ""
            files: tuple[CatalogueFile, ...] = ()
            if published and row.id in reviewed:  # unreviewed: the gate refuses it, no PDF to render
                try:
                    files = (self._pdf(row),)
                except Exception as error:  # one posting that cannot be rendered must not stop the package
                    log.exception("posting %s cannot be rendered for the export", row.id)
                    problem = unrenderable(row.body, error)
            day = row.signed_on or row.period_start
            yield CatalogueItem(
                kind="posting",
                item_id=row.id,
                index_no=index_no(self._org, "ZT", day.year, row.id),
                title=row.title,
                summary=cut_summary(row.body, SUMMARY_CHARS),
                created=day,
                publisher=row.unit or self._publisher,
                doc_no="",
                topic="",
                genre="公告公示",
                channels="政务公开栏",
                validity="有效",
                files=files,
                updated_at=row.updated_at,
                disclosure=PROACTIVE,
                published=published,
                body="\n".join((row.body, row.phone)),  # all the PDF shows besides title and 落款
                problem=problem,
                remake=partial(self._masked, row.id),
            )

    def _masked(self, posting_id: int, masker: Masker) -> bytes:
        """The posting rendered with its text masked (a masked export; not cached)."""
        content = self._content(posting_id)
        return render_invariant(
            replace(
                content,
                title=masker(content.title),
                body=masker(content.body),
                unit=masker(content.unit),
                phone=masker(content.phone),
            )
        )

    def _pdf(self, row: Posting) -> CatalogueFile:
        key = f"{row.id}@{row.updated_at.isoformat()}@{__version__}"
        cached = self._cache.get(key)
        if cached is not None and len(cached) == 3:
            sha, name, size = str(cached[0]), str(cached[1]), cached[2]
            if isinstance(size, int) and self._store.path_of(sha).is_file():
                return CatalogueFile(sha, name, size, generated=True)
        made = self._render(row)
        for old in [k for k in self._cache if k.startswith(f"{row.id}@")]:  # an earlier version's PDF
            del self._cache[old]
        self._cache[key] = [made.sha256, made.original_name, made.size]
        self._dirty = True
        return made

    def _read_cache(self) -> dict[str, list[object]]:
        try:
            with self._cache_path.open(encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError):
            return {}
        return {str(k): v for k, v in data.items() if isinstance(v, list)} if isinstance(data, dict) else {}

    def _write_cache(self) -> None:
        content = json.dumps(self._cache, ensure_ascii=False)
        try:
            prefix = ".incoming-posting-pdfs-"  # in the attachment folder, known to its clean-up
            with atomic_write(self._cache_path, prefix=prefix, suffix="", mode=PRIVATE) as temp:
                temp.write_text(content, encoding="utf-8")
        except OSError:  # a cache that cannot be written only means rendering again next time
            pass

    def _render(self, row: Posting) -> CatalogueFile:
        data = render_invariant(self._content(row.id))
        name = f"{row.title[:80]}.pdf"
        fd, temp = tempfile.mkstemp(prefix=".posting-", suffix=".pdf")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            sha, size = self._store.store_blob(Path(temp))
        finally:
            Path(temp).unlink(missing_ok=True)
        with self._sessions.begin() as session:
            known = session.scalar(select(Attachment.id).where(Attachment.sha256 == sha).limit(1))
            if known is None:  # referenced, so the orphan clean-up keeps it
                session.add(
                    Attachment(sha256=sha, original_name=name, size=size, media_type="application/pdf")
                )
        return CatalogueFile(sha, name, size, generated=True)


def unrenderable(body: str, error: Exception) -> str:
    """Why a posting is left out of the package when its PDF cannot be made, and what to change."""
    widest = max((len(block[0]) for block in split_blocks(body) if isinstance(block, list)), default=0)
    if widest > WIDE_TABLE:
        return (
            f"张贴件无法生成 PDF：正文中的表格有 {widest} 列，一页宽度排不下。"
            f"请在「公开栏」中把它拆成几张不超过 {WIDE_TABLE} 列的表后再导出；其他信息照常上报"
        )
    return (
        f"张贴件无法生成 PDF（{type(error).__name__}），请在「公开栏」中预览这件张贴件找出原因；"
        "其他信息照常上报"
    )
