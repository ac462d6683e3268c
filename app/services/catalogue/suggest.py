"""Which catalogue items a title probably answers: shared two-character runs (no word segmenter is
installed; Chinese titles share their key words as bigrams: 「预算」「决算」「低保」)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

TOP = 5
REASON_WORDS = 3
# Words every title and item shares: they say nothing about which item a document answers.
STOP_BIGRAMS = frozenset(
    "关于 通知 公告 公示 印发 有关 工作 情况 信息 公开 实施 方案 意见 办法 决定 批复 报告 年度 开展 进一步 "
    "一步 人民 政府 镇人 民政 做好 加强 事项 相关 内容 目录 其他".split()
)
_RUNS = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z0-9]+")

ItemRow = tuple[int, str, str, str, str]  # id, seq, 一级事项, 二级事项, 公开内容


@dataclass(frozen=True)
class Suggestion:
    item_id: int
    seq: str
    level1: str
    level2: str
    score: int  # shared two-character runs
    reason: str  # 「匹配：预算、决算」


def bigrams(text: str) -> set[str]:
    grams: set[str] = set()
    for run in _RUNS.findall(text):
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams - STOP_BIGRAMS


def matched_words(text: str, shared: set[str]) -> list[str]:
    """Stretches of `text` made of shared bigrams (「财政预算」, not 「财政」「预算」), longest first."""
    words: dict[str, None] = {}
    for run in _RUNS.findall(text):
        start = None
        for i in range(len(run) - 1):
            if run[i : i + 2] in shared:
                start = i if start is None else start
                continue
            if start is not None:
                words.setdefault(run[start : i + 1], None)
                start = None
        if start is not None:
            words.setdefault(run[start:], None)
    longest: list[str] = []
    for word in sorted(words, key=len, reverse=True):  # 「预算」 says nothing once 「财政预算」 is listed
        if not any(word in kept for kept in longest):
            longest.append(word)
    return longest


def rank(items: Sequence[ItemRow], title: str, topic: str = "") -> list[Suggestion]:
    """Best five by shared bigrams with 一级/二级事项 and 公开内容; the 二级事项 breaks ties (it is the
    narrower name)."""
    query_text = f"{title} {topic.replace(chr(92), ' ')}"
    query = bigrams(query_text)
    if not query:
        return []
    scored: list[tuple[int, int, int, Suggestion]] = []
    for item_id, seq, level1, level2, content in items:
        item_grams = bigrams(f"{level1} {level2} {content}")
        shared = query & item_grams
        if not shared:
            continue
        narrow = len(query & bigrams(level2))
        words = matched_words(query_text, shared)[:REASON_WORDS]
        suggestion = Suggestion(item_id, seq, level1, level2, len(shared), f"匹配：{'、'.join(words)}")
        scored.append((-len(shared), -narrow, len(scored), suggestion))
    scored.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in scored[:TOP]]
