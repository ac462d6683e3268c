"""公开栏 postings as PDF in the GB/T 9704-2012 layout; one posting or a batch in one print job."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LayoutError,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from app.errors import UserFacingError
from app.services.common import IsCancelled, Progress, check_cancel, never_cancelled, no_progress
from app.services.posting_layout import GLYPH_TOP
from app.services.posting_page import (
    MAX_TITLE,
    PAGE_NUMBER_GAP_MM,
    PAGE_NUMBER_PT,
    Fonts,
    Geometry,
    Paper,
    PostingContent,
    period_sentence,
    validate_content,
)
from app.services.posting_story import split_blocks, story_for

__all__ = [
    "MAX_TITLE",
    "Paper",
    "PostingContent",
    "period_sentence",
    "render_batch",
    "render_pdf",
    "split_blocks",
    "validate_content",
    "write_pdf",
]


class _PostingStart(Flowable):  # type: ignore[misc]
    """Zero-height marker: page numbers restart at 1 for each posting of a batch."""

    def __init__(self, doc: _PostingDoc) -> None:
        super().__init__()
        self.doc = doc

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.doc.first_page = self.canv.getPageNumber()


class _PostingDoc(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, target: io.BytesIO, fonts: Fonts, title: str, first: Paper) -> None:
        super().__init__(target, title=title, creator="政务公开工作台", pagesize=Geometry.of(first).page)
        self.fonts, self.first_page = fonts, 1
        templates = []
        for paper in sorted(Paper, key=lambda paper: paper is not first):  # the first template starts
            geometry = Geometry.of(paper)
            x, y, width, height = geometry.block
            frame = Frame(x, y, width, height, 0, 0, 0, 0, id=paper.value)
            templates.append(
                PageTemplate(
                    id=paper.value,
                    frames=[frame],
                    pagesize=geometry.page,
                    onPageEnd=lambda canvas, doc, g=geometry: self._page_number(canvas, g),
                )
            )
        self.addPageTemplates(templates)

    def _page_number(self, canvas: Any, geometry: Geometry) -> None:
        """「— n —」, 4号宋体, its top 7 mm below the 版心; odd pages right, even left (one character in)."""
        number = canvas.getPageNumber() - self.first_page + 1
        size = PAGE_NUMBER_PT * geometry.scale
        x, y, width, _height = geometry.block
        baseline = y - geometry.pt(PAGE_NUMBER_GAP_MM) - size * GLYPH_TOP
        text = f"— {number} —"
        canvas.setFont(self.fonts.song, size)
        if number % 2:
            canvas.drawRightString(x + width - size, baseline, text)
        else:
            canvas.drawString(x + size, baseline, text)


def render_batch(
    contents: Sequence[PostingContent],
    progress: Progress = no_progress,
    is_cancelled: IsCancelled = never_cancelled,
) -> bytes:
    """All postings in one PDF (one print job), each starting on a new sheet with its own page numbers."""
    if not contents:
        raise UserFacingError("没有要打印的张贴件。")
    fonts = Fonts.load()
    buffer = io.BytesIO()
    checked = [validate_content(content) for content in contents]
    title = checked[0].title if len(checked) == 1 else "公开栏张贴件"
    doc = _PostingDoc(buffer, fonts, title, checked[0].paper)
    story: list[Flowable] = []
    for index, content in enumerate(checked):
        check_cancel(is_cancelled)
        if index:
            story += [NextPageTemplate(content.paper.value), PageBreak()]
        story.append(_PostingStart(doc))
        story += story_for(content, Geometry.of(content.paper), fonts)
        progress(min(90, 90 * (index + 1) // len(contents)), f"已排版 {index + 1} 件")
    try:
        doc.build(story)
    except LayoutError:
        raise UserFacingError(
            "有一个表格行的内容太长，一页排不下。请把这一行拆成几行，或把长段文字移到表格外面。"
        ) from None
    progress(100, "已生成 PDF")
    return buffer.getvalue()


def render_pdf(content: PostingContent) -> bytes:
    return render_batch([content])


def write_pdf(data: bytes, target: Path) -> Path:
    """Temp name in the same folder, then rename: a failed write never leaves half a PDF."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".writing-", suffix=".pdf", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
    except PermissionError:
        Path(temp).unlink(missing_ok=True)
        raise UserFacingError(f"无法写入「{target.name}」：文件可能正在打开，请关闭后重试。") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target
