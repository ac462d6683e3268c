"""500 hostile attachments against text extraction (PDF, Word, text — what registering from a file and the
search index read): damaged, encrypted, bombs, cyclic PDFs, misnamed files. Extraction never raises (a file
it cannot read is registered without text); registering from such a file is one calm refusal."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import UserFacingError
from app.services.documents.from_file import Proposal, propose_from_file
from app.services.formats.text_extract import MAX_TEXT_CHARS, extract_text
from tests.fuzz.hostile import FUZZ, docx_files, text_files, texts
from tests.fuzz.hostile_zip import flipped
from tests.fuzz.support import outcome, save

pytestmark = pytest.mark.slow

CYCLIC_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[2 0 R 3 0 R]/Count 2>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/Contents 4 0 R>>endobj\n"
    b"4 0 obj<</Length 999999999>>stream\nBT ET\nendstream endobj\n"
    b"trailer<</Root 1 0 R/Encrypt<</Filter/Standard/V 9>>>>\n%%EOF"
)


@cache
def real_pdf() -> bytes:
    from app.services.postings.page import PostingContent
    from app.services.postings.pdf import render_pdf

    return render_pdf(PostingContent("关于做好冬季防火工作的通知", "一、总体要求。\n二、工作措施。"))


def pdfs() -> st.SearchStrategy[bytes]:
    genuine = real_pdf()
    return st.one_of(
        st.integers(1, len(genuine) - 1).map(lambda n: genuine[:n]),
        st.lists(
            st.tuples(st.integers(0, len(genuine) - 1), st.integers(1, 255)), min_size=1, max_size=8
        ).map(lambda changes: flipped(genuine, changes)),
        st.just(CYCLIC_PDF),
        st.binary(max_size=300).map(lambda tail: b"%PDF-1.7\n" + tail),
    )


FILES = st.one_of(
    st.tuples(pdfs(), st.sampled_from((".pdf", ".PDF"))),
    st.tuples(docx_files(texts(60)), st.sampled_from((".docx", ".DOCX"))),
    st.tuples(text_files(texts(200)), st.just(".txt")),
    st.tuples(st.one_of(pdfs(), st.binary(max_size=200)), st.sampled_from((".docx", ".txt", ".pdf", ".ofd"))),
)


@given(file=FILES)
@FUZZ
def test_text_extraction(tmp_path: Path, file: tuple[bytes, str]) -> None:
    data, suffix = file
    path = save(Path(tempfile.mkdtemp(dir=tmp_path)), f"附件{suffix}", data)
    text = extract_text(path)
    assert isinstance(text, str) and len(text) <= MAX_TEXT_CHARS and "\x00" not in text
    stored = path.rename(path.with_name("ab12cd"))  # as the attachment store names it
    assert extract_text(stored, suffix) == text
    proposal = outcome(lambda: propose_from_file(stored.rename(path)))
    assert isinstance(proposal, Proposal | UserFacingError)
