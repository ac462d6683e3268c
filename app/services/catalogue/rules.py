"""A 公开时限 rule kept as JSON on the item, and said back in the clerk's words."""

from __future__ import annotations

import json

from app.services.catalogue.types import Period, Rule, RuleKind

_PERIOD_WORDS = {Period.MONTH: "每月", Period.QUARTER: "每季度", Period.HALF: "每半年", Period.YEAR: "每年"}
_MONTHS_IN = {Period.MONTH: 1, Period.QUARTER: 3, Period.HALF: 6, Period.YEAR: 12}
_PERIOD_END_WORDS = {
    Period.MONTH: "每月底前",
    Period.QUARTER: "每季度末前",
    Period.HALF: "每半年末前",
    Period.YEAR: "每年年底前",
}
_MONTH_WORDS = {
    Period.QUARTER: ("首月", "第二个月", "末月"),
    Period.HALF: ("首月",) + tuple(f"第{n}个月" for n in range(2, 7)),
}


def rule_to_json(rule: Rule) -> str:
    data: dict[str, object] = {"kind": rule.kind.value}
    if rule.kind in (RuleKind.WORKING_DAYS, RuleKind.CALENDAR_DAYS):
        data |= {"days": rule.days, "anchor": rule.anchor}
    if rule.kind is RuleKind.PERIODIC and rule.period is not None:
        data |= {"period": rule.period.value, "month": rule.month, "day": rule.day}
    if rule.note:
        data["note"] = rule.note
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def rule_from_json(text: str) -> Rule:
    """The stored rule; an empty or unreadable value is 「需人工确定」 (never a guessed date)."""
    try:
        data = json.loads(text) if text else {}
        kind = RuleKind(data.get("kind", RuleKind.MANUAL.value))
        period = Period(data["period"]) if data.get("period") else None
        return Rule(
            kind=kind,
            days=int(data.get("days", 0)),
            anchor=str(data.get("anchor", "")),
            period=period,
            month=int(data.get("month", 1)),
            day=int(data.get("day", 0)),
            note=str(data.get("note", "")),
        )
    except (ValueError, TypeError, KeyError, AttributeError):
        return Rule(RuleKind.MANUAL, note="保存的时限规则无法读取")


def describe(rule: Rule) -> str:
    """「形成后 20 个工作日内」, 「每季度首月 20 日前」, 「长期公开」, 「需人工确定」."""
    anchor = rule.anchor or "形成"
    if rule.kind is RuleKind.WORKING_DAYS:
        return f"{anchor}后 {rule.days} 个工作日内"
    if rule.kind is RuleKind.CALENDAR_DAYS:
        return f"{anchor}后 {rule.days} 日内"
    if rule.kind is RuleKind.PERIODIC and rule.period is not None:
        if rule.day == 0 and rule.month == _MONTHS_IN[rule.period]:
            return _PERIOD_END_WORDS[rule.period]  # 「每季度末前」, not 「每季度末月底前」
        return _PERIOD_WORDS[rule.period] + _month_words(rule) + _day_words(rule)
    if rule.kind is RuleKind.NONE:
        return "长期公开"
    return "需人工确定"


def _month_words(rule: Rule) -> str:
    if rule.period is Period.MONTH:
        return ""
    if rule.period is Period.YEAR:
        return f"{rule.month}月"
    names = _MONTH_WORDS.get(rule.period) if rule.period else None
    if names and 1 <= rule.month <= len(names):
        return names[rule.month - 1]
    return f"第{rule.month}个月"


def _day_words(rule: Rule) -> str:
    return "底前" if rule.day == 0 else f" {rule.day} 日前"
