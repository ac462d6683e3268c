"""Value objects and input checks of the annual report (issue 9): what the page and the CLI show."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from app.errors import UserFacingError
from app.models.annual_report import AnnualReport
from app.services.report import narratives as texts
from app.services.report.collect import PublicationFacts, RequestFacts
from app.services.report.tables import Table2, Table3, Table4
from app.services.year_lock import PUBLISHED

FIRST_YEAR = 2008  # 《政府信息公开条例》2008年5月1日起施行: no report before that
MAX_COUNT = 10_000_000
MAX_FEE = Decimal("10000000")
FIELDS = {
    texts.GENERAL: "narrative_general",
    texts.PROBLEMS: "narrative_problems",
    texts.OTHER: "narrative_other",
}


class ReportInconsistent(UserFacingError):
    """The tables fail the arithmetic checks; `failures` says which, in words."""

    def __init__(self, year: int, failures: tuple[str, ...]) -> None:
        super().__init__(f"{year}年度报告的表格数字不一致，请先核对：\n" + "\n".join(failures))
        self.failures = failures


@dataclass(frozen=True)
class EnteredFigures:
    """Table 二 numbers the register cannot count: 规章 (制发/废止/现行有效), 许可, 处罚, 强制, 收费."""

    regulations: tuple[int, int, int] = (0, 0, 0)
    permits: int = 0
    penalties: int = 0
    coercions: int = 0
    fees_wan_yuan: Decimal = Decimal("0")


@dataclass(frozen=True)
class AnnualReportView:
    year: int
    office: str
    status: str
    published_on: date | None
    entered: EnteredFigures
    table2: Table2
    table3: Table3
    table4: Table4
    narratives: dict[str, str]  # what will be printed: the clerk's text, or the pre-filled one
    prefilled: dict[str, str]
    edited: frozenset[str]  # section titles whose text the clerk saved
    prior_carryover: tuple[int, ...] | None  # last year's 四, entered by hand
    last_year_r4: tuple[int, ...] | None  # what 二 is checked against
    last_year_source: str
    failures: tuple[str, ...]  # export is blocked while any is left (RULES §10 rule 27–28)
    warnings: tuple[str, ...] = field(default=())  # worth a look, not blocking
    publication: PublicationFacts | None = None
    requests: RequestFacts | None = None

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def locked(self) -> bool:
        return self.status == PUBLISHED

    def as_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "office": self.office,
            "table2": self.table2.as_json(),
            "table3": self.table3.as_json(),
            "table4": list(self.table4.values),
            "narratives": dict(self.narratives),
        }


def check_count(value: int, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise UserFacingError(f"「{label}」应为 0 到 {MAX_COUNT} 之间的整数。")
    return value


def parse_fee(text: str | Decimal) -> Decimal:
    """行政事业性收费 in 万元, up to 4 decimals (= 1 元)."""
    try:
        value = Decimal(str(text).strip() or "0")
    except InvalidOperation:
        raise UserFacingError(
            f"收费金额「{str(text)[:20]}」不是数字，请以万元为单位填写，如 1.25。"
        ) from None
    if not value.is_finite() or value < 0 or value > MAX_FEE:
        raise UserFacingError("收费金额应为不小于 0 的数字（单位：万元）。")
    if value != value.quantize(Decimal("0.0001")):
        raise UserFacingError("收费金额以万元为单位，最多保留 4 位小数（即精确到元）。")
    return value.normalize() if value else Decimal("0")


def check_year(year: int, today: date) -> int:
    if not FIRST_YEAR <= year <= today.year:
        raise UserFacingError(f"年度应在 {FIRST_YEAR} 年到 {today.year} 年之间。")
    return year


def entered_of(row: AnnualReport | None) -> EnteredFigures:
    if row is None:
        return EnteredFigures()
    return EnteredFigures(
        (row.regulations_made, row.regulations_repealed, row.regulations_in_force),
        row.permits,
        row.penalties,
        row.coercions,
        Decimal(row.fees_wan_yuan or "0"),
    )


def figure_fields(figures: EnteredFigures) -> dict[str, object]:
    return {
        "规章": list(figures.regulations),
        "行政许可": figures.permits,
        "行政处罚": figures.penalties,
        "行政强制": figures.coercions,
        "行政事业性收费（万元）": str(figures.fees_wan_yuan),
    }


def numbers_of(value: object) -> tuple[int, ...] | None:
    data = json.loads(value) if isinstance(value, str) and value else value
    if isinstance(data, list) and len(data) == 7 and all(isinstance(n, int) for n in data):
        return tuple(data)
    return None
