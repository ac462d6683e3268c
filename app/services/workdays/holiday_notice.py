"""Parse the State Council's 放假安排 notices (pasted text) or a CSV fallback into one year's day entries.

A paste holds the year's notice (「一、元旦：……」 items) and any later notice that changes it: a 调整 notice
(2019 劳动节) replaces a festival, a 延长 notice (2020 春节) extends one to a date, another (2015 抗战胜利
纪念日) adds days. How sentences and dates are read: `holiday_notice_text`.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from app.errors import UserFacingError
from app.services.formats.chinese import DateError, decode_text, parse_date
from app.services.workdays.calendar import DayEntry, DayKind, WorkCalendar, weekday_name
from app.services.workdays.notice_text import (
    EXTEND_RE,
    ITEM_RE,
    MAX_FILE_BYTES,
    MAX_RANGE_DAYS,
    NUMBER_RE,
    SIGNED_RE,
    SPACES_RE,
    TITLES,
    Section,
    check_year,
    read_days,
    split_sections,
)

FESTIVALS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
NEW_YEAR = FESTIVALS[0]
TOTAL_RE = re.compile(r"共\s*(\d+)\s*天")
KIND_ALIASES = {
    "放假": DayKind.REST,
    "休": DayKind.REST,
    "调休上班": DayKind.WORK,
    "上班": DayKind.WORK,
    "班": DayKind.WORK,
}


@dataclass(frozen=True)
class ParsedArrangement:
    """One year's arrangement, ready to preview and save."""

    year: int
    source: str
    entries: tuple[DayEntry, ...]
    warnings: tuple[str, ...] = ()
    origin: str = "notice"

    def days(self, kind: DayKind) -> frozenset[date]:
        return frozenset(entry.day for entry in self.entries if entry.kind is kind)


def _fail(message: str) -> UserFacingError:
    return UserFacingError(message)


def notice_source(text: str, year: int, title: str | None = None) -> str:
    """国办发明电〔2023〕7号, or the title with its signing date when the number was not pasted."""
    number = NUMBER_RE.search(text)
    if number:
        return f"{number.group(1)}〔{number.group(2)}〕{number.group(3)}号"
    title = title or f"国务院办公厅关于{year}年部分节假日安排的通知"
    signed = SIGNED_RE.findall(text)
    if signed:
        y, m, d = signed[-1]
        return f"{title}（{y}年{int(m)}月{int(d)}日）"
    return title


def _main_year(sections: list[Section], year: int | None) -> int:
    years = {s.year for s in sections if s.kind == "main" and s.year is not None}
    if len(years) > 1:
        raise _fail(f"粘贴的内容包含{'、'.join(map(str, sorted(years)))}年的通知，请每次只导入一年。")
    if not any(s.kind == "main" for s in sections):
        raise _fail(
            "这份通知调整了某年的放假安排。请先粘贴当年《国务院办公厅关于××××年部分节假日安排的通知》"
            "全文，再在后面接着粘贴这份通知，一起解析。"
        )
    if years:
        check_year(next(iter(years)))
    if year is None and not years:
        raise _fail(
            "没有找到通知标题中的年份（如「国务院办公厅关于2027年部分节假日安排的通知」），"
            "请把标题一起粘贴，或在导入时指定年份。"
        )
    return year if year is not None else years.pop()


class _Builder:
    """Collects the entries of one year, notice by notice."""

    def __init__(self, year: int) -> None:
        self.year = year
        self.entries: dict[date, DayEntry] = {}
        self.names: list[str] = []
        self.warnings: list[str] = []

    def add(self, day: date, kind: DayKind, name: str, source: str) -> None:
        previous = self.entries.get(day)
        if previous is not None and previous.kind is not kind:
            raise _fail(f"{day.isoformat()} 同时被列为放假和上班，请核对通知。")
        self.entries[day] = DayEntry(day, kind, name, source)

    def read_items(self, text: str, source: str) -> None:
        items = list(ITEM_RE.finditer(text))
        for index, item in enumerate(items):
            end = items[index + 1].start() if index + 1 < len(items) else len(text)
            name, body = item.group("name").strip(), text[item.end() : end]
            days = read_days(body, self.year, name)
            rest = {day for day, kind in days if kind is DayKind.REST}
            if not rest:
                line = item.group(0) + body.strip().split("\n")[0]
                raise _fail(f"「{line.strip()}」中没有找到放假日期，请核对这一条。")
            for day, kind in days:
                self.add(day, kind, name, source)
            self.names.append(name)
            total = TOTAL_RE.search(body)
            if total and int(total.group(1)) != len(rest):
                self.warnings.append(
                    f"{name}：通知写共{total.group(1)}天，解析出{len(rest)}天，请在预览中核对。"
                )

    def apply(self, section: Section, source: str) -> None:
        """A later notice: 调整 replaces a festival, 延长 extends it, another notice adds its days."""
        if section.year is not None and section.year != self.year:
            raise _fail(f"「{section.title}」不是{self.year}年的通知，请分别导入。")
        if section.kind == "extend":
            self._extend(section, source)
            return
        days = read_days(section.text, self.year, section.name)
        if not any(kind is DayKind.REST for _day, kind in days):
            raise _fail(f"「{section.title}」中没有找到放假日期，请核对。")
        if section.kind == "adjust":
            self.entries = {d: e for d, e in self.entries.items() if section.name not in e.name}
        for day, kind in days:
            self.add(day, kind, section.name, source)
        self.names.append(section.name)

    def _extend(self, section: Section, source: str) -> None:
        match = EXTEND_RE.search(section.text)
        festival = [e.day for e in self.entries.values() if section.name in e.name and e.kind is DayKind.REST]
        if match is None or not festival:
            raise _fail(f"「{section.title}」中没有找到延长到哪天，或当年通知中没有{section.name}，请核对。")
        try:
            end = date(int(match.group(1) or self.year), int(match.group(2)), int(match.group(3)))
        except ValueError:
            raise _fail(f"「{section.title}」中延长到的日期不存在，请核对。") from None
        day = min(festival)
        if not day <= end <= day + timedelta(days=MAX_RANGE_DAYS):
            raise _fail(f"「{section.title}」中延长到的日期与{section.name}相隔太远，请核对年份和日期。")
        while day <= end:
            entry = self.entries.get(day)
            if entry is None or entry.kind is DayKind.WORK:  # 延长 cancels the 调休上班 days inside it
                self.entries[day] = DayEntry(day, DayKind.REST, section.name, source)
            day += timedelta(days=1)

    def finish(self, source: str) -> ParsedArrangement:
        warnings = [*self.warnings, *_missing_festivals(self.names)]
        for entry in self.entries.values():
            if entry.kind is DayKind.WORK and entry.day.weekday() < 5:
                warnings.append(
                    f"{entry.day.isoformat()}（{entry.name}）是工作日，却被列为调休上班，请核对。"
                )
            if entry.kind is DayKind.REST and abs(entry.day.year - self.year) > 1:
                raise _fail(f"{entry.day.isoformat()} 不在{self.year}年前后，请核对年份。")
        ordered = tuple(sorted(self.entries.values(), key=lambda e: e.day))
        return ParsedArrangement(self.year, source, ordered, tuple(warnings))


def _missing_festivals(names: Iterable[str]) -> list[str]:
    joined = "、".join(names)
    missing = [festival for festival in FESTIVALS if festival not in joined]
    if not missing:
        return []
    return [f"没有找到{'、'.join(missing)}的放假安排，可能没有粘贴完整；保存后当年这些节日都按普通日计算。"]


def parse_notice(text: str, year: int | None = None) -> ParsedArrangement:
    """Parse a pasted notice and any later notice changing it; the year is the title's unless given."""
    text = SPACES_RE.sub("", text)
    sections = split_sections(text)
    year = _main_year(sections, year)
    mains = [s for s in sections if s.kind == "main"]
    source = notice_source("".join(s.text for s in mains), year)
    builder, sources = _Builder(year), [source]
    for section in mains:
        builder.read_items(section.text, source)
    if not builder.names:
        raise _fail("没有找到「一、元旦：……」这样的放假安排条目，请粘贴通知的完整正文。")
    for section in sections:
        if section.kind != "main":
            sources.append(notice_source(section.text, year, section.title))
            builder.apply(section, sources[-1])
    return builder.finish("、".join(dict.fromkeys(sources))[:120])


def _entry_text(entry: DayEntry | None, day: date) -> str:
    if entry is None:
        return "工作日" if day.weekday() < 5 else "周末"
    return f"{entry.kind.value}（{entry.name}）"


def _working(entry: DayEntry | None, day: date) -> bool:
    return entry.kind is DayKind.WORK if entry is not None else day.weekday() < 5


def next_years_days(entry: DayEntry) -> bool:
    """A December 元旦 day of year Y is set by the notice for Y+1 (2018-12-30/31, 2011-12-31 上班): saving
    Y's notice again keeps it."""
    return entry.day.month == 12 and entry.name == NEW_YEAR


def compare_with_stored(
    parsed: ParsedArrangement, stored: Iterable[DayEntry], covered_years: Iterable[int] | None = None
) -> list[str]:
    """The days whose working/rest status saving `parsed` would change, one Chinese line each.

    Saving replaces every day of `parsed.year` but the next notice's December 元旦 days, and sets the days it
    lists in other years (元旦 in December).
    `stored` are the entries already in the database for those years; `covered_years` the years loaded
    (default: `parsed.year` and the years of `stored`). Days of years not loaded are new, not changes.
    """
    stored = list(stored)
    covered = {parsed.year, *(e.day.year for e in stored)} if covered_years is None else set(covered_years)
    old = {e.day: e for e in stored if e.day.year in covered}
    kept = {day: e for day, e in old.items() if day.year == parsed.year and next_years_days(e)}
    new = kept | {e.day: e for e in parsed.entries}
    days = {d for d in old if d.year == parsed.year} | {d for d in new if d.year in covered}
    return [
        f"{day.isoformat()}（{weekday_name(day)}）：原为 {_entry_text(old.get(day), day)}，"
        f"导入后为 {_entry_text(new.get(day), day)}"
        for day in sorted(days)
        if _working(old.get(day), day) != _working(new.get(day), day)
    ]


def changes_against(parsed: ParsedArrangement, calendar: WorkCalendar) -> list[str]:
    """`compare_with_stored` against the calendar now in use."""
    years = [y for y in sorted({parsed.year, *(e.day.year for e in parsed.entries)}) if calendar.covers(y)]
    return compare_with_stored(parsed, [e for y in years for e in calendar.entries(y)], years)


def parse_csv(text: str, year: int | None = None, default_source: str = "CSV 导入") -> ParsedArrangement:
    """Rows `日期,类型,节日名称[,通知文号]`; an optional header row; 类型 is 放假 or 调休上班."""
    entries: dict[date, DayEntry] = {}
    try:
        rows = list(csv.reader(io.StringIO(text.replace("\x00", ""))))
    except csv.Error:  # a field longer than the csv module allows: no calendar file
        raise _fail(
            "CSV 文件格式不正确（有一格内容过长或引号不成对），请用 Excel 另存为 CSV 后再导入。"
        ) from None
    for number, row in enumerate(rows, start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if number == 1 and not re.match(r"\d{4}", cells[0]):
            continue  # header
        if len(cells) < 3:
            raise _fail(
                f"CSV 第 {number} 行应为「日期,类型,节日名称[,通知文号]」，例如「2027-10-01,放假,国庆节」。"
            )
        try:
            day = parse_date(cells[0])
        except DateError:
            raise _fail(
                f"CSV 第 {number} 行的日期「{cells[0]}」无法识别，请写成 2027-10-01 的形式。"
            ) from None
        kind = KIND_ALIASES.get(cells[1])
        if kind is None:
            raise _fail(f"CSV 第 {number} 行的类型「{cells[1]}」应为「放假」或「调休上班」。")
        if day in entries:
            raise _fail(f"CSV 中 {day.isoformat()} 出现了两次，请删除重复的一行。")
        source = cells[3] if len(cells) > 3 and cells[3] else default_source
        entries[day] = DayEntry(day, kind, cells[2] or "节假日", source)
    if not entries:
        raise _fail(
            "没有读到放假安排：文件既不是国务院放假安排通知的全文，也不是每行「日期,类型,节日名称」的 CSV。"
            "请确认选择的文件是否正确。"
        )
    if year is None:
        year = Counter(day.year for day in entries).most_common(1)[0][0]
    check_year(year)
    sources = Counter(entry.source for entry in entries.values())
    warnings = tuple(_missing_festivals(entry.name for entry in entries.values()))
    ordered = tuple(entries[d] for d in sorted(entries))
    return ParsedArrangement(year, sources.most_common(1)[0][0], ordered, warnings, origin="csv")


def parse_import(data: bytes, year: int | None = None) -> ParsedArrangement:
    """A file for `calendar import`: notice text if it looks like one, else CSV."""
    if year is not None:
        check_year(year)
    if len(data) > MAX_FILE_BYTES:
        raise _fail("文件太大，不像是放假安排通知或日历 CSV，请确认选择的文件是否正确。")
    text = decode_text(data)
    if any(regex.search(text) for _kind, regex in TITLES) or ITEM_RE.search(text):
        return parse_notice(text, year)
    return parse_csv(text, year)
