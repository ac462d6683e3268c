"""500 hostile 公开栏 postings (what the editor and `posting render` accept): tables of any width and cell
length, 10,000-character titles and cells, control characters, markup, odd 公示期 and URLs. Either the
editor's calm message (UserFacingError) or a PDF; never a reportlab traceback."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import UserFacingError
from app.services.postings.page import Paper, PostingContent
from app.services.postings.pdf import render_pdf
from tests.fuzz.hostile import FUZZ, texts
from tests.fuzz.support import outcome

pytestmark = pytest.mark.slow
CELL = st.one_of(texts(12), st.sampled_from(("1,234.5", "-12%", "<b>x</b>", "&amp;", "\t", "一、", "（一）")))


def tables() -> st.SearchStrategy[str]:
    """Tab-separated lines as pasted from Excel: up to 90 columns, ragged rows, one cell sometimes huge."""
    width = st.one_of(st.integers(1, 8), st.integers(1, 8), st.integers(9, 90))
    return width.flatmap(
        lambda columns: st.lists(st.lists(CELL, min_size=1, max_size=columns), min_size=1, max_size=5).map(
            lambda rows: "\n".join("\t".join(row) + "\t" * (columns - len(row)) for row in rows)
        )
    )


BODIES = st.lists(
    st.one_of(texts(80), texts(80), tables(), st.just("一、工作要求。"), st.just("")), max_size=6
).map("\n".join)
DAYS = st.dates(date(1900, 1, 1), date(2200, 12, 31))


@given(
    title=st.one_of(texts(40), st.just("关于2026年第四季度低保对象的公示"), st.just("公示")),
    body=BODIES,
    unit=st.one_of(texts(20), st.just("测试镇人民政府"), st.just("")),
    signed_on=st.none() | DAYS,
    period=st.none() | st.tuples(DAYS, DAYS),
    phone=st.one_of(texts(20), st.just(""), st.just("0512-59750000")),
    qr_url=st.one_of(
        st.just(""), st.just(""), texts(30), st.sampled_from(("https://x.gov.cn/a", "javascript:x"))
    ),
    paper=st.sampled_from(tuple(Paper)),
)
@FUZZ
def test_posting_render(
    title: str,
    body: str,
    unit: str,
    signed_on: date | None,
    period: tuple[date, date] | None,
    phone: str,
    qr_url: str,
    paper: Paper,
) -> None:
    content = PostingContent(title, body, unit, signed_on, period, phone, qr_url, paper)
    pdf = outcome(lambda: render_pdf(content))
    assert isinstance(pdf, UserFacingError) or pdf.startswith(b"%PDF")
