"""Parse the State Council's yearly 放假安排 notice (pasted text) or a CSV fallback into day entries."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from app.errors import UserFacingError
from app.services.workcalendar import WEEKDAYS, DayEntry, DayKind

TITLE_RE = re.compile(r"关于\s*(\d{4})\s*年部分节假日安排的通知")
NUMBER_RE = re.compile(r"国办发明电\s*[〔\[［(（]\s*(\d{4})\s*[〕\]］)）]\s*(\d+)\s*号")
SIGNED_RE = re.compile(r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*$", re.MULTILINE)
ITEM_RE = re.compile(
    r"(?:^|(?<=[\s。]))[一二三四五六七八九十]{1,3}、\s*(?P<name>[^：:\n]{1,24})[：:](?P<body>[^\n]*)"
)
# A date, optionally with year and month, optionally followed by a parenthesised note (周日, 农历除夕、周二).
DATE_RE = re.compile(
    r"(?:(?P<y>\d{4})年)?(?:(?P<m>\d{1,2})月)?(?P<d>\d{1,2})日(?:[（(](?P<note>[^）)]*)[）)])?"
)
WEEKDAY_RE = re.compile(r"(?:星期|周)([一二三四五六日天])")
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


def notice_source(text: str, year: int) -> str:
    number = NUMBER_RE.search(text)
    if number:
        return f"国办发明电〔{number.group(1)}〕{number.group(2)}号"
    signed = SIGNED_RE.findall(text)
    title = f"国务院办公厅关于{year}年部分节假日安排的通知"
    if signed:
        y, m, d = signed[-1]
        return f"{title}（{y}年{int(m)}月{int(d)}日）"
    return title


def _check_weekday(day: date, note: str | None, line: str) -> None:
    if not note:
        return
    match = WEEKDAY_RE.search(note)
    if match is None:
        return
    expected = "日" if match.group(1) == "天" else match.group(1)
    if WEEKDAYS[day.weekday()] != expected:
        raise _fail(
            f"「{line.strip()}」中 {day.month}月{day.day}日 实际是星期{WEEKDAYS[day.weekday()]}，"
            f"与通知写的星期{expected}不符。请核对年份和日期后再导入。"
        )


def _dates_in(clause: str, year: int, name: str, line: str) -> list[date]:
    """Every date a clause names; 「A至B」 is the inclusive range, which may cross months and years."""
    found: list[date] = []
    month: int | None = None
    current_year: int | None = None
    pos = 0
    for match in DATE_RE.finditer(clause):
        is_range = bool(found) and "至" in clause[pos : match.start()]
        pos = match.end()
        m = int(match.group("m")) if match.group("m") else month
        if m is None:
            raise _fail(f"「{line.strip()}」中的日期缺少月份，请核对后再导入。")
        if match.group("y"):
            y = int(match.group("y"))
        elif current_year is not None and month is not None and m < month:
            y = current_year + 1  # a range such as 12月31日至1月1日 crosses into the next year
        elif current_year is not None:
            y = current_year
        else:
            y = year - 1 if (m == 12 and "元旦" in name) else year
        try:
            day = date(y, m, int(match.group("d")))
        except ValueError:
            raise _fail(f"「{line.strip()}」中的日期 {m}月{match.group('d')}日 不存在，请核对。") from None
        _check_weekday(day, match.group("note"), line)
        if is_range:
            first = found[-1]
            if day < first:
                raise _fail(f"「{line.strip()}」中的日期范围前后颠倒，请核对。")
            found.extend(first + timedelta(days=i) for i in range(1, (day - first).days + 1))
        else:
            found.append(day)
        month, current_year = m, y
    return found


def parse_notice(text: str, year: int | None = None) -> ParsedArrangement:
    """Parse a pasted 放假安排 notice; the year comes from the title unless given."""
    title = TITLE_RE.search(text)
    if year is None:
        if title is None:
            raise _fail(
                "没有找到通知标题中的年份（如「国务院办公厅关于2027年部分节假日安排的通知」），"
                "请把标题一起粘贴，或在导入时指定年份。"
            )
        year = int(title.group(1))
    source = notice_source(text, year)
    entries: dict[date, DayEntry] = {}
    warnings: list[str] = []
    items = list(ITEM_RE.finditer(text))
    if not items:
        raise _fail("没有找到「一、元旦：……」这样的放假安排条目，请粘贴通知的完整正文。")
    for item in items:
        name, line = item.group("name").strip(), item.group(0)
        rest: list[date] = []
        for clause in re.split(r"[。；;]", item.group("body")):
            if "上班" in clause and "放假" not in clause:
                kind = DayKind.WORK
                days = _dates_in(clause.split("上班")[0], year, name, line)
            elif "放假" in clause:
                kind = DayKind.REST
                days = _dates_in(clause.split("放假")[0], year, name, line)
                rest.extend(days)
            else:
                continue  # e.g. 「鼓励各单位……安排职工在除夕（2月9日）休息」 is advice, not an arrangement
            for day in days:
                previous = entries.get(day)
                if previous is not None and previous.kind is not kind:
                    raise _fail(f"{day.isoformat()} 同时被列为放假和上班，请核对通知。")
                entries[day] = DayEntry(day, kind, name, source)
        if not rest:
            raise _fail(f"「{line.strip()}」中没有找到放假日期，请核对这一条。")
        total = TOTAL_RE.search(item.group("body"))
        if total and int(total.group(1)) != len(rest):
            warnings.append(f"{name}：通知写共{total.group(1)}天，解析出{len(rest)}天，请在预览中核对。")
    for entry in entries.values():
        if entry.kind is DayKind.WORK and entry.day.weekday() < 5:
            warnings.append(f"{entry.day.isoformat()}（{entry.name}）是工作日，却被列为调休上班，请核对。")
        if entry.kind is DayKind.REST and abs(entry.day.year - year) > 1:
            raise _fail(f"{entry.day.isoformat()} 不在{year}年前后，请核对年份。")
    return ParsedArrangement(
        year, source, tuple(sorted(entries.values(), key=lambda e: e.day)), tuple(warnings)
    )


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) or GBK, the encodings Chinese Windows tools write."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise _fail("文件既不是 UTF-8 也不是 GBK 编码，请在 Excel 中另存为「CSV UTF-8」后再导入。") from None


def parse_csv(text: str, year: int | None = None, default_source: str = "CSV 导入") -> ParsedArrangement:
    """Rows `日期,类型,节日名称[,通知文号]`; an optional header row; 类型 is 放假 or 调休上班."""
    entries: dict[date, DayEntry] = {}
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
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
            day = date.fromisoformat(cells[0].replace("/", "-"))
        except ValueError:
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
        raise _fail("CSV 文件中没有任何日期行。")
    if year is None:
        year = Counter(day.year for day in entries).most_common(1)[0][0]
    sources = Counter(entry.source for entry in entries.values())
    return ParsedArrangement(
        year, sources.most_common(1)[0][0], tuple(entries[d] for d in sorted(entries)), origin="csv"
    )


def parse_import(data: bytes, year: int | None = None) -> ParsedArrangement:
    """A file for `calendar import`: notice text if it looks like one, else CSV."""
    text = decode_text(data)
    if TITLE_RE.search(text) or ITEM_RE.search(text):
        return parse_notice(text, year)
    return parse_csv(text, year)
