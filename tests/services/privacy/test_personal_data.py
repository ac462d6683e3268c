"""The one personal-data detector (issue 19): every written form is found, nothing public is."""

from __future__ import annotations

import pytest

from app.services.privacy.detector import (
    AllowList,
    Kind,
    find,
    findings_in,
    id15_ok,
    id18_ok,
    luhn_ok,
    mask,
    masked,
)

# (text, kind, what the finding shows): each written form the attack used, and the other common ones.
FOUND = [
    ("身份证号310101199001011234", Kind.ID_NUMBER, "3101**********1234"),
    ("身份证 3101 0119 9001 0112 34", Kind.ID_NUMBER, "3101 **** **** **12 34"),
    ("证件 310101-19900101-1234", Kind.ID_NUMBER, "3101**-********-1234"),
    ("号码３１０１０１１９９００１０１１２３４", Kind.ID_NUMBER, "３１０１**********１２３４"),
    ("身份证：11010519491231002X。", Kind.ID_NUMBER, "1101**********002X"),
    ("身份证 110105491231002", Kind.ID_NUMBER, "1101*******1002"),  # the 15-digit form
    ("电话13812345678", Kind.MOBILE, "138****5678"),
    ("手机 138 1234 5678", Kind.MOBILE, "138 **** 5678"),
    ("手机 138-1234-5678", Kind.MOBILE, "138-****-5678"),
    ("Tel: +86 138 1234 5678", Kind.MOBILE, "+86 138 **** 5678"),
    ("0086-13812345678", Kind.MOBILE, "0086-138****5678"),
    ("（+86）13812345678", Kind.MOBILE, "（+86）138****5678"),
    ("家里电话0512-12345678", Kind.LANDLINE, "0512-****5678"),
    ("（0571）8765 4321", Kind.LANDLINE, "（0571）**** 4321"),
    ("010 6123 4567", Kind.LANDLINE, "010 **** 4567"),
    ("+86 21 6123 4567", Kind.LANDLINE, "+86 21 **** 4567"),
    ("卡号 6222 0212 3456 7890 128", Kind.BANK_CARD, "6222 **** **** ***0 128"),
    ("账号4111-1111-1111-1111", Kind.BANK_CARD, "4111-****-****-1111"),
    ("住赵巷镇业辉路100弄3号502室", Kind.ADDRESS, "赵巷镇业辉路***弄*号***室"),
    ("家住方夏村3组15号", Kind.ADDRESS, "方夏村*组**号"),
    ("住在中步村三组十五号", Kind.ADDRESS, "中步村*组**号"),
    ("嘉松小区5号楼2单元301室", Kind.ADDRESS, "嘉松小区*号楼*单元***室"),
]

# Text a town office publishes every day that must not be taken for personal data.
PUBLIC = [
    "赵府发〔2025〕3号",
    "关于印发第3号公告的通知",
    "国务院令第713号",
    "2025年3月15号召开会议",
    "请各村15号前上报",
    "1号地块征收补偿方案",
    "地铁17号线赵巷站",
    "索引号 11310118MB2F40001X/2025-00012",
    "统一社会信用代码 91310118MA1JL1234X",
    "12310118425012345X/2025-00012",  # an all-digit 统一社会信用代码 in a 索引号
    "本季度收入合计1,286,400元，本年累计2,568,000元",
    "2025-03-01 至 2025-12-31",
    "20250301",
    "12345 市民服务热线，110，120",
    "310101199001011235",  # a wrong check digit: not an ID number
    "310101199013011234",  # month 13
    "6222021234567890",  # fails the Luhn check
    "2025310118000123",  # a project number, not a card (and no card starts with 2 here)
    "序号\t户主姓名\t家庭人口\n1\t张**\t2\t赵巷村\t2,940",
    "村民代表会议第3次会议",
    "镇中路",
    "sha256 9f16502713585e0c4b7d0e3a 3f1380013800a9",  # hex digests have long digit runs
]


@pytest.mark.parametrize(("text", "kind", "shown"), FOUND)
def test_each_written_form_is_found_and_masked(text: str, kind: Kind, shown: str) -> None:
    found = find(text)
    assert [f.kind for f in found] == [kind]
    assert found[0].masked == shown and found[0].label == f"疑似{kind.value} {shown}"
    assert text[found[0].start : found[0].end] == found[0].text
    result = masked(text)
    assert len(result) == len(text) and not find(result)


@pytest.mark.parametrize("text", PUBLIC)
def test_public_text_is_not_personal_data(text: str) -> None:
    assert find(text) == []


def test_check_digits_and_birth_dates() -> None:
    assert id18_ok("110105194912310021") is False and id18_ok("11010519491231002X")
    assert id18_ok("990105194912310028") is False  # no such province
    assert id15_ok("110105491231002") and not id15_ok("110105491332002")
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")


def test_several_numbers_in_one_text_are_each_found_once() -> None:
    text = "申请人王某，身份证310101199001011234，手机13812345678，卡号6222021234567890128，住方夏村3组15号。"
    found = find(text)
    assert [f.kind for f in found] == [Kind.ID_NUMBER, Kind.MOBILE, Kind.BANK_CARD, Kind.ADDRESS]
    assert mask(text, found).count("*") == 10 + 4 + 11 + 3


def test_the_office_own_phone_address_and_exchange_are_public() -> None:
    allow = AllowList.of("021-59750000", "上海市青浦区赵巷镇镇中路 100 号")
    text = "联系电话：（021）5975 0000，党政办 021-59751234，地址：镇中路100号。"
    assert find(text, allow) == []
    others = find("他人电话 021-61234567，0512-59751234，手机 13812345678，住镇中路102号", allow)
    assert [f.kind for f in others] == [Kind.LANDLINE, Kind.LANDLINE, Kind.MOBILE, Kind.ADDRESS]


def test_a_bare_office_number_allows_its_exchange_in_any_written_form() -> None:
    allow = AllowList.of("59750000")
    assert find("+86 21 5975 1234", allow) == []
    assert [f.kind for f in find("021-61234567", allow)] == [Kind.LANDLINE]


def test_long_text_is_scanned_quickly() -> None:
    import time

    text = ("为做好冬季防火工作，现将有关事项通知如下。联系电话：021-59751234。" * 20_000) + "13812345678"
    started = time.perf_counter()
    found = find(text, AllowList.of("021-59750000"))
    assert [f.kind for f in found] == [Kind.MOBILE]
    assert time.perf_counter() - started < 2.0  # ~700,000 characters


def test_findings_in_named_texts_say_where_and_what() -> None:
    fields = {"标题": "关于低保对象的公示", "正文": "张某，手机 13812345678，住方夏村3组15号。"}
    assert findings_in(fields) == ["正文：疑似手机号码 138****5678", "正文：疑似住址 方夏村*组**号"]
