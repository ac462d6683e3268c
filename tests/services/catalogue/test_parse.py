"""公开时限 wording → rule: every wording a catalogue uses; one that fixes no date is never guessed."""

from __future__ import annotations

import pytest

from app.services.catalogue.parse import parse_rule
from app.services.catalogue.rules import describe, rule_from_json, rule_to_json
from app.services.catalogue.types import Period, Rule, RuleKind

WD, CD, PER = RuleKind.WORKING_DAYS, RuleKind.CALENDAR_DAYS, RuleKind.PERIODIC


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("信息形成（变更）之日起20个工作日内", Rule(WD, days=20, anchor="形成（变更）")),
        ("信息形成或变更之日起3个工作日内", Rule(WD, days=3, anchor="形成（变更）")),
        ("自该政府信息形成或者变更之日起20个工作日内予以公开", Rule(WD, days=20, anchor="形成（变更）")),
        ("自作出决定之日起7个工作日内", Rule(WD, days=7, anchor="作出决定")),
        ("信息形成之日起二十个工作日内", Rule(WD, days=20, anchor="形成")),
        ("两个工作日内", Rule(WD, days=2)),
        ("经本级人大批准后20日内", Rule(CD, days=20, anchor="本级人大批准")),
        ("5日内", Rule(CD, days=5)),
        ("自批准之日起十五日内", Rule(CD, days=15, anchor="批准")),
        ("批准后三十天内公开", Rule(CD, days=30, anchor="批准")),
        ("每季度首月20日前", Rule(PER, period=Period.QUARTER, month=1, day=20)),
        ("每季度第一个月15日前", Rule(PER, period=Period.QUARTER, month=1, day=15)),
        ("季度结束后15日内", Rule(PER, period=Period.QUARTER, month=1, day=15)),
        ("每月10日前", Rule(PER, period=Period.MONTH, day=10)),
        ("次月10日前", Rule(PER, period=Period.MONTH, day=10)),
        ("每月", Rule(PER, period=Period.MONTH, day=0)),
        ("每月公布一次", Rule(PER, period=Period.MONTH, day=0)),
        ("按月公开", Rule(PER, period=Period.MONTH, day=0)),
        ("每年1月31日前", Rule(PER, period=Period.YEAR, month=1, day=31)),
        ("每年3月底前", Rule(PER, period=Period.YEAR, month=3, day=0)),
        ("每半年", Rule(PER, period=Period.HALF, month=6, day=0)),
        ("每年", Rule(PER, period=Period.YEAR, month=12, day=0)),
        ("每年年底前", Rule(PER, period=Period.YEAR, month=12, day=0)),
        ("每季度", Rule(PER, period=Period.QUARTER, month=3, day=0)),
        ("长期公开", Rule(RuleKind.NONE)),
        ("常年公开", Rule(RuleKind.NONE)),
        ("长期", Rule(RuleKind.NONE)),
        ("长期公开，动态调整", Rule(RuleKind.NONE)),
    ],
)
def test_a_wording_that_fixes_a_date_becomes_its_rule(text: str, expected: Rule) -> None:
    assert parse_rule(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("信息形成（变更）之日起２０个工作日内", Rule(WD, days=20, anchor="形成（变更）")),  # 全角数字
        ("信息形成 （变更） 之日起 20 个工作日内", Rule(WD, days=20, anchor="形成（变更）")),
        ("每季度首月\u300020日前", Rule(PER, period=Period.QUARTER, month=1, day=20)),  # 全角空格
        ("每年１月３１日前", Rule(PER, period=Period.YEAR, month=1, day=31)),
    ],
)
def test_full_width_digits_and_spaces_read_the_same(text: str, expected: Rule) -> None:
    assert parse_rule(text) == expected


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("按有关规定", "按有关规定"),
        ("实时更新", "实时"),
        ("及时公开", "及时"),
        ("动态更新", "动态"),
        ("招生开始前", "「招生开始前」"),
        (
            "拟征收土地前，不少于10个工作日",
            "「拟征收土地前」",
        ),  # a span before an event the app does not know
        ("项目开工前公示", "「项目开工前」"),
        ("提前5个工作日", "「提前」"),
        ("", "为空"),
        ("   ", "为空"),
        ("公示期不少于7日", "公示要持续多久"),
        ("信息形成之日起20个工作日内，其中涉及群众切身利益的5个工作日内", "两个不同的期限"),
        ("长期公开，每年更新", "两个不同的期限"),
        ("每季度20日前", "哪个月"),  # which month of the quarter?
        ("每年1月", "没有找到"),  # 「每年」 must not be read while 「1月」 is left over
        ("每月两次", "没有找到"),
        ("1个月内", "以月计"),
        ("每月结束后10个工作日内", "工作日"),
        ("年度结束后60日内", "跨过"),
        ("0个工作日内", "不是有效的天数"),
        ("视情况而定", "没有找到"),
    ],
)
def test_a_wording_that_fixes_no_date_is_left_to_the_clerk_with_the_reason(text: str, why: str) -> None:
    rule = parse_rule(text)
    assert rule.kind is RuleKind.MANUAL
    assert (rule.days, rule.period) == (0, None)  # never a half-guessed date
    assert why in rule.note
    assert describe(rule) == "需人工确定"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("信息形成（变更）之日起20个工作日内", "形成（变更）后 20 个工作日内"),
        ("经本级人大批准后20日内", "本级人大批准后 20 日内"),
        ("每季度首月20日前", "每季度首月 20 日前"),
        ("每年1月31日前", "每年1月 31 日前"),
        ("每月", "每月底前"),
        ("常年公开", "长期公开"),
    ],
)
def test_the_parsed_rule_is_said_back_and_survives_storage(text: str, said: str) -> None:
    rule = parse_rule(text)
    assert describe(rule) == said
    assert rule_from_json(rule_to_json(rule)) == rule
