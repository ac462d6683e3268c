"""Personal data inside attachment files: where it is (PDF page, text line) and a masked copy (.txt, .docx).

A PDF cannot be masked reliably here (its text is drawn glyph by glyph, and a scan is a picture), so a PDF
with personal data is refused even when the clerk chose masking; the clerk uploads a redacted version.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.errors import UserFacingError
from app.services.formats.chinese import decode_text
from app.services.formats.text_extract import extract_text, pdf_page_texts
from app.services.privacy.detector import AllowList, Finding, Kind, find, mask

MASKABLE_SUFFIXES = (".txt", ".docx", ".xlsx")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# the .docx parts people write in: body, headers, footers, notes, comments, and the document properties
_DOCX_TEXT_PARTS = ("word/", "docProps/core.xml", "docProps/app.xml")


class Unmaskable(UserFacingError):
    """The file holds personal data this program cannot mask; the clerk has to supply a redacted copy."""


def suffix_of(name: str) -> str:
    return Path(name).suffix.lower()


def places_in_file(path: Path, name: str, findings: Sequence[Finding], allow: AllowList) -> list[str]:
    """「第3页」 of a PDF or 「第12行」 of a text file for each finding; "" where it cannot be told."""
    suffix = suffix_of(name)
    try:
        if suffix == ".pdf":
            parts, unit = pdf_page_texts(path), "页"
        elif suffix == ".txt":
            parts, unit = decode_text(path.read_bytes(), lossy=True).splitlines(), "行"
        else:
            return [""] * len(findings)
    except Exception:  # a damaged file: its findings are reported without a page
        return [""] * len(findings)
    where: dict[tuple[Kind, str], str] = {}
    for number, part in enumerate(parts, start=1):
        for found in find(part, allow):
            where.setdefault((found.kind, found.masked), f"第{number}{unit}")
    return [where.get((finding.kind, finding.masked), "") for finding in findings]


def file_text(path: Path, name: str) -> str:
    """What the screen reads in a file: as `extract_text`, and the cells of a spreadsheet."""
    if suffix_of(name) == ".xlsx":
        return _xlsx_text(path.read_bytes())
    return extract_text(path, suffix_of(name))


def masked_copy(path: Path, name: str, allow: AllowList) -> bytes:
    """The file's bytes with every finding masked; `Unmaskable` for PDFs and anything left over."""
    suffix = suffix_of(name)
    if suffix == ".txt":
        text = decode_text(path.read_bytes(), lossy=True)
        data = mask(text, find(text, allow)).encode("utf-8-sig")  # Notepad reads UTF-8 with its BOM
    elif suffix == ".docx":
        data = _masked_docx(path.read_bytes(), allow)
    elif suffix == ".xlsx":
        data = _masked_xlsx(path.read_bytes(), allow)
    else:
        raise Unmaskable(f"附件「{name}」不能自动遮盖个人信息，请上传遮盖后的文件再导出。")
    _require_clean(data, suffix, name, allow)
    return data


def _require_clean(data: bytes, suffix: str, name: str, allow: AllowList) -> None:
    """Read the masked copy back the way the screen reads attachments: nothing may be left."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="zwgk-mask-") as folder:
        copy = Path(folder) / f"check{suffix}"
        copy.write_bytes(data)
        left = find(file_text(copy, copy.name), allow)
    if suffix == ".docx":
        left += [f for text in _docx_texts(data) for f in find(text, allow)]
    if left:
        raise Unmaskable(
            f"附件「{name}」中的{left[0].kind.value}跨越了表格或段落，不能自动遮盖，请上传遮盖后的文件再导出。"
        )


def _masked_docx(data: bytes, allow: AllowList) -> bytes:
    from lxml import etree

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.startswith(_DOCX_TEXT_PARTS) and info.filename.endswith(".xml"):
                root = etree.fromstring(content)
                if _mask_tree(root, allow):
                    content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, content)
    return out.getvalue()


def _mask_tree(root: Any, allow: AllowList) -> bool:
    """Mask each paragraph's text across its runs (a number may span several w:t); True if changed."""
    changed = False
    paragraphs = list(root.iter(f"{_W}p"))
    for paragraph in paragraphs:
        nodes = [t for t in paragraph.iter(f"{_W}t") if next(t.iterancestors(f"{_W}p")) is paragraph]
        changed |= _mask_nodes(nodes, allow)
    if not paragraphs:  # document properties: plain elements with text
        changed |= any([_mask_nodes([node], allow) for node in root.iter() if node.text])
    return changed


def _mask_nodes(nodes: list[Any], allow: AllowList) -> bool:
    texts = [node.text or "" for node in nodes]
    joined = "".join(texts)
    findings = find(joined, allow)
    if not findings:
        return False
    masked = mask(joined, findings)  # same length: each node gets its own stretch back
    at = 0
    for node, text in zip(nodes, texts, strict=True):
        node.text = masked[at : at + len(text)]
        at += len(text)
    return True


def _docx_texts(data: bytes) -> list[str]:
    """Every text-bearing part's paragraphs, for the check after masking (headers and footers too)."""
    from lxml import etree

    texts: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith(_DOCX_TEXT_PARTS) and name.endswith(".xml"):
                root = etree.fromstring(archive.read(name))
                texts.extend("".join(t.text or "" for t in p.iter(f"{_W}t")) for p in root.iter(f"{_W}p"))
                texts.extend(node.text for node in root.iter() if node.text and not len(node))
    return texts


def _xlsx_text(data: bytes) -> str:
    """Every sheet's cells (python-calamine keeps an 18-digit 证件号码 stored as a number exact)."""
    from app.services.formats.sheet_reader import read_xlsx_bytes
    from app.services.formats.xlsx import cell_text

    return "\n".join(
        "\t".join(text for text in map(cell_text, row) if text)
        for sheet in read_xlsx_bytes(data, "附件.xlsx")
        for row in sheet.rows
    )


def _masked_xlsx(data: bytes, allow: AllowList) -> bytes:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.value = mask(cell.value, find(cell.value, allow))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
