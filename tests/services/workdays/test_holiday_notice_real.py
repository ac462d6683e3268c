"""The State Council's real notices 2010–2026 (tests/data/holiday_notices), day by day vs chinesecalendar.

`<year>.txt` is the year's notice as a clerk pastes it; `<year>-*.txt` are later notices that changed that
year (2015 抗战胜利70周年纪念日, 2019 劳动节调整, 2020 春节延长) and are pasted after it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import chinese_calendar
import pytest
from chinese_calendar import constants

from app.errors import UserFacingError
from app.services.workdays.calendar import DayEntry, DayKind, WorkCalendar
from app.services.workdays.holiday_notice import (
    ParsedArrangement,
    changes_against,
    parse_import,
    parse_notice,
)
from tests.calendar_support import D, package_calendar

NOTICES = Path(__file__).resolve().parents[2] / "data" / "holiday_notices"
YEARS = sorted(int(path.stem) for path in NOTICES.glob("[0-9][0-9][0-9][0-9].txt"))
LATER_NOTICES = {"2015-anniversary.txt", "2019-adjustment.txt", "2020-extension.txt"}


def read(name: str) -> str:
    return (NOTICES / name).read_text(encoding="utf-8")


def notice_text(year: int, *, later: bool = True) -> str:
    """The year's notice, followed (as pasted) by the notices that changed it later."""
    names = [f"{year}.txt"] + (sorted(p.name for p in NOTICES.glob(f"{year}-*.txt")) if later else [])
    return "\n\n".join(read(name) for name in names)


@cache
def parsed(year: int) -> ParsedArrangement:
    return parse_notice(notice_text(year))


def entries_in(year: int) -> list[DayEntry]:
    """The entries for the days of `year`: its notice, and the next notice's 元旦 days in December."""
    return [e for y in (year, year + 1) if y in YEARS for e in parsed(y).entries if e.day.year == year]


def days_of(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=i) for i in range((date(year + 1, 1, 1) - first).days)]


def test_the_notices_include_2015_to_2026_and_the_later_ones() -> None:
    assert set(range(2015, 2027)) <= set(YEARS)
    assert LATER_NOTICES <= {path.name for path in NOTICES.glob("*-*.txt")}


@pytest.mark.parametrize("name", sorted(path.name for path in NOTICES.glob("*.txt")))
def test_files_use_the_published_full_width_punctuation(name: str) -> None:
    text = read(name)
    assert not re.search(r"[,:;()]", text), "half-width punctuation: copy the published text"
    assert text.splitlines()[0].endswith("的通知") and "明电〔" in text.splitlines()[1]


@pytest.mark.parametrize("year", YEARS)
def test_working_days_equal_chinesecalendar_day_by_day(year: int) -> None:
    """What deadlines depend on: each day of the year works exactly when chinesecalendar says so."""
    calendar = WorkCalendar(entries_in(year), [year])
    wrong = [d for d in days_of(year) if calendar.is_working_day(d) != chinese_calendar.is_workday(d)]
    assert wrong == []


@pytest.mark.parametrize("year", YEARS)
def test_listed_days_equal_chinesecalendar(year: int) -> None:
    """调休上班 days exactly; 放假 days exactly on weekdays (chinesecalendar lists only some weekends)."""
    entries = entries_in(year)
    assert {e.day for e in entries if e.kind is DayKind.WORK} == {
        d for d in constants.workdays if d.year == year
    }
    rest = {e.day for e in entries if e.kind is DayKind.REST and e.day.weekday() < 5}
    assert rest == {d for d in constants.holidays if d.year == year and d.weekday() < 5}
    assert parsed(year).warnings == ()
    assert parsed(year).year == year and parsed(year).source.startswith(("国办发明电〔", "国发明电〔"))


@pytest.mark.parametrize("year", YEARS)
def test_reimporting_over_the_package_data_changes_nothing_else(year: int) -> None:
    assert changes_against(parsed(year), package_calendar()) == []  # incl. the next notice's December days


@pytest.mark.parametrize(
    ("day", "year"),
    [
        ("2017-01-02", 2017),
        ("2014-04-07", 2014),
        ("2015-04-06", 2015),
        ("2015-06-22", 2015),
        ("2016-05-02", 2016),
    ],
)
def test_buxiu_monday_is_a_rest_day(day: str, year: int) -> None:
    """「1月1日放假，1月2日（星期一）补休」: the holiday fell on a weekend and the Monday is off."""
    entry = {e.day: e for e in parsed(year).entries}[D(day)]
    assert entry.kind is DayKind.REST and D(day).weekday() == 0


def test_styles_of_the_older_notices() -> None:
    work_2010 = parsed(2010).days(DayKind.WORK)
    assert {D("2010-02-21"), D("2010-06-13"), D("2010-09-25")} <= work_2010  # 「2月20日（星期六）、21日」
    assert {D("2011-06-04"), D("2011-06-05"), D("2011-06-06")} <= parsed(2011).days(DayKind.REST)  # 放假公休
    assert D("2011-12-31") in parsed(2012).days(DayKind.WORK)  # 「2011年12月31日（星期六）上班」
    assert {D("2018-12-30"), D("2018-12-31")} <= parsed(2019).days(DayKind.REST)
    names = {e.day: e.name for e in parsed(2017).entries}
    assert names[D("2017-10-08")] == "中秋节、国庆节"
    assert D("2024-02-09") not in parsed(2024).days(DayKind.REST)  # 除夕: 「鼓励……安排职工休息」 is advice


def test_2019_labour_day_adjustment_replaces_the_first_arrangement() -> None:
    first = parse_notice(notice_text(2019, later=False))
    assert {d for d in first.days(DayKind.REST) if d.month == 5} == {D("2019-05-01")}
    adjusted = {e.day: e for e in parsed(2019).entries if e.name == "劳动节"}
    assert {d for d, e in adjusted.items() if e.kind is DayKind.REST} == {
        D(f"2019-05-0{i}") for i in range(1, 5)
    }
    assert {d for d, e in adjusted.items() if e.kind is DayKind.WORK} == {D("2019-04-28"), D("2019-05-05")}
    assert adjusted[D("2019-05-02")].source == "国办发明电〔2019〕3号"
    assert parsed(2019).source == "国办发明电〔2018〕15号、国办发明电〔2019〕3号"


def test_2020_extension_adds_rest_days_and_cancels_the_saturday_shift() -> None:
    first = parse_notice(notice_text(2020, later=False))
    assert D("2020-02-01") in first.days(DayKind.WORK) and D("2020-01-31") not in first.days(DayKind.REST)
    entries = {e.day: e for e in parsed(2020).entries}
    for day in ("2020-01-31", "2020-02-01", "2020-02-02"):
        assert entries[D(day)].kind is DayKind.REST and entries[D(day)].source == "国办发明电〔2020〕1号"
    assert entries[D("2020-01-24")].source == "国办发明电〔2019〕16号"
    assert D("2020-02-03") not in entries  # 「2月3日（星期一）起正常上班」 is an ordinary Monday


def test_2015_anniversary_adds_its_days() -> None:
    entries = {e.day: e for e in parsed(2015).entries}
    assert entries[D("2015-09-04")].kind is DayKind.REST and "纪念日" in entries[D("2015-09-04")].name
    assert entries[D("2015-09-06")].kind is DayKind.WORK


def test_a_later_notice_alone_asks_for_the_year_notice_first() -> None:
    with pytest.raises(UserFacingError, match="请先粘贴当年"):
        parse_notice(read("2020-extension.txt"))
    with pytest.raises(UserFacingError, match="请每次只导入一年"):
        parse_notice(read("2017.txt") + "\n" + read("2018.txt"))


def test_missing_festival_is_warned() -> None:
    text = read("2017.txt").replace("三、清明节：4月2日至4日放假调休，共3天。4月1日（星期六）上班。\n", "")
    parsed_text = parse_notice(text)
    assert len(parsed_text.warnings) == 1 and "没有找到清明节的放假安排" in parsed_text.warnings[0]
    changes = changes_against(parsed_text, package_calendar())
    assert "2017-04-03（星期一）：原为 放假（清明节），导入后为 工作日" in changes


def test_files_import_in_gbk_and_with_the_title_split_over_two_lines() -> None:
    text = read("2016.txt").replace("关于2016年部分", "关于2016年\n部分")
    parsed_file = parse_import(text.encode("gbk"))
    assert parsed_file.year == 2016 and parsed_file.entries == parsed(2016).entries
