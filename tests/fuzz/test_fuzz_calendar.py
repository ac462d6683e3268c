"""500 hostile 放假安排 files against `calendar import` (notice text or CSV, any encoding): real notices with
their numbers spoiled, ranges across years, absurd years and dates, CSV with NULs and huge fields. A calm
refusal with the calendar untouched, or an arrangement that saves and reflows cleanly."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import UserFacingError
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.workdays.holiday_notice import changes_against, parse_import
from tests.fuzz.hostile import FUZZ, dates, text_files, texts
from tests.fuzz.support import changed, outcome, saved_state

pytestmark = pytest.mark.slow
NOTICES = Path(__file__).resolve().parent.parent / "data" / "holiday_notices"


@cache
def real_notices() -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8") for path in sorted(NOTICES.glob("*.txt")))


def _respell(text: str, changes: list[tuple[int, str]]) -> str:
    """Some of the notice's numbers replaced by the drawn ones (a notice typed by hand, badly)."""
    numbers = list(re.finditer(r"\d+", text))
    for index, value in sorted(changes, reverse=True):
        if numbers:
            match = numbers[index % len(numbers)]
            text = text[: match.start()] + value + text[match.end() :]
            numbers = list(re.finditer(r"\d+", text))
    return text


NUMBER = st.one_of(
    st.integers(0, 40).map(str), st.sampled_from(("0000", "9999", "99999999999999999999", "2027", "13", "32"))
)
SPOILED_NOTICES = st.builds(
    _respell, st.sampled_from(real_notices()), st.lists(st.tuples(st.integers(0, 200), NUMBER), max_size=4)
) | st.builds(lambda text, cut: text[:-cut], st.sampled_from(real_notices()), st.integers(1, 3000))
MADE_UP = st.builds(
    lambda year, items: f"国务院办公厅关于{year}年部分节假日安排的通知\n" + "\n".join(items),
    st.one_of(st.sampled_from(("2026", "2027", "2028")), NUMBER),
    st.lists(
        st.builds(
            lambda name, a, b, word: f"一、{name}：{a}至{b}{word}，共{len(a)}天。",
            st.sampled_from(("元旦", "春节", "国庆节", "x" * 30)),
            dates(),
            st.one_of(dates(), st.sampled_from(("9999年12月31日", "1月1日", "12月31日"))),
            st.sampled_from(("放假调休", "上班", "补休", "延长假期至2月30日")),
        ),
        max_size=8,
    ),
)
ISO_DAY = st.builds(
    lambda y, m, d: f"{y}-{m:02d}-{d:02d}", st.integers(2025, 2028), st.integers(1, 12), st.integers(1, 28)
)
CSV_ROW = st.tuples(
    st.one_of(ISO_DAY, ISO_DAY, dates()),
    st.sampled_from(("放假", "调休上班", "休", "班", "上班", "x")),
    st.one_of(st.sampled_from(("元旦", "春节", "国庆节")), texts(12)),
    st.one_of(st.just(""), texts(12), st.just("x" * 200_000)),
).map(lambda cells: ",".join(cells))
CSV = st.lists(st.one_of(CSV_ROW, CSV_ROW, CSV_ROW, texts(30)), min_size=1, max_size=8).map("\n".join)
REAL = st.sampled_from(real_notices())  # saved, so the save and the reflow of cases are fuzzed too
FILES = text_files(
    st.one_of(REAL, SPOILED_NOTICES, SPOILED_NOTICES, SPOILED_NOTICES, MADE_UP, CSV, CSV, texts(200))
)
YEARS = st.sampled_from((None,) * 30 + (2026, 2027, 1999, 2101, 0, -5, 10**20))


@given(data=FILES, year=YEARS)
@FUZZ
def test_calendar_import(office_ctx: AppContext, admin: Actor, data: bytes, year: int | None) -> None:
    before = saved_state(office_ctx)
    arrangement = outcome(lambda: parse_import(data, year))
    if isinstance(arrangement, UserFacingError):
        assert saved_state(office_ctx) == before
        return
    assert isinstance(changes_against(arrangement, office_ctx.calendar.calendar()), list)
    saved = outcome(lambda: office_ctx.calendar.save_arrangement(admin, arrangement))
    delta = changed(before, saved_state(office_ctx))
    if isinstance(saved, UserFacingError):
        assert delta == {}
        return
    assert delta.get("audit_entries", 0) == 1
    assert isinstance(office_ctx.requests.reflow_after_calendar_change(admin), list)
