"""Issue 21 point 8: no English in 信息目录.xlsx — its 类别 column says 公文 / 公开栏张贴件 / 决策事项目录 /
决策结果, while manifest.json keeps the codes the format documents (and the change fingerprints)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from app.services.export.catalogue.base import CatalogueItem, item_values
from app.services.export.zip_writer import item_entry, write_catalogue


def _item(kind: str, item_id: int) -> CatalogueItem:
    return CatalogueItem(
        kind=kind,
        item_id=item_id,
        index_no=f"11310118MB2F40001N/2026-{item_id:05d}",
        title=f"条目{item_id}",
        summary="",
        created=date(2026, 11, 2),
        publisher="赵巷镇人民政府",
        doc_no="",
        topic="综合政务\\政务公开",
        genre="通知",
        channels="政务公开栏",
        validity="有效",
    )


def test_the_sheet_names_each_kind_in_chinese_and_the_manifest_keeps_the_code(tmp_path: Path) -> None:
    items = [
        _item(kind, number)
        for number, kind in enumerate(("document", "posting", "decision_directory", "decision_result"), 1)
    ]
    target = tmp_path / "信息目录.xlsx"
    write_catalogue(target, items, {}, "2026-11-23T09:30:00")
    book = load_workbook(target, read_only=True)  # read-only keeps the file open until closed
    try:
        rows = list(book.active.iter_rows(values_only=True))
    finally:
        book.close()
    assert rows[0][0] == "类别"
    assert [row[0] for row in rows[1:]] == ["公文", "公开栏张贴件", "决策事项目录", "决策结果"]
    codes = {item.kind for item in items}
    assert not [cell for row in rows for cell in row if cell in codes]
    assert [item_entry(item, {})["kind"] for item in items[:2]] == ["document", "posting"]
    assert item_values(items[1])["kind"] == "posting"  # what "changed since the last export" compares
