"""公示期 presets and how their last day is found (RULES §6, §9.3).

Convention: the posting day is day 1 of the 公示期 and the last day is included, as printed in
「公示期为2026年11月23日至2026年11月27日」. Working-day presets count only working days of the office's
calendar (调休上班 Saturdays count, holidays do not). A calendar-day period whose last day is a rest day
runs to the next working day (民法典 art. 203), so the notice is never taken down a day early.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from app.errors import UserFacingError
from app.services.formats.chinese import cn_date
from app.services.workdays.calendar import WorkCalendar
from app.services.workdays.provisional import PROVISIONAL_LABEL, provisional_note

MAX_CUSTOM_DAYS = 366


class PeriodPreset(StrEnum):
    DAYS_5 = "5日"
    DAYS_7 = "7日"
    WORKDAYS_10 = "10个工作日"
    WORKDAYS_15 = "15个工作日"
    DAYS_30 = "30日"
    CUSTOM = "自定义"


@dataclass(frozen=True)
class PresetRule:
    days: int
    working: bool
    basis: str


PRESET_RULES: dict[PeriodPreset, PresetRule] = {
    # 山东省村务公开条例 (2018): 「村务公开栏的内容应当至少保留五日」.
    PeriodPreset.DAYS_5: PresetRule(5, False, "村务公开栏内容至少保留五日"),
    # 低保/特困对象公示 7 天: local practice (RULES §6 [U]).
    PeriodPreset.DAYS_7: PresetRule(7, False, "低保、特困供养对象公示一般为7天"),
    # 土地管理法实施条例 (2021) art. 26: 征收土地预公告「不少于十个工作日」.
    PeriodPreset.WORKDAYS_10: PresetRule(10, True, "征收土地预公告不少于十个工作日"),
    # 土地管理法实施条例 art. 31: 征收土地公告 within 十五个工作日; also common for 公示 of plans.
    PeriodPreset.WORKDAYS_15: PresetRule(15, True, "十五个工作日"),
    # 土地管理法实施条例 art. 28 征地补偿安置方案「不少于三十日」; 重大行政决策征求意见 ≥ 30日.
    PeriodPreset.DAYS_30: PresetRule(30, False, "征地补偿安置方案公告、决策征求意见不少于三十日"),
}


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    explanation: str  # one line for the editor, e.g. why the last day moved


def compute_period(
    preset: PeriodPreset | str, start: date, calendar: WorkCalendar, custom_end: date | None = None
) -> Period:
    try:
        kind = PeriodPreset(preset)
    except ValueError:
        choices = "、".join(PeriodPreset)
        raise UserFacingError(f"公示期「{preset}」不是可选的期限，请从{choices}中选择。") from None
    if kind is PeriodPreset.CUSTOM:
        if custom_end is None:
            raise UserFacingError("自定义公示期需要在「至」中填写结束日期。")
        if custom_end < start:
            raise UserFacingError("公示期的结束日期（「至」）早于开始日期（「自」），请改正。")
        if (custom_end - start).days >= MAX_CUSTOM_DAYS:
            raise UserFacingError("公示期不超过一年，请检查结束日期（「至」）。")
        days = (custom_end - start).days + 1
        return Period(start, custom_end, f"自定义：共{days}日（{cn_date(start)}至{cn_date(custom_end)}）")
    rule = PRESET_RULES[kind]
    if rule.working:
        # Day 1 is the posting day when it is a working day, else the first working day after it.
        end = calendar.nth_working_day_after(start - timedelta(days=1), rule.days)
        text = f"{kind}：{cn_date(start)}至{cn_date(end)}（{rule.basis}）"
        return Period(start, end, text + _assumed(calendar, start - timedelta(days=1), end))
    last = start + timedelta(days=rule.days - 1)
    end = last
    while not calendar.is_working_day(end):
        end += timedelta(days=1)
    assumed = _assumed(calendar, last - timedelta(days=1), end)
    if end == last:
        return Period(start, end, f"{kind}：{cn_date(start)}至{cn_date(end)}（{rule.basis}）{assumed}")
    reason = calendar.reason_for(last)
    return Period(
        start,
        end,
        f"{kind}：末日{cn_date(last)}是{reason}，顺延至{cn_date(end)}（民法典第二百零三条）{assumed}",
    )


def _assumed(calendar: WorkCalendar, after: date, until: date) -> str:
    """「（暂定：2027年放假安排尚未录入……）」 when the end relies on a year without its notice."""
    years = calendar.assumed_years(after, until)
    return f"（{PROVISIONAL_LABEL}：{provisional_note(years)}）" if years else ""
