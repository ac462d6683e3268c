"""The tokenizer's fast path (punctuation to spaces, NFKC only when needed) cuts exactly as the plain
character-by-character definition does, so a rebuilt index and an old one answer the same queries."""

from __future__ import annotations

import random
import unicodedata

from app.services.search.index import ngram_columns, segments


def reference_segments(value: str) -> list[tuple[bool, str]]:
    """The definition: NFKC + lower case, runs of letters/digits, split where Chinese meets non-Chinese."""
    pieces: list[tuple[bool, str]] = []
    word: list[str] = []
    for char in unicodedata.normalize("NFKC", value).lower() + " ":
        if char.isalnum():  # what the regex class [^\W_] means
            word.append(char)
            continue
        run, word = "".join(word), []
        start = 0
        for index in range(1, len(run) + 1):
            if index == len(run) or (ord(run[index]) >= 0x2E80) != (ord(run[start]) >= 0x2E80):
                pieces.append((ord(run[start]) >= 0x2E80, run[start:index]))
                start = index
    return pieces


def test_known_texts_are_cut_as_defined() -> None:
    assert segments("ＡＢ１２３镇abc府发〔2026〕3号") == [
        (False, "ab123"),
        (True, "镇"),
        (False, "abc"),
        (True, "府发"),
        (False, "2026"),
        (False, "3"),
        (True, "号"),
    ]
    assert ngram_columns("关于做好防汛工作的通知（2026）") == (
        "关于 于做 做好 好防 防汛 汛工 工作 作的 的通 通知 2026",
        "关 于 做 好 防 汛 工 作 的 通 知 2026",
    )
    assert ngram_columns("镇，™") == ("镇 tm", "镇 tm")


def test_random_text_is_cut_exactly_as_the_definition() -> None:
    rng = random.Random(24)
    ranges = [(0x20, 0x250), (0x2000, 0x2100), (0x2460, 0x2500), (0x3000, 0x3100), (0x4E00, 0x4E80),
              (0xFF00, 0xFFEF), (0x1D400, 0x1D420), (0x20000, 0x20010)]  # fmt: skip
    pool = [chr(code) for low, high in ranges for code in range(low, high)]
    for _ in range(5000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 40)))
        assert segments(text) == reference_segments(text), repr(text)
