"""The work-plan parser on the three real documents and on a plan written to use other forms."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from app.errors import UserFacingError
from app.services.workplan.parser import ParsedPlan, PlanItem, detect_year, parse_plan, read_plan_file
from app.services.workplan.terms import TimingKind, UnitRole, find_timings, find_units, units_by_role

DATA = Path(__file__).parents[1] / "data"

# Written for these tests: 1、/1./（1）/① numbering, the bracketed 牵头单位 list, and time phrases the
# samples do not use.
OWN_PLAN = """\
白鹤镇2025年政务公开工作实施方案

为做好2025年政务公开工作，制定本方案。
一、总体要求
坚持以公开为常态、不公开为例外。
二、重点任务
（一）规范信息发布
1、公开栏每季度至少1次更新惠民资金发放情况（牵头单位：镇党政办公室、财政所；责任单位：各村、居委会，镇属各单位）。
2. 重大行政决策事项目录于3月底前向社会公开（党政办公室牵头，经济发展办公室配合）。
3、编制年度报告，于次年第一季度公开。
（二）做好政府开放活动
（1）8月政府开放月活动期间开展开放活动不少于2次（社会事业办公室负责）。
（2）决策文件出台后的10个工作日内公开意见采纳情况。
（3）2月30日前完成栏目梳理。
① 上半年完成依申请公开台账整理。
② 按要求做好其他工作。
三、保障措施
年底前组织一次政务公开培训（党政办公室）。

白鹤镇人民政府
2025年2月10日
"""


def _load(name: str, year: int) -> ParsedPlan:
    return parse_plan(read_plan_file(DATA / name), year)


def _item(plan: ParsedPlan, key: str) -> PlanItem:
    return next(item for item in plan.walk() if item.key == key)


def _roles(item: PlanItem) -> dict[str, list[str]]:
    return {role.value: names for role, names in units_by_role(item.units).items() if names}


def test_qingpu_finance_2022_hierarchy_and_tasks() -> None:
    plan = _load("workplan_qingpu_finance_2022.txt", 2022)
    assert plan.title == "青浦区财政局 2022 年政务公开工作要点"
    assert [item.heading for item in plan.items][4] == "五、进一步强化平台建设和渠道建设"
    tasks = plan.tasks()
    assert len(tasks) == 14  # 3+3+3+3 （一）-items, and 五、 and 六、 which have only a paragraph
    five = _item(plan, "5")
    assert five.is_task and five.text.startswith("进一步强化平台建设和渠道建设\n提升政府网站")
    # A line broken by the PDF page ("惠企利民" / "举措…") is joined back into one sentence.
    assert "惠企利民举措及享受条件" in _item(plan, "2.1").text
    assert "健全重大行政决策公众参与工作机制" in _item(plan, "3.2").text
    # The signature and 印发 date are not part of the last item.
    assert _item(plan, "6").text.endswith("专业化水平。")
    assert _item(plan, "3.1").schedule.dues == (date(2022, 3, 31),)
    assert _item(plan, "3.1").schedule.due_text == "3月31日前"
    assert _item(plan, "6").schedule.dues == (date(2022, 12, 31),)  # 年内至少听取一次
    undated = _item(plan, "1.1").schedule
    assert undated.dues == (None,) and undated.needs_review
    assert _roles(_item(plan, "1.2")) == {}  # 「（以下简称《条例》）」 is not a unit


def test_zhaoxiang_town_2024_skips_general_requirements() -> None:
    text = read_plan_file(DATA / "workplan_zhaoxiang_town_2024.txt")
    assert detect_year(text) == 2024
    plan = parse_plan(text, 2024)
    assert plan.title == "2024年青浦区赵巷镇政务公开工作要点"
    assert "bookmark" not in plan.preamble
    assert not _item(plan, "1").is_task  # 一、总体要求 frames the plan
    assert len(plan.tasks()) == 12
    decision = _item(plan, "3.2")
    assert decision.title == "加强重大行政决策全流程公开"
    assert decision.schedule.dues == (date(2024, 12, 31),)  # 年内不少于1次
    relative = [t for t in decision.timings if t.kind is TimingKind.RELATIVE]
    assert [t.phrase for t in relative] == ["决策文件出台后的10个工作日内"]
    assert relative[0].dues == ()  # relative to the event: never guessed
    assert any("事件发生后" in note for note in decision.schedule.notes)
    assert [item.label for item in _item(plan, "5").children] == ["（一）", "（二）", "（三）", "（四）"]


def test_taian_finance_2021_inline_units() -> None:
    plan = _load("notice_taian_finance_2021.txt", 2021)
    assert plan.title == "关于做好新形势下财政工作政务公开的通知"
    assert len(plan.tasks()) == 11
    first = _roles(_item(plan, "1.1"))
    assert first["牵头"] == ["预算科", "国库科", "企业科", "法规税政科"]
    assert "农业农村科" in first["负责"] and "住房资金管理科" in first["负责"]
    assert first["配合"][:2] == ["相关科室单位", "财政监督处"]
    assert "综合处" in first["配合"]  # 「综合处等相关科室单位配合」
    assert _roles(_item(plan, "1.2")) == {"牵头": ["法规税政科", "办公室"], "配合": ["相关科室单位"]}
    # Broken across a page and closed with a half-width bracket: 「（…财政对外公共服务科\n\n负责)」.
    assert _roles(_item(plan, "2.3")) == {"负责": ["办公室", "信息中心", "财政对外公共服务科"]}
    # Section 三 uses half-width 「(一)」: same level, label normalised.
    assert _item(plan, "3.1").label == "（一）"
    assert _roles(_item(plan, "3.1")) == {"负责": ["各相关科室单位"]}
    assert _roles(_item(plan, "5")) == {"负责": ["对外公共服务科"]}
    assert _item(plan, "5").schedule.dues == (date(2021, 12, 31),)  # 每年定期组织
    assert "信息公开选项" not in _item(plan, "5").text


def test_own_plan_numbering_units_and_dates() -> None:
    plan = parse_plan(OWN_PLAN, 2025)
    assert plan.title == "白鹤镇2025年政务公开工作实施方案"
    keys = {item.key: item for item in plan.walk()}
    assert [keys["2.1"].children[i].label for i in range(3)] == ["1、", "2.", "3、"]
    assert [c.label for c in keys["2.2"].children] == ["（1）", "（2）", "（3）"]
    assert keys["2.2.3"].children[0].label == "①"
    assert [t.key for t in plan.tasks()] == [
        "2.1.1",
        "2.1.2",
        "2.1.3",
        "2.2.1",
        "2.2.2",
        "2.2.3.1",
        "2.2.3.2",
        "3",
    ]
    quarterly = keys["2.1.1"]
    assert quarterly.schedule.dues == (
        date(2025, 3, 31),
        date(2025, 6, 30),
        date(2025, 9, 30),
        date(2025, 12, 31),
    )
    assert quarterly.schedule.frequency == "每季度至少1次"
    assert _roles(quarterly) == {
        "牵头": ["镇党政办公室", "财政所"],
        "负责": ["各村", "居委会", "镇属各单位"],
    }
    assert quarterly.path == ("二、重点任务", "（一）规范信息发布")
    assert keys["2.1.2"].schedule.dues == (date(2025, 3, 31),)
    assert _roles(keys["2.1.2"]) == {"牵头": ["党政办公室"], "配合": ["经济发展办公室"]}
    assert keys["2.1.3"].schedule.dues == (date(2026, 3, 31),)  # 于次年第一季度
    twice = keys["2.2.1"].schedule  # 「8月…期间…不少于2次」: two instances, both due by the end of August
    assert twice.dues == (date(2025, 8, 31), date(2025, 8, 31))
    assert twice.frequency == "不少于2次"
    assert _roles(keys["2.2.1"]) == {"负责": ["社会事业办公室"]}
    assert keys["2.2.2"].schedule.needs_review and keys["2.2.2"].schedule.dues == (None,)
    impossible = keys["2.2.3"]  # 「2月30日前」 is not a date: no date, flagged
    assert not impossible.is_task
    assert keys["2.2.3.1"].schedule.dues == (date(2025, 6, 30),)  # 上半年
    assert keys["2.2.3.2"].schedule.needs_review
    assert keys["3"].schedule.dues == (date(2025, 12, 31),)
    assert _roles(keys["3"]) == {"负责": ["党政办公室"]}
    assert "白鹤镇人民政府" not in keys["3"].text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3月底前完成", (date(2025, 3, 31),)),
        ("8月政府开放月活动期间集中开展", (date(2025, 8, 31),)),
        ("每季度不少于1次", (date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 31))),
        ("于次年第一季度完成", (date(2026, 3, 31),)),
        ("每半年通报一次", (date(2025, 6, 30), date(2025, 12, 31))),
        ("第三季度末前", (date(2025, 9, 30),)),
        ("6月1日至6月30日集中公示", (date(2025, 6, 30),)),
        ("2月30日前完成", ()),
    ],
)
def test_time_phrases(text: str, expected: tuple[date, ...]) -> None:
    timings = find_timings(text, 2025)
    assert timings, text
    assert timings[0].dues == expected


def test_impossible_date_is_explained_not_guessed() -> None:
    [timing] = find_timings("2月30日前完成栏目梳理", 2025)
    assert timing.dues == () and "不是有效日期" in timing.note


def test_units_ignore_references_and_numbers() -> None:
    text = (
        "抓好《意见》（国办发〔2017〕97号）的贯彻落实（以下简称《意见》），做好工作（办公室牵头，各村配合）。"
    )
    assert [(m.name, m.role) for m in find_units(text)] == [
        ("办公室", UnitRole.LEAD),
        ("各村", UnitRole.COOPERATE),
    ]


def test_empty_and_unnumbered_input_say_what_to_do() -> None:
    with pytest.raises(UserFacingError, match="没有读到任何内容"):
        parse_plan(" \n\u3000\n", 2025)
    with pytest.raises(UserFacingError, match="没有找到「一、」"):
        parse_plan("今年要做好政务公开工作。\n认真落实各项任务。", 2025)


def test_ten_thousand_character_line_is_parsed_quickly() -> None:
    long_line = "（一）推进公开。" + "做好信息公开工作，" * 1111 + "年底前完成（党政办公室负责）。"
    assert len(long_line) > 10_000
    started = time.perf_counter()
    plan = parse_plan(f"一、重点工作\n{long_line}", 2025)
    elapsed = time.perf_counter() - started
    print(f"10,000-character item parsed in {elapsed * 1000:.1f} ms")
    [task] = plan.tasks()
    assert len(task.text) > 10_000 and len(task.title) <= 120
    assert task.schedule.dues == (date(2025, 12, 31),)
    assert _roles(task) == {"负责": ["党政办公室"]}
    assert elapsed < 2


def test_gbk_and_utf8_bom_files(tmp_path: Path) -> None:
    text = read_plan_file(DATA / "workplan_zhaoxiang_town_2024.txt")
    gbk, bom = tmp_path / "要点_gbk.txt", tmp_path / "要点_bom.txt"
    gbk.write_bytes(text.encode("gbk"))
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert read_plan_file(gbk) == text == read_plan_file(bom)
    pdf = tmp_path / "要点.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(UserFacingError, match="另存为 .docx"):
        read_plan_file(pdf)
