"""「生成案卷」: one PDF per case — cover, 卷内目录 with 页号, then every letter and paper in archive order.

The items are rendered first, so each one's first page is known before the 目录 is drawn; the 目录 is
drawn twice when its own length moves the numbers (a long 目录 takes a second page).
"""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.request import RequestCase, RequestEvent
from app.services.audit.chain import Action, record
from app.services.common import SessionFactory, clock_for
from app.services.permissions import Actor, Perm, require
from app.services.privacy.masking import MASK
from app.services.requests.casefile import render
from app.services.requests.casefile.papers import MAIL_KINDS, PaperView, papers_of
from app.services.requests.core import MISSING_CASE, letters_of
from app.services.requests.letters.pdf import docx_to_pdf, find_soffice
from app.services.requests.outcomes import BY_KEY
from app.services.requests.types import ApplicantType, CaseStatus, EventKind, LetterKind, LetterView
from app.services.storage.attachments import AttachmentStore

# Same-day items in the order the case runs (申请 → 补正 → 征求意见 → 收费 → 答复 → 送达).
ARCHIVE_ORDER = ("申请书", LetterKind.RECEIPT, LetterKind.CORRECTION, "补正材料", LetterKind.EXTENSION,
                 LetterKind.THIRD_PARTY, LetterKind.AGENCY, "第三方意见", LetterKind.FEE, "缴费凭证",
                 LetterKind.ANSWER, "最终文书", LetterKind.SERVICE, "邮寄凭证", "送达回证",
                 "其他")  # fmt: skip
CASEFILE_ENTITY = "依申请公开案卷"
TEXT_LETTER_NOTE = (
    "本页为文书的文字版：本机没有安装 LibreOffice，未能按原版式转换。原件（.docx）保存在本案件的「文书」中。"
)
RANK = {str(kind): index for index, kind in enumerate(ARCHIVE_ORDER)}


class LetterForm(StrEnum):
    """How the app's own letters enter the 案卷."""

    PDF = "PDF（LibreOffice 转换）"
    TEXT = "文字版（本机没有 LibreOffice）"


@dataclass(frozen=True)
class CaseFileResult:
    path: Path
    number: str
    pages: int
    toc: tuple[render.TocRow, ...]
    letters_as: LetterForm


@dataclass(frozen=True)
class _Item:
    on_date: date
    rank: int
    title: str
    number: str
    note: str
    letter: LetterView | None = None
    paper: PaperView | None = None


def mask_name(name: str, applicant_type: str) -> str:
    """「王小明」 → 「王**」: a person's name is personal data; an organisation's name is not."""
    text = name.strip()
    if applicant_type != ApplicantType.PERSON or len(text) <= 1:
        return text
    return text[0] + MASK * (len(text) - 1)


def _letter_item(letter: LetterView) -> _Item:
    return _Item(letter.issued_on, RANK.get(letter.kind, len(RANK)), letter.kind, letter.number, "", letter)


def _paper_item(paper: PaperView) -> _Item:
    note = f"{paper.signed_on.isoformat()} 签收" if paper.signed_on else ""
    note = "；".join(part for part in (note, paper.note[:40]) if part)
    return _Item(
        paper.on_date, RANK.get(paper.kind, len(RANK)), paper.kind, paper.mail_number, note, None, paper
    )


class CaseFileBuilder:
    """`soffice`: LibreOffice for the letters' own layout; None (or not installed) gives text pages."""

    def __init__(
        self, sessions: SessionFactory, attachments: AttachmentStore, soffice: Path | None = None
    ) -> None:
        self._sessions, self._attachments, self._soffice = sessions, attachments, soffice
        self._clock = clock_for(sessions)

    @classmethod
    def with_local_office(cls, sessions: SessionFactory, attachments: AttachmentStore) -> CaseFileBuilder:
        return cls(sessions, attachments, find_soffice())

    @property
    def letter_form(self) -> LetterForm:
        return LetterForm.PDF if self._soffice is not None else LetterForm.TEXT

    def build(self, actor: Actor, case_id: int, target: Path, office: str) -> CaseFileResult:
        """The scans carry the applicant's full details: only a clerk who registers cases makes a 案卷,
        and each one made is audited."""
        from pypdf import PdfReader, PdfWriter

        require(actor, Perm.REGISTER)

        with self._sessions() as session:
            case = session.get(RequestCase, case_id)
            if case is None:
                raise UserFacingError(MISSING_CASE)
            if case.status == CaseStatus.VOIDED:
                raise UserFacingError(f"申请{case.number}已作废，不生成案卷。")
            items = self._items(session, case_id)
            facts = self._facts(session, case, office)
        parts = [PdfReader(io.BytesIO(self._render(item))) for item in items]
        toc_pages = 1
        while True:  # the 目录's own length decides where the items start
            starts, page = [], 2 + toc_pages
            for part in parts:
                starts.append(page)
                page += len(part.pages)
            rows = tuple(
                render.TocRow(seq, item.on_date, item.title, item.number, start, item.note)
                for seq, (item, start) in enumerate(zip(items, starts, strict=True), start=1)
            )
            toc = PdfReader(io.BytesIO(render.toc_pdf(rows)))
            if len(toc.pages) == toc_pages:
                break
            toc_pages = len(toc.pages)
        total = page - 1
        cover = PdfReader(io.BytesIO(render.cover_pdf(_with_counts(facts, len(items), total))))
        writer = PdfWriter()
        for reader in (cover, toc, *parts):
            for source in reader.pages:
                writer.add_page(source)
        firsts = {start - 1: f"卷内第 {row.seq} 件" for row, start in zip(rows, starts, strict=True)}
        sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in writer.pages]
        stamps = PdfReader(io.BytesIO(render.stamps_pdf(sizes, firsts)))
        for page_obj, stamp in zip(writer.pages, stamps.pages, strict=True):
            page_obj.merge_page(stamp)
        writer.add_metadata({"/Title": f"{facts.number} 依申请公开案卷"})
        from app.services.formats.atomic import atomic_write

        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(target, suffix=".part") as partial, partial.open("wb") as handle:
            writer.write(handle)
        with self._sessions.begin() as session:
            record(session, actor, Action.EXPORT, CASEFILE_ENTITY, facts.number, 页数=total, 件数=len(items))
        return CaseFileResult(target, facts.number, total, rows, self.letter_form)

    def _items(self, session: Session, case_id: int) -> list[_Item]:
        letters = [_letter_item(x) for x in letters_of(session, case_id) if not x.voided]
        papers = [_paper_item(x) for x in papers_of(session, case_id) if not x.voided]
        return sorted(letters + papers, key=lambda item: (item.on_date, item.rank))

    def _facts(self, session: Session, case: RequestCase, office: str) -> render.CoverFacts:
        answered = session.scalar(
            select(RequestEvent.on_date)
            .where(
                RequestEvent.case_id == case.id,
                RequestEvent.kind.in_([EventKind.ANSWERED.value, EventKind.ON_THE_SPOT.value]),
            )
            .order_by(RequestEvent.on_date.desc())
        )
        outcome = BY_KEY.get(case.outcome or "")
        return render.CoverFacts(
            office=office,
            number=case.number,
            applicant=mask_name(case.applicant_name, case.applicant_type),
            received_on=case.received_on,
            answered_on=answered,
            closed_on=case.closed_on,
            outcome=outcome.ledger_label if outcome else case.status,
            items=0,
            pages=0,
            made_on=self._clock.today(),
        )

    def _render(self, item: _Item) -> bytes:
        if item.letter is not None:
            return self._letter_pages(item.letter)
        assert item.paper is not None
        return self._paper_pages(item.paper)

    def _letter_pages(self, letter: LetterView) -> bytes:
        source = self._attachments.path_of(letter.sha256)
        if self._soffice is not None:
            with tempfile.TemporaryDirectory(prefix="zwgk-casefile-") as work:
                return docx_to_pdf(self._soffice, source, Path(work) / "letter.pdf").read_bytes()
        from docx import Document

        document = Document(str(source))
        lines = [p.text for p in document.paragraphs]
        for table in document.tables:
            lines += ["　".join(cell.text for cell in row.cells) for row in table.rows]
        return render.text_pdf(
            f"{letter.kind}（{letter.number}）",
            lines,
            TEXT_LETTER_NOTE,
        )

    def _paper_pages(self, paper: PaperView) -> bytes:
        if not paper.sha256:
            return render.text_pdf(paper.kind, _record_lines(paper))
        path = self._attachments.path_of(paper.sha256)
        if not path.is_file():
            raise UserFacingError(f"案卷材料「{paper.file_name}」的文件不在附件库中，请运行「检查」后重试。")
        if paper.file_name.lower().endswith(".pdf"):
            return _checked_pdf(path, paper.file_name)
        try:
            return render.images_pdf(path)
        except OSError:
            raise UserFacingError(
                f"案卷材料「{paper.file_name}」不是能读取的图片，请重新扫描后添加，并作废这一份。"
            ) from None


def _record_lines(paper: PaperView) -> list[str]:
    lines = [f"日期：{paper.on_date.isoformat()}"]
    if paper.kind in MAIL_KINDS or paper.mail_number:
        lines.append(f"邮件号码：{paper.mail_number or '—'}")
        lines.append(f"签收日期：{paper.signed_on.isoformat() if paper.signed_on else '尚未签收'}")
    if paper.note:
        lines.append(f"备注：{paper.note}")
    lines.append(f"登记人：{paper.added_by}　登记时间：{paper.added_at:%Y-%m-%d %H:%M}")
    return lines


def _checked_pdf(path: Path, name: str) -> bytes:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    data = path.read_bytes()
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted or not reader.pages:
            raise PdfReadError("encrypted or empty")
    except (PdfReadError, ValueError, OSError):
        raise UserFacingError(
            f"案卷材料「{name}」是加密或损坏的 PDF，无法编入案卷。请重新扫描后添加，并作废这一份。"
        ) from None
    return data


def _with_counts(facts: render.CoverFacts, items: int, pages: int) -> render.CoverFacts:
    from dataclasses import replace

    return replace(facts, items=items, pages=pages)
