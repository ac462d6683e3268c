"""The posting PDF read back with pypdf: GB/T 9704 page, fonts, page numbers, text, 禁则, tables."""

from __future__ import annotations

import re
import time
from datetime import date

import pytest

from app.errors import UserFacingError
from app.services.postings.layout import NO_END, NO_START
from app.services.postings.page import Paper, PostingContent
from app.services.postings.pdf import render_batch, render_pdf
from tests.services.pdf_text import MM, embedded_fonts, lines_of, page_sizes, spans

A4 = (210 * MM, 297 * MM)
A3 = (297 * MM, 420 * MM)
LEFT, TOP_EDGE, BLOCK_BOTTOM = 28 * MM, (297 - 37) * MM, 35 * MM
SENTENCE = "为进一步规范最低生活保障工作，根据有关规定，结合本镇实际，经镇政府研究同意，现予公示。"
PAGE_NUMBER = re.compile(r"^— \d+ —$")


def _notice(paragraphs: int = 3, **changes: object) -> PostingContent:
    body = "\n".join(f"{SENTENCE}第{n + 1}段。" for n in range(paragraphs))
    values: dict[str, object] = {
        "title": "关于2025年第三季度拟新增最低生活保障对象的公示",
        "body": body,
        "unit": "上海市青浦区赵巷镇人民政府",
        "signed_on": date(2026, 1, 5),
        "period": (date(2026, 11, 23), date(2026, 11, 27)),
        "phone": "021-59750000",
        "reviewed": True,  # the layout tests: no 「未经保密审查」 mark across the page
    }
    values.update(changes)
    return PostingContent(**values)  # type: ignore[arg-type]


def _text_without_numbers(data: bytes) -> str:
    chunks = [s.text for page in spans(data) for s in page if not PAGE_NUMBER.match(s.text.strip())]
    return re.sub(r"\s+", "", "".join(chunks))


def test_a4_page_block_margins_and_font_sizes() -> None:
    data = render_pdf(_notice())
    assert page_sizes(data) == [pytest.approx(A4, abs=0.5)]
    page = spans(data)[0]
    body = [s for s in page if abs(s.size - 16) < 0.1]
    title = [s for s in page if abs(s.size - 22) < 0.1]
    assert title and body, "title 2号 (22 pt) and body 3号 (16 pt)"
    assert min(s.x for s in body) == pytest.approx(LEFT, abs=0.5 * MM)  # 订口 28 mm
    glyph_top = max(s.y + 0.88 * s.size for s in page)
    assert TOP_EDGE - 3 * MM < glyph_top <= TOP_EDGE + 0.5  # 天头 37 mm
    assert max(s.x for s in body) < (28 + 156) * MM
    assert min(s.y for s in body) > BLOCK_BOTTOM  # nothing below the 版心 but the page number


def test_fonts_are_embedded_subsets() -> None:
    used = {s.font for page in spans(render_pdf(_notice())) for s in page}
    fonts = embedded_fonts(render_pdf(_notice()))
    for name in used:
        assert fonts[name], f"{name} is not embedded"
        assert re.match(r"^/[A-Z]{6}\+", name), f"{name} is not a subset"


def test_three_pages_numbered_odd_right_even_left_and_text_complete() -> None:
    content = _notice(paragraphs=22)
    data = render_pdf(content)
    pages = spans(data)
    assert len(pages) == 3
    for number, page in enumerate(pages, start=1):
        marks = [s for s in page if PAGE_NUMBER.match(s.text.strip())]
        assert [m.text.strip() for m in marks] == [f"— {number} —"]
        mark = marks[0]
        assert mark.size == pytest.approx(14)  # 4号
        assert BLOCK_BOTTOM - 7 * MM - 14 < mark.y < BLOCK_BOTTOM - 7 * MM  # 7 mm below the 版心
        if number % 2:
            assert mark.x > 105 * MM  # odd: right
        else:
            assert mark.x < 60 * MM  # even: left
    expected = content.title + content.body + "公示期为2026年11月23日至2026年11月27日。联系电话：021-59750000"
    expected += "上海市青浦区赵巷镇人民政府2026年1月5日"
    assert _text_without_numbers(data) == re.sub(r"\s+", "", expected)


def test_full_page_has_22_lines_of_28_characters() -> None:
    body = "\n".join("政务公开" * 70 for _ in range(4))
    data = render_pdf(_notice(body=body, period=None, phone="", unit="", signed_on=None))
    second = lines_of(spans(data)[1], 16)
    assert len(second) == 22
    # 280 characters a paragraph: 26 after the two-character indent, nine full lines of 28, then 2.
    assert {len(line) for line in second} <= {26, 28, 2}
    assert sum(len(line) == 28 for line in second) >= 18


def test_closing_punctuation_never_starts_a_line() -> None:
    # Line 1 holds 26 characters (two are the indent); a naive break puts 「，」 first on line 2.
    tricky = [
        "甲" * 26 + "，乙丙丁。",
        "甲" * 25 + "《乙丙》丁戊。",
        "甲" * 24 + "2025年，" + "乙" * 30 + "。",
    ]
    data = render_pdf(_notice(body="\n".join(tricky), period=None, phone="", unit="", signed_on=None))
    lines = lines_of(spans(data)[0], 16)
    assert lines[0] == "甲" * 25 and lines[1].startswith("甲，")
    for line in lines:
        assert line[0] not in NO_START, line
        assert line[-1] not in NO_END, line
    assert "2025年" in "".join(lines) and not any(line.endswith("202") for line in lines)


def test_long_table_flows_with_repeated_header() -> None:
    rows = "\n".join(f"{n}\t张**\t赵巷村{n % 9 + 1}组\t{1470 * (n % 3 + 1):,}" for n in range(1, 121))
    body = "现将名单公示如下：\n序号\t户主姓名\t所在村组\t月保障金额（元）\n" + rows
    data = render_pdf(_notice(body=body))
    pages = spans(data)
    assert len(pages) >= 3
    for page in pages[:-1]:
        assert any(s.text.strip() == "户主姓名" for s in page), "header repeated on every page"
    cells = [s.text.strip() for page in pages for s in page]
    assert "120" in cells and "4,410" in cells


def test_a3_poster_is_the_a4_page_enlarged() -> None:
    data = render_pdf(_notice(paper=Paper.A3))
    assert page_sizes(data)[0] == pytest.approx(A3, abs=0.5)
    sizes = {round(s.size, 1) for s in spans(data)[0]}
    assert round(22 * 297 / 210, 1) in sizes and round(16 * 297 / 210, 1) in sizes


def test_qr_code_and_caption() -> None:
    data = render_pdf(_notice(qr_url="https://www.shqp.gov.cn/zhaoxiang/dibao/2025"))
    assert "扫码查看网上公开版本" in _text_without_numbers(data)


def test_batch_restarts_page_numbers_per_posting() -> None:
    data = render_batch([_notice(paragraphs=22), _notice(paragraphs=2, paper=Paper.A3)])
    numbers = [s.text.strip() for page in spans(data) for s in page if PAGE_NUMBER.match(s.text.strip())]
    assert numbers == ["— 1 —", "— 2 —", "— 3 —", "— 1 —"]
    assert page_sizes(data)[3] == pytest.approx(A3, abs=0.5)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "长" * 10_000}, "标题太长"),
        ({"title": "  "}, "请填写"),
        ({"qr_url": "javascript:alert(1)"}, "http"),
        ({"period": (date(2026, 11, 27), date(2026, 11, 23))}, "早于"),
    ],
)
def test_bad_input_is_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(UserFacingError, match=message):
        render_pdf(_notice(**changes))


@pytest.mark.slow
def test_render_speed() -> None:
    render_pdf(_notice())  # fonts registered once per process
    started = time.perf_counter()
    render_pdf(_notice())
    one = time.perf_counter() - started
    started = time.perf_counter()
    data = render_batch([_notice(title=f"公示（第{n}号）") for n in range(100)])
    hundred = time.perf_counter() - started
    print(
        f"\none page warm: {one:.3f} s; 100 postings in one batch: {hundred:.2f} s ({len(data) // 1024} KB)"
    )
    assert one < 0.3
    assert hundred < 15
