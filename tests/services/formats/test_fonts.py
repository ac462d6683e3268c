"""Chinese fonts for PDF and Word output: bundled fallback, system-font preference, real output files."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from app.services.formats import fonts
from app.services.formats.fonts import FontRole, apply_docx_east_asian_font, register_pdf_font, resolve_font

TEXT = "政务公开"


def _copy_bundled(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(fonts.bundled_font_path(), target)
    return target


def test_bundled_font_is_a_truetype_collection_reportlab_loads() -> None:
    path = fonts.bundled_font_path()
    assert path.is_file()
    assert path.read_bytes()[:4] == b"ttcf"
    face = TTFont("test-wqy", str(path), subfontIndex=fonts.BUNDLED_SUBFONT_INDEX).face
    assert face.familyName == b"WenQuanYi Micro Hei"
    assert all(face.charToGlyph.get(ord(ch)) for ch in TEXT)


@pytest.mark.parametrize("role", list(FontRole))
def test_empty_search_dirs_fall_back_to_bundled_font(role: FontRole, tmp_path: Path) -> None:
    resolved = resolve_font(role, search_dirs=[tmp_path, tmp_path / "missing"])
    assert resolved.is_fallback
    assert resolved.path == fonts.bundled_font_path()
    assert resolved.subfont_index == 0
    assert resolved.family_name == "文泉驿微米黑"
    assert resolved.docx_family_name == role.value  # Word gets the standard name, not the bundled one


def test_system_fangsong_is_preferred_over_fallback(tmp_path: Path) -> None:
    simfang = _copy_bundled(tmp_path / "Fonts" / "simfang.ttf")
    resolved = resolve_font(FontRole.FANGSONG, search_dirs=[tmp_path / "Fonts"])
    assert resolved == fonts.ResolvedFont(FontRole.FANGSONG, "仿宋", simfang, 0, False)
    assert resolved.docx_family_name == "仿宋"


def test_file_names_match_case_insensitively_and_first_dir_wins(tmp_path: Path) -> None:
    system = _copy_bundled(tmp_path / "Windows" / "Fonts" / "SIMSUN.TTC")
    _copy_bundled(tmp_path / "user" / "simsun.ttc")
    resolved = resolve_font(FontRole.SONG, search_dirs=[tmp_path / "Windows" / "Fonts", tmp_path / "user"])
    assert (resolved.path, resolved.family_name, resolved.is_fallback) == (system, "宋体", False)


def test_xiaobiaosong_prefers_installed_vendor_font_then_song(tmp_path: Path) -> None:
    fonts_dir = tmp_path / "Fonts"
    _copy_bundled(fonts_dir / "simsun.ttc")
    assert resolve_font(FontRole.XIAOBIAOSONG, [fonts_dir]).family_name == "宋体"
    vendor = _copy_bundled(fonts_dir / "FZXBSJW--GB1-0.ttf")  # a per-user install keeps the vendor name
    resolved = resolve_font(FontRole.XIAOBIAOSONG, [fonts_dir])
    assert (resolved.path, resolved.family_name) == (vendor, "方正小标宋简体")


def test_cff_and_fake_font_files_are_ignored(tmp_path: Path) -> None:
    (tmp_path / "simfang.ttf").write_bytes(b"OTTO" + b"\0" * 64)  # CFF outlines: reportlab refuses them
    (tmp_path / "simhei.otf").write_bytes(b"\x00\x01\x00\x00" + b"\0" * 64)
    assert resolve_font(FontRole.FANGSONG, [tmp_path]).is_fallback
    assert resolve_font(FontRole.HEI, [tmp_path]).is_fallback


def test_pdf_with_registered_font_contains_chinese_text_and_embeds_font(tmp_path: Path) -> None:
    name = register_pdf_font(FontRole.FANGSONG, search_dirs=[tmp_path])
    assert register_pdf_font(FontRole.FANGSONG, search_dirs=[tmp_path]) == name  # registered once
    pdf_path = tmp_path / "out.pdf"
    canvas = Canvas(str(pdf_path))
    canvas.setFont(name, 16)
    canvas.drawString(72, 720, f"{TEXT}工作台 2026年")
    canvas.save()

    page = PdfReader(pdf_path).pages[0]
    assert TEXT in page.extract_text()
    assert "工作台" in page.extract_text()
    page_fonts: Any = page["/Resources"].get_object()["/Font"].get_object()  # type: ignore[index]
    embedded = []
    for ref in page_fonts.values():
        font = ref.get_object()
        if "/FontDescriptor" in font and "/FontFile2" in font["/FontDescriptor"].get_object():
            embedded.append(str(font["/BaseFont"]))
    # reportlab subsets the font: BaseFont "/AAAAAA+WenQuanYiMicroHei-0" with a TrueType /FontFile2 stream.
    assert any("+WenQuanYiMicroHei" in base for base in embedded), embedded


def test_pdf_font_refused_by_reportlab_falls_through_to_next_candidate(tmp_path: Path) -> None:
    (tmp_path / "simfang.ttf").write_bytes(b"\x00\x01\x00\x00" + b"\0" * 64)  # truncated TrueType
    name = register_pdf_font(FontRole.FANGSONG, search_dirs=[tmp_path])
    assert name == register_pdf_font(FontRole.FANGSONG, search_dirs=[tmp_path / "none"])  # the bundled one


def test_simulated_system_font_is_registered_for_pdf(tmp_path: Path) -> None:
    _copy_bundled(tmp_path / "simhei.ttf")
    name = register_pdf_font(FontRole.HEI, search_dirs=[tmp_path])
    assert "simhei" in name


def test_docx_style_and_run_get_east_asian_font(tmp_path: Path) -> None:
    document = docx.Document()
    normal = document.styles["Normal"]
    apply_docx_east_asian_font(normal, "仿宋", size_pt=16)
    paragraph = document.add_paragraph()
    run = paragraph.add_run(f"关于做好{TEXT}工作的通知")
    apply_docx_east_asian_font(run, "方正小标宋简体", size_pt=22)
    path = tmp_path / "out.docx"
    document.save(str(path))

    reopened = docx.Document(str(path))
    assert f"{TEXT}工作" in reopened.paragraphs[-1].text
    style_rpr = reopened.styles["Normal"].element.rPr
    assert style_rpr is not None
    style_fonts = style_rpr.rFonts
    assert style_fonts is not None
    assert style_fonts.get(qn("w:eastAsia")) == "仿宋"
    assert style_fonts.get(qn("w:ascii")) == style_fonts.get(qn("w:hAnsi")) == "仿宋"
    assert style_fonts.get(qn("w:eastAsiaTheme")) is None
    assert reopened.styles["Normal"].font.size.pt == 16
    run_rpr = reopened.paragraphs[-1].runs[0].element.rPr
    assert run_rpr is not None and run_rpr.rFonts is not None
    assert run_rpr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"

    with zipfile.ZipFile(path) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert 'w:eastAsia="方正小标宋简体"' in xml
    assert TEXT in xml


def test_default_search_dirs_resolve_to_a_usable_font() -> None:
    for role in FontRole:
        resolved = resolve_font(role)
        assert resolved.path.is_file()
        assert resolved.path.suffix.lower() in {".ttf", ".ttc"}
    name = register_pdf_font(FontRole.FANGSONG)
    assert register_pdf_font(FontRole.FANGSONG) == name
