from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from app.services.formats.chinese import cn_date, doc_number
from app.services.formats.fonts import FontRole, resolve_font
from app.services.formats.official_docx import OfficialDocument, text_width
from app.services.requests.letters.pdf import docx_to_pdf, find_soffice
from tests.services.formats.pdf_lines import Line, pdf_lines


def test_dates_and_numbers_follow_gb_t_9704() -> None:
    assert cn_date(date(2025, 1, 4)) == "2025年1月4日"  # no leading zeros
    assert doc_number("赵府依", 2025, 3) == "赵府依〔2025〕3号"


def test_letter_layout_and_text(tmp_path: Path) -> None:
    letter = OfficialDocument()
    letter.doc_number("赵府依〔2025〕3号")
    letter.title("政府信息公开申请答复告知书")
    letter.addressee("张三")
    letter.body("您的申请收悉。\n一、申请内容\n（一）答复意见\n现予以提供。")
    letter.attachments(["预算表", "决算表"])
    letter.signature("赵巷镇人民政府", date(2025, 2, 7))
    target = letter.save(tmp_path / "信件" / "答复.docx")
    assert not list(target.parent.glob(".writing-*"))

    document = Document(str(target))
    section = document.sections[0]

    def mm(length: object) -> int:
        return round(length.mm)  # type: ignore[attr-defined]

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.left_margin), mm(section.bottom_margin)) == (37, 28, 35)
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["赵府依〔2025〕3号", "政府信息公开申请答复告知书"]
    assert "张三：" in texts and "附件：1.预算表" in texts and "2.决算表" in texts
    assert texts[-1] == "2025年2月7日"
    title_run = document.paragraphs[1].runs[0]
    assert title_run.font.size == Pt(22)
    east_asia = title_run._r.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    )
    assert east_asia == resolve_font(FontRole.XIAOBIAOSONG).docx_family_name
    level1 = next(p for p in document.paragraphs if p.text == "一、申请内容")
    assert level1.runs[0].font.size == Pt(16) and level1.paragraph_format.first_line_indent == Pt(32)
    footer_xml = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer_xml and "— " in footer_xml


TEXT_BOTTOM_MM = 37 + 225  # the 版心's lower edge, from the paper's top
TEXT_RIGHT_MM = 28 + 156
FOUR_HAO_MM = 14 * 25.4 / 72  # 一字 of the 4号 page number
BODY_LINE = "本机关依照《中华人民共和国政府信息公开条例》的规定答复如下"  # 28 characters with the indent


def _long_letter(tmp_path: Path, body_lines: int = 40, office: str = "赵巷镇人民政府") -> Path:
    letter = OfficialDocument()
    letter.doc_number("赵府依〔2025〕3号")
    letter.title("政府信息公开申请答复告知书")
    letter.addressee("张三")
    letter.body("\n".join(BODY_LINE + "现予以公开并提供复制件" * 3 for _ in range(body_lines // 4)))
    letter.signature(office, date(2025, 2, 7))
    return letter.save(tmp_path / "答复.docx")


def test_document_grid_is_22_lines_of_28_characters(tmp_path: Path) -> None:
    document = Document(str(_long_letter(tmp_path)))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    grid = document.sections[0]._sectPr.find(f"{w}docGrid")
    assert grid is not None and grid.get(f"{w}type") == "linesAndChars"
    line_pitch_mm = int(grid.get(f"{w}linePitch")) / 20 * 25.4 / 72
    assert 224 < 22 * line_pitch_mm <= 225  # 22 lines fill the 225 mm 版心
    char_pitch_mm = (16 + int(grid.get(f"{w}charSpace")) / 4096) * 25.4 / 72
    assert 155.5 < 28 * char_pitch_mm <= 156  # 28 characters fill the 156 mm line
    normal = document.styles["Normal"].element
    condensed = normal.rPr.find(f"{w}spacing")
    assert 28 * (16 + int(condensed.get(f"{w}val")) / 20) * 25.4 / 72 <= 156  # also where the grid is ignored
    assert normal.pPr.find(f"{w}snapToGrid").get(f"{w}val") == "0"


def test_page_number_7mm_below_the_text_odd_right_even_left(tmp_path: Path) -> None:
    document = Document(str(_long_letter(tmp_path)))
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    assert round(section.right_margin.mm) == 26 and round(section.left_margin.mm) == 28
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT and even.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert abs(odd.paragraph_format.right_indent.mm - FOUR_HAO_MM) < 0.05  # 居右空一字
    assert abs(even.paragraph_format.left_indent.mm - FOUR_HAO_MM) < 0.05  # 居左空一字
    assert odd.paragraph_format.line_spacing == Pt(14)
    dash_mm = 297 - section.footer_distance.mm - FOUR_HAO_MM / 2  # the 一字线 at the line's middle
    assert abs(dash_mm - TEXT_BOTTOM_MM - 7) < 0.1
    for footer in (odd, even):
        assert footer.text == "—  —" and "PAGE" in footer._p.xml  # 「— 1 —」 once the field is filled
        assert all(run.font.size == Pt(14) for run in footer.runs)


def test_signature_centred_over_the_date_and_kept_with_the_body(tmp_path: Path) -> None:
    document = Document(str(_long_letter(tmp_path)))
    paragraphs = document.paragraphs
    body, blank, name, day = paragraphs[-4:]
    assert (name.text, day.text) == ("赵巷镇人民政府", "2025年2月7日")
    assert all(p.paragraph_format.keep_with_next for p in (body, blank, name))
    for paragraph in (name, day):
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    centre_mm = [(p.paragraph_format.left_indent.mm + 156) / 2 for p in (name, day)]
    assert abs(centre_mm[0] - centre_mm[1]) < 0.01
    date_right_mm = centre_mm[1] + text_width(day.text) / 2 * 16 * 25.4 / 72
    assert abs(156 - date_right_mm - 4 * 16 * 25.4 / 72) < 0.1  # 成文日期 右空四字
    long_name = Document(str(_long_letter(tmp_path, office="上海市青浦区赵巷镇人民政府办公室政务公开科")))
    assert long_name.paragraphs[-2].alignment == WD_ALIGN_PARAGRAPH.RIGHT  # too wide to centre: flush right


def _pdf(docx: Path) -> list[list[Line]]:
    pytest.importorskip("pypdfium2")
    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    return pdf_lines(docx_to_pdf(soffice, docx, docx.with_suffix(".pdf")))


def test_letter_as_printed_by_libreoffice(tmp_path: Path) -> None:
    pages = _pdf(_long_letter(tmp_path, body_lines=60))
    assert len(pages) >= 3
    for number, lines in enumerate(pages, start=1):
        text = [line for line in lines if line.ink_top < TEXT_BOTTOM_MM]
        assert text[0].ink_top >= 37 and text[-1].ink_bottom <= TEXT_BOTTOM_MM
        folio = lines[-1]
        assert folio.text == f"—{number}—"
        dash_top, dash_bottom = folio.ink["—"]
        assert abs((dash_top + dash_bottom) / 2 - TEXT_BOTTOM_MM - 7) < 0.8  # 7 mm below the 版心
        if number % 2:
            assert abs(TEXT_RIGHT_MM - folio.right - FOUR_HAO_MM) < 1.0  # odd: 居右空一字
        else:
            assert abs(folio.left - 28 - FOUR_HAO_MM) < 1.0  # even: 居左空一字
    full = [line for line in pages[1] if line.ink_top < TEXT_BOTTOM_MM]
    assert len(full) == 22  # a full page: 22 lines
    assert max(len(line.text) for line in full) == 28
    assert sum(len(line.text) == 28 and abs(line.left - 28) < 1 for line in full) >= 5
    last = pages[-1]
    name = next(line for line in last if line.text == "赵巷镇人民政府")
    day = next(line for line in last if line.text == "2025年2月7日")
    assert abs(name.centre - day.centre) < 0.8  # 署名 centred over the date
    assert 2.5 * 5.64 < TEXT_RIGHT_MM - day.right < 4.5 * 5.64  # 右空四字, whatever the digits' font


def test_signature_never_alone_on_a_page(tmp_path: Path) -> None:
    letter = OfficialDocument()
    letter.doc_number("赵府依〔2025〕3号")
    letter.title("政府信息公开申请答复告知书")
    letter.addressee("张三")
    letter.body("\n".join(BODY_LINE[:26] for _ in range(17)))  # page 1 full but for one line
    letter.signature("赵巷镇人民政府", date(2025, 2, 7))
    pages = _pdf(letter.save(tmp_path / "短.docx"))
    assert len(pages) == 2
    texts = [line.text for line in pages[1]]
    assert texts[0] == BODY_LINE[:26] and "赵巷镇人民政府" in texts  # the last paragraph went with them
