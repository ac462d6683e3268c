"""Due dates on the real calendar. Expected dates are counted by hand from the notices (RULES.md §9.1):
2026 春节 2/15–2/23 (上班 2/14 六, 2/28 六); 中秋 9/25–9/27; 国庆 10/1–10/7 (上班 9/20 日, 10/10 六);
2027 and 2028 are provisional (no notice loaded: the statute's days, marked 暂定)."""

from __future__ import annotations

from datetime import date

import pytest

from app.services.catalogue.due import item_due, period_slots, slot_for
from app.services.catalogue.parse import parse_rule
from app.services.catalogue.types import Due, Rule, RuleKind
from app.services.workdays.calendar import WorkCalendar
from tests.calendar_support import D, app_calendar


def due(text: str, formed: str) -> Due | None:
    return item_due(parse_rule(text), D(formed), app_calendar())


PERIODS = {"每月": 12, "每季度首月20日前": 4, "每半年": 2, "每年": 1}


def slot_dues(text: str, year: int) -> dict[str, date]:
    return {slot.key: slot.due.day for slot in period_slots(parse_rule(text), year, app_calendar())}


@pytest.mark.parametrize(
    ("text", "formed", "expected"),
    [
        # 春节: 2/14 (Sat, 上班) is day 1, 2/15–2/23 rest, 2/28 (Sat, 上班) counts (RULES.md §10 rule 11).
        ("信息形成（变更）之日起20个工作日内", "2026-02-13", "2026-03-19"),
        ("信息形成（变更）之日起20个工作日内", "2026-02-14", "2026-03-20"),
        ("信息形成或变更之日起3个工作日内", "2026-02-12", "2026-02-24"),  # 2/13, 2/14 六, 2/24
        # 国庆: 9/20 (Sun, 上班) is day 1, 中秋 and 国庆 skipped, 10/10 (Sat, 上班) counts (rule 12).
        ("信息形成（变更）之日起20个工作日内", "2026-09-18", "2026-10-22"),
        ("自作出决定之日起7个工作日内", "2026-09-30", "2026-10-15"),  # 10/8, 10/9, 10/10 六, 10/12–10/15
        ("信息形成或变更之日起3个工作日内", "2026-10-08", "2026-10-12"),  # without the 调休 Saturday: 10/13
    ],
)
def test_working_days_count_from_the_day_after_on_the_real_calendar(
    text: str, formed: str, expected: str
) -> None:
    assert due(text, formed) == Due(D(expected))


@pytest.mark.parametrize(
    ("text", "formed", "expected"),
    [
        ("经本级人大批准后20日内", "2026-01-26", "2026-02-24"),  # 2/15 is 春节: the day after the holiday
        ("5日内", "2026-09-28", "2026-10-08"),  # 10/3 is 国庆
        ("自批准之日起十五日内", "2026-03-07", "2026-03-23"),  # 3/22 is a Sunday
        ("自批准之日起十五日内", "2026-03-02", "2026-03-17"),  # a Tuesday stays
        ("5日内", "2026-02-09", "2026-02-14"),  # a 调休上班 Saturday is no rest day: it stays
        ("5日内", "2026-10-05", "2026-10-10"),
    ],
)
def test_calendar_days_ending_on_a_rest_day_move_to_the_next_working_day(
    text: str, formed: str, expected: str
) -> None:
    assert due(text, formed) == Due(D(expected))


def test_periodic_dues_of_2026_move_off_rest_days() -> None:
    assert slot_dues("每季度首月20日前", 2026) == {
        "2026Q1": D("2026-01-20"),
        "2026Q2": D("2026-04-20"),
        "2026Q3": D("2026-07-20"),
        "2026Q4": D("2026-10-20"),
    }
    monthly = slot_dues("每月10日前", 2026)
    assert monthly["2026-01"] == D("2026-01-12")  # 1/10 Saturday
    assert monthly["2026-05"] == D("2026-05-11")  # 5/10 Sunday → Monday
    assert monthly["2026-10"] == D("2026-10-10")  # Saturday, but 调休上班
    assert slot_dues("每月20日前", 2026)["2026-02"] == D("2026-02-24")  # 2/20 is 春节
    month_end = slot_dues("每月", 2026)
    assert month_end["2026-02"] == D("2026-02-28")  # Saturday 调休上班
    assert month_end["2026-05"] == D("2026-06-01")  # 5/31 Sunday
    assert slot_dues("每年1月31日前", 2026) == {"2026": D("2026-02-02")}  # 1/31 Saturday
    assert slot_dues("每年3月底前", 2026) == {"2026": D("2026-03-31")}
    assert slot_dues("每半年", 2026) == {"2026H1": D("2026-06-30"), "2026H2": D("2026-12-31")}
    assert slot_dues("每季度第一个月15日前", 2026)["2026Q4"] == D("2026-10-15")


def test_slots_have_keys_labels_and_windows_that_cover_the_year_once() -> None:
    calendar = app_calendar()
    for text, count in PERIODS.items():
        slots = period_slots(parse_rule(text), 2026, calendar)
        assert len(slots) == count
        assert (slots[0].start, slots[-1].end) == (D("2026-01-01"), D("2026-12-31"))
        assert all(
            b.start.toordinal() == a.end.toordinal() + 1 for a, b in zip(slots, slots[1:], strict=False)
        )
    quarter = period_slots(parse_rule("每季度首月20日前"), 2026, calendar)[0]
    assert (quarter.key, quarter.label, quarter.start, quarter.end) == (
        "2026Q1",
        "2026年第1季度",
        D("2026-01-01"),
        D("2026-03-31"),
    )
    names = {
        text: [(s.key, s.label) for s in period_slots(parse_rule(text), 2026, calendar)] for text in PERIODS
    }
    assert names["每月"][2] == ("2026-03", "2026年3月")
    assert names["每半年"] == [("2026H1", "2026年上半年"), ("2026H2", "2026年下半年")]
    assert names["每年"] == [("2026", "2026年")]


def test_a_publication_answers_the_period_it_is_made_in() -> None:
    calendar, quarterly = app_calendar(), parse_rule("每季度首月20日前")
    late = slot_for(quarterly, D("2026-02-10"), calendar)  # after 1/20: Q1's posting, late
    assert (late.key, late.due.day < D("2026-02-10")) == ("2026Q1", True)
    assert slot_for(quarterly, D("2026-04-05"), calendar).key == "2026Q2"
    assert slot_for(parse_rule("每半年"), D("2026-07-01"), calendar).label == "2026年下半年"
    assert slot_for(parse_rule("每月"), D("2026-12-31"), calendar).key == "2026-12"


def test_a_due_moved_past_the_period_end_stretches_its_window() -> None:
    # May 2026 ends on a Sunday: May's posting is on time on Monday 1 June, June's window starts 2 June.
    calendar, monthly = app_calendar(), parse_rule("每月")
    may, june = period_slots(monthly, 2026, calendar)[4:6]
    assert (may.end, may.due.day, june.start, june.end) == (
        D("2026-06-01"),
        D("2026-06-01"),
        D("2026-06-02"),
        D("2026-06-30"),
    )
    assert slot_for(monthly, D("2026-06-01"), calendar).key == "2026-05"
    assert slot_for(monthly, D("2026-06-02"), calendar).key == "2026-06"
    # 2028-12-31 is a Sunday and 2029-01-01 元旦: the second half's posting may be made on 2 January.
    half = slot_for(parse_rule("每半年"), D("2029-01-02"), calendar)
    assert (half.key, half.end, half.due) == ("2028H2", D("2029-01-02"), Due(D("2029-01-02"), (2028, 2029)))
    assert slot_for(parse_rule("每半年"), D("2029-01-03"), calendar).start == D("2029-01-03")


def test_information_formed_after_this_periods_posting_is_due_with_the_next() -> None:
    assert due("每季度首月20日前", "2026-01-05") == Due(D("2026-01-20"))
    assert due("每季度首月20日前", "2026-01-20") == Due(D("2026-01-20"))
    assert due("每季度首月20日前", "2026-02-10") == Due(D("2026-04-20"))
    assert due("每月", "2026-05-15") == Due(D("2026-06-01"))  # 5/31 Sunday
    assert due("每月", "2026-06-01") == Due(D("2026-06-30"))  # June's information, June's posting
    assert due("每月", "2026-03-31") == Due(D("2026-03-31"))
    # 2027-01-31 is a Sunday, but the provisional 2027 calendar makes it a 调休上班 day before 春节 (暂定).
    assert due("每年1月31日前", "2026-03-01") == Due(D("2027-01-31"), (2027,))


@pytest.mark.parametrize(
    "text", ["长期公开", "按有关规定", "招生开始前", "拟征收土地前，不少于10个工作日", ""]
)
def test_no_date_for_standing_or_manual_items(text: str) -> None:
    assert due(text, "2026-03-02") is None
    assert period_slots(parse_rule(text), 2026, app_calendar()) == []
    with pytest.raises(ValueError):
        slot_for(parse_rule(text), D("2026-03-02"), app_calendar())


def test_a_stored_rule_without_days_gives_no_date() -> None:
    assert item_due(Rule(RuleKind.WORKING_DAYS, days=0), D("2026-03-02"), app_calendar()) is None


def test_counts_in_a_year_without_its_notice_are_marked_provisional() -> None:
    # 2026-12-10 + 20 WD: 12/11 … 12/31 are 15, 2027-01-01 元旦, 1/4 … 1/8 (RULES.md §10 rule 13).
    assert due("信息形成（变更）之日起20个工作日内", "2026-12-10") == Due(D("2027-01-08"), (2027,))
    assert due("信息形成（变更）之日起20个工作日内", "2026-11-10") == Due(D("2026-12-08"))
    # 2028: 3/2, 3/3, 3/6, 3/7, 3/8 (no holiday in March).
    assert due("信息形成之日起5个工作日内", "2028-03-01") == Due(D("2028-03-08"), (2028,))
    # 2028-04-30 is a Sunday inside the assumed 劳动节 (4/29–5/3): the next working day is 5/4.
    assert due("经本级人大批准后20日内", "2028-04-10") == Due(D("2028-05-04"), (2028,))
    first = period_slots(parse_rule("每季度首月20日前"), 2028, app_calendar())[0]
    assert first.due == Due(D("2028-01-20"), (2028,))
    # 2028-12-31 is a Sunday, 2029-01-01 元旦: the half's due moves into 2029, both years assumed.
    assert slot_dues("每半年", 2028)["2028H2"] == D("2029-01-02")


def test_a_new_calendar_gives_new_slots() -> None:
    # The slots are remembered per calendar: after a notice is (re)imported the dues follow the new data.
    rule, plain = parse_rule("每月20日前"), WorkCalendar([], [2026])  # weekends only, no 春节
    assert slot_for(rule, D("2026-02-05"), app_calendar()).due.day == D("2026-02-24")
    assert slot_for(rule, D("2026-02-05"), plain).due.day == D("2026-02-20")
    assert slot_for(rule, D("2026-02-05"), app_calendar()).due.day == D("2026-02-24")
