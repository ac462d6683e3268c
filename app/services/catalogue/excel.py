"""Reading a 基层政务公开标准目录 workbook in the national layout (RULES.md §6).

The header is found by name within the first rows, over one row or two (「公开渠道和载体」 merged over
「政府网站」「政务新媒体」…, each ticked ✓ per item); a title row above it is skipped. Every merged cell is
filled from its top-left value, so a 一级事项 merged over several items belongs to each of them. Grouped
columns are read as ticks when the second row names their parts, else as text.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from app.errors import UserFacingError
from app.services.catalogue import channels as ch
from app.services.catalogue.items import TOWN, VILLAGE, ItemFields, mode_of, tier_of
from app.services.formats.office_files import XLSX, check_office_file, reader_failed
from app.services.formats.xlsx import cell_text

HEADER_SEARCH_ROWS = 8
MAX_ROWS, MAX_COLUMNS = 5000, 60  # a town's catalogue has a few hundred items and ~25 columns
TICKS = frozenset({"✓", "√", "✔", "☑", "●", "是", "Y", "y", "YES", "yes", "有"})
# Field → the header words that name it (after spaces are removed and brackets made full-width).
PLAIN_FIELDS = {
    "seq": ("序号", "编号"),
    "level1": ("一级事项",),
    "level2": ("二级事项",),
    "content": ("公开内容", "公开内容（要素）"),
    "basis": ("公开依据",),
    "time_limit": ("公开时限",),
    "subject": ("公开主体",),
}
GROUPS = {"channels": "公开渠道", "audience": "公开对象", "mode": "公开方式", "tier": "公开层级"}


@dataclass
class SheetItem:
    number: int  # the Excel row number the clerk sees
    value: ItemFields
    notes: list[str] = field(default_factory=list)  # read, with a caveat the clerk should see


@dataclass(frozen=True)
class Layout:
    """Where each field is: a plain column, or a group as a text column or as ticked sub-columns."""

    header_rows: int
    first_data_row: int  # 1-based
    plain: dict[str, int]  # field → column
    text_groups: dict[str, int]
    ticked: dict[str, dict[int, str]]  # field → {column: the sub-header it ticks}


@dataclass(frozen=True)
class CatalogueSheet:
    title: str
    layout: Layout
    items: list[SheetItem]


def read_catalogue(path: Path) -> CatalogueSheet:
    """The first sheet's items; a file that is not a readable workbook is one calm UserFacingError."""
    from openpyxl import load_workbook

    check_office_file(path, XLSX)
    try:
        with path.open("rb") as handle, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(handle, data_only=True)  # not read-only: merged ranges are needed
            grid = _grid(book)
            title = str(book.worksheets[0].title) if book.worksheets else ""
            book.close()
    except UserFacingError:
        raise
    except Exception as error:
        raise reader_failed(path, XLSX, error) from None
    layout = find_layout(grid)
    items = [
        item
        for number in range(layout.first_data_row, len(grid) + 1)
        if (item := _item(grid[number - 1], number, layout)) is not None
    ]
    return CatalogueSheet(_title(grid, layout) or title, layout, items)


def _grid(book: Any) -> list[list[str]]:
    if not book.worksheets:
        raise UserFacingError("这个工作簿里没有工作表，请确认选择的文件是否正确。")
    sheet = book.worksheets[0]
    rows = min(sheet.max_row or 0, MAX_ROWS)
    width = min(sheet.max_column or 0, MAX_COLUMNS)
    grid = [
        [cell_text(value) for value in row]
        for row in sheet.iter_rows(min_row=1, max_row=rows, max_col=width, values_only=True)
    ]
    for merged in sheet.merged_cells.ranges:
        top = sheet.cell(merged.min_row, merged.min_col).value
        for r in range(merged.min_row, min(merged.max_row, rows) + 1):
            for c in range(merged.min_col, min(merged.max_col, width) + 1):
                grid[r - 1][c - 1] = cell_text(top)
    return grid


def header_key(text: str) -> str:
    return "".join(text.split()).replace("(", "（").replace(")", "）")


def _field_of(header: str) -> str | None:
    key = header_key(header)
    for name, words in PLAIN_FIELDS.items():
        if key in words:
            return name
    for name, word in GROUPS.items():
        if key.startswith(word):
            return name
    return "level1" if key in ("公开事项", "事项名称") else None


def find_layout(grid: list[list[str]]) -> Layout:
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        named = {c: f for c, text in enumerate(row) if (f := _field_of(text))}
        if "seq" in named.values() and ({"time_limit", "level1"} & set(named.values())):
            below = grid[index + 1] if index + 1 < len(grid) else []
            return _layout(row, below, index)
    raise UserFacingError(
        f"在表格前 {HEADER_SEARCH_ROWS} 行中没有找到表头（应有「序号」「公开事项」「公开时限」等列）。"
        "请确认选择的是基层政务公开标准目录。"
    )


def _layout(top: list[str], below: list[str], index: int) -> Layout:
    seq_column = next(c for c, text in enumerate(top) if _field_of(text) == "seq")
    seq_below = below[seq_column] if seq_column < len(below) else ""
    two_rows = bool(below) and (not seq_below or header_key(seq_below) == header_key(top[seq_column]))
    two_rows = two_rows and any(_sub_header(top[c], text) for c, text in enumerate(below) if c < len(top))
    plain: dict[str, int] = {}
    text_groups: dict[str, int] = {}
    ticked: dict[str, dict[int, str]] = {}
    for column, text in enumerate(top):
        sub = header_key(below[column]) if two_rows and column < len(below) else ""
        name = _field_of(sub) if sub in ("一级事项", "二级事项") else _field_of(text)
        if name is None:
            continue
        if name in GROUPS and sub and sub != header_key(text):
            ticked.setdefault(name, {})[column] = sub
        elif name in GROUPS:
            text_groups.setdefault(name, column)
        else:
            plain.setdefault(name, column)
    if "level1" not in plain:
        raise UserFacingError("表头中没有「一级事项」（或「公开事项」）列，请检查表头后重新导入。")
    return Layout(2 if two_rows else 1, index + (3 if two_rows else 2), plain, text_groups, ticked)


def _sub_header(top: str, sub: str) -> bool:
    key = header_key(sub)
    return bool(key) and key != header_key(top) and _field_of(top) in ("level1", *GROUPS)


def _title(grid: list[list[str]], layout: Layout) -> str:
    first_header = layout.first_data_row - layout.header_rows - 1
    for row in grid[:first_header]:
        text = next((cell for cell in row if cell), "")
        if text:
            return text
    return ""


def _item(row: list[str], number: int, layout: Layout) -> SheetItem | None:
    cells = [cell for cell in row if cell]
    if not cells or (len(cells) > 2 and len(set(cells)) == 1):
        return None  # blank, or a note merged across the whole row (「注：…」)

    def at(column: int) -> str:
        return row[column] if column < len(row) else ""

    plain = {name: at(column) for name, column in layout.plain.items()}
    notes: list[str] = []
    value = ItemFields(
        seq=plain.get("seq", ""),
        level1=plain.get("level1", ""),
        level2=plain.get("level2", ""),
        content=plain.get("content", ""),
        basis=plain.get("basis", ""),
        time_limit=plain.get("time_limit", ""),
        subject=plain.get("subject", ""),
        channels=_channels(row, layout, at),
        audience=_grouped("audience", layout, at),
        mode=mode_of(_grouped("mode", layout, at)),
        tier=_tier(_grouped("tier", layout, at), notes),
    )
    if value.level2 == value.level1 and "level2" in layout.plain:
        value = replace(value, level2="")  # 公开事项 merged across both columns
    return SheetItem(number, value, notes)


def _ticks(name: str, layout: Layout, at: Any) -> list[str]:
    return [sub for column, sub in layout.ticked.get(name, {}).items() if at(column).strip() in TICKS]


def _grouped(name: str, layout: Layout, at: Any) -> str:
    if name in layout.ticked:
        return "、".join(_ticks(name, layout, at))
    column = layout.text_groups.get(name)
    return at(column) if column is not None else ""


def _channels(row: list[str], layout: Layout, at: Any) -> tuple[str, ...]:
    if "channels" in layout.ticked:
        return tuple(dict.fromkeys(ch.normalise(sub) for sub in _ticks("channels", layout, at)))
    column = layout.text_groups.get("channels")
    return ch.split_channels(at(column)) if column is not None else ()


def _tier(text: str, notes: list[str]) -> str:
    words = [word for word in re.split(r"[、，,;；/\s]+", text) if word]
    tiers = [tier_of(word) or word for word in words]
    if not tiers:
        notes.append("未填公开层级，按镇级导入")
        return TOWN
    if TOWN in tiers and VILLAGE in tiers:
        notes.append("同时标了镇级和村级，按镇级导入；村级公开请另列一项")
        return TOWN
    return tiers[0]
