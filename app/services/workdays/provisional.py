"""Provisional 放假/调休 days for a year whose State Council notice is not loaded (RULES §9, issue 18).

Built from the statute in force that year — 《全国年节及纪念日放假办法》第二条 (the holidays) and 第六条
(补假 for one on a weekend) — and, from 2025, the 调休 principles the State Council published with the 2025
notice. Lunar dates and the 清明 solar term come from lunar-python, never from a typed table.
provisional_accuracy.py measures each rule against 2010–2026 and explains the choice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from lunar_python import Lunar, Solar

from app.services.workdays.calendar import DayEntry, DayKind

PROVISIONAL_LABEL = "暂定"  # the badge beside every date that relies on a year without its notice
STATUTE = "《全国年节及纪念日放假办法》"
STATUTE_RULE = f"按周末和{STATUTE}规定的法定节日（逢周末在其后工作日补假）暂算"
PROVISIONAL_RULE = f"按周末、{STATUTE}规定的法定节日和国务院办公厅明确的调休原则暂算"
MAKE_UP_SOURCE = f"{STATUTE}第六条（暂定）"
PRINCIPLE_SOURCE = "国办发明电〔2024〕12号所列调休原则（暂定）"
PRINCIPLES_FROM = 2025  # first year arranged under the principles (2024 revision, new 第七条)


@dataclass(frozen=True, slots=True)
class Era:
    """One revision of 第二条: which days the festivals carry."""

    first_year: int
    decree: str
    eve: bool  # 春节 includes 农历除夕
    spring_days: int  # days from 正月初一
    labour_days: int  # days from 5月1日
    lunar_festivals: bool  # 清明节, 端午节, 中秋节 are holidays


ERAS: tuple[Era, ...] = (
    # 1999 revision (国务院令第270号): 春节 初一至初三, 劳动节、国庆节 3天 each; also used before 1999.
    Era(1, "国务院令第270号", eve=False, spring_days=3, labour_days=3, lunar_festivals=False),
    # 2007 revision (令第513号, 2008-01-01): 「春节，放假3天（农历除夕、正月初一、初二）」, +清明/端午/中秋.
    Era(2008, "国务院令第513号", eve=True, spring_days=2, labour_days=1, lunar_festivals=True),
    # 2013 revision (令第644号, 2014-01-01): 「春节，放假3天（农历正月初一、初二、初三）」.
    Era(2014, "国务院令第644号", eve=False, spring_days=3, labour_days=1, lunar_festivals=True),
    # 2024 revision (令第795号, 2025-01-01): 「春节，放假4天（农历除夕、正月初一至初三）」「劳动节，放假2天」.
    Era(2025, "国务院令第795号", eve=True, spring_days=3, labour_days=2, lunar_festivals=True),
)


def era_for(year: int) -> Era:
    return [era for era in ERAS if era.first_year <= year][-1]


def provisional_rule(year: int) -> str:
    """The one-sentence rule behind `provisional_entries(year)`, for the UI."""
    return PROVISIONAL_RULE if year >= PRINCIPLES_FROM else STATUTE_RULE


def provisional_note(years: Iterable[int]) -> str:
    """What every 暂定 date says about itself (case view, 如何计算, letters, ledger, CLI)."""
    chosen = sorted(set(years))
    listed = "、".join(f"{year}年" for year in chosen)
    return f"{listed}放假安排尚未录入，{provisional_rule(chosen[-1])}；通知公布后导入即自动更正"


def _solar(value: Solar) -> date:
    return date(int(value.getYear()), int(value.getMonth()), int(value.getDay()))


def lunar_day(year: int, month: int, day: int) -> date:
    """The Gregorian date of a lunar-calendar day in lunar year `year` (a non-leap month)."""
    return _solar(Lunar.fromYmd(year, month, day).getSolar())


def qingming(year: int) -> date:
    return _solar(Solar.fromYmd(year, 4, 1).getLunar().getJieQiTable()["清明"])


def _run(first: date, days: int) -> list[date]:
    return [first + timedelta(days=i) for i in range(days)]


def statutory_days(year: int) -> tuple[tuple[date, str], ...]:
    """(day, festival) for every holiday of 第二条 in `year`; a date may appear twice (中秋节 on 10月1日)."""
    era = era_for(year)
    new_year = lunar_day(year, 1, 1)
    spring = _run(new_year - timedelta(days=1), 1) if era.eve else []
    days: list[tuple[date, str]] = [(date(year, 1, 1), "元旦")]
    days += [(day, "春节") for day in spring + _run(new_year, era.spring_days)]
    if era.lunar_festivals:
        days.append((qingming(year), "清明节"))
    days += [(day, "劳动节") for day in _run(date(year, 5, 1), era.labour_days)]
    # 国庆节 before 中秋节: a shared day is named 「国庆节、中秋节」 as in the notices.
    days += [(day, "国庆节") for day in _run(date(year, 10, 1), 3)]
    if era.lunar_festivals:
        days += [(lunar_day(year, 5, 5), "端午节"), (lunar_day(year, 8, 15), "中秋节")]
    return tuple(sorted(days, key=lambda pair: pair[0]))


def _names_by_day(year: int) -> dict[date, str]:
    names: dict[date, list[str]] = {}
    for day, name in statutory_days(year):
        names.setdefault(day, []).append(name)
    return {day: "、".join(found) for day, found in sorted(names.items())}


def statutory_entries(year: int) -> tuple[DayEntry, ...]:
    """Weekends + 第二条 only (variant A of the measurement): one REST entry per date, overlaps merged."""
    source = f"{STATUTE}第二条（{era_for(year).decree}，暂定）"
    return tuple(DayEntry(day, DayKind.REST, name, source) for day, name in _names_by_day(year).items())


def make_up_days(holidays: dict[date, str]) -> dict[date, str]:
    """第六条: each holiday date on a Saturday or Sunday gives one 补假 on the next free weekday.

    Counted per date, not per festival: 「假日…适逢星期六、星期日」 speaks of days, so a date shared by two
    festivals (中秋节 on 国庆节) owes one 补假 if it is a weekend day and none on a weekday.
    """
    taken = set(holidays)
    extra: dict[date, str] = {}
    for day, name in sorted(holidays.items()):
        if day.weekday() < 5:
            continue
        free = day + timedelta(days=1)
        while free.weekday() >= 5 or free in taken:
            free += timedelta(days=1)
        taken.add(free)
        extra[free] = f"{name.split('、')[0]}补假"
    return extra


def statute_entries(year: int) -> tuple[DayEntry, ...]:
    """Variant B: 第二条's holidays plus 第六条's 补假 — every day the statute itself makes a rest day."""
    statutory = statutory_entries(year)
    extra = make_up_days({entry.day: entry.name for entry in statutory})
    make_up = (DayEntry(day, DayKind.REST, name, MAKE_UP_SOURCE) for day, name in extra.items())
    return tuple(sorted((*statutory, *make_up), key=lambda entry: entry.day))


# Short breaks by the festival's weekday: Mon/Sat/Sun → Sat–Mon, Tue → Sun–Tue, Wed → that day only,
# Thu → Thu–Sat, Fri → Fri–Sun (each weekday as some notice of 2022–2026 arranged it).
SHORT_BREAK_START = (-2, -2, 0, 0, 0, 0, -1)


def _short_break(day: date) -> list[date]:
    # 「元旦、清明节、端午节、中秋节分别放假调休或连休3天（如逢周三，则只在当日放假）」
    if day.weekday() == 2:
        return [day]
    return _run(day + timedelta(days=SHORT_BREAK_START[day.weekday()]), 3)


def _labour_break(year: int) -> list[date]:
    """The 5 days around 5月1日–2日 with the fewest weekdays, the latest such (5月1日–5日 in 2024–2026)."""
    runs = [_run(date(year, 4, 28) + timedelta(days=k), 5) for k in range(4)]
    return min(reversed(runs), key=lambda block: sum(1 for day in block if day.weekday() < 5))


def principle_breaks(year: int) -> list[tuple[str, list[date]]]:
    """Each festival's break under the principles quoted in 国办发明电〔2024〕12号 (RULES §9.1)."""
    # 「春节自农历除夕起放假调休8天，国庆节自10月1日起放假调休7天，劳动节放假调休5天…
    #   国庆节放假如逢中秋节则合并放假8天」.
    mid_autumn, national = lunar_day(year, 8, 15), date(year, 10, 1)
    breaks = [("春节", _run(lunar_day(year, 1, 1) - timedelta(days=1), 8)), ("劳动节", _labour_break(year))]
    if date(year, 9, 29) <= mid_autumn <= date(year, 10, 8):
        breaks.append(("国庆节、中秋节", _run(min(mid_autumn, national), 8)))
    else:
        breaks += [("国庆节", _run(national, 7)), ("中秋节", _short_break(mid_autumn))]
    short = (("元旦", date(year, 1, 1)), ("清明节", qingming(year)), ("端午节", lunar_day(year, 5, 5)))
    breaks += [(name, _short_break(day)) for name, day in short]
    # A 元旦 break starting in December belongs to last year's days (and data): keep only this year's.
    return [(name, [day for day in block if day.year == year]) for name, block in breaks]


def _worked(year: int, block: list[date], count: int, busy: set[date]) -> list[date]:
    """`count` free weekend days of `year` to work: the nearest on each side of the break first."""
    ranked = []
    for step, edge in ((-1, block[0]), (1, block[-1])):
        candidates = (edge + timedelta(days=step * k) for k in range(1, 21))
        free = [day for day in candidates if day.weekday() >= 5 and day.year == year and day not in busy]
        ranked += [(index, abs((day - edge).days), day) for index, day in enumerate(free)]
    return [day for _, _, day in sorted(ranked)[:count]]


def principle_entries(year: int) -> tuple[DayEntry, ...]:
    """Variant C: the statute's days, each break of the principles, and the weekend days that pay for it.

    A break's weekdays are paid by its holidays (a weekday one, or the 补假 of a weekend one) and by
    worked weekend days, so worked = weekdays in the break − holidays in it (中秋节 on 国庆节 counts
    twice, as the 2020 notice did).
    """
    holidays = statutory_days(year)
    entries = {entry.day: entry for entry in statute_entries(year)}
    busy, breaks = set(entries), principle_breaks(year)  # busy: rest or already worked
    for name, block in breaks:
        new = [day for day in block if day not in entries]
        entries.update((day, DayEntry(day, DayKind.REST, name, PRINCIPLE_SOURCE)) for day in new)
        busy.update(block)
    for name, block in breaks:
        owed = sum(1 for day in block if day.weekday() < 5) - sum(1 for day, _ in holidays if day in block)
        for day in _worked(year, block, max(owed, 0), busy):
            entries[day] = DayEntry(day, DayKind.WORK, name, PRINCIPLE_SOURCE)
            busy.add(day)
    return tuple(sorted(entries.values(), key=lambda entry: entry.day))


def provisional_entries(year: int) -> tuple[DayEntry, ...]:
    """The days the app assumes for `year` until its notice is imported (see provisional_rule(year)).

    From 2025 the statute plus the 调休 principles (variant C: REST and WORK entries); before, when no
    principles were published, the statute alone (variant B: REST entries only).
    """
    return principle_entries(year) if year >= PRINCIPLES_FROM else statute_entries(year)
