"""Fixes for the characters the Chinese OCR models misread in official documents."""

from __future__ import annotations

import re

# GB/T 9704-2012 7.2.4: a 发文字号's year sits in 六角括号 〔〕; the engine reads them as [】【] now and then.
_YEAR_BRACKETS = re.compile(r"([\[【〔［（(])\s*((?:19|20)\d{2})\s*([\]】〕］）)])")
_ROUND = frozenset("（()）")


def _year(match: re.Match[str]) -> str:
    opening, year, closing = match.groups()
    if opening in _ROUND and closing in _ROUND:  # （2026）苏0102民初1号: a court case number keeps them
        return match.group(0)
    return f"〔{year}〕"


def normalise_line(text: str) -> str:
    """One recognised line with 〔年份〕 brackets and 、 restored (丶 is the radical, never used in prose)."""
    return _YEAR_BRACKETS.sub(_year, text.replace("丶", "、")).strip()
