"""The notice parser against the three real notices (identical to chinesecalendar), variants, and CSV."""

from __future__ import annotations

from pathlib import Path

import pytest
from chinese_calendar import constants

from app.errors import UserFacingError
from app.services.formats.chinese import decode_text
from app.services.workdays.calendar import DayEntry, DayKind
from app.services.workdays.holiday_notice import (
    compare_with_stored,
    parse_csv,
    parse_import,
    parse_notice,
)
from tests.calendar_support import D

SAMPLES = Path(__file__).resolve().parents[1] / "data"  # copies of /work/shared/samples/holiday_notice_*.txt
EXPECTED_SOURCE = {
    2024: "国办发明电〔2023〕7号",
    2025: "国办发明电〔2024〕12号",
    2026: "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）",
}


def sample(year: int) -> str:
    return (SAMPLES / f"holiday_notice_{year}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_real_notices_match_chinesecalendar(year: int) -> None:
    parsed = parse_notice(sample(year))
    assert parsed.year == year and parsed.source == EXPECTED_SOURCE[year] and parsed.warnings == ()
    assert parsed.days(DayKind.REST) == {d for d in constants.holidays if d.year == year}
    assert parsed.days(DayKind.WORK) == {d for d in constants.workdays if d.year == year}


def test_names_and_sources_on_entries() -> None:
    entries = {e.day: e for e in parse_notice(sample(2025)).entries}
    assert entries[D("2025-10-06")].name == "国庆节、中秋节"
    assert entries[D("2025-01-26")].kind is DayKind.WORK and entries[D("2025-01-26")].name == "春节"
    assert entries[D("2025-01-26")].source == "国办发明电〔2024〕12号"


NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
国办发明电〔2026〕9号
一、元旦：1月1日放假，与周末连休。
二、春节：2月5日（农历除夕）至2月12日放假调休，共8天。2月20日（星期六）上班。
三、清明节：4月5日放假，不调休。
七、国庆节：10月1日至7日放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
"""


def test_variants_weekday_forms_and_no_makeup() -> None:
    parsed = parse_notice(NOTICE_2027)
    assert parsed.year == 2027 and parsed.source == "国办发明电〔2026〕9号"
    rest, work = parsed.days(DayKind.REST), parsed.days(DayKind.WORK)
    assert D("2027-01-01") in rest and D("2027-01-02") not in rest  # 与周末连休: only the listed day
    assert {D("2027-02-05"), D("2027-02-12")} <= rest and len([d for d in rest if d.month == 2]) == 8
    assert work == {D("2027-02-20"), D("2027-09-26"), D("2027-10-09")}


def test_range_across_the_year_end() -> None:
    text = (
        "国务院办公厅关于2019年部分节假日安排的通知\n一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。"
        "2018年12月29日（星期六）上班。\n"
    )
    parsed = parse_notice(text)
    assert parsed.days(DayKind.REST) == {D("2018-12-30"), D("2018-12-31"), D("2019-01-01")}
    assert parsed.days(DayKind.WORK) == {D("2018-12-29")}
    implicit = parse_notice("关于2011年部分节假日安排的通知\n一、元旦：12月31日至1月2日放假，共3天。")
    assert implicit.days(DayKind.REST) == {D("2010-12-31"), D("2011-01-01"), D("2011-01-02")}


def test_year_given_explicitly_and_missing_title() -> None:
    body = "一、劳动节：5月1日至5日放假调休，共5天。"
    assert parse_notice(body, 2027).days(DayKind.REST) == {D(f"2027-05-0{i}") for i in range(1, 6)}
    with pytest.raises(UserFacingError, match="没有找到通知标题中的年份"):
        parse_notice(body)


def test_wrong_weekday_is_refused_and_count_mismatch_warned() -> None:
    with pytest.raises(UserFacingError, match="实际是星期"):
        parse_notice(
            "关于2024年部分节假日安排的通知\n七、国庆节：10月1日至7日放假调休。9月29日（星期六）上班。"
        )
    parsed = parse_notice("关于2024年部分节假日安排的通知\n七、国庆节：10月1日至7日放假调休，共8天。")
    assert "共8天" in parsed.warnings[0]


def test_csv_fallback_and_encodings() -> None:
    text = (
        "日期,类型,节日名称,通知文号\n2027-10-01,放假,国庆节,国办发明电〔2026〕9号\n"
        "2027-10-09,调休上班,国庆节,\n"
    )
    for data in (text.encode("utf-8"), b"\xef\xbb\xbf" + text.encode("utf-8"), text.encode("gbk")):
        parsed = parse_import(data)
        assert parsed.year == 2027 and parsed.origin == "csv"
        assert parsed.days(DayKind.WORK) == {D("2027-10-09")}
        assert parsed.entries[0].source == "国办发明电〔2026〕9号"
    assert decode_text("国庆节".encode("gbk")) == "国庆节"
    with pytest.raises(UserFacingError, match="应为「放假」或「调休上班」"):
        parse_csv("2027-10-01,休假,国庆节\n")
    with pytest.raises(UserFacingError, match="出现了两次"):
        parse_csv("2027-10-01,放假,国庆节\n2027-10-01,放假,国庆节\n")


def test_notice_file_is_detected(tmp_path: Path) -> None:
    assert parse_import(sample(2024).encode("gbk")).year == 2024


def test_each_date_belongs_to_the_word_after_it() -> None:
    parsed = parse_notice(
        "关于2027年部分节假日安排的通知\n"
        "一、元旦：1月1日放假，1月2日（星期六）、1月3日（星期日）公休，1月9日（星期六）调休上班。\n"
        "二、春节：2月6日至12日放假调休，共7天。2月13日（星期六）起正常上班。\n"
    )
    assert parsed.days(DayKind.REST) >= {D("2027-01-01"), D("2027-01-03"), D("2027-02-12")}
    assert parsed.days(DayKind.WORK) == {D("2027-01-09")}  # 「起正常上班」 is no 调休上班 day


def test_missing_festivals_are_warned_for_notices_and_csv() -> None:
    warnings = parse_notice(NOTICE_2027).warnings
    assert warnings == (
        "没有找到劳动节、端午节、中秋节的放假安排，可能没有粘贴完整；保存后当年这些节日都按普通日计算。",
    )
    assert "元旦、春节" in parse_csv("2027-10-01,放假,国庆节\n").warnings[0]


def test_compare_with_stored_lists_days_whose_status_changes() -> None:
    source = "国办发明电〔2016〕17号"
    stored = [
        DayEntry(D("2017-01-01"), DayKind.REST, "元旦", source),  # a Sunday: no change when it goes
        DayEntry(D("2017-01-02"), DayKind.REST, "元旦", source),
        DayEntry(D("2017-01-22"), DayKind.WORK, "春节", source),
    ]
    parsed = parse_notice(
        "关于2017年部分节假日安排的通知\n一、元旦：1月1日放假。\n二、春节：1月22日（星期日）上班。1月27日放假。"
    )
    assert compare_with_stored(parsed, stored) == [
        "2017-01-02（星期一）：原为 放假（元旦），导入后为 工作日",
        "2017-01-27（星期五）：原为 工作日，导入后为 放假（春节）",
    ]
    new_year = parse_notice("关于2019年部分节假日安排的通知\n一、元旦：2018年12月31日至2019年1月1日放假。")
    assert compare_with_stored(new_year, [], covered_years=[]) == []  # nothing loaded yet: nothing changes
    assert compare_with_stored(new_year, [], covered_years=[2018]) == [
        "2018-12-31（星期一）：原为 工作日，导入后为 放假（元旦）"
    ]
