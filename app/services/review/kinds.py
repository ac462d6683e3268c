"""The gate's vocabulary (先审查、后公开, issue 19): what kinds of item are reviewed, the states a screen
shows for them, and the clearance a publication records. The rule itself is in publication_gate.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

HISTORY_MARK = "历史公开（线下审查）"
PRE_IMPORT_REVIEWED = "导入前已审查"  # notes of imports before issue 19: they recorded no reviewed content
APPROVING_CONCLUSIONS = ("同意公开", "部分公开")
PASSED, FAILED = "已通过", "未通过"
PENDING_STATUSES = ("草稿", "审查中")


class ItemKind(StrEnum):
    DOCUMENT = "document"
    POSTING = "posting"
    DECISION_DIRECTORY = "decision_directory"
    REQUEST_RELEASE = "request_release"
    DECISION_RESULT = "decision_result"  # 决策公布 of one directory item
    DECISION_FEEDBACK = "decision_feedback"  # 意见采纳情况反馈 of one directory item

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    ItemKind.DOCUMENT: "公文",
    ItemKind.POSTING: "公开栏张贴",
    ItemKind.DECISION_DIRECTORY: "决策事项目录",
    ItemKind.REQUEST_RELEASE: "依申请公开信息",
    ItemKind.DECISION_RESULT: "决策结果",
    ItemKind.DECISION_FEEDBACK: "意见采纳情况反馈",
}


class ReviewLabel(StrEnum):
    """The review state a screen shows for an item."""

    CLEARED = "已通过"
    HISTORY = HISTORY_MARK
    WAITING = "待审查"  # reviewed content changed, or nothing records what was reviewed
    IN_REVIEW = "审查中"
    REFUSED = "未通过"
    NONE = "未审查"


@dataclass(frozen=True)
class Clearance:
    """Why an item may be published: the approved sheet, or the imported history row."""

    sheet_id: int | None
    sheet_number: str
    approved_at: datetime | None
    conclusion: str
    basis: str  # e.g. 「保密审查单 保审〔2025〕3号」 or 「历史公开（线下审查）：…」


@dataclass(frozen=True)
class ReviewState:
    """An item's review state for the screens: the label, why (for 待审查 and refusals), what changed."""

    label: ReviewLabel
    reason: str = ""
    details: tuple[str, ...] = ()
    sheet_number: str = ""

    @property
    def cleared(self) -> bool:
        return self.label in (ReviewLabel.CLEARED, ReviewLabel.HISTORY)

    @property
    def text(self) -> str:
        """「待审查（审查后标题和附件已改动，须重新审查）」"""
        return f"{self.label.value}（{self.reason}）" if self.reason else self.label.value
