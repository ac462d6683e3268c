"""PDF pages as text layers and as 200-dpi images (pypdfium2, Apache/BSD; never PyMuPDF, which is AGPL)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import UserFacingError

if TYPE_CHECKING:
    from PIL.Image import Image

DPI = 200  # enough for 五号 print; the engine scales larger pages down anyway


@contextmanager
def opened_pdf(path: Path) -> Iterator[Any]:
    import pypdfium2 as pdfium  # type: ignore[import-untyped, unused-ignore]

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            what = "文件设了密码。请在 PDF 阅读器中去掉密码另存一份后再试"
        else:
            what = "文件已损坏或不是 PDF 文件。请换一份文件"
        raise UserFacingError(f"无法打开「{path.name}」：{what}，或手工填写。") from exc
    try:
        yield document
    finally:
        document.close()


def text_layer(document: Any, index: int) -> str:
    """The page's own text ("" for a scanned page), lines separated by \\n."""
    page = document[index]
    textpage = page.get_textpage()
    try:
        return str(textpage.get_text_range()).replace("\r\n", "\n").replace("\x00", "")
    finally:
        textpage.close()
        page.close()


def render(document: Any, index: int, dpi: int = DPI) -> Image:
    page = document[index]
    try:
        image: Image = page.render(scale=dpi / 72).to_pil()
        return image.convert("RGB")
    finally:
        page.close()
