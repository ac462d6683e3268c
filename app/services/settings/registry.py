"""Every configurable rule, declared once: stored key, label, type, default, source and what is valid.

Code reads a setting through its spec — `settings.read(registry.LETTER_CODE)`, or `registry.LETTER_CODE.read(
session)` inside a unit of work — so a misspelt name is a mypy error, not a silent default, and no caller
repeats a default. The keys and the JSON values stored under them never change (existing data folders).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from sqlalchemy.orm import Session

from app.models import Setting

T = TypeVar("T", bool, int, str)


@dataclass(frozen=True)
class SettingSpec(Generic[T]):
    key: str
    label: str
    default: T
    source: str

    def read(self, session: Session) -> T:
        """The value in effect, inside the caller's unit of work."""
        row = session.get(Setting, self.key)
        return self.parse(json.loads(row.value_json) if row else None)

    def of(self, values: Mapping[str, object]) -> T:
        """The value in effect, from a key → stored value map (`SettingsService.all_values()`)."""
        return self.parse(values.get(self.key))

    def parse(self, stored: object) -> T:
        """A stored value of another type (or none) reads as the default; a valid one is normalised."""
        if type(stored) is not type(self.default):
            return self.default
        return self.clean(stored)

    def clean(self, value: T) -> T:
        return value

    def problem(self, value: T) -> str:
        """Why `value` may not be saved ("" when it may); the type is checked before."""
        return ""


@dataclass(frozen=True)
class Flag(SettingSpec[bool]):
    pass


@dataclass(frozen=True)
class Count(SettingSpec[int]):
    minimum: int = 0  # also the 设置 page's spin-box range
    maximum: int = 365

    def clean(self, value: int) -> int:
        return min(max(value, self.minimum), self.maximum)

    def problem(self, value: int) -> str:
        inside = self.minimum <= value <= self.maximum
        return "" if inside else f"设置「{self.label}」应在 {self.minimum}～{self.maximum} 之间。"


@dataclass(frozen=True)
class Text(SettingSpec[str]):
    blank_is_default: bool = False  # an emptied field means "use the default", not "use nothing"

    def clean(self, value: str) -> str:
        text = value.strip()
        return (text or self.default) if self.blank_is_default else text


@dataclass(frozen=True)
class MonthDay(SettingSpec[str]):
    """A yearly due day stored as 「03-31」; one that is not a day of every year reads as the default."""

    def clean(self, value: str) -> str:
        return value if _month_day(value) else self.default

    def problem(self, value: str) -> str:
        return "" if _month_day(value) else f"设置「{self.label}」应写成月-日，例如「{self.default}」。"

    def day_in(self, year: int, value: str) -> date:
        """The due day of `year` for a value read through this spec (already valid)."""
        parts = _month_day(value) or _month_day(self.default)
        assert parts is not None  # every declared default is a day of every year
        return date(year, *parts)


SIGNER_SEPARATORS = ("；", ";", "、", "，", ",", "\n")
SIGNER_EXAMPLE = "周强（党政办主任）；吴丽（保密审查员）；孙华（分管副镇长）"


def signer_entries(value: str) -> list[tuple[str, str]]:
    """「周强（党政办主任）；吴丽（保密审查员）」 → [(周强, 党政办主任), (吴丽, 保密审查员)]; an entry without
    a role in brackets has role ""."""
    for separator in SIGNER_SEPARATORS[1:]:
        value = value.replace(separator, SIGNER_SEPARATORS[0])
    entries = []
    for part in (part.strip() for part in value.split(SIGNER_SEPARATORS[0])):
        if not part:
            continue
        name, _bracket, role = part.replace("(", "（").replace(")", "）").partition("（")
        entries.append((name.strip(), role.rstrip("）").strip()))
    return entries


@dataclass(frozen=True)
class SignerList(SettingSpec[str]):
    """The people who sign printed 保密审查单 with a pen: 「姓名（职务）」 entries (issue 21)."""

    def clean(self, value: str) -> str:
        return "；".join(f"{name}（{role}）" if role else name for name, role in signer_entries(value))

    def problem(self, value: str) -> str:
        entries = signer_entries(value)
        if any(not name or len(name) > 20 or not role or len(role) > 30 for name, role in entries):
            return f"设置「{self.label}」请按「姓名（职务）」填写，以「；」分隔，例如：{SIGNER_EXAMPLE}。"
        names = [name for name, _role in entries]
        twice = sorted({name for name in names if names.count(name) > 1})
        return f"设置「{self.label}」中「{'、'.join(twice)}」重复了。" if twice else ""


def _month_day(text: str) -> tuple[int, int] | None:
    """「3-31」 and 「03-31」; 2月29日 is refused, as it is not a day of every year."""
    try:
        month, day = (int(part) for part in text.split("-"))
        date(2001, month, day)
    except ValueError:
        return None
    return month, day


# RULES §9.3 product decision: receipt day not counted unless 保守口径.
COUNT_RECEIPT_DAY = Flag(
    "deadline.count_receipt_day", "保守口径：收到申请当日计为第1个工作日", False, "RULES §9.3"
)
# RULES §3 [U]: time between 收费通知 and payment excluded from the art. 33 period.
EXCLUDE_FEE_PERIOD = Flag(
    "deadline.exclude_fee_period", "收费通知至缴费期间不计入答复期限", True, "国办函〔2020〕109号"
)
# 条例第三十三条第二款: answer within 20 working days.
ANSWER_WORKING_DAYS = Count("deadline.answer_working_days", "答复期限（工作日）", 20, "条例第三十三条")
# Product decision (issue 4): 即将到期 when ≤ N working days remain.
WARNING_WORKING_DAYS = Count("deadline.warning_working_days", "即将到期提示（剩余工作日）", 3, "产品约定")
# 条例第三十三条第二款: an extension of at most 20 working days.
EXTENSION_WORKING_DAYS = Count(
    "deadline.extension_working_days", "延期最长（工作日）", 20, "条例第三十三条", maximum=20
)
# 条例第二十六条: 主动公开 within 20 working days of 形成或者变更.
PUBLISH_WORKING_DAYS = Count("proactive.publish_working_days", "主动公开时限（工作日）", 20, "条例第二十六条")
# RULES product decision: 索引号 template, immutable once issued.
INDEX_TEMPLATE = Text("register.index_template", "索引号模板", "{机构代码}/{YYYY}-{seq:05}", "RULES 产品约定")
# RULES §5.1: the four-level 保密审查 chain, in order (steps may be dropped, not invented).
REVIEW_STEPS = Text(
    "review.steps",
    "保密审查步骤（顿号分隔）",
    "承办人初审、科室负责人审核、保密审查员审查、分管领导审批",
    "RULES §5.1",
)
# Issue 21: who may be named as the signer of a step recorded from the paper sheet.
PAPER_SIGNERS = SignerList(
    "review.paper_signers", "纸质审查单签署人（姓名（职务），以「；」分隔）", "", "RULES §5.1"
)
# Issue 21 product decision: the last step's scan is always required; the earlier steps' only if ticked.
SCAN_EVERY_PAPER_STEP = Flag(
    "review.scan_every_paper_step",
    "录入纸质签署时每一步都须附扫描件（不勾选：只有最后一步须附）",
    False,
    "产品约定（issue 21）",
)
# Issue 6: 受理编号 per year from an office template ({YYYY}, {seq:03}, {机构代码}).
REQUEST_NUMBER_TEMPLATE = Text(
    "request.number_template",
    "依申请受理编号模板",
    "{YYYY}-{seq:03}",
    "本系统（issue 6）",
    blank_is_default=True,
)
# GB/T 9704 发文字号 of request letters: 机关代字〔年份〕序号号, e.g. 赵府依〔2025〕3号.
LETTER_CODE = Text(
    "request.letter_code", "依申请告知书机关代字", "依申请", "GB/T 9704-2012", blank_is_default=True
)
# 条例第五十一条 / 行政复议法第二十条: the 复议机关 and court named in every answer letter.
REVIEW_BODY = Text("request.review_body", "行政复议机关（答复书救济途径）", "", "行政复议法第二十条")
COURT = Text("request.court", "管辖法院（答复书救济途径）", "", "行政诉讼法第四十六条")
# RULES §4 product decision: directory published by 3月31日.
DIRECTORY_DUE = MonthDay("decision.directory_due", "决策事项目录公布日期（月-日）", "03-31", "RULES §4")
FEEDBACK_WORKING_DAYS = Count("decision.feedback_working_days", "意见采纳情况反馈（工作日）", 10, "RULES §4")
# 条例第四十九条 / RULES §1.10 [U]: annual report due 1月31日 for the office.
ANNUAL_REPORT_DUE = MonthDay("report.annual_due", "年度报告报送日期（月-日）", "01-31", "条例第四十九条")
# 条例第十五条 (个人隐私): personal data found in an export is refused (default) or masked (issue 19).
MASK_PERSONAL_DATA = Flag(
    "export.mask_personal_data",
    "上报导出时遮盖个人信息（不勾选：含身份证号、电话等的条目不导出）",
    False,
    "条例第十五条",
)
LAST_BACKUP_AT = Text("backup.last_at", "上次备份时间", "", "本系统")  # ISO time, shown in the status bar
# Issue 8 §6: automatic backups on exit, at most once a day; "" = the data folder's backups\.
BACKUP_FOLDER = Text(
    "backup.folder", "自动备份文件夹（空白为数据文件夹中的 backups，可填 U 盘）", "", "本系统"
)
BACKUP_GENERATIONS = Count("backup.keep_generations", "自动备份保留份数", 10, "本系统", minimum=1)
IDLE_LOCK_MINUTES = Count("ui.idle_lock_minutes", "无操作自动锁定（分钟，0 为不锁定）", 15, "本系统")

# The 设置 page lists them in this order.
SPECS: tuple[SettingSpec[Any], ...] = (
    COUNT_RECEIPT_DAY,
    EXCLUDE_FEE_PERIOD,
    ANSWER_WORKING_DAYS,
    WARNING_WORKING_DAYS,
    EXTENSION_WORKING_DAYS,
    PUBLISH_WORKING_DAYS,
    INDEX_TEMPLATE,
    REVIEW_STEPS,
    PAPER_SIGNERS,
    SCAN_EVERY_PAPER_STEP,
    REQUEST_NUMBER_TEMPLATE,
    LETTER_CODE,
    REVIEW_BODY,
    COURT,
    DIRECTORY_DUE,
    FEEDBACK_WORKING_DAYS,
    ANNUAL_REPORT_DUE,
    MASK_PERSONAL_DATA,
    LAST_BACKUP_AT,
    BACKUP_FOLDER,
    BACKUP_GENERATIONS,
    IDLE_LOCK_MINUTES,
)

BY_KEY: dict[str, SettingSpec[Any]] = {spec.key: spec for spec in SPECS}
