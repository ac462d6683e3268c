"""A holiday CSV saved by Excel on Chinese Windows has 2027/10/1; the one date parser reads it (issue 20)."""

from __future__ import annotations

import pytest

from app.errors import UserFacingError
from app.services.workdays.calendar import DayKind
from app.services.workdays.holiday_notice import parse_csv, parse_import
from tests.calendar_support import D
from tests.services.formats.date_forms import IMPOSSIBLE, typed_forms

HEADER = "日期,类型,节日名称\n"


@typed_forms
def test_every_form_of_the_day_is_read(written: str) -> None:
    parsed = parse_csv(f"{HEADER}{written},放假,春节\n2025-01-26,调休上班,春节\n")
    assert parsed.days(DayKind.REST) == {D("2025-01-24")}


def test_an_impossible_day_is_named_on_its_line() -> None:
    with pytest.raises(UserFacingError, match=f"CSV 第 2 行的日期「{IMPOSSIBLE}」无法识别"):
        parse_csv(f"{HEADER}{IMPOSSIBLE},放假,春节\n")


def test_excel_unicode_text_keeps_its_first_row() -> None:
    """Excel's 「Unicode 文本」 is UTF-16 with a BOM; the BOM must not turn the first date into a header."""
    parsed = parse_import("2027-10-01,放假,国庆节\n2027-10-09,调休上班,国庆节\n".encode("utf-16"))
    assert parsed.days(DayKind.REST) == {D("2027-10-01")}
