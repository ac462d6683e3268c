"""信息处理费 per 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号), RULES §3."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.errors import UserFacingError

FREE_COUNT = 10  # 办法第四条（一）：一个自然月内累计申请10件以下（含10件）的，不收费
FIRST_BAND_END = 30  # 办法第四条（二）：11—30件（含30件）的部分 100元/件
FIRST_BAND_PRICE = 100  # 办法第四条（二）：100元/件
BAND_SIZE = 10  # 办法第四条（三）：31件以上以10件为一档
BAND_STEP = 100  # 办法第四条（三）：每增加一档，收费标准提高100元/件
# 办法第五条：30页以下不收费；31—100页 10元/页；101—200页 20元/页；201页以上 40元/页
PAGE_BANDS: tuple[tuple[int, int, int], ...] = ((31, 100, 10), (101, 200, 20), (201, 10**9, 40))
# Bounds for what is typed in, not rules of the 办法: far beyond any real applicant, and a count is summed
# application by application, so an absurd one must not keep the program busy (issue 19).
MAX_MONTHLY_APPLICATIONS = 10_000
MAX_PAGES = 1_000_000


class FeeMethod(StrEnum):
    BY_COUNT = "按件"
    BY_PAGES = "按量"


@dataclass(frozen=True)
class FeeAssessment:
    method: FeeMethod
    amount: int  # 元
    basis: str


def _positive(value: int, what: str, maximum: int) -> None:
    if value < 1:
        raise UserFacingError(f"{what}应为正整数，当前为 {str(value)[:24]}。")
    if value > maximum:
        raise UserFacingError(f"{what}「{str(value)[:24]}」超过 {maximum:,}，请核对后重新输入。")


def price_for_ordinal(ordinal: int) -> int:
    """Price of the applicant's `ordinal`-th application in one 自然月 (按件, 超额累进)."""
    _positive(ordinal, "本月申请序号", MAX_MONTHLY_APPLICATIONS)
    if ordinal <= FREE_COUNT:
        return 0
    if ordinal <= FIRST_BAND_END:
        return FIRST_BAND_PRICE
    return FIRST_BAND_PRICE + BAND_STEP * ((ordinal - FIRST_BAND_END - 1) // BAND_SIZE + 1)


def cumulative_by_count(count: int) -> int:
    """Total for `count` applications by one applicant in one 自然月."""
    _positive(count, "本月申请件数", MAX_MONTHLY_APPLICATIONS)
    return sum(price_for_ordinal(k) for k in range(FREE_COUNT + 1, count + 1))


def fee_by_pages(pages: int) -> int:
    """按量 for one application of `pages` pages (超额累进)."""
    _positive(pages, "页数", MAX_PAGES)
    return sum((min(pages, high) - low + 1) * price for low, high, price in PAGE_BANDS if pages >= low)


def assess_case_fee(*, ordinal: int | None = None, pages: int | None = None) -> FeeAssessment:
    """One method per case (办法第三条：不得同时按照两种标准重复计算)."""
    if ordinal is not None and pages is not None:
        raise UserFacingError(
            "同一件申请只能选择按件或按量一种方式计收信息处理费，不得同时按两种标准计算"
            "（国办函〔2020〕109号第三条）。请只保留一种。"
        )
    if ordinal is not None:
        return FeeAssessment(
            FeeMethod.BY_COUNT,
            price_for_ordinal(ordinal),
            f"本自然月第{ordinal}件申请（国办函〔2020〕109号第四条）",
        )
    if pages is not None:
        return FeeAssessment(
            FeeMethod.BY_PAGES, fee_by_pages(pages), f"{pages}页（国办函〔2020〕109号第五条）"
        )
    raise UserFacingError("请选择计费方式：按件（本月第几件申请）或按量（页数）。")
