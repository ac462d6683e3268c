"""The one date parser and the one text decoder every importer uses (issue 20)."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import UserFacingError
from app.services.formats.chinese import DateError, cn_number, decode_text, parse_date
from tests.services.formats.date_forms import DAY, IMPOSSIBLE, cell_forms


@cell_forms
def test_every_common_way_of_writing_a_day_is_read(written: object) -> None:
    assert parse_date(written) == DAY


LOOSER = ["２０２５－０１－２４", " 2025 年 1 月 24 日 ", "2025年1月24", "2025-01-24 10:30:00", "2025-1-24"]


@pytest.mark.parametrize("written", [*LOOSER, 45681.0])
def test_full_width_digits_spaces_and_a_time_of_day_are_read(written: object) -> None:
    assert parse_date(written) == DAY


def test_chinese_numerals_of_any_month_and_day() -> None:
    assert parse_date("二〇二五年十二月三十一日") == date(2025, 12, 31)
    assert parse_date("二○一九年十月一日") == date(2019, 10, 1)  # ○ (a circle) often stands for 〇
    assert [cn_number(t) for t in ("一", "十", "十二", "二十", "三十一")] == [1, 10, 12, 20, 31]
    assert [cn_number(t) for t in ("十十", "二二", "〇", "一百")] == [None, None, None, None]


NOT_DAYS = [
    IMPOSSIBLE,
    "2025-13-01",
    "20250230",
    "二〇二五年二月三十日",
    "0202-01-24",
    "2025-01",
    "下周一",
    "",
]


@pytest.mark.parametrize("written", [*NOT_DAYS, 12345])
def test_impossible_or_unreadable_days_are_refused_with_the_field_and_the_text(written: object) -> None:
    with pytest.raises(DateError) as refused:
        parse_date(written, "成文日期")
    assert refused.value.message == f"成文日期「{written}」不是有效日期，应写成 2025-01-24"
    assert isinstance(refused.value, UserFacingError)  # reaches the clerk as a calm row message


def test_text_in_every_encoding_chinese_windows_writes() -> None:
    text = "日期,类型\n2027-10-01,放假\n"
    for data in (
        text.encode("utf-8"),
        b"\xef\xbb\xbf" + text.encode("utf-8"),
        text.encode("gbk"),
        text.encode("utf-16"),  # Excel's 「Unicode 文本」: UTF-16 with its BOM
        text.encode("utf-16-le"),
        text.encode("utf-16-be"),
    ):
        assert decode_text(data) == text


def test_undecodable_text_is_a_message_or_for_search_a_best_effort() -> None:
    broken = "公开".encode() + b"\x80\xff"
    with pytest.raises(UserFacingError, match="另存为"):
        decode_text(broken)
    assert decode_text(broken, lossy=True).startswith("公开")
