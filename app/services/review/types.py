"""保密审查单 vocabulary (RULES §5): steps and their signers, 审查要点, conclusions, records, input checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
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
IN_APP, ON_PAPER = "系统内", "纸质"  # how a step was signed (issue 21)
YES, NO = "是", "否"
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
    checks: dict[str, bool] = field(default_factory=dict)  # item → 涉及 (True = 是); absent = unanswered
    withhold_reason: str = ""
    note: str = ""
    check_notes: dict[str, str] = field(default_factory=dict)  # item answered 是 → why


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
    checks: dict[str, bool] = field(default_factory=dict)  # item → 涉及 (True = 是); absent = unanswered
    note: str = ""
    check_notes: dict[str, str] = field(default_factory=dict)  # item answered 是 → why

    @property
    def unanswered(self) -> tuple[str, ...]:
        return tuple(name for name in CHECK_ITEMS if name not in self.checks)


@dataclass(frozen=True)
class SignoffInfo:
    step: str
    agreed: bool
    opinion: str
    signer_name: str
    signed_at: datetime
    account_id: int | None = None  # the signing account; None for a step recorded from paper
    source: str = IN_APP
    signer_role: str = ""
    paper_signed_on: date | None = None  # the date written on the paper sheet
    recorded_by: str = ""  # the clerk who recorded a paper step (display name)
    recorded_at: datetime | None = None
    scan_name: str = ""  # the attached scan of the signed page ("" = none)
    scan_attachment_id: int | None = None

    @property
    def on_paper(self) -> bool:
        return self.source == ON_PAPER

    @property
    def how(self) -> str:
        """「系统内签署」 or 「据纸质审查单录入（录入人 王芳，录入时间 2026-11-23 09:30）」."""
        if not self.on_paper:
            return "系统内签署"
        when = f"{self.recorded_at:%Y-%m-%d %H:%M}" if self.recorded_at else ""
        return f"据纸质审查单录入（录入人 {self.recorded_by}，录入时间 {when}）"

    @property
    def scan_text(self) -> str:
        return (
            "" if not self.on_paper else (f"附扫描件「{self.scan_name}」" if self.scan_name else "未附扫描件")
        )

    @property
    def signer_text(self) -> str:
        return f"{self.signer_name}（{self.signer_role}）" if self.signer_role else self.signer_name


@dataclass(frozen=True)
class PaperSignoff:
    """One step as signed with a pen on the printed sheet, recorded by the clerk (issue 21)."""

    signer_name: str
    signer_role: str
    signed_on: date  # the date written on the sheet
    agreed: bool = True
    opinion: str = ""
    conclusion: str = ""  # the last step's 审查结论
    scan: Path | None = None  # PDF/JPG/PNG of the signed page


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
    def default_conclusion(self) -> str:
        """同意公开; when a point is answered 是: 不予公开 for a 国家秘密 (条例第十四条), else 部分公开."""
        answered_yes = [name for name, yes in self.values.checks.items() if yes]
        if not answered_yes:
            return "同意公开"
        return "不予公开" if CHECK_ITEMS[0] in answered_yes else "部分公开"

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
    checks, notes = clean_checks(value.checks, value.check_notes)
    return SheetInput(
        value.item_kind, value.item_id, title, value.doc_number.strip(), value.unit.strip()[:100],
        value.carrier, value.disclosure, value.withhold_reason.strip(), value.channels, value.planned_on,
        checks, value.note.strip()[:MAX_OPINION], notes,
    )  # fmt: skip


def clean_checks(checks: dict[str, bool], notes: dict[str, str]) -> tuple[dict[str, bool], dict[str, str]]:
    """The answered 审查要点 in form order (absent = not answered yet); each 「是」 needs a note."""
    unknown = [name for name in (*checks, *notes) if name not in CHECK_ITEMS]
    if unknown:
        raise UserFacingError(f"未知的审查要点：{'、'.join(dict.fromkeys(unknown))}。")
    answered = {name: bool(checks[name]) for name in CHECK_ITEMS if name in checks}
    kept = {name: " ".join(notes.get(name, "").split()) for name, yes in answered.items() if yes}
    missing = [name for name, note in kept.items() if not note]
    if missing:
        raise UserFacingError(
            f"审查要点「{'、'.join(missing)}」选择了「是」，请写明涉及的内容和处理意见（如删除、遮盖哪一部分）。"
        )
    too_long = [name for name, note in kept.items() if len(note) > MAX_OPINION]
    if too_long:
        raise UserFacingError(f"审查要点「{'、'.join(too_long)}」的说明请控制在 {MAX_OPINION} 个字以内。")
    return answered, kept
