"""Character error rate of OCR output against the text that was printed (tests, `bench --ocr-pages`)."""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")


def fitting_edits(expected: str, found: str) -> int:
    """Edits (insert, delete, replace) to turn `expected` into the best-matching stretch of `found`.

    The page's OCR text also holds the header, the folio and so on: what comes before or after the body
    costs nothing, so only the body's own errors count.
    """
    previous = [0] * (len(found) + 1)  # a match may start anywhere in `found`
    for i, wanted in enumerate(expected, 1):
        current = [i] + [0] * len(found)
        for j, got in enumerate(found, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (wanted != got))
        previous = current
    return min(previous)  # …and end anywhere


def character_error_rate(expected: str, found: str) -> float:
    """Edits per expected character, whitespace ignored on both sides (OCR splits lines differently)."""
    wanted, got = _SPACE.sub("", expected), _SPACE.sub("", found)
    return fitting_edits(wanted, got) / max(len(wanted), 1)
