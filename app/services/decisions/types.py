"""What the 决策目录 services take and return: drafts, items, directories, adjustments, and their checks."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum
from typing import Any

from app.errors import UserFacingError
from app.models.decision import (
    PROCEDURE_LABELS,
    DecisionAdjustment,
    DecisionDirectory,
    DecisionItem,
    procedures_text,
)

MIN_YEAR, MAX_YEAR = 2019, 2100  # 国务院令第713号 took effect 2019-09-01
MAX_NAME = 200
MAX_UNIT = 100
MAX_TEXT = 2000
PLAN_YEARS_AHEAD = 2  # a plan may run into the next years, never before the directory's year


class DirectoryStatus(StrEnum):
    DRAFT = "编制中"
    PUBLISHED = "已公布"


class ItemStatus(StrEnum):
    ACTIVE = "有效"
    WITHDRAWN = "已撤销"


class AdjustmentKind(StrEnum):
    ADD = "增补"
    CHANGE = "调整"
    WITHDRAW = "撤销"


@dataclass(frozen=True)
class Procedures:
    public_participation: bool = True
    expert_review: bool = False
    risk_assessment: bool = False
    legality_review: bool = True
    collective_decision: bool = True
    hearing: bool = False

    def labels(self) -> list[str]:
        return [label for key, label in PROCEDURE_LABELS.items() if getattr(self, key)]

    def text(self) -> str:
        return procedures_text({key: getattr(self, key) for key in PROCEDURE_LABELS})


@dataclass(frozen=True)
class ItemDraft:
    name: str
    subject: str  # 决策主体
    undertaker: str  # 承办单位
    basis: str  # 法律政策依据
    procedures: Procedures
    planned_on: date  # 计划完成时间


@dataclass(frozen=True)
class ItemInfo:
    id: int
    directory_id: int
    year: int
    seq: int
    name: str
    subject: str
    undertaker: str
    basis: str
    procedures: Procedures
    planned_on: date
    status: ItemStatus
    version: int = 1  # optimistic lock (issue 14); also moves when its 决策过程 record changes

    @property
    def draft(self) -> ItemDraft:
        return ItemDraft(
            self.name, self.subject, self.undertaker, self.basis, self.procedures, self.planned_on
        )


@dataclass(frozen=True)
class DirectoryInfo:
    id: int
    year: int
    status: DirectoryStatus
    published_on: date | None
    doc_number: str
    due: date  # publication due date (setting decision.directory_due)
    items: tuple[ItemInfo, ...]
    review: str = (
        ""  # its 保密审查: 已通过 / 待审查 / 审查中 / 未通过 / 未审查 (publication_gate.ReviewLabel)
    )
    review_reason: str = ""  # e.g. 「审查后事项已改动，须重新审查」

    @property
    def active_items(self) -> tuple[ItemInfo, ...]:
        return tuple(item for item in self.items if item.status is ItemStatus.ACTIVE)


@dataclass(frozen=True)
class AdjustmentInfo:
    id: int
    item_id: int
    seq: int
    item_name: str
    kind: AdjustmentKind
    adjusted_on: date
    reason: str
    summary: str
    recorded_by: str


def procedures_of(row: DecisionItem) -> Procedures:
    return Procedures(**{key: bool(getattr(row, key)) for key in PROCEDURE_LABELS})


def item_info(row: DecisionItem, year: int) -> ItemInfo:
    return ItemInfo(
        row.id,
        row.directory_id,
        year,
        row.seq,
        row.name,
        row.subject,
        row.undertaker,
        row.basis,
        procedures_of(row),
        row.planned_on,
        ItemStatus(row.status),
        row.version,
    )


def adjustment_info(row: DecisionAdjustment, item: DecisionItem) -> AdjustmentInfo:
    return AdjustmentInfo(
        row.id,
        item.id,
        item.seq,
        item.name,
        AdjustmentKind(row.kind),
        row.adjusted_on,
        row.reason,
        row.summary,
        row.recorded_by,
    )


def directory_info(
    row: DecisionDirectory, items: list[DecisionItem], due: date, review: tuple[str, str] = ("", "")
) -> DirectoryInfo:
    return DirectoryInfo(
        row.id,
        row.year,
        DirectoryStatus(row.status),
        row.published_on,
        row.doc_number,
        due,
        tuple(item_info(item, row.year) for item in sorted(items, key=lambda r: r.seq)),
        *review,
    )


def check_year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UserFacingError(f"年度「{year}」不在 {MIN_YEAR}～{MAX_YEAR} 之间，请检查后重新输入。")
    return year


def _required(value: str, label: str, limit: int, example: str) -> str:
    clean = " ".join(value.split())
    if not clean:
        raise UserFacingError(f"请填写{label}，例如「{example}」。")
    if len(clean) > limit:
        raise UserFacingError(f"{label}太长（{len(clean)} 个字），请控制在 {limit} 个字以内。")
    return clean


def clean_draft(draft: ItemDraft, year: int) -> ItemDraft:
    """Trimmed and checked; the plan date lies in the directory's year or shortly after."""
    name = _required(draft.name, "决策事项名称", MAX_NAME, "赵巷镇老旧小区综合改造实施方案")
    subject = _required(draft.subject, "决策主体", MAX_UNIT, "赵巷镇人民政府")
    undertaker = _required(draft.undertaker, "承办单位", MAX_UNIT, "镇建设管理办公室")
    basis = draft.basis.strip()
    if len(basis) > MAX_TEXT:
        raise UserFacingError(f"法律政策依据太长（{len(basis)} 个字），请控制在 {MAX_TEXT} 个字以内。")
    last = year + PLAN_YEARS_AHEAD
    if not date(year, 1, 1) <= draft.planned_on <= date(last, 12, 31):
        raise UserFacingError(
            f"计划完成时间 {draft.planned_on.isoformat()} 应在 {year}年1月1日至{last}年12月31日之间。"
        )
    return ItemDraft(name, subject, undertaker, basis, draft.procedures, draft.planned_on)


def clean_reason(reason: str, kind: AdjustmentKind) -> str:
    return _required(reason, f"{kind.value}理由", MAX_TEXT, "经镇政府常务会议研究，根据上级部署调整")


def draft_fields(draft: ItemDraft | None) -> dict[str, Any]:
    """Audit-friendly field → value (Chinese labels, ISO dates)."""
    if draft is None:
        return {}
    values: dict[str, Any] = {
        "决策事项名称": draft.name,
        "决策主体": draft.subject,
        "承办单位": draft.undertaker,
        "法律政策依据": draft.basis,
        "计划完成时间": draft.planned_on.isoformat(),
    }
    for field in fields(Procedures):
        values[PROCEDURE_LABELS[field.name]] = getattr(draft.procedures, field.name)
    return values


def apply_draft(row: DecisionItem, draft: ItemDraft) -> None:
    row.name, row.subject, row.undertaker, row.basis = (
        draft.name,
        draft.subject,
        draft.undertaker,
        draft.basis,
    )
    row.planned_on = draft.planned_on
    for key in PROCEDURE_LABELS:
        setattr(row, key, getattr(draft.procedures, key))
