"""Reading 放假安排 notices as text: where each notice of a paste starts, its sentences and their dates.

In a sentence each date belongs to the word after it: 放假、补休、调休、公休 make a rest day, (调休)上班 a
working day, but 「2月3日起正常上班」 is no 调休 day. 「A至B」 is an inclusive range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from app.errors import UserFacingError
from app.services.workdays.calendar import WEEKDAYS, DayKind

ISSUER = r"(?:国务院办公厅|国务院)?"
TITLE_RE = re.compile(ISSUER + r"关于\s*(\d{4})\s*年\s*部分节假日安排的通知")
ADJUST_RE = re.compile(ISSUER + r"关于\s*调整\s*(\d{4})\s*年\s*(\S{2,8}?)\s*假期安排的通知")
EXTEND_TITLE_RE = re.compile(ISSUER + r"关于\s*延长\s*(\d{4})\s*年\s*(\S{2,8}?)\s*假期的通知")
EXTRA_RE = re.compile(ISSUER + r"关于\s*(\S{2,40}?)\s*(?:调休)?放假(?:安排)?的通知")
TITLES = (("main", TITLE_RE), ("adjust", ADJUST_RE), ("extend", EXTEND_TITLE_RE), ("extra", EXTRA_RE))
EXTEND_RE = re.compile(r"延长\s*(?:\d{4}\s*年)?\s*\S{2,8}?\s*假期至\s*(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
NUMBER_RE = re.compile(r"(国办?发明电)\s*[〔\[［(（]\s*(\d{4})\s*[〕\]］)）]\s*(\d+)\s*号")
SIGNED_RE = re.compile(r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*$", re.MULTILINE)
ITEM_RE = re.compile(r"(?:^|(?<=[\s。]))[一二三四五六七八九十]{1,3}、\s*(?P<name>[^：:\n。，]{1,24})[：:]")
# A date, optionally with year and month, optionally followed by a parenthesised note (周日, 农历除夕、周二).
DATE_RE = re.compile(
    r"(?:(?P<y>\d{4})年)?(?:(?P<m>\d{1,2})月)?(?P<d>\d{1,2})日(?:[（(](?P<note>[^）)]*)[）)])?"
)
MARKER_RE = re.compile(r"调休上班|(?<!正常)上班|放假|补休|调休|公休")
SENTENCE_RE = re.compile(r"[^。；;\n]+")
SPACES_RE = re.compile(r"(?<=\d)[ \t\u3000]+(?=[年月日])|(?<=[年月])[ \t\u3000]+(?=\d)")
WEEKDAY_RE = re.compile(r"(?:星期|周)([一二三四五六日天])")
# The longest holiday so far (2020 春节, extended) ran 17 days; a longer 「A至B」 is a typing error, and
# refusing it keeps a hostile 「1月1日至9999年12月31日」 from listing millions of days.
MAX_RANGE_DAYS = 31
MIN_YEAR, MAX_YEAR = 2000, 2100  # notices are published for the next year; none before 2000 is needed
MAX_FILE_BYTES = 1 << 20  # a year's notice with its amendments is a few KB; a CSV of a century ~200 KB


@dataclass(frozen=True)
class Section:
    """One notice of a paste: the year's notice (main) or one that adjusts, extends or adds to it."""

    kind: str  # main, adjust, extend or extra
    year: int | None
    name: str
    text: str
    title: str


def _check_weekday(day: date, note: str | None, line: str) -> None:
    match = WEEKDAY_RE.search(note or "")
    if match is None:
        return
    expected = "日" if match.group(1) == "天" else match.group(1)
    if WEEKDAYS[day.weekday()] != expected:
        raise UserFacingError(
            f"「{line.strip()}」中 {day.month}月{day.day}日 实际是星期{WEEKDAYS[day.weekday()]}，"
            f"与通知写的星期{expected}不符。请核对年份和日期后再导入。"
        )


class _DateReader:
    """The dates of one sentence; month and year carry over (「2月20日、21日」, 「12月31日至1月2日」)."""

    def __init__(self, year: int, name: str, line: str) -> None:
        self.year, self.name, self.line = year, name, line
        self.month: int | None = None
        self.current_year: int | None = None

    def _year_of(self, match: re.Match[str], m: int) -> int:
        if match.group("y"):
            return int(match.group("y"))
        if self.current_year is not None and self.month is not None:
            return self.current_year + 1 if m < self.month else self.current_year
        return self.year - 1 if (m == 12 and "元旦" in self.name) else self.year

    def read(self, segment: str) -> list[date]:
        """Every date a segment names; 「A至B」 is the inclusive range, which may cross months and years."""
        found: list[date] = []
        pos = 0
        for match in DATE_RE.finditer(segment):
            is_range = bool(found) and "至" in segment[pos : match.start()]
            pos = match.end()
            m = int(match.group("m")) if match.group("m") else self.month
            if m is None:
                raise UserFacingError(f"「{self.line.strip()}」中的日期缺少月份，请核对后再导入。")
            y = self._year_of(match, m)
            try:
                day = date(y, m, int(match.group("d")))
            except (ValueError, OverflowError):  # 2月30日, 13月, a year of twenty digits
                raise UserFacingError(
                    f"「{self.line.strip()}」中的日期 {m}月{match.group('d')}日 不存在，请核对。"
                ) from None
            _check_weekday(day, match.group("note"), self.line)
            if is_range:
                first = found[-1]
                if day < first:
                    raise UserFacingError(f"「{self.line.strip()}」中的日期范围前后颠倒，请核对。")
                if (day - first).days > MAX_RANGE_DAYS:
                    raise UserFacingError(
                        f"「{self.line.strip()[:60]}」中的日期范围超过 {MAX_RANGE_DAYS} 天，"
                        "不像是一次放假安排，请核对年份和日期。"
                    )
                found.extend(first + timedelta(days=i) for i in range(1, (day - first).days + 1))
            else:
                found.append(day)
            self.month, self.current_year = m, y
        return found


def read_days(text: str, year: int, name: str) -> list[tuple[date, DayKind]]:
    """(day, kind) for every date followed by a 放假/补休/调休/公休/上班 word in the same sentence."""
    result: list[tuple[date, DayKind]] = []
    for sentence in SENTENCE_RE.findall(text):
        reader, pos = _DateReader(year, name, f"{name}：{sentence}" if name else sentence), 0
        for marker in MARKER_RE.finditer(sentence):
            kind = DayKind.WORK if marker.group().endswith("上班") else DayKind.REST
            result.extend((day, kind) for day in reader.read(sentence[pos : marker.start()]))
            pos = marker.end()
    return result


def _section(kind: str, match: re.Match[str], text: str) -> Section:
    year = int(match.group(1)) if kind != "extra" else None
    name = match.groups()[-1] if kind != "main" else ""
    return Section(kind, year, name, text, re.sub(r"\s", "", match.group(0)))


def split_sections(text: str) -> list[Section]:
    """Split a paste at each notice title; text before the first title counts if it holds items."""
    found = sorted(
        ((m, kind) for kind, regex in TITLES for m in regex.finditer(text)), key=lambda p: p[0].start()
    )
    starts = [match.start() for match, _kind in found] + [len(text)]
    sections = [_section(kind, m, text[m.start() : starts[i + 1]]) for i, (m, kind) in enumerate(found)]
    if not found or ITEM_RE.search(text[: starts[0]]):
        sections.insert(0, Section("main", None, "", text[: starts[0]], ""))
    return sections


def check_year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UserFacingError(f"年份「{str(year)[:20]}」不正确，请填写 {MIN_YEAR}～{MAX_YEAR} 之间的年份。")
    return year
