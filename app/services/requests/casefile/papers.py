"""The papers of a 依申请 case (案卷材料): what came in or went out on paper, kept with the case."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models import Attachment
from app.models.request import RequestCase, RequestPaper
from app.services.audit.chain import Action, record
from app.services.common import (
    IsCancelled,
    Progress,
    SessionFactory,
    clock_for,
    never_cancelled,
    no_progress,
)
from app.services.permissions import Actor, Perm, require
from app.services.requests.core import MISSING_CASE
from app.services.requests.types import MAX_NOTE, CaseStatus
from app.services.requests.voiding import clean_reason
from app.services.storage.attachments import AttachmentStore

PAPER_ENTITY = "案卷材料"
# (file, progress, is_cancelled) → the file's text; the OCR of app/services/scans/read.py behind a seam.
ReadText = Callable[[Path, Progress, IsCancelled], str]
MAX_MAIL_NUMBER = 40
# EMS 13 characters (2 letters, 9 digits, CN), 挂号信 likewise; some offices write only digits.
MAIL_NUMBER = re.compile(r"^[A-Z0-9-]{6,40}$")
SCAN_SUFFIXES = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".heic", ".heif"})


class PaperKind(StrEnum):
    """In archive order (归档文件整理规则 DA/T 22: by date, then as the case went on the same day)."""

    APPLICATION = "申请书"
    CORRECTION = "补正材料"
    THIRD_PARTY = "第三方意见"
    FEE_RECEIPT = "缴费凭证"
    FINAL_LETTER = "最终文书"
    MAILING = "邮寄凭证"
    SERVICE_RECEIPT = "送达回证"
    OTHER = "其他"


# Kinds that are a mailing or a service: they carry an EMS/挂号 number and a 签收 date.
MAIL_KINDS = frozenset({PaperKind.MAILING, PaperKind.SERVICE_RECEIPT})


@dataclass(frozen=True)
class NewPaper:
    """What the 「添加材料」 dialog collects."""

    kind: str
    on_date: date
    file: Path | None = None
    mail_number: str = ""
    signed_on: date | None = None
    note: str = ""


@dataclass(frozen=True)
class PaperView:
    id: int
    case_id: int
    kind: str
    on_date: date
    mail_number: str
    signed_on: date | None
    attachment_id: int | None
    sha256: str
    file_name: str
    media_type: str
    added_by: str
    added_at: datetime
    note: str
    voided_at: datetime | None = None
    void_reason: str = ""

    @property
    def voided(self) -> bool:
        return self.voided_at is not None

    @property
    def listed(self) -> str:
        """One line of the 案卷材料 list: 「2026-11-02 邮寄凭证 EMS1234567890CN（2026-11-04 签收）」."""
        parts = [self.on_date.isoformat(), self.kind]
        if self.mail_number:
            parts.append(self.mail_number)
        text = " ".join(parts)
        if self.signed_on:
            text += f"（{self.signed_on.isoformat()} 签收）"
        if self.file_name:
            text += f"　{self.file_name}"
        return f"{text}（已作废：{self.void_reason}）" if self.voided else text


def clean_paper(paper: NewPaper) -> NewPaper:
    """Refuse what the clerk can fix: unknown kind, unreadable file type, a malformed mail number."""
    if paper.kind not in set(PaperKind):
        raise UserFacingError(f"未知的材料种类「{paper.kind[:20]}」。")
    number = re.sub(r"\s+", "", paper.mail_number).upper()
    if number and not MAIL_NUMBER.match(number):
        raise UserFacingError(
            f"邮件号码「{paper.mail_number[:MAX_MAIL_NUMBER]}」不像 EMS 或挂号信单号（字母和数字，"
            "如 EA123456789CN），请核对。"
        )
    if paper.signed_on is not None and paper.signed_on < paper.on_date:
        raise UserFacingError("签收日期早于寄出日期，请核对。")
    if paper.file is not None and paper.file.suffix.lower() not in SCAN_SUFFIXES:
        raise UserFacingError(f"「{paper.file.name}」不是扫描件或照片，请选择 PDF、JPG、PNG 或 TIFF 文件。")
    if paper.file is None and not number:
        raise UserFacingError("请选择扫描件或照片；只登记邮寄或送达时，请填写邮件号码。")
    note = paper.note.strip()
    if len(note) > MAX_NOTE:
        raise UserFacingError(f"备注请控制在 {MAX_NOTE} 个字以内。")
    return NewPaper(paper.kind, paper.on_date, paper.file, number, paper.signed_on, note)


def papers_of(session: Session, case_id: int) -> tuple[PaperView, ...]:
    rows = session.execute(
        select(RequestPaper, Attachment)
        .outerjoin(Attachment, Attachment.id == RequestPaper.attachment_id)
        .where(RequestPaper.case_id == case_id)
        .order_by(RequestPaper.on_date, RequestPaper.id)
    )
    return tuple(
        PaperView(
            paper.id,
            paper.case_id,
            paper.kind,
            paper.on_date,
            paper.mail_number,
            paper.signed_on,
            paper.attachment_id,
            file.sha256 if file else "",
            file.original_name if file else "",
            file.media_type if file else "",
            paper.added_by,
            paper.added_at,
            paper.note,
            paper.voided_at,
            paper.void_reason,
        )
        for paper, file in rows
    )


def cases_whose_papers_say(pattern: str) -> Select[int]:
    """Ids of cases whose valid papers' OCR text matches a LIKE `pattern` (escaped with \\): for the
    request list's free-text search, so a word only in a scanned application finds its case."""
    return select(RequestPaper.case_id).where(
        RequestPaper.voided_at.is_(None), RequestPaper.text.like(pattern, escape="\\")
    )


class PaperService:
    """Add, list and void the papers of a case; every change is audited under the case's 受理编号."""

    def __init__(self, sessions: SessionFactory, attachments: AttachmentStore) -> None:
        self._sessions, self._attachments = sessions, attachments
        self._clock = clock_for(sessions)

    def papers(self, case_id: int) -> tuple[PaperView, ...]:
        with self._sessions() as session:
            return papers_of(session, case_id)

    def file_path(self, paper: PaperView) -> Path | None:
        return self._attachments.path_of(paper.sha256) if paper.sha256 else None

    def add(self, actor: Actor, case_id: int, paper: NewPaper) -> PaperView:
        require(actor, Perm.REGISTER)
        clean = clean_paper(paper)
        with self._sessions() as session:
            self._open_case(session, case_id)
        stored = self._attachments.add_file(clean.file) if clean.file is not None else None
        with self._sessions.begin() as session:
            case = self._open_case(session, case_id)
            row = RequestPaper(
                case_id=case_id,
                kind=clean.kind,
                on_date=clean.on_date,
                mail_number=clean.mail_number,
                signed_on=clean.signed_on,
                attachment_id=stored.id if stored else None,
                added_by=actor.username,
                added_at=self._clock.now().replace(microsecond=0),
                note=clean.note,
            )
            session.add(row)
            session.flush()
            record(
                session,
                actor,
                Action.CREATE,
                PAPER_ENTITY,
                case.number,
                种类=clean.kind,
                日期=clean.on_date.isoformat(),
                文件=stored.original_name if stored else "",
                邮件号码=clean.mail_number,
            )
            return next(view for view in papers_of(session, case_id) if view.id == row.id)

    def read_text(
        self,
        paper_id: int,
        read: ReadText,
        progress: Progress = no_progress,
        is_cancelled: IsCancelled = never_cancelled,
    ) -> str:
        """Read the scan's text (OCR, seconds a page: run it in the background) and keep it with the paper,
        so the case's papers can be searched. `read` is the OCR engine's seam (app/services/scans)."""
        with self._sessions() as session:
            sha = session.scalar(
                select(Attachment.sha256)
                .join(RequestPaper, RequestPaper.attachment_id == Attachment.id)
                .where(RequestPaper.id == paper_id)
            )
        if sha is None:
            return ""
        text = read(self._attachments.path_of(sha), progress, is_cancelled)
        with self._sessions.begin() as session:
            row = session.get(RequestPaper, paper_id)
            if row is not None:
                row.text = text
        return text

    def void(self, actor: Actor, paper_id: int, reason: str) -> PaperView:
        """A paper added by mistake stays listed, struck out with the reason, and leaves the 案卷."""
        require(actor, Perm.REGISTER)
        text = clean_reason(reason, "作废")
        with self._sessions.begin() as session:
            paper = session.get(RequestPaper, paper_id, with_for_update=True)
            if paper is None:
                raise UserFacingError("找不到这份材料，可能已被删除，请刷新。")
            if paper.voided_at is not None:
                raise UserFacingError("这份材料已经作废。")
            case = self._open_case(session, paper.case_id)
            paper.voided_at = self._clock.now().replace(microsecond=0)
            paper.void_reason = text
            record(session, actor, Action.STATUS, PAPER_ENTITY, case.number, 作废=paper.kind, 理由=text)
            session.flush()
            return next(view for view in papers_of(session, paper.case_id) if view.id == paper_id)

    @staticmethod
    def _open_case(session: Session, case_id: int) -> RequestCase:
        case = session.get(RequestCase, case_id)
        if case is None:
            raise UserFacingError(MISSING_CASE)
        if case.status == CaseStatus.VOIDED:
            raise UserFacingError(f"申请{case.number}已作废，不能再添加或作废案卷材料。")
        return case
