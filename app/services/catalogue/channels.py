"""公开渠道和载体: the canonical names a catalogue's channels are kept under, and the wordings that mean them.

条例第二十三、二十五条 name 政府网站, 政务新媒体, 公开查阅点, 公告栏 and 电子信息屏 as separate carriers, so
电子屏 stays a channel of its own rather than folding into 公示栏. A name not listed is kept as written.
"""

from __future__ import annotations

import re

WEBSITE, NEW_MEDIA, READING_POINT, SERVICE_STATION, BOARD, SCREEN = (
    "政府网站",
    "政务新媒体",
    "公开查阅点",
    "便民服务站",
    "公示栏",
    "电子屏",
)
CANONICAL = (WEBSITE, NEW_MEDIA, READING_POINT, SERVICE_STATION, BOARD, SCREEN)

ALIASES: dict[str, str] = {
    "网站": WEBSITE,
    "门户网站": WEBSITE,
    "政府门户网站": WEBSITE,
    "政府网": WEBSITE,
    "新媒体": NEW_MEDIA,
    "微信公众号": NEW_MEDIA,
    "政务微信": NEW_MEDIA,
    "政务微博": NEW_MEDIA,
    "政府信息公开查阅点": READING_POINT,
    "信息公开查阅点": READING_POINT,
    "查阅点": READING_POINT,
    "便民服务中心": SERVICE_STATION,
    "便民服务点": SERVICE_STATION,
    "村（居）公示栏": BOARD,
    "村(居)公示栏": BOARD,
    "村务公开栏": BOARD,
    "公开栏": BOARD,
    "单位公示栏": BOARD,
    "公告栏": BOARD,
    "信息公告栏": BOARD,
    "电子信息屏": SCREEN,
    "电子显示屏": SCREEN,
}
_BOARD_ENDINGS = ("公示栏", "公开栏", "公告栏")
SEPARATORS = re.compile(r"[、，,;；\s]+")
_SPACE = re.compile(r"\s+")


def normalise(name: str) -> str:
    """「门户网站」 → 政府网站; 「单位/村委会公示栏（电子屏）」 → 公示栏; others as written."""
    text = _SPACE.sub("", name)
    if text in CANONICAL:
        return text
    if text in ALIASES:
        return ALIASES[text]
    bare = re.sub(r"[（(][^）)]*[）)]$", "", text)  # 「公示栏（电子屏）」: the carrier named first counts
    if bare != text:
        return normalise(bare)
    if text.endswith(_BOARD_ENDINGS):
        return BOARD
    return text


def split_channels(text: str) -> tuple[str, ...]:
    """A text column 「政府网站、政务新媒体、公示栏」 → the canonical names, in order, each once. A slash
    splits too (「网站/新媒体」), except inside one board's name (「单位/村委会公示栏（电子屏）」)."""
    names: list[str] = []
    for part in SEPARATORS.split(text):
        pieces = part.split("/")
        if normalise(part) == BOARD and not all(normalise(piece) in CANONICAL for piece in pieces):
            pieces = [part]
        for piece in pieces:
            name = normalise(piece)
            if name and name not in names:
                names.append(name)
    return tuple(names)


def join(channels: tuple[str, ...]) -> str:
    return "、".join(channels)


def parse_stored(text: str) -> tuple[str, ...]:
    return tuple(part for part in text.split("、") if part)
