"""Issue 19: `fee --by-count --count 10^20` summed the applications one by one and never returned (holding
the data folder's lock). Counts and pages are bounded before any work, with a message saying the bound."""

from __future__ import annotations

import time

import pytest

from app.errors import UserFacingError
from app.services.requests.fees import (
    MAX_MONTHLY_APPLICATIONS,
    MAX_PAGES,
    assess_case_fee,
    cumulative_by_count,
    fee_by_pages,
)


@pytest.mark.parametrize(
    "call",
    [
        lambda: cumulative_by_count(10**20),
        lambda: cumulative_by_count(MAX_MONTHLY_APPLICATIONS + 1),
        lambda: assess_case_fee(ordinal=10**20),
        lambda: fee_by_pages(10**30),
        lambda: fee_by_pages(MAX_PAGES + 1),
    ],
    ids=["count 10^20", "count over the bound", "ordinal 10^20", "pages 10^30", "pages over the bound"],
)
def test_absurd_counts_are_refused_at_once(call: object) -> None:
    started = time.monotonic()
    with pytest.raises(UserFacingError, match="超过") as refused:
        call()  # type: ignore[operator]
    assert time.monotonic() - started < 1 and "请核对" in refused.value.message


def test_the_bounds_themselves_are_priced_by_the_rules() -> None:
    # RULES §3 worked example: 50 件 → 7,000 元; the bound is reached in a moment.
    assert cumulative_by_count(50) == 7_000
    started = time.monotonic()
    assert cumulative_by_count(MAX_MONTHLY_APPLICATIONS) > 0 and fee_by_pages(MAX_PAGES) > 0
    assert time.monotonic() - started < 1
