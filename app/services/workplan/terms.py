"""Responsible units and time requirements found in one work-plan item's text (pure functions)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class UnitRole(StrEnum):
    LEAD = "牵头"
    RESPONSIBLE = "负责"
    COOPERATE = "配合"


class TimingKind(StrEnum):
    DATE = "截止日期"
    RECURRING = "周期"
    RELATIVE = "相对事件"


@dataclass(frozen=True)
class UnitMention:
    name: str
    role: UnitRole
    start: int  # span of the bracket in the item text, for highlighting
    end: int


@dataclass(frozen=True)
class Timing:
    phrase: str
    kind: TimingKind
    dues: tuple[date, ...]  # empty for a requirement relative to an event
    start: int
    end: int
    note: str = ""


@dataclass(frozen=True)
class Schedule:
    """What the ledger makes of the timings: one due date per task instance (None = clerk decides)."""

    dues: tuple[date | None, ...]
    frequency: str  # e.g. 「每季度至少1次」, "" for a one-off
    due_text: str  # the phrase the date came from
    needs_review: bool
    notes: tuple[str, ...] = ()


# ---- responsible units ----------------------------------------------------------------------------

BRACKET = re.compile(r"[（(]([^（()）\n]{1,150})[）)]")
LABELLED = re.compile(r"(牵头|主办|责任|配合|协办|参与)(?:单位|部门|科室)[:：]")
LABEL_ROLES = {
    "牵头": UnitRole.LEAD,
    "主办": UnitRole.LEAD,
    "责任": UnitRole.RESPONSIBLE,
    "配合": UnitRole.COOPERATE,
    "协办": UnitRole.COOPERATE,
    "参与": UnitRole.COOPERATE,
}
LEAD_AND_OTHERS = re.compile(r"^(.+?)牵头[，,、；;]?(?:(.+?)(?:配合|参与|协助|协办))?$")
RESPONSIBLE = re.compile(r"^(.+?)(?:负责|承办|落实|具体负责)$")
COOPERATE = re.compile(r"^(.+?)(?:配合|协助|协办)$")
UNIT_SUFFIX = re.compile(
    r"(科|室|办|处|局|委|中心|部门|单位|街镇|镇|街道|园区|站|所|队|委员会|政府|村|居委会|组|院|馆|厅|部|会)$"
)
NOT_UNITS = re.compile(r"[《》〔〕“”\"0-9０-９]|以下简称|简称|含|包括")
SPLIT_NAMES = re.compile(r"[、，,；;/]|以及|和|及")
GENERIC_TAIL = re.compile(r"等(?=相关|各|有关)")


def split_unit_names(text: str) -> list[str]:
    """「综合处等相关科室单位」 → 综合处, 相关科室单位; blanks and duplicates dropped, order kept."""
    names: list[str] = []
    for part in SPLIT_NAMES.split(text):
        for piece in GENERIC_TAIL.split(part):
            name = piece.strip(" 　：:。.")
            if name and name not in names:
                names.append(name)
    return names


def _looks_like_unit_list(text: str) -> bool:
    if NOT_UNITS.search(text) or len(text) > 60:
        return False
    names = split_unit_names(text)
    return bool(names) and all(UNIT_SUFFIX.search(name) for name in names)


def _bracket_units(content: str) -> list[tuple[str, UnitRole]]:
    text = content.strip()
    if LABELLED.search(text):
        found: list[tuple[str, UnitRole]] = []
        labels = list(LABELLED.finditer(text))
        for index, label in enumerate(labels):
            end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
            role = LABEL_ROLES[label.group(1)]
            found += [(name, role) for name in split_unit_names(text[label.end() : end])]
        return found
    if (match := LEAD_AND_OTHERS.match(text)) and _looks_like_unit_list(match.group(1)):
        found = [(name, UnitRole.LEAD) for name in split_unit_names(match.group(1))]
        if match.group(2):
            found += [(name, UnitRole.COOPERATE) for name in split_unit_names(match.group(2))]
        return found
    for pattern, role in ((RESPONSIBLE, UnitRole.RESPONSIBLE), (COOPERATE, UnitRole.COOPERATE)):
        if (single := pattern.match(text)) and _looks_like_unit_list(single.group(1)):
            return [(name, role) for name in split_unit_names(single.group(1))]
    if _looks_like_unit_list(text):
        return [(name, UnitRole.RESPONSIBLE) for name in split_unit_names(text)]
    return []


def find_units(text: str) -> list[UnitMention]:
    """Every unit named in a bracket, in order of appearance (a unit may appear with several roles)."""
    mentions: list[UnitMention] = []
    for match in BRACKET.finditer(text):
        for name, role in _bracket_units(match.group(1)):
            mentions.append(UnitMention(name, role, match.start(), match.end()))
    return mentions


def units_by_role(mentions: list[UnitMention] | tuple[UnitMention, ...]) -> dict[UnitRole, list[str]]:
    """Each name once per role; a unit that leads anywhere in the item is not also listed as 配合."""
    result: dict[UnitRole, list[str]] = {role: [] for role in UnitRole}
    for mention in mentions:
        if mention.name not in result[mention.role]:
            result[mention.role].append(mention.name)
    result[UnitRole.COOPERATE] = [
        name for name in result[UnitRole.COOPERATE] if name not in result[UnitRole.LEAD]
    ]
    return result


# ---- time requirements ----------------------------------------------------------------------------

CN_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
NUM = r"(\d{1,3}|[一二两三四五六七八九十]{1,3})"


def cn_number(text: str) -> int:
    """「10」「十」「十二」「二十」 → int; 0 for what is no number (「一二次」, 「两两两」): the caller's
    minimum applies."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return CN_DIGITS.get(tens, 1) * 10 + CN_DIGITS.get(ones, 0)
    return CN_DIGITS.get(text, 0)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter_ends(year: int) -> tuple[date, ...]:
    return tuple(month_end(year, month) for month in (3, 6, 9, 12))


Rule = tuple[re.Pattern[str], TimingKind, str]
# Most specific first: a phrase consumed by one rule is not read again by a later one.
RULES: tuple[Rule, ...] = (
    (re.compile(rf"(?:后的?|之日起|起)的?{NUM}个?(工作日|日|天|个月)内"), TimingKind.RELATIVE, "relative"),
    (re.compile(r"(?:于)?次年(?:第一季度|一季度|1季度)(?:内|前|末)?"), TimingKind.DATE, "next_q1"),
    (re.compile(rf"每个?季度(?:[\u4e00-\u9fff]{{0,6}}?{NUM}次)?"), TimingKind.RECURRING, "quarterly"),
    (re.compile(r"每半年(?:[\u4e00-\u9fff]{0,6}?(?:\d|[一两])次)?"), TimingKind.RECURRING, "half"),
    (re.compile(r"每个?月(?:(\d{1,2})日(?:前|之前))?"), TimingKind.RECURRING, "monthly"),
    (
        re.compile(
            rf"(?:年内|全年|每年|本年度)?(?:要)?(?:不少于|至少)[\u4e00-\u9fff]{{0,4}}?{NUM}\s*(次|个|场|期|篇|项)"
        ),
        TimingKind.RECURRING,
        "count",
    ),
    (
        re.compile(r"(\d{1,2})月(?:(\d{1,2})日)?(?:至|到|—|－|-|～|~)(\d{1,2})月(\d{1,2})日"),
        TimingKind.DATE,
        "range",
    ),
    (re.compile(r"(\d{1,2})月(\d{1,2})日(?:前|之前|以前)"), TimingKind.DATE, "date"),
    (re.compile(r"(\d{1,2})月(?:底|末|份)(?:前|之前|以前)?"), TimingKind.DATE, "month_end"),
    (re.compile(r"(\d{1,2})月[^，。；\n]{0,24}?期间"), TimingKind.DATE, "period"),
    (re.compile(r"第([一二三四1-4])季度(?:末|前|内)?"), TimingKind.DATE, "quarter"),
    (re.compile(r"上半年|年中"), TimingKind.DATE, "first_half"),
    (re.compile(r"年底前|年底|年末|年内|年度内|下半年|本年度内"), TimingKind.DATE, "year_end"),
    (re.compile(r"每年"), TimingKind.DATE, "every_year"),
)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _dues(rule: str, match: re.Match[str], year: int) -> tuple[tuple[date, ...], str, str]:
    """(due dates, frequency label, note); an impossible date gives no date and a note."""
    groups = match.groups()
    if rule == "relative":
        return (), "", "期限从事件发生之日起算，事件发生后请填写到期日"
    if rule == "next_q1":
        return (month_end(year + 1, 3),), "", ""
    if rule == "quarterly":
        return quarter_ends(year), match.group(0), ""
    if rule == "half":
        return (month_end(year, 6), month_end(year, 12)), match.group(0), ""
    if rule == "monthly":
        days = [
            _valid(year, month, int(groups[0])) if groups[0] else month_end(year, month)
            for month in range(1, 13)
        ]
        if any(day is None for day in days):
            return (), "", f"「{match.group(0)}」中的日期无效，请核对"
        return tuple(day for day in days if day), match.group(0), ""
    if rule == "count":
        times = cn_number(groups[0]) if groups[1] == "次" else 1
        return (month_end(year, 12),) * max(times, 1), match.group(0) if times > 1 else "", ""
    if rule in ("range", "date"):
        month, day = (int(groups[2]), int(groups[3])) if rule == "range" else (int(groups[0]), int(groups[1]))
        valid = _valid(year, month, day)
        return ((valid,), "", "") if valid else ((), "", f"「{match.group(0)}」不是有效日期，请核对")
    if rule in ("month_end", "period"):
        month = int(groups[0])
        return (
            ((month_end(year, month),), "", "")
            if 1 <= month <= 12
            else ((), "", f"「{match.group(0)}」月份无效")
        )
    if rule == "quarter":
        return (quarter_ends(year)[cn_number(groups[0]) - 1],), "", ""
    if rule == "first_half":
        return (month_end(year, 6),), "", ""
    return (month_end(year, 12),), "每年" if rule == "every_year" else "", ""


def _relative_phrase(text: str, match: re.Match[str]) -> tuple[str, int]:
    """Include the event before 「后」: 「决策文件出台后的10个工作日内」."""
    clause_start = max(text.rfind(mark, 0, match.start()) for mark in "，。；、,;") + 1
    start = max(clause_start, match.start() - 16)
    return text[start : match.end()], start


def find_timings(text: str, year: int) -> list[Timing]:
    taken = [False] * len(text)
    found: list[Timing] = []
    for pattern, kind, rule in RULES:
        for match in pattern.finditer(text):
            if any(taken[match.start() : match.end()]):
                continue
            phrase, start = match.group(0), match.start()
            if rule == "relative":
                phrase, start = _relative_phrase(text, match)
            dues, frequency, note = _dues(rule, match, year)
            if rule == "count" and not frequency:
                kind_here = TimingKind.DATE
            else:
                kind_here = kind
            found.append(Timing(phrase, kind_here, dues, start, match.end(), note or frequency))
            for index in range(match.start(), match.end()):
                taken[index] = True
    return sorted(found, key=lambda timing: timing.start)


def schedule_for(timings: list[Timing] | tuple[Timing, ...]) -> Schedule:
    """Recurring → one instance per occurrence; else the earliest date; else no date, for the clerk."""
    notes = tuple(f"{t.phrase}：{t.note}" for t in timings if t.kind is TimingKind.RELATIVE or not t.dues)
    recurring = [t for t in timings if t.kind is TimingKind.RECURRING and t.dues]
    dated = [t for t in timings if t.dues and t.kind is TimingKind.DATE]
    if recurring:
        best = max(recurring, key=lambda t: len(t.dues))
        earliest = min((t.dues[0] for t in dated), default=None)
        if len(set(best.dues)) == 1 and earliest is not None and earliest < best.dues[0]:
            # 「8月…期间…不少于2次」: every occurrence falls within the stated, earlier period
            return Schedule((earliest,) * len(best.dues), best.phrase, best.phrase, False, notes)
        return Schedule(best.dues, best.phrase, best.phrase, False, notes)
    if dated:
        first = min(dated, key=lambda t: t.dues[0])
        return Schedule((first.dues[0],), "", first.phrase, False, notes)
    if not notes:
        notes = ("未找到明确的完成时限，请确定到期日",)
    return Schedule((None,), "", "", True, notes)
