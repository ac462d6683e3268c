"""read_pages without the real engine (issue 22, point 1): which pages are OCR'd, page order and numbers,
progress and cancel per page, EXIF orientation, multi-page TIFF, refusals; and the OCR text fixes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from app.errors import CancelledError, UserFacingError
from app.services.scans import engine
from app.services.scans.engine import OcrLine, Point
from app.services.scans.normalise import normalise_line
from app.services.scans.read import read_pages, rows
from tests.services.scans.cer import character_error_rate
from tests.services.scans.fixtures import DOC_NUMBER, notice_pdf

Sizes = list[tuple[int, int]]  # of the images the engine was given


def box(left: int, top: int, width: int = 200, height: int = 40) -> tuple[Point, Point, Point, Point]:
    return ((left, top), (left + width, top), (left + width, top + height), (left, top + height))


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> Sizes:
    """A stand-in engine: records the size of every image it is given and 'reads' one line from it."""
    sizes: Sizes = []

    def fake(image: Image.Image) -> list[OcrLine]:
        sizes.append(image.size)
        return [OcrLine(f"第{len(sizes)}张图", box(10, 10), 0.99)]

    monkeypatch.setattr(engine, "recognise", fake)
    return sizes


def test_a_mixed_pdf_is_ocrd_only_on_its_pages_without_text(seen: Sizes, tmp_path: Path) -> None:
    scanned = tmp_path / "扫描页.pdf"
    Image.new("RGB", (1654, 2339), "white").save(scanned, "PDF", resolution=200)
    mixed = PdfWriter()
    mixed.add_page(PdfReader(notice_pdf(tmp_path / "原件.pdf")).pages[0])  # typed page 1 …
    mixed.add_page(PdfReader(scanned).pages[0])  # … and a scanned page 2
    path = tmp_path / "混合.pdf"
    mixed.write(path)

    pages = read_pages(path)

    assert [(p.page, p.source) for p in pages] == [(1, "text"), (2, "ocr")]
    assert DOC_NUMBER in pages[0].text
    assert pages[1].text == "第1张图"
    assert seen == [(1655, 2339)]  # one A4 page at 200 dpi, the other never rendered


def test_progress_once_a_page_and_cancel_between_pages(seen: Sizes, tmp_path: Path) -> None:
    path = tmp_path / "三页.tif"
    first, *rest = (Image.new("RGB", (300, 400), "white") for _ in range(3))
    first.save(path, save_all=True, append_images=rest)

    reported: list[tuple[int, str]] = []
    pages = read_pages(path, lambda percent, message: reported.append((percent, message)))
    assert [p.page for p in pages] == [1, 2, 3]
    assert [percent for percent, _message in reported] == [0, 33, 66, 100]
    assert reported[1][1] == "正在读取「三页.tif」第 2/3 页…"

    seen.clear()
    with pytest.raises(CancelledError):
        read_pages(path, lambda percent, _message: None, is_cancelled=lambda: len(seen) >= 1)
    assert len(seen) == 1  # stopped before reading page 2


def test_a_photo_is_turned_upright_by_its_exif_orientation(seen: Sizes, tmp_path: Path) -> None:
    path = tmp_path / "手机.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # stored landscape, shown turned 90° clockwise: the page is portrait
    Image.new("RGB", (400, 300), "white").save(path, exif=exif)

    read_pages(path)

    assert seen == [(300, 400)]


def test_files_it_cannot_read_are_refused_calmly(tmp_path: Path) -> None:
    broken_pdf = tmp_path / "坏.pdf"
    broken_pdf.write_bytes(b"%PDF-1.7 not really")
    broken_jpg = tmp_path / "坏.jpg"
    broken_jpg.write_bytes(b"\xff\xd8\xff not a picture")
    locked = PdfWriter()
    locked.add_blank_page(595, 842)
    locked.encrypt("密码", algorithm="RC4-128")
    locked.write(tmp_path / "加密.pdf")
    word = tmp_path / "通知.docx"
    word.write_bytes(b"PK")
    cases = {
        broken_pdf: "无法打开「坏.pdf」：文件已损坏或不是 PDF 文件。请换一份文件，或手工填写。",
        tmp_path / "加密.pdf": (
            "无法打开「加密.pdf」：文件设了密码。请在 PDF 阅读器中去掉密码另存一份后再试，或手工填写。"
        ),
        broken_jpg: "无法读取图片「坏.jpg」：文件可能已损坏，或不是图片。",
        word: "「通知.docx」不是 PDF 或图片文件，无法识别文字。",
        tmp_path / "没有.png": f"找不到文件「{tmp_path / '没有.png'}」，请确认文件还在原来的位置。",
    }
    for path, message in cases.items():
        with pytest.raises(UserFacingError) as refused:
            read_pages(path)
        assert refused.value.message == message


def test_pieces_of_one_printed_line_join_into_one_row() -> None:
    lines = [
        OcrLine("签发人：张三", box(900, 402, 300), 0.9),
        OcrLine("青府发〔2026〕12号", box(100, 400, 400), 0.9),
        OcrLine("青石镇人民政府文件", box(100, 200, 900, 90), 0.9),
        OcrLine("各村：", box(100, 445), 0.9),
    ]
    assert [[line.text for line in row] for row in rows(lines)] == [
        ["青石镇人民政府文件"],
        ["青府发〔2026〕12号", "签发人：张三"],
        ["各村："],
    ]


@pytest.mark.parametrize(
    ("read", "fixed"),
    [
        ("青府发〔2026】12号", "青府发〔2026〕12号"),
        ("青府发[2026]12号", "青府发〔2026〕12号"),
        ("青府发【 2026〕12号", "青府发〔2026〕12号"),
        ("（2026）苏0102民初1号", "（2026）苏0102民初1号"),  # a court case number keeps its round brackets
        ("山有人管丶林有人护", "山有人管、林有人护"),
    ],
)
def test_ocr_misreadings_of_official_punctuation_are_fixed(read: str, fixed: str) -> None:
    assert normalise_line(read) == fixed


def test_character_error_rate_counts_only_the_expected_stretch() -> None:
    assert character_error_rate("森林防火", "页眉 森林\n防火 — 1 —") == 0
    assert character_error_rate("森林防火", "森木防火") == 0.25
    assert character_error_rate("森林防火", "完全无关") == 1
