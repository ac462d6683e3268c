"""Chinese line breaking on the GB/T 9704 character grid, as reportlab flowables.

reportlab's own CJK wrapping cannot keep exactly 28 characters a line and justify both edges, so body
paragraphs are set here: fixed pitch (版心 width ÷ 28), 禁则 (closing punctuation never starts a line,
opening punctuation never ends one), Latin words and numbers never split, every line but the last
stretched to the full width.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

# 禁则 (GB/T 15834 practice): these may not start a line …
NO_START = frozenset("，。、；：？！）」』》〉】〕］｝”’…—·%‰℃,.;:?!)]}>％～〗")
# … and these may not end one.
NO_END = frozenset("（「『《〈【〔［｛“‘([{<〖")
_TOKEN = re.compile(r"[A-Za-z0-9@#&_+\-./:%'’]+| |.", re.DOTALL)
GLYPH_TOP = 0.88  # CJK glyph body above the baseline, in em (used to centre a line in its leading)
GLYPH_MIDDLE = 0.38

_widths: dict[str, dict[str, float]] = {}


def char_width(font: str, char: str) -> float:
    """Advance width in em, cached per font (stringWidth per character is too slow for 100 postings)."""
    table = _widths.setdefault(font, {})
    width = table.get(char)
    if width is None:
        width = table[char] = pdfmetrics.stringWidth(char, font, 1000) / 1000
    return width


@dataclass(frozen=True)
class Run:
    text: str
    font: str


@dataclass
class Line:
    runs: list[Run]
    natural: float  # width at the grid pitch, in points
    chars: int
    x: float = 0.0  # offset from the frame's left edge
    justify: bool = False


@dataclass
class GridStyle:
    size: float
    leading: float
    pitch: float  # the advance of one full-width character on the grid
    indent_chars: float = 2
    align: str = "justify"  # justify | left | center | right
    right_chars: float = 0


@dataclass
class _Token:
    text: str
    font: str
    width: float
    chars: int = field(default=0)


def _tokens(runs: list[Run], style: GridStyle) -> list[_Token]:
    squeeze = style.pitch - style.size  # per-character adjustment that puts 28 characters on a line
    tokens: list[_Token] = []
    for run in runs:
        for match in _TOKEN.finditer(run.text):
            text = match.group()
            width = sum(char_width(run.font, c) for c in text) * style.size + squeeze * len(text)
            tokens.append(_Token(text, run.font, width, len(text)))
    return tokens


def _split_long(token: _Token, limit: float, style: GridStyle) -> list[_Token]:
    """A Latin word longer than a line (a URL) is cut where it must be."""
    parts: list[_Token] = []
    current, width = "", 0.0
    squeeze = style.pitch - style.size
    for char in token.text:
        advance = char_width(token.font, char) * style.size + squeeze
        if current and width + advance > limit:
            parts.append(_Token(current, token.font, width, len(current)))
            current, width = "", 0.0
        current, width = current + char, width + advance
    parts.append(_Token(current, token.font, width, len(current)))
    return parts


def _merge(tokens: list[_Token]) -> list[Run]:
    runs: list[Run] = []
    for token in tokens:
        if runs and runs[-1].font == token.font:
            runs[-1] = Run(runs[-1].text + token.text, token.font)
        else:
            runs.append(Run(token.text, token.font))
    return runs


def break_lines(runs: list[Run], width: float, style: GridStyle) -> list[Line]:
    """Greedy fill with 禁则 by pushing back (never by hanging into the margin)."""
    tolerance = style.pitch * 0.01
    pending: list[_Token] = []
    for token in _tokens(runs, style):
        pending.extend(_split_long(token, width, style) if token.width > width else [token])
    lines: list[list[_Token]] = []
    first_indent = style.indent_chars * style.pitch
    right = style.right_chars * style.pitch
    current: list[_Token] = []
    used = 0.0
    index = 0
    while index < len(pending):
        token = pending[index]
        limit = width - right - (first_indent if not lines else 0.0)
        if not current and token.text == " ":
            index += 1  # no leading space on a wrapped line
            continue
        if used + token.width <= limit + tolerance or not current:
            current.append(token)
            used += token.width
            index += 1
            continue
        # `token` must start the next line: fix 禁则 by moving tokens down from the current line.
        keep = _keep_count(current, token)
        lines.append(current[:keep])
        index -= len(current) - keep
        current, used = [], 0.0
    if current:
        lines.append(current)
    return [_line(tokens, i, len(lines), width, style) for i, tokens in enumerate(lines)]


def _keep_count(current: list[_Token], following: _Token) -> int:
    """How many tokens stay on the full line so the next one starts and this one ends legally."""

    def legal(keep: int) -> bool:
        starts = current[keep] if keep < len(current) else following
        return starts.text[0] not in NO_START and current[keep - 1].text[-1] not in NO_END

    for keep in range(len(current), 0, -1):
        if legal(keep):
            return keep
    return len(current)  # nothing legal (a line of punctuation): break where it fills


def _line(tokens: list[_Token], number: int, count: int, width: float, style: GridStyle) -> Line:
    while tokens and tokens[-1].text == " ":
        tokens = tokens[:-1]
    natural = sum(t.width for t in tokens)
    chars = sum(t.chars for t in tokens)
    indent = style.indent_chars * style.pitch if number == 0 else 0.0
    room = width - style.right_chars * style.pitch
    x = indent
    if style.align == "center":
        x = (width - natural) / 2
    elif style.align == "right":
        x = room - natural
    justify = style.align == "justify" and number < count - 1 and chars > 1
    return Line(_merge(tokens), natural, chars, x, justify)


def balanced_lines(runs: list[Run], width: float, style: GridStyle) -> list[Line]:
    """A centred title of several lines gets lines of about equal length (no 「象的公示」 orphan)."""
    lines = break_lines(runs, width, style)
    if len(lines) < 2:
        return lines
    low, high = width / len(lines), width
    while high - low > style.pitch / 4:
        middle = (low + high) / 2
        if len(break_lines(runs, middle, style)) <= len(lines):
            high = middle
        else:
            low = middle
    narrow = break_lines(runs, high, style)
    for line in narrow:
        line.x = (width - line.natural) / 2
    return narrow


class GridParagraph(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """A paragraph set on the grid; splits between lines so long texts flow across pages."""

    def __init__(self, runs: list[Run], style: GridStyle, lines: list[Line] | None = None) -> None:
        super().__init__()
        self.runs, self.style = runs, style
        self._lines = lines
        self._for_width = -1.0

    def lines(self, width: float) -> list[Line]:
        if self._lines is None or (self._for_width != width and self._for_width >= 0):
            breaker = balanced_lines if self.style.align == "center" else break_lines
            self._lines = breaker(self.runs, width, self.style)
            self._for_width = width
        return self._lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = len(self.lines(avail_width)) * self.style.leading
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        lines = self.lines(avail_width)
        fits = int(avail_height // self.style.leading)
        if fits <= 0 or fits >= len(lines):
            return [] if fits <= 0 else [self]
        head = GridParagraph(self.runs, self.style, lines[:fits])
        tail = GridParagraph(self.runs, self.style, lines[fits:])
        head._for_width = tail._for_width = -1.0  # fixed lines: never re-broken
        return [head, tail]

    def draw(self) -> None:
        style, canvas = self.style, self.canv
        squeeze = style.pitch - style.size
        top = self.height
        for number, line in enumerate(self.lines(self.width)):
            baseline = top - number * style.leading - style.leading / 2 - style.size * GLYPH_MIDDLE
            spacing = squeeze
            if line.justify:  # last glyph's right edge exactly on the right edge of the 版心
                room = self.width - line.x - style.right_chars * style.pitch
                glyphs = line.natural - squeeze * line.chars
                spacing = (room - glyphs) / (line.chars - 1)
            text = canvas.beginText(line.x, baseline)
            text.setCharSpace(spacing)
            for run in line.runs:
                text.setFont(run.font, style.size)
                text.textOut(run.text)
            canvas.drawText(text)


def plain(text: str, font: str) -> list[Run]:
    return [Run(text, font)]
