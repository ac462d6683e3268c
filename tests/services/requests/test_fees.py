"""信息处理费 (国办函〔2020〕109号; RULES §3 examples and §10 rules 20–22)."""

from __future__ import annotations

import pytest

from app.errors import UserFacingError
from app.services.requests.fees import (
    FeeMethod,
    assess_case_fee,
    cumulative_by_count,
    fee_by_pages,
    price_for_ordinal,
)


def test_rule_20_by_count() -> None:
    assert price_for_ordinal(35) == 200
    assert cumulative_by_count(35) == 3000
    assert price_for_ordinal(10) == 0
    assert price_for_ordinal(11) == 100
    assert price_for_ordinal(41) == 300


@pytest.mark.parametrize(
    ("ordinal", "price"), [(1, 0), (30, 100), (31, 200), (40, 200), (50, 300), (51, 400)]
)
def test_ordinal_prices(ordinal: int, price: int) -> None:
    assert price_for_ordinal(ordinal) == price


@pytest.mark.parametrize(
    ("count", "amount"), [(10, 0), (30, 2000), (31, 2200), (35, 3000), (40, 4000), (41, 4300), (50, 7000)]
)
def test_cumulative_examples(count: int, amount: int) -> None:
    assert cumulative_by_count(count) == amount


@pytest.mark.parametrize(
    ("pages", "amount"),
    [(30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)],
)
def test_rule_21_by_pages(pages: int, amount: int) -> None:
    assert fee_by_pages(pages) == amount


def test_rule_22_one_method_per_case() -> None:
    with pytest.raises(UserFacingError, match="不得同时按两种标准"):
        assess_case_fee(ordinal=35, pages=250)
    assert assess_case_fee(ordinal=35).method is FeeMethod.BY_COUNT
    assert assess_case_fee(pages=250).amount == 4700
    with pytest.raises(UserFacingError, match="请选择计费方式"):
        assess_case_fee()


def test_non_positive_inputs_refused() -> None:
    with pytest.raises(UserFacingError, match="正整数"):
        fee_by_pages(0)
