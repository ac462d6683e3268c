from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document
from docx.shared import Pt

from app.services.formats.chinese import cn_date, doc_number
from app.services.formats.fonts import FontRole, resolve_font
from app.services.formats.official_docx import OfficialDocument


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
