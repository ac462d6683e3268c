"""The real OCR engine on the issue-22 fixture (tests/services/scans/fixtures.py): a noisy 1°-turned 200-dpi
scan of a two-page 红头文件 reads with ≤ 3 % character errors in its body; a phone photo of page 1 gives the
same 文号 and 标题; and the engine loads and reads with the network cut off (its models ship in its wheel)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import NoReturn

import pytest
from PIL import Image

from app.services.scans import engine
from app.services.scans.read import PageText, read_pages
from tests.services.scans.cer import character_error_rate
from tests.services.scans.fixtures import (
    ADDRESSEE,
    DATE_LINE,
    DOC_NUMBER,
    HEADER,
    PAGE_TWO_PHRASE,
    QUOTED_NUMBER,
    TITLE,
    ScanFiles,
    body_text,
    make_scan_files,
)

pytestmark = [
    pytest.mark.slow,  # 2–5 s a page on the 2-core machine
    pytest.mark.skipif(not engine.engine_installed(), reason="the OCR component is not installed"),
]


@pytest.fixture(scope="module")
def notice(tmp_path_factory: pytest.TempPathFactory) -> ScanFiles:
    return make_scan_files(tmp_path_factory.mktemp("扫描件"))


@pytest.fixture(scope="module")
def scanned(notice: ScanFiles) -> list[PageText]:
    return read_pages(notice.scan_pdf)


def squeezed(text: str) -> str:
    return "".join(text.split())


def test_a_noisy_scan_reads_with_at_most_3_percent_character_errors(scanned: list[PageText]) -> None:
    assert [(page.page, page.source) for page in scanned] == [(1, "ocr"), (2, "ocr")]
    errors = [character_error_rate(body_text(page.page), page.text) for page in scanned]
    assert max(errors) <= 0.03, f"character error rate per page: {errors}"


def test_the_scans_header_lines_come_out_in_reading_order(scanned: list[PageText]) -> None:
    first = [squeezed(line) for line in scanned[0].text.splitlines()]
    assert first[:2] == [HEADER, DOC_NUMBER]  # 〔〕 restored even where the engine read 】
    assert squeezed(TITLE) == first[2] + first[3]
    assert squeezed(ADDRESSEE) in first
    assert QUOTED_NUMBER in squeezed(scanned[0].text)
    second = squeezed(scanned[1].text)
    assert PAGE_TWO_PHRASE in second and PAGE_TWO_PHRASE not in squeezed(scanned[0].text)
    assert second.endswith(DATE_LINE)
    assert all(line.box and 0 < line.score <= 1 for line in scanned[0].lines)


def test_a_phone_photo_of_page_one_gives_the_same_number_and_title(notice: ScanFiles) -> None:
    [page] = read_pages(notice.photo)
    lines = [squeezed(line) for line in page.text.splitlines()]
    assert DOC_NUMBER in lines
    title = lines.index(squeezed(TITLE[:19]))
    assert lines[title + 1] == squeezed(TITLE[19:])
    assert character_error_rate(body_text(1), page.text) <= 0.03


def test_the_engine_loads_and_reads_with_the_network_cut_off(
    notice: ScanFiles, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def no_network(*_args: object, **_kwargs: object) -> NoReturn:
        raise AssertionError("the OCR engine tried to use the network")

    for name in ("create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(engine, "_engine", None)  # load afresh, models and all
    header = tmp_path / "文号.png"
    with Image.open(notice.photo) as photo:  # the 文号 strip of the photo: quick to read
        photo.crop((0, 600, photo.width, 760)).save(header)

    [page] = read_pages(header)

    assert DOC_NUMBER in squeezed(page.text)
