"""What the 公开栏 service takes and returns: drafts, rows, details, status and validation."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from app.errors import UserFacingError
from app.services.postings.page import Paper, PostingContent, validate_content

MAX_RESPONSIBLE = 50
MAX_REASON = 500


class PostingStatus(StrEnum):
    WAITING = "待张贴"
    POSTED = "张贴中"
    DUE_DOWN = "到期待撤"  # derived: 张贴中 and the 公示期 is over
    ARCHIVED = "已撤除存档"


class SourceKind(StrEnum):
    FREE = "free"
    DOCUMENT = "document"
    DECISION_DIRECTORY = "decision_directory"
    REQUEST_RELEASE = "request_release"

    @property
    def label(self) -> str:
        return SOURCE_LABELS[self]


SOURCE_LABELS = {
    SourceKind.FREE: "自行录入",
    SourceKind.DOCUMENT: "登记公文",
    SourceKind.DECISION_DIRECTORY: "决策事项目录",
    SourceKind.REQUEST_RELEASE: "依申请公开信息",
}


class PhotoStage(StrEnum):
    POSTED = "张贴"
    REMOVED = "撤除"


def effective_status(stored: str, period_end: date, today: date) -> PostingStatus:
    if stored == PostingStatus.POSTED and today > period_end:
        return PostingStatus.DUE_DOWN
    return PostingStatus(stored)


@dataclass(frozen=True)
class PostingDraft:
    """What the editor collects. `boards` are board names from the office's list."""

    title: str
    body: str
    boards: tuple[str, ...]
    preset: str
    period_start: date
    custom_end: date | None = None
    responsible: str = ""
    unit: str = ""
    signed_on: date | None = None
    phone: str = ""
    qr_url: str = ""
    paper: str = "A4"
    source_kind: str = "free"
    source_id: int | None = None


def clean_draft(draft: PostingDraft) -> PostingDraft:
    if draft.paper not in tuple(Paper):
        raise UserFacingError("纸张只能选 A4 或 A3。")
    content = validate_content(
        PostingContent(
            draft.title,
            draft.body,
            draft.unit,
            draft.signed_on,
            None,
            draft.phone,
            draft.qr_url,
            Paper(draft.paper),
        )
    )
    boards = tuple(dict.fromkeys(name.strip() for name in draft.boards if name.strip()))
    if not boards:
        raise UserFacingError("请至少选择一个公开栏（在「设置」中维护本单位的公开栏名单）。")
    responsible = draft.responsible.strip()
    if len(responsible) > MAX_RESPONSIBLE:
        raise UserFacingError(f"责任人不超过 {MAX_RESPONSIBLE} 个字。")
    try:
        kind = SourceKind(draft.source_kind)
    except ValueError:
        raise UserFacingError(f"来源类型「{draft.source_kind}」无法识别。") from None
    if kind is SourceKind.FREE and draft.source_id is not None:
        raise UserFacingError("自行录入的张贴件不关联其他记录。")
    if kind is not SourceKind.FREE and (draft.source_id is None or draft.source_id < 1):
        raise UserFacingError(f"请选择要张贴的{kind.label}。")
    return replace(
        draft,
        title=content.title,
        body=draft.body.strip("\n"),
        boards=boards,
        responsible=responsible,
        unit=content.unit,
        phone=content.phone,
        qr_url=content.qr_url,
        source_kind=kind.value,
    )


def clean_reason(reason: str) -> str:
    text = " ".join(reason.split())
    if len(text) > MAX_REASON:
        raise UserFacingError(f"原因不超过 {MAX_REASON} 个字。")
    return text


@dataclass(frozen=True)
class PhotoInfo:
    id: int
    stage: str
    attachment_id: int
    sha256: str
    file_name: str
    board: str
    taken_at: datetime | None
    taken_source: str  # 「照片EXIF」 or 「登记时间」


@dataclass(frozen=True)
class PostingRow:
    """One line of the list."""

    id: int
    title: str
    boards: str  # 、-joined
    period_start: date
    period_end: date
    status: PostingStatus
    responsible: str


@dataclass(frozen=True)
class PostingInfo:
    id: int
    draft: PostingDraft
    period_end: date
    status: PostingStatus
    stored_status: str
    posted_at: datetime | None
    clearance: str
    removed_on: date | None
    early_removal_reason: str
    photos: tuple[PhotoInfo, ...]
    version: int = 1  # optimistic lock (issue 14): pass back as `expected_version`

    @property
    def title(self) -> str:
        return self.draft.title


@dataclass(frozen=True)
class PostingFilter:
    """Empty fields match everything; `today` decides which 张贴中 postings are 到期待撤."""

    today: date
    status: PostingStatus | None = None
    board: str | None = None
    text: str | None = None
