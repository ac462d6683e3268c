"""Hostile personal-data samples, published register items that carry them, and a package read back whole."""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

from pypdf import PdfReader

from app.models.document import Document, DocumentFile
from app.services.context import AppContext
from app.services.formats.text_extract import extract_text
from app.services.permissions import Actor
from app.services.postings.periods import PeriodPreset
from app.services.postings.types import PostingDraft
from app.services.privacy.detector import AllowList, Finding, find
from app.services.privacy.files import file_text
from tests.conftest import TEST_NOW, TEST_OFFICE
from tests.services.review_support import reviewed

# The 17 forms of the attack (issue 19): ID numbers with and without separators, 15-digit IDs, phones with
# +86 or dashes, landlines, a bank card and addresses with 号/室.
SAMPLES: tuple[tuple[str, str], ...] = (
    ("id18", "310101199001011234"),
    ("id18_spaces", "3101 0119 9001 0112 34"),
    ("id18_dashes", "310101-19900101-1234"),
    ("id18_fullwidth", "３１０１０１１９９００１０１１２３４"),
    ("id18_x", "11010519491231002X"),
    ("id15", "110105491231002"),
    ("mobile", "13812345678"),
    ("mobile_spaces", "138 1234 5678"),
    ("mobile_dashes", "139-8765-4321"),
    ("mobile_plus86", "+86 137 1234 5678"),
    ("mobile_0086", "0086-15912345678"),
    ("landline", "0512-12345678"),
    ("landline_brackets", "（0571）8765 4321"),
    ("landline_plus86", "+86 10 6123 4567"),
    ("bank_card", "6222 0212 3456 7890 128"),
    ("address_lane", "业辉路100弄3号502室"),
    ("address_village", "方夏村3组15号"),
)
ALLOW = AllowList.of(TEST_OFFICE.phone, TEST_OFFICE.address)
CLEAN_TITLE = "关于做好冬季防火工作的通知"


def txt_file(text: str) -> bytes:
    return text.encode("gb18030")  # as Notepad on Chinese Windows saves it


def docx_file(text: str) -> bytes:
    """A .docx whose sample is split over several runs, as Word does after an edit."""
    from docx import Document as Docx

    document = Docx()
    paragraph = document.add_paragraph("名单：张某，")
    middle = len(text) // 2
    paragraph.add_run(text[:middle])
    paragraph.add_run(text[middle:]).bold = True
    document.add_paragraph("以上人员情况属实。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_file(text: str, page: int = 2) -> bytes:
    """A PDF with the sample on page `page`."""
    from reportlab.pdfgen.canvas import Canvas

    from app.services.formats.fonts import FontRole, register_pdf_font

    font = register_pdf_font(FontRole.SONG)
    out = io.BytesIO()
    canvas = Canvas(out)
    for number in range(1, page + 1):
        canvas.setFont(font, 12)
        canvas.drawString(72, 700, f"第{number}页：" + (f"申请人 {text}" if number == page else "说明"))
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def published_document(
    ctx: AppContext,
    tmp: Path,
    n: int,
    title: str = CLEAN_TITLE,
    files: tuple[tuple[str, bytes], ...] = (("通知.txt", "通知正文".encode()),),
    **fields: str,
) -> int:
    """A 主动公开 document published before the app (history path), with attachments and their text."""
    stored = []
    for number, (name, data) in enumerate(files):
        source = tmp / f"doc{n}-{number}{Path(name).suffix}"
        source.write_bytes(data)
        stored.append((ctx.attachments.add_file(source, name), extract_text(source)))
    with ctx.sessions.begin() as session:
        row = Document(
            index_no=f"{TEST_OFFICE.org_code}/2025-{n:05d}",
            doc_number=fields.get("doc_number", f"测府发〔2025〕{n}号"),
            title=title,
            publisher=fields.get("publisher", TEST_OFFICE.name),
            topic=fields.get("topic", "综合政务\\政务公开"),
            written_on=date(2025, 3, 1),
            published_at=datetime(2025, 3, 2, 9),
            disclosure="主动公开",
            history_note="历史公开（线下审查）：测试",
        )
        session.add(row)
        session.flush()
        for order, (info, text) in enumerate(stored):
            session.add(DocumentFile(document_id=row.id, attachment_id=info.id, text=text, sort_order=order))
        session.flush()
        bound = reviewed(session, "document", row.id)
        row.history_fingerprint, row.history_content = bound["content_fingerprint"], bound["content_json"]
        return row.id


def posted(ctx: AppContext, admin: Actor, title: str, body: str) -> int:
    """A posting with an approving 保密审查单, marked 张贴中."""
    from tests.services.export.test_export_registers import BOARDS, _sheet

    ctx.settings.save_boards(admin, BOARDS)
    draft = PostingDraft(
        title=title,
        body=body,
        boards=tuple(BOARDS),
        preset=PeriodPreset.DAYS_7.value,
        period_start=TEST_NOW.date(),
        unit=TEST_OFFICE.name,
        signed_on=TEST_NOW.date(),
        phone=TEST_OFFICE.phone,
    )
    info = ctx.postings.create(admin, draft)
    _sheet(ctx, "posting", info.id, TEST_NOW - timedelta(hours=2))
    ctx.postings.mark_posted(admin, info.id, TEST_NOW - timedelta(hours=1))
    return info.id


def posted_earlier(ctx: AppContext, admin: Actor, title: str, body: str) -> int:
    """A posting marked 张贴中 by an earlier version, before 登记张贴 refused personal data and the editor
    refused over-wide tables: posted with a harmless body, then `body` written straight to the database and
    its 保密审查单 bound to exactly that text (so only the export's own screening stands in the way)."""
    from sqlalchemy import select

    from app.models.document import ReviewSheet
    from app.models.posting import Posting

    posting_id = posted(ctx, admin, title, "现将有关情况公示如下。")
    with ctx.sessions.begin() as session:
        row = session.get(Posting, posting_id)
        assert row is not None
        row.body = body
        session.flush()
        sheet = session.scalars(
            select(ReviewSheet).where(ReviewSheet.item_kind == "posting", ReviewSheet.item_id == posting_id)
        ).one()
        for key, value in reviewed(session, "posting", posting_id).items():
            setattr(sheet, key, value)
    return posting_id


def _entry_text(name: str, data: bytes) -> str:
    """What a reader of an entry sees: a PDF's text, an Office file's text and raw XML, else the bytes."""
    if name.lower().endswith(".pdf") or data.startswith(b"%PDF"):
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as inner:
            raw = "\n".join(inner.read(part).decode("utf-8", "replace") for part in inner.namelist())
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / Path(name).name
            copy.write_bytes(data)
            return raw + "\n" + file_text(copy, copy.name)
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def package_text(package: Path) -> dict[str, str]:
    """Every entry of the package as text, keyed by its name (file names are themselves checked)."""
    with zipfile.ZipFile(package) as archive:
        entries = {i.filename: _entry_text(i.filename, archive.read(i)) for i in archive.infolist()}
    entries["(条目名称)"] = "\n".join(entries)
    return entries


def leaks(package: Path) -> list[tuple[str, Finding]]:
    """Personal data anywhere in the package (entry names, manifest, catalogue, files)."""
    return [(name, f) for name, text in package_text(package).items() for f in find(text, ALLOW)]


def manifest(package: Path) -> dict[str, object]:
    with zipfile.ZipFile(package) as archive:
        data: dict[str, object] = json.loads(archive.read("manifest.json"))
        return data
