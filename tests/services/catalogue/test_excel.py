"""Reading the national 基层 layout: headers over one or two rows, merged cells, ticks or text columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import UserFacingError
from app.services.catalogue.channels import normalise, split_channels
from app.services.catalogue.excel import read_catalogue
from tests.services.catalogue.sample import (
    CHANNEL_EXPECTED,
    ITEMS,
    TITLE,
    write_one_header,
    write_rows,
    write_sample,
)


def test_two_header_rows_merged_level1_and_ticks(tmp_path: Path) -> None:
    sheet = read_catalogue(write_sample(tmp_path / "目录.xlsx"))
    assert sheet.title == TITLE
    assert sheet.layout.header_rows == 2 and sheet.layout.first_data_row == 4
    assert [item.number for item in sheet.items] == list(range(4, 34))
    for item, expected in zip(sheet.items, ITEMS, strict=True):
        value = item.value
        assert (value.seq, value.level1, value.level2) == (expected.seq, expected.level1, expected.level2)
        assert value.channels == expected.canonical_channels, expected.seq
        assert (value.audience, value.mode, value.tier) == (
            expected.audience_text,
            expected.mode_text,
            expected.tier,
        )
        assert value.time_limit == expected.time_limit
    # 「财政预决算」 is written once and merged over items 1–4: each of them has it.
    assert {item.value.level1 for item in sheet.items[:4]} == {"财政预决算"}
    # √ counts like ✓ (item 2 is ticked with √).
    assert sheet.items[1].value.channels == ("政府网站", "公开查阅点")


def test_one_header_row_with_text_channels_and_tiers(tmp_path: Path) -> None:
    sheet = read_catalogue(write_one_header(tmp_path / "目录.xlsx"))
    assert sheet.layout.header_rows == 1
    assert [item.value.channels for item in sheet.items] == list(CHANNEL_EXPECTED)
    assert [item.value.tier for item in sheet.items] == ["镇级", "镇级", "村级", "村级", "镇级", "村级"]
    assert {item.value.mode for item in sheet.items} == {"主动"}


def test_channel_aliases() -> None:
    assert normalise("政府门户网站") == "政府网站"
    assert normalise("便民服务点") == "便民服务站"
    assert normalise("村（居）公示栏") == "公示栏"
    assert normalise("电子屏") == "电子屏"  # its own carrier (条例第二十五条)
    assert normalise("广播") == "广播"  # unknown names kept as written
    assert split_channels("网站、网站，门户网站") == ("政府网站",)


def test_no_header_is_refused_calmly(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "别的表.xlsx", ("姓名", "电话"), [["张三", "123"]])
    with pytest.raises(UserFacingError, match="没有找到表头"):
        read_catalogue(path)


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "目录.xlsx"
    path.write_text("序号,公开事项", encoding="utf-8")
    with pytest.raises(UserFacingError, match="不是 Excel 工作簿"):
        read_catalogue(path)
