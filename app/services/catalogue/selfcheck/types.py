"""The report as built once and written to .xlsx and .docx alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.services.catalogue.selfcheck.summary import SelfCheckSummary


@dataclass(frozen=True)
class SelfCheckReport:
    office: str  # 落款: the office's full name
    town: str  # 「赵巷镇」: the title names the town, not its whole address
    title: str  # 「赵巷镇2026年基层政务公开标准目录自查自纠情况报告」
    summary: SelfCheckSummary
    paragraph: str  # 一、总体情况, and the text the 年度报告 can use
    signed_on: date  # the clock's date
