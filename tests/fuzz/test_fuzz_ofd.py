"""500 hostile OFD files against the OFD reader (registering from a file and the search index read them):
truncated, bits flipped, encrypted, bombs, evil part names, parts emptied or replaced by garbage. Reading
either gives text or one calm 「无法读取 OFD 文件…」; extraction for search never raises."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given

from app.errors import UserFacingError
from app.services.formats.ofd import ofd_page_texts
from app.services.formats.text_extract import MAX_TEXT_CHARS, extract_text
from tests.fuzz.hostile import FUZZ
from tests.fuzz.hostile_zip import hostile_archive
from tests.fuzz.support import outcome, save
from tests.services.formats.ofd_fixtures import ofd_parts, red_header_ofd

pytestmark = pytest.mark.slow


@cache
def genuine() -> bytes:
    return red_header_ofd()


PART_NAMES = tuple(ofd_parts([[], []], [(0.0, 0.0, "模板")]))


@given(data=hostile_archive(genuine(), PART_NAMES))
@FUZZ
def test_hostile_ofd_files(tmp_path: Path, data: bytes) -> None:
    path = save(Path(tempfile.mkdtemp(dir=tmp_path)), "公文.ofd", data)
    pages = outcome(lambda: ofd_page_texts(path))
    if isinstance(pages, UserFacingError):
        assert pages.message.startswith(("无法读取 OFD 文件", "找不到文件")), pages.message
    else:
        assert all(isinstance(text, str) for text in pages)
    text = extract_text(path)
    assert isinstance(text, str) and len(text) <= MAX_TEXT_CHARS and "\x00" not in text
