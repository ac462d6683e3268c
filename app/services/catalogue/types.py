"""The standard catalogue's plain values (issue 23): a parsed 公开时限, due dates, periods, compliance."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class RuleKind(StrEnum):
    WORKING_DAYS = "工作日"  # N 个工作日 from the information's 形成/变更/批准/决定 date
    CALENDAR_DAYS = "日"  # N 日 (calendar days); a last day on a rest day moves on (民法典第二百零三条)
    PERIODIC = "定期"  # 每月 / 每季度首月20日前 / 每年1月31日前 …
    NONE = "长期"  # 长期公开, 常年公开: published and kept, no date
    MANUAL = "需人工确定"  # the wording fixes no date: the clerk sets each due date


class Period(StrEnum):
    MONTH = "月"
    QUARTER = "季"
    HALF = "半年"
    YEAR = "年"


@dataclass(frozen=True)
class Rule:
    kind: RuleKind
    days: int = 0  # WORKING_DAYS / CALENDAR_DAYS
    anchor: str = ""  # 形成 / 变更 / 批准 / 决定 …, as the catalogue words it
    period: Period | None = None  # PERIODIC
    month: int = 1  # PERIODIC: which month of the period (1 = its first month; 1–12 for a year)
    day: int = 0  # PERIODIC: day of that month the posting is due by; 0 = the month's last day
    note: str = ""  # why a wording was left 「需人工确定」, or the clerk's remark


@dataclass(frozen=True)
class Due:
    day: date
    provisional_years: tuple[int, ...] = ()  # years counted on the provisional calendar (暂定)


@dataclass(frozen=True)
class PeriodSlot:
    """One period of a periodic item: 「2026年第1季度」, key 「2026Q1」, due by its date."""

    key: str  # 2026-03 / 2026Q1 / 2026H1 / 2026
    label: str
    start: date
    end: date
    due: Due


class Status(StrEnum):
    ON_TIME = "已按时公开"
    LATE = "逾期公开"
    OVERDUE = "未公开且已逾期"
    PENDING = "待公开"
    CHANNEL_GAP = "渠道缺失"
    UNDATED = "未定期限"  # 「需人工确定」 with no date set yet, or 长期 items not yet published


@dataclass(slots=True)
class ComplianceRow:
    """One item × one occasion (a linked piece of information, or a period; per village for 村级).

    Slotted, not frozen: a year's check builds fifty thousand of them, and a frozen dataclass assigns each
    field through object.__setattr__ (issue 23's 200 ms). Treat a row as read-only all the same."""

    item_id: int
    seq: str
    level1: str
    level2: str
    tier: str
    status: Status
    due: date | None
    due_provisional: bool = False
    published_on: date | None = None  # the last required channel's date (the item is done then)
    days_late: int = 0  # working days after the due date (逾期公开 / 未公开且已逾期 as of the check)
    period_key: str = ""  # periodic items
    period_label: str = ""
    village: str = ""  # 村级 items: the village
    link_id: int | None = None
    source_kind: str = ""  # 公文 / 公开栏 / 决策 / 村务
    source_id: int | None = None
    source_title: str = ""
    formed_on: date | None = None
    channels_required: tuple[str, ...] = ()
    channels_done: tuple[str, ...] = ()
    missing_channels: tuple[str, ...] = field(default=())
