"""Plain text of an attachment for search and for registering from a file (DOCX, PDF, OFD, TXT)."""

from __future__ import annotations

import logging
from pathlib import Path

from app.errors import UserFacingError
from app.services.formats.chinese import decode_text
from app.services.formats.ofd import ofd_text
from app.services.formats.office_files import DOCX, check_office_file

log = logging.getLogger("zwgk.documents")
MAX_TEXT_CHARS = 500_000  # enough for a long report; keeps the search index bounded
TEXT_SUFFIXES = (".txt", ".docx", ".pdf", ".ofd")


def _missing(path: Path) -> UserFacingError:
    return UserFacingError(f"找不到文件「{path}」，请确认文件还在原来的位置。")


def _docx_text(path: Path) -> str:
    from docx import Document
    from docx.text.paragraph import Paragraph

    check_office_file(path, DOCX)  # a bomb or a disguised file is refused before python-docx unpacks it
    with path.open("rb") as handle:
        document = Document(handle)
    lines: list[str] = []
    for block in document.iter_inner_content():  # in reading order: a web page pasted into Word keeps its
        if isinstance(block, Paragraph):  # metadata table above the body
            lines.append(block.text)
            continue
        for row in block.rows:
            cells = list({id(cell._tc): cell.text for cell in row.cells}.values())  # a merged cell once
            lines.append(" ".join(cells))
    return "\n".join(lines)


def pdf_page_texts(path: Path) -> list[str]:
    """Each page's text, to say on which page something was found."""
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def _pdf_text(path: Path) -> str:
    return "\n".join(pdf_page_texts(path))


def extract_text(path: Path, suffix: str = "") -> str:
    """The file's text ("" for kinds we cannot read, e.g. images, WPS); never raises for bad content.

    `suffix` names the kind of a file kept under another name (the attachment store names files by hash).
    """
    suffix = (suffix or path.suffix).lower()
    if suffix in TEXT_SUFFIXES and not path.is_file():
        raise _missing(path)
    try:
        if suffix == ".txt":
            value = decode_text(path.read_bytes(), lossy=True)  # a few odd bytes still leave words to find
        elif suffix == ".docx":
            value = _docx_text(path)
        elif suffix == ".pdf":
            value = _pdf_text(path)
        elif suffix == ".ofd":
            value = ofd_text(path)
        else:
            return ""
    except FileNotFoundError:
        raise _missing(path) from None
    except Exception as exc:  # damaged, encrypted or misnamed: register it anyway, without text
        log.warning("text extraction failed for %s: %s", path.name, exc)
        return ""
    return value.replace("\x00", "")[:MAX_TEXT_CHARS]
