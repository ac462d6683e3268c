"""The metadata block of a policy page saved from a government site (政府信息公开目录 / 政策文件库).

Such a page puts 「索引号 / 主题分类 / 发文机关 / 成文日期 / 标题 / 发文字号 / 发布日期」
(or 「索取号 / 发布机构 / 印发日期 / 文号」) above the body: one field a line, several a line separated
by tabs, or the label and its value on consecutive lines (a table copied cell by cell). The block names
the document's own fields, so it wins over anything the body quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.services.formats.chinese import DateError, parse_date
from app.services.formats.doc_numbers import suggest

# RULES §7.2: the 目录系统实施指引's core metadata, under the labels real pages give them.
TITLE_LABELS = ("标题", "名称", "文件名称")
NUMBER_LABELS = ("发文字号", "文号")
PUBLISHER_LABELS = ("发文机关", "发布机构", "发文单位", "制发机关")
# 成文日期 first; county sites show 印发日期 / 发文日期 in its place. 发布日期 (the web date) is never used.
WRITTEN_LABELS = ("成文日期", "印发日期", "发文日期", "发文时间")
OTHER_LABELS = (
    "索引号", "索取号", "主题分类", "发布日期", "生成日期", "公开日期", "有效性", "公开方式", "公开范围",
    "公开形式", "体裁分类", "组配分类", "服务对象分类", "主题词", "关键词", "登记号", "统一编号", "信息来源",
    "来源", "公开时限", "内容概述", "时效",
)  # fmt: skip
LABELS = TITLE_LABELS + NUMBER_LABELS + PUBLISHER_LABELS + WRITTEN_LABELS + OTHER_LABELS
BLOCK_SPAN = 30  # the block sits near the top: look no further
MIN_FIELDS = 2  # two labelled lines make a block; one 「来源：」 line in a letter does not
_SPACES = r"[\s\u3000]*"
_LABEL = re.compile(
    "(?:^|(?<=[\\s\u3000|｜]))("
    + "|".join(_SPACES.join(label) for label in sorted(LABELS, key=len, reverse=True))
    + f"){_SPACES}[:：]"
)
_EMPTY = re.compile(r"^[\s\u3000\-—－/／无暂]*$")


@dataclass(frozen=True)
class PageBlock:
    """The fields a page states about itself; empty where it is silent. `first`/`last`: the block's lines."""

    first: int
    last: int
    fields: dict[str, str]

    def value(self, labels: tuple[str, ...]) -> str:
        return next((self.fields[label] for label in labels if self.fields.get(label)), "")

    @property
    def title(self) -> str:
        return self.value(TITLE_LABELS)

    @property
    def doc_number(self) -> str:
        """The 发文字号 field; an empty field means the document has none (the body's quotes are not it)."""
        text = self.value(NUMBER_LABELS).replace(" ", "")
        return (suggest(text) or "") if text else ""

    @property
    def states_number(self) -> bool:
        return any(label in self.fields for label in NUMBER_LABELS)

    @property
    def publisher(self) -> str:
        value = self.value(PUBLISHER_LABELS)
        return value if len(value) <= 40 and not re.search(r"[。；;：:]", value) else ""

    @property
    def written_on(self) -> date | None:
        for label in WRITTEN_LABELS:
            try:
                return parse_date(self.fields.get(label, ""), label)
            except DateError:
                continue
        return None


def _label(raw: str) -> str:
    return re.sub(r"[\s\u3000]", "", raw)


def _pairs(line: str) -> list[tuple[str, str]]:
    """Each 「label：value」 on one line (a copied table row can hold two or three)."""
    found = list(_LABEL.finditer(line))
    if not found or line[: found[0].start()].strip():
        return []
    ends = [match.start() for match in found[1:]] + [len(line)]
    return [
        (_label(match[1]), line[match.end() : end].strip()) for match, end in zip(found, ends, strict=True)
    ]


def _fits(label: str, line: str, after: list[str]) -> bool:
    """Whether the line below an empty label is its value, not the first line of the body."""
    if not line or _pairs(line):
        return False
    if label in NUMBER_LABELS:
        return suggest(line.replace(" ", "")) is not None
    if label in WRITTEN_LABELS:
        try:
            parse_date(line)
        except DateError:
            return False
        return True
    return bool(after) and bool(_pairs(after[0]))  # a value inside the block is followed by the next label


def read_block(lines: list[str]) -> PageBlock | None:
    """The page's metadata block among the first lines, or None for an ordinary 公文 text."""
    fields: dict[str, str] = {}
    first = last = -1
    index = 0
    while index < min(len(lines), BLOCK_SPAN):
        pairs = _pairs(lines[index])
        if not pairs:
            if first >= 0 and index - last > 1:
                break  # the body has begun
            index += 1
            continue
        first = index if first < 0 else first
        last = index
        label, value = pairs[-1]
        nxt = lines[index + 1] if index + 1 < len(lines) else ""
        if not value and _fits(label, nxt, lines[index + 2 : index + 3]):  # a table copied cell by cell
            pairs[-1] = (label, nxt.strip())
            last = index = index + 1
        for key, text in pairs:
            fields.setdefault(key, "" if _EMPTY.fullmatch(text) else text)
        index += 1
    if len(fields) < MIN_FIELDS:
        return None
    return PageBlock(first, last, fields)
