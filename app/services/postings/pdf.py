"""公开栏 postings as PDF in the GB/T 9704-2012 layout; one posting or a batch in one print job.

A posting whose 保密审查 does not approve exactly its text prints 「未经保密审查 不得张贴」 across every page
(light grey, diagonal), so an unreviewed draft can never pass for a notice (先审查、后公开, issue 19).
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
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
from app.services.formats.atomic import atomic_write
from app.services.postings.layout import GLYPH_TOP
from app.services.postings.page import (
    PAGE_NUMBER_GAP_MM,
    PAGE_NUMBER_PT,
    Fonts,
    Geometry,
    Paper,
    PostingContent,
    validate_content,
)
from app.services.postings.story import story_for

UNREVIEWED_MARK = "未经保密审查 不得张贴"
MARK_GREY, MARK_ALPHA = 0.5, 0.4  # light enough to read the notice through, plain on a photocopy
MARK_SPAN = 0.8  # of the page diagonal


class _PostingStart(Flowable):  # type: ignore[misc]
    """Zero-height marker: page numbers restart at 1 for each posting of a batch, and its pages carry the
    unreviewed mark or not."""

    def __init__(self, doc: _PostingDoc, reviewed: bool) -> None:
        super().__init__()
        self.doc, self.reviewed = doc, reviewed

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.doc.first_page = self.canv.getPageNumber()
        self.doc.marked = not self.reviewed


class _PostingDoc(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, target: io.BytesIO, fonts: Fonts, title: str, first: Paper) -> None:
        super().__init__(target, title=title, creator="政务公开工作台", pagesize=Geometry.of(first).page)
        self.fonts, self.first_page, self.marked = fonts, 1, True
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
                    onPageEnd=lambda canvas, doc, g=geometry: self._page_end(canvas, g),
                )
            )
        self.addPageTemplates(templates)

    def _page_end(self, canvas: Any, geometry: Geometry) -> None:
        self._page_number(canvas, geometry)
        if self.marked:
            self._unreviewed_mark(canvas, geometry)

    def _unreviewed_mark(self, canvas: Any, geometry: Geometry) -> None:
        """「未经保密审查 不得张贴」 along the page diagonal, over the text but light and see-through."""
        width, height = geometry.page
        size = (
            MARK_SPAN * math.hypot(width, height) / pdfmetrics.stringWidth(UNREVIEWED_MARK, self.fonts.hei, 1)
        )
        canvas.saveState()
        canvas.setFillGray(MARK_GREY)
        canvas.setFillAlpha(MARK_ALPHA)
        canvas.setFont(self.fonts.hei, size)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(math.degrees(math.atan2(height, width)))
        canvas.drawCentredString(0, -size * 0.35, UNREVIEWED_MARK)
        canvas.restoreState()

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
        story.append(_PostingStart(doc, content.reviewed))
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
    try:
        with atomic_write(target, prefix=".writing-", suffix=".pdf") as temp:
            temp.write_bytes(data)
    except PermissionError:
        raise UserFacingError(f"无法写入「{target.name}」：文件可能正在打开，请关闭后重试。") from None
    return target
