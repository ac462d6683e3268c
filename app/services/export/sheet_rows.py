"""The rows of 信息目录.xlsx as worksheet XML, written directly: openpyxl's cell objects cost ~0.4 ms a row,
the largest per-item cost of an export (issue 24). Same cells as `formats.xlsx.sheet_cell` gives text:
inline strings (text stays text, never a formula), illegal control characters dropped, Excel's cell limit."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from app.services.formats.xlsx import MAX_CELL_CHARS

# what openpyxl drops from a cell (its ILLEGAL_CHARACTERS_RE): XML 1.0 cannot carry these
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, value: str) -> str:
    text = _ILLEGAL.sub("", value)[:MAX_CELL_CHARS]
    if not text:
        return f'<c r="{ref}" t="inlineStr"></c>'
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}" t="inlineStr"><is><t{space}>{text.translate(_ESCAPES)}</t></is></c>'


def rows_xml(rows: Iterable[Sequence[str]], first: int = 2) -> bytes:
    """`<row>` elements for text rows, numbered from `first` (row 1 is the header)."""
    parts: list[str] = []
    letters: list[str] = []
    for number, row in enumerate(rows, start=first):
        while len(letters) < len(row):
            letters.append(column_letter(len(letters)))
        cells = "".join(_cell(f"{letters[i]}{number}", value) for i, value in enumerate(row))
        parts.append(f'<row r="{number}">{cells}</row>')
    return "".join(parts).encode("utf-8")
