"""公开时限 wording → Rule: a small table of patterns, each consuming the words it read.

Never a guess: an empty wording, a wording no pattern reads, one with two different limits, one counting
back from an event the app does not know (「招生开始前」, 「拟征收土地前」) or one giving the length of a
公示期 is 「需人工确定」 with a note saying why — the clerk then sets each due date by hand.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from app.services.catalogue.due import MONTHS_IN
from app.services.catalogue.rules import describe
from app.services.catalogue.types import Period, Rule, RuleKind
from app.services.formats.chinese import cn_number

_CN = "〇零一二两三四五六七八九十"
NUM = rf"(?<![\d{_CN}])(?P<n>\d{{1,3}}|[{_CN}]{{1,3}})"  # 20 / 二十 / 两 (a whole number, never part of one)
PERIOD = r"(?P<p>月|季度?|半年|年度?)"
IN_PERIOD = rf"(?P<m>首月|末月|最后一个月|第[\d{_CN}]{{1,2}}个月|[\d{_CN}]{{1,3}}月)"  # which month of it
_PERIODS = {"月": Period.MONTH, "季": Period.QUARTER, "季度": Period.QUARTER, "半年": Period.HALF}
_PERIODS |= {"年": Period.YEAR, "年度": Period.YEAR}
_SEPARATORS = re.compile(r"[,;。、:!?·]")  # · marks words another pattern already read
_ANCHOR_WORDS = ("形成", "变更", "批准", "决定", "印发", "发布", "通过", "签订", "公布", "完成")

Builder = Callable[[re.Match[str], str], Rule]


def _number(text: str) -> int | None:
    """「20」, 「二十」, 「十五」, 「两」 → the number; None when it is no plain number."""
    if text.isdigit():
        return int(text)
    return cn_number(text.replace("两", "二"))


def _manual(note: str) -> Rule:
    return Rule(RuleKind.MANUAL, note=note)


def _period(match: re.Match[str]) -> Period:
    return _PERIODS[match["p"]]


def _which_month(match: re.Match[str]) -> str | None:
    return match.groupdict().get("m")


def _month_in(period: Period, word: str | None) -> int | None:
    """「首月」 → 1, 「第二个月」 → 2, 「末月」 → the last, 「3月」 (of a year) → 3; else None."""
    last = MONTHS_IN[period]
    if word == "首月":
        return 1
    if word in ("末月", "最后一个月"):
        return last
    if word and word.startswith("第"):
        month = _number(word[1:-2])
    elif word and period is Period.YEAR:
        month = _number(word[:-1])
    else:
        return None
    return month if month is not None and 1 <= month <= last else None


def _day_before(match: re.Match[str], _text: str) -> Rule:
    """每月10日前 / 每季度首月20日前 / 每年1月31日前: due by that day of that month of each period."""
    period, day = _period(match), _number(match["n"])
    word = _which_month(match)
    month = 1 if period is Period.MONTH and not word else _month_in(period, word)
    if month is None or day is None or not 1 <= day <= 31:
        return _manual(f"看不出「{match[0]}」是每期哪个月的哪一天，需要人工确定。")
    return Rule(RuleKind.PERIODIC, period=period, month=month, day=day)


def _period_end(match: re.Match[str], _text: str) -> Rule:
    """每月底 / 每季度末 / 每年3月底前 / 每半年 / 每年: due by the last day of that month (day 0)."""
    period = _period(match)
    word = _which_month(match)
    month = _month_in(period, word) if word else MONTHS_IN[period]
    if month is None:
        return _manual(f"看不出「{match[0]}」是每期的哪个月，需要人工确定。")
    return Rule(RuleKind.PERIODIC, period=period, month=month, day=0)


def _after_period(match: re.Match[str], _text: str) -> Rule:
    """季度结束后15日内 / 次月10日前: the N-th day of the next period's first month (its slot's due)."""
    period = _PERIODS.get(match["p"] or "月", Period.MONTH)
    day = _number(match["n"])
    if day is None or not 1 <= day <= 28:  # a longer span would run past the next period's first month
        return _manual(f"「{match[0]}」跨过了下一期的首月，需要人工确定每期的期限。")
    return Rule(RuleKind.PERIODIC, period=period, month=1, day=day)


def _working_days_after_period(match: re.Match[str], _text: str) -> Rule:
    return _manual(f"「{match[0]}」从每期结束起按工作日计算，需要人工确定每期的期限。")


def _anchor(text: str, start: int) -> str:
    """The event the count starts from, in the catalogue's words: 形成（变更）, 作出决定, 本级人大批准 …"""
    phrase = _SEPARATORS.split(text[:start])[-1]
    phrase = re.sub(r"(?:之日|当日)?(?:起|后|以后|之后|开始)?$", "", phrase)
    phrase = re.sub(r"^(?:应当|应)?(?:自|从|经|在|于)?(?:政府)?(?:信息)?", "", phrase)
    if "形成" in phrase and "变更" in phrase:
        return "形成（变更）"
    if len(phrase) > 12:
        return next((word for word in _ANCHOR_WORDS if word in phrase), "")
    return phrase.replace("(", "（").replace(")", "）")


def _days(kind: RuleKind) -> Builder:
    def build(match: re.Match[str], text: str) -> Rule:
        days = _number(match["n"])
        if days is None or days < 1:
            return _manual(f"「{match[0]}」不是有效的天数，需要人工确定。")
        return Rule(kind, days=days, anchor=_anchor(text, match.start()))

    return build


def _months(match: re.Match[str], _text: str) -> Rule:
    return _manual(f"「{match[0]}」以月计，各月天数不同，需要人工确定每次的期限。")


def _standing(_match: re.Match[str], _text: str) -> Rule:
    return Rule(RuleKind.NONE)


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    build: Builder


EVERY = r"(?:每个?|按)"
AFTER_END = rf"(?:每个?)?{PERIOD}(?:结束|终了|届满)(?:之日)?(?:后|起){NUM}"  # 季度结束后15 …
NOT_A_DAY = (
    rf"(?!首|末|第|[\d{_CN}]{{1,3}}[月日号]|[\d二两三四五六七八九十]+次)"  # 「每年1月」 is no 「每年」
)


def _pattern(regex: str, build: Builder) -> _Pattern:
    return _Pattern(re.compile(regex), build)


# Most specific first: each match blanks the words it read, so 「每月10日前」 is not read again as 「每月」.
PATTERNS = (
    # 季度结束后15日内 = the 15th of the next quarter's first month (财政 reports word it so).
    _pattern(rf"{AFTER_END}(?:个自然|个)?[日天]内?", _after_period),
    _pattern(rf"{AFTER_END}个?工作日内?", _working_days_after_period),
    _pattern(rf"(?P<p>)(?:每月)?(?:次月|下月){NUM}日(?:之)?前", _after_period),
    # 每季度首月20日前, 每年1月31日前, 每月10日前: a fixed day of the period.
    _pattern(rf"{EVERY}{PERIOD}{IN_PERIOD}?{NUM}[日号](?:之)?前", _day_before),
    # 每年3月底前, 每季度末, 每月月底: the last day of a month of the period.
    _pattern(rf"{EVERY}{PERIOD}(?:{IN_PERIOD}|年|季度?|半年|月)?[底末](?:之)?前?", _period_end),
    # 每月, 每季度, 每半年, 每年: due by the period's last day (its posting is due within it).
    _pattern(rf"{EVERY}{PERIOD}{NOT_A_DAY}", _period_end),
    # 条例第二十六条: 「自该政府信息形成或者变更之日起20个工作日内」; catalogues also count from 决定, 批准.
    _pattern(rf"{NUM}个?工作日", _days(RuleKind.WORKING_DAYS)),
    _pattern(rf"{NUM}个月", _months),
    # 「日」 without 「工作」 is calendar days (RULES.md §9.3; 民法典第二百零三条 for a last rest day).
    _pattern(rf"(?<![月第]){NUM}(?:个自然|个)?[日天]", _days(RuleKind.CALENDAR_DAYS)),
    _pattern(r"长期|常年|永久", _standing),
)

# A 公示期 (how long a notice stays up) is no deadline; 「前」 left over counts back from an unknown event.
_DURATION = re.compile(r"不少于|不得少于|不低于|公示期|公示时间")
_NO_DATE_NOTES = (
    (re.compile(r"规定|依法"), "「按有关规定」没有写出具体期限，需要人工确定每次的期限。"),
    (re.compile(r"实时"), "「实时更新」没有可以计算的期限，需要人工确定每次的期限。"),
    (re.compile(r"及时"), "「及时公开」没有写出天数，需要人工确定每次的期限。"),
    (re.compile(r"动态"), "「动态更新」没有固定的期限，需要人工确定每次的期限。"),
)


def normalize(text: str) -> str:
    """Full-width digits and brackets to half-width, every space (also 全角空格) removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def parse_rule(text: str) -> Rule:
    """The rule a catalogue's 公开时限 wording states, or 「需人工确定」 with the reason."""
    words = normalize(text)
    if not words:
        return _manual("公开时限为空，需要人工确定每次的期限。")
    found, rest = _read(words)
    if "前" in rest:
        event = _SEPARATORS.split(rest[: rest.index("前") + 1])[-1]
        return _manual(f"期限是「{event}」，系统不知道那件事的日期，需要人工确定每次的期限。")
    if _DURATION.search(words):
        return _manual("写的是公示要持续多久，不是多久内公开，需要人工确定每次的期限。")
    if any(rule.kind is RuleKind.MANUAL for rule in found):
        return next(rule for rule in found if rule.kind is RuleKind.MANUAL)
    distinct = list(dict.fromkeys(found))
    if len(distinct) > 1:
        said = "；".join(describe(rule) for rule in distinct)
        return _manual(f"写有两个不同的期限（{said}），需要人工确定。")
    if distinct:
        return distinct[0]
    note = next((note for regex, note in _NO_DATE_NOTES if regex.search(words)), "")
    return _manual(note or "没有找到可以计算的期限，需要人工确定每次的期限。")


def _read(words: str) -> tuple[list[Rule], str]:
    """Every rule the patterns read (in order), and the words none of them read."""
    found: list[Rule] = []
    rest = words
    for pattern in PATTERNS:
        for match in pattern.regex.finditer(rest):
            found.append(pattern.build(match, rest))
        rest = pattern.regex.sub(lambda match: "·" * len(match[0]), rest)
    return found, rest
