"""依申请转主动 (条例第四十四条): register the released information in the document register.

The new register entry is 主动公开 with the case's 答复告知书 as its file; it then goes through the
保密审查 like any other document before it is published.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from sqlalchemy import select

from app.errors import UserFacingError
from app.models.document import Document
from app.services.common import SessionFactory
from app.services.documents.rules import MAX_TITLE, PROACTIVE, DocumentInput
from app.services.documents.service import DocumentDetail, DocumentService
from app.services.permissions import Actor
from app.services.requests.service import RequestService
from app.services.requests.types import LetterKind

DEFAULT_CHANNELS = ("政府网站",)  # where 主动公开 information goes first (条例第二十三条)


def release_title(description: str) -> str:
    """The register title: the applicant's description of the information, on one line."""
    return " ".join(description.split())[:MAX_TITLE]


def release_to_register(
    sessions: SessionFactory,
    requests: RequestService,
    documents: DocumentService,
    actor: Actor,
    case_id: int,
    publisher: str,
) -> DocumentDetail:
    """Create the 主动公开 register entry for a case answered 予以公开/部分公开 with a proposal."""
    proposal = requests.proactive_proposal_for(case_id)
    if proposal is None:
        raise UserFacingError("这件申请不符合依申请转主动的条件（需两位以上申请人申请了相同的可公开信息）。")
    detail = requests.detail(case_id)
    answers = [letter for letter in detail.letters if letter.kind == LetterKind.ANSWER and not letter.voided]
    if not answers:
        raise UserFacingError("请先出具答复告知书，再转为主动公开（答复告知书将作为公文的附件）。")
    title = release_title(proposal.description)
    with sessions() as session:
        existing = session.scalar(select(Document.index_no).where(Document.title == title))
    if existing:
        raise UserFacingError(f"公文目录中已有同名条目（索引号 {existing}），无需重复登记。")
    letter = answers[-1]
    folder = Path(tempfile.mkdtemp(prefix="zwgk-release-"))
    try:
        named = folder / Path(letter.file_name).name  # the store keeps files by checksum
        shutil.copyfile(requests.letters.file_path(letter), named)
        value = DocumentInput(
            title=title,
            publisher=publisher,
            disclosure=PROACTIVE,
            written_on=letter.issued_on,
            channels=DEFAULT_CHANNELS,
        )
        return documents.create(actor, value, (named,))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
