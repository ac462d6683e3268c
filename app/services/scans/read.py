"""The text of every page of a scan, a photo or a PDF: the text layer where a page has one, OCR where not."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from app.errors import UserFacingError
from app.services.common import IsCancelled, Progress, check_cancel, never_cancelled, no_progress
from app.services.scans import engine, images, raster
from app.services.scans.engine import OcrLine

if TYPE_CHECKING:
    from PIL.Image import Image

SCAN_SUFFIXES = (".pdf", *images.IMAGE_SUFFIXES)


@dataclass(frozen=True)
class PageText:
    page: int  # 1-based, as the clerk counts
    text: str  # lines separated by \n; pieces of one printed line joined by a space
    source: Literal["text", "ocr"]  # "text": the PDF's own text layer; "ocr": recognised from the image
    lines: tuple[OcrLine, ...] = ()  # the recognised lines with their boxes (OCR pages only)


def rows(lines: list[OcrLine]) -> list[list[OcrLine]]:
    """Lines that sit side by side on the page (签发人 beside the 文号, a right-hand date) form one row."""
    grouped: list[list[OcrLine]] = []
    for line in sorted(lines, key=lambda item: (item.top, item.left)):
        row = grouped[-1] if grouped else None
        if row is not None and line.top < (row[0].top + row[0].bottom) / 2:
            row.append(line)
        else:
            grouped.append([line])
    return [sorted(row, key=lambda item: item.left) for row in grouped]


def ocr_page(number: int, image: Image) -> PageText:
    lines = engine.recognise(image)
    text = "\n".join(" ".join(line.text for line in row) for row in rows(lines))
    return PageText(number, text, "ocr", tuple(lines))


def _progress(progress: Progress, done: int, total: int, name: str) -> None:
    progress(done * 100 // max(total, 1), f"正在读取「{name}」第 {done + 1}/{total} 页…")


def _pdf_pages(path: Path, progress: Progress, is_cancelled: IsCancelled) -> list[PageText]:
    result = []
    with raster.opened_pdf(path) as document:
        total = len(document)
        for index in range(total):
            check_cancel(is_cancelled)
            _progress(progress, index, total, path.name)
            text = raster.text_layer(document, index)
            if text.strip():  # a page with its own text is read as is; only empty ones are scans
                result.append(PageText(index + 1, text.strip(), "text"))
            else:
                result.append(ocr_page(index + 1, raster.render(document, index)))
    return result


def _image_pages(path: Path, progress: Progress, is_cancelled: IsCancelled) -> list[PageText]:
    result = []
    with images.opened_image(path) as picture:
        total = images.frame_count(picture)
        for index in range(total):
            check_cancel(is_cancelled)
            _progress(progress, index, total, path.name)
            try:
                page = images.frame(picture, index)
            except (OSError, ValueError) as exc:  # a truncated JPEG, a TIFF page in an odd encoding
                raise UserFacingError(f"「{path.name}」第 {index + 1} 页无法读取：图片可能已损坏。") from exc
            result.append(ocr_page(index + 1, page))
    return result


def read_pages(
    path: Path, progress: Progress = no_progress, is_cancelled: IsCancelled = never_cancelled
) -> list[PageText]:
    """Every page's text; progress once a page, and CancelledError between pages when the clerk cancels.

    OCR takes 1–3 s a page on a 2-core PC: call it through the task runner, never on the window's thread.
    """
    suffix = path.suffix.lower()
    if suffix not in SCAN_SUFFIXES:
        raise UserFacingError(f"「{path.name}」不是 PDF 或图片文件，无法识别文字。")
    if not path.is_file():
        raise UserFacingError(f"找不到文件「{path}」，请确认文件还在原来的位置。")
    reader = _pdf_pages if suffix == ".pdf" else _image_pages
    pages = reader(path, progress, is_cancelled)
    progress(100, f"「{path.name}」已读完。")
    return pages
