"""保密审查单 vocabulary (RULES §5): steps and their signers, 审查要点, conclusions, records, input checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from app.errors import UserFacingError
from app.services.permissions import Actor, Perm
from app.services.review.kinds import ItemKind

ENTITY = "保密审查单"
# RULES §5.1: four-level review; which permission signs each step.
STEP_PERMS: dict[str, Perm] = {
    "承办人初审": Perm.SIGN_DRAFT_REVIEW,
    "科室负责人审核": Perm.SIGN_SECTION_REVIEW,
    "保密审查员审查": Perm.SIGN_SECRECY_REVIEW,
    "分管领导审批": Perm.APPROVE_PUBLICATION,
}
# RULES §5.2 审查要点.
CHECK_ITEMS = (
    "国家秘密",
    "工作秘密",
    "商业秘密",
    "个人隐私",
    "危及“三安全一稳定”",
    "需征求第三方或其他机关意见",
)
CONCLUSIONS = ("同意公开", "部分公开", "不予公开", "报保密行政管理部门确定")
CARRIERS = ("公文类", "非公文类")
SHEET_CHANNELS = ("政府网站", "政务新媒体", "政府公报", "政务公开栏", "村（居）务公开栏", "电子屏", "其他")
IN_REVIEW, PASSED, FAILED = "审查中", "已通过", "未通过"
MAX_OPINION = 1000


@dataclass(frozen=True)
class SheetForm:
    """What the clerk fills in on a new sheet. The item itself (名称, 文号, 公开属性, content) is never typed:
    it is read from the item the sheet is made for. Empty values take the item's defaults."""

    unit: str = ""
    carrier: str = ""
    channels: tuple[str, ...] = ()
    planned_on: date | None = None
    checks: dict[str, bool] = field(default_factory=dict)  # item → 涉及 (True = 是)
    withhold_reason: str = ""
    note: str = ""


@dataclass(frozen=True)
class SheetInput:
    """A sheet's recorded values (read back by `SheetDetail.values`)."""

    item_kind: str
    item_id: int
    item_title: str
    doc_number: str = ""
    unit: str = ""
    carrier: str = "公文类"
    disclosure: str = "主动公开"
    withhold_reason: str = ""
    channels: tuple[str, ...] = ("政府网站",)
    planned_on: date | None = None
    checks: dict[str, bool] = field(default_factory=dict)  # item → 涉及 (True = 是)
    note: str = ""


@dataclass(frozen=True)
class SignoffInfo:
    step: str
    agreed: bool
    opinion: str
    signer_name: str
    signed_at: datetime
    account_id: int | None = (
        None  # the signing account (sheets store None only for records not signed in-app)
    )


@dataclass(frozen=True)
class SheetDetail:
    id: int
    number: str
    values: SheetInput
    filled_on: date
    steps: tuple[str, ...]
    signoffs: tuple[SignoffInfo, ...]
    status: str
    conclusion: str
    approved_at: datetime | None
    version: int = 1  # optimistic lock (issue 14): pass back to sign() as `expected_version`
    reviewed: dict[str, Any] = field(default_factory=dict)  # the item's content the sheet reviews
    fingerprint: str = ""  # SHA-256 of `reviewed` as canonical JSON (empty: made before issue 19)

    @property
    def next_step(self) -> str | None:
        if self.status != IN_REVIEW or len(self.signoffs) >= len(self.steps):
            return None
        return self.steps[len(self.signoffs)]

    def can_sign(self, actor: Actor) -> bool:
        step = self.next_step
        return step is not None and actor.can(STEP_PERMS[step])

    @property
    def kind_label(self) -> str:
        return ItemKind(self.values.item_kind).label

    def signed_by(self, actor: Actor) -> bool:
        return actor.account_id is not None and any(s.account_id == actor.account_id for s in self.signoffs)


@dataclass(frozen=True)
class ContentCheck:
    """Whether the item still has the content the sheet reviews, and if not, what changed."""

    matches: bool
    reason: str = ""
    details: tuple[str, ...] = ()


def parse_steps(value: str) -> tuple[str, ...]:
    steps = tuple(part.strip() for part in value.replace(",", "、").split("、") if part.strip())
    unknown = [step for step in steps if step not in STEP_PERMS]
    if not steps or unknown or len(set(steps)) != len(steps):
        raise UserFacingError(
            f"审查步骤设置不正确，可用的步骤：{'、'.join(STEP_PERMS)}（按顺序，以顿号分隔）。"
        )
    return steps


def clean_input(value: SheetInput) -> SheetInput:
    ItemKind(value.item_kind)
    title = " ".join(value.item_title.split())
    if not title or len(title) > 500:
        raise UserFacingError("请填写拟公开信息名称（500 字以内）。")
    if value.carrier not in CARRIERS:
        raise UserFacingError(f"载体形式应为：{'、'.join(CARRIERS)}。")
    if any(channel not in SHEET_CHANNELS for channel in value.channels) or not value.channels:
        raise UserFacingError(f"请选择拟公开方式：{'、'.join(SHEET_CHANNELS)}。")
    unknown = [name for name in value.checks if name not in CHECK_ITEMS]
    if unknown:
        raise UserFacingError(f"未知的审查要点：{'、'.join(unknown)}。")
    checks = {name: bool(value.checks.get(name, False)) for name in CHECK_ITEMS}
    return SheetInput(
        value.item_kind, value.item_id, title, value.doc_number.strip(), value.unit.strip()[:100],
        value.carrier, value.disclosure, value.withhold_reason.strip(), value.channels, value.planned_on,
        checks, value.note.strip()[:MAX_OPINION],
    )  # fmt: skip
