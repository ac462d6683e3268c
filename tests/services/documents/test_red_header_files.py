"""Register from a scan, from files: the typeset notice of the issue-22 fixture, and scans through the
OCR seam (`propose_from_file(path, read_scan)`) with a stand-in reader until the engine is wired."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from app.errors import UserFacingError
from app.services.documents.from_file import propose_from_file, scan_reader
from app.services.search.index import query_terms
from app.services.search.pages import match_page
from tests.services.documents.test_red_header import NOISY_SCAN
from tests.services.scans import fixtures


def test_the_typeset_notice_proposes_its_header_fields_and_keeps_pages_apart(tmp_path: Path) -> None:
    proposal = propose_from_file(fixtures.notice_pdf(tmp_path / "通知.pdf"))
    assert proposal.issuer == fixtures.ORGAN
    assert proposal.doc_number == fixtures.DOC_NUMBER  # not the quoted 石政发〔2026〕7号
    assert proposal.title == fixtures.TITLE  # wrapped over two lines in the file
    assert proposal.addressee == fixtures.ADDRESSEE.removesuffix("：")
    assert proposal.written_on == date(2026, 8, 3)
    assert match_page(proposal.text, query_terms(fixtures.PAGE_TWO_PHRASE)) == 2


def _image_pdf(path: Path) -> Path:
    Image.new("L", (200, 280), 255).save(path, "PDF", resolution=72)
    return path


def test_a_scan_is_read_through_the_ocr_reader(tmp_path: Path) -> None:
    pages = NOISY_SCAN.split("-2-")
    read: list[Path] = []

    def reader(path: Path) -> list[str]:
        read.append(path)
        return pages

    photo = tmp_path / "手机拍照.jpg"
    Image.new("RGB", (40, 40), "white").save(photo)
    for path in (photo, _image_pdf(tmp_path / "扫描件.pdf")):
        proposal = propose_from_file(path, read_scan=reader)
        assert proposal.doc_number == "赵府发〔2026〕12号"
        assert proposal.title == "关于做好2026年秋冬季森林防火工作的通知"
        assert match_page(proposal.text, query_terms("严防野外用火")) == 2
    assert read == [photo, tmp_path / "扫描件.pdf"]


def test_without_a_reader_a_scan_is_refused_calmly(tmp_path: Path) -> None:
    with pytest.raises(UserFacingError, match="可能是扫描件"):
        propose_from_file(_image_pdf(tmp_path / "扫描件.pdf"))
    photo = tmp_path / "照片.png"
    Image.new("RGB", (40, 40), "white").save(photo)
    with pytest.raises(UserFacingError, match="其他文件请作为附件添加"):
        propose_from_file(photo)


def test_a_scan_the_reader_finds_nothing_in_asks_for_the_fields_by_hand(tmp_path: Path) -> None:
    with pytest.raises(UserFacingError, match="没有从「白纸.pdf」中读到文字"):
        propose_from_file(_image_pdf(tmp_path / "白纸.pdf"), read_scan=lambda _path: ["", " "])
    with pytest.raises(UserFacingError, match="找不到文件"):
        propose_from_file(tmp_path / "不在.jpg", read_scan=lambda _path: ["x"])


@pytest.mark.slow
def test_the_noisy_scan_and_the_phone_photo_register_through_real_ocr(tmp_path: Path) -> None:
    """Issue 22 "Done when": the rotated, speckled two-page scan and a photo of its page 1 (~7 s of OCR)."""
    files = fixtures.make_scan_files(tmp_path)
    scan = propose_from_file(files.scan_pdf, scan_reader())
    assert (scan.issuer, scan.doc_number, scan.title) == (fixtures.ORGAN, fixtures.DOC_NUMBER, fixtures.TITLE)
    assert scan.written_on == date(2026, 8, 3) and scan.publisher == fixtures.ORGAN
    assert match_page(scan.text, query_terms(fixtures.PAGE_TWO_PHRASE)) == 2
    photo = propose_from_file(files.photo, scan_reader())
    assert (photo.doc_number, photo.title) == (fixtures.DOC_NUMBER, fixtures.TITLE)
