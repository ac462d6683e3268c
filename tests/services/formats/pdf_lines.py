"""Text lines of a PDF page with their positions in mm from the top-left corner (pypdfium2)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PT_MM = 25.4 / 72


@dataclass
class Line:
    text: str
    left: float  # mm from the paper's left edge (character boxes)
    right: float
    ink_top: float  # mm from the paper's top edge (glyph ink)
    ink_bottom: float
    ink: dict[str, tuple[float, float]]  # character → its glyph's top and bottom (the last one seen)

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


def pdf_lines(path: Path) -> list[list[Line]]:
    """Every page's lines, top to bottom; characters are grouped by the middle of their boxes."""
    import pypdfium2 as pdfium  # type: ignore[import-not-found, unused-ignore]

    pages: list[list[Line]] = []
    document = pdfium.PdfDocument(str(path))
    for page in document:
        height = page.get_size()[1]
        text_page = page.get_textpage()
        rows: list[tuple[float, list[tuple[float, float, str, float, float]]]] = []
        for index in range(text_page.count_chars()):
            char = text_page.get_text_range(index, 1)
            if not char.strip():
                continue
            left, bottom, right, top = text_page.get_charbox(index, loose=True)
            _l, ink_bottom, _r, ink_top = text_page.get_charbox(index, loose=False)
            middle = (height - (bottom + top) / 2) * PT_MM
            box = (
                left * PT_MM,
                right * PT_MM,
                char,
                (height - ink_top) * PT_MM,
                (height - ink_bottom) * PT_MM,
            )
            row = next((chars for mid, chars in rows if abs(mid - middle) < 2.5), None)
            if row is None:
                rows.append((middle, [box]))
            else:
                row.append(box)
        lines = []
        for _middle, chars in sorted(rows):
            chars.sort()
            lines.append(
                Line(
                    "".join(c[2] for c in chars),
                    chars[0][0],
                    chars[-1][1],
                    min(c[3] for c in chars),
                    max(c[4] for c in chars),
                    {c[2]: (c[3], c[4]) for c in chars},
                )
            )
        pages.append(lines)
    document.close()
    return pages
