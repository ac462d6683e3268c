"""Read back a generated PDF: text spans with position and effective font size (pypdf visitor_text)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader

MM = 72 / 25.4


@dataclass(frozen=True)
class Span:
    text: str
    x: float  # points from the left edge
    y: float  # baseline, points from the bottom edge
    size: float
    font: str


def spans(data: bytes) -> list[list[Span]]:
    """Per page, every non-blank text chunk in drawing order."""
    pages: list[list[Span]] = []
    for page in PdfReader(io.BytesIO(data)).pages:
        found: list[Span] = []

        def visit(
            text: str, cm: list[float], tm: list[float], font: object, size: float, found: list[Span] = found
        ) -> None:
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = abs(tm[3] * cm[3]) or 1.0
            name = str(font.get("/BaseFont", "")) if isinstance(font, dict) else ""
            found.append(Span(text.strip("\n"), x, y, size * scale, name))

        page.extract_text(visitor_text=visit)
        pages.append(found)
    return pages


def lines_of(page: list[Span], size: float) -> list[str]:
    """Text lines of one font size, top to bottom (chunks on one baseline joined)."""
    by_y: dict[float, list[Span]] = {}
    for span in page:
        if abs(span.size - size) < 0.1:
            by_y.setdefault(round(span.y, 1), []).append(span)
    return ["".join(s.text for s in sorted(by_y[y], key=lambda s: s.x)) for y in sorted(by_y, reverse=True)]


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(io.BytesIO(data)).pages]


def embedded_fonts(data: bytes) -> dict[str, bool]:
    """BaseFont → whether its descriptor carries an embedded TrueType program (FontFile2)."""
    result: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            result[str(font["/BaseFont"])] = bool(descriptor and "/FontFile2" in descriptor.get_object())
    return result
