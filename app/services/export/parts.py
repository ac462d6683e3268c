"""Optional parts of an export package: the latest published 决策事项目录 and 年度报告 (issue 9).

Each part takes the one service it reads; the application context wires them into the export service.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.errors import UserFacingError
from app.services.decisions.export import write_directory_xlsx
from app.services.decisions.service import DecisionService
from app.services.decisions.types import DirectoryStatus
from app.services.export.service import OptionalPart
from app.services.permissions import SYSTEM
from app.services.report.service import AnnualReportService


def _latest_published_directory(decisions: DecisionService, today: date) -> int | None:
    for year in sorted(decisions.years(), reverse=True):
        info = decisions.directory(year)
        if info is not None and info.status is DirectoryStatus.PUBLISHED and year <= today.year + 1:
            return year
    return None


def decision_directory_part(decisions: DecisionService, today: date) -> OptionalPart | None:
    """The latest published 重大行政决策事项目录 (RULES §4.1) as a spreadsheet."""
    year = _latest_published_directory(decisions, today)
    if year is None:
        return None

    def produce(folder: Path) -> Path:
        info = decisions.directory(year)
        if info is None:
            raise UserFacingError(f"{year}年决策事项目录已不存在，请刷新后重试。")
        target = folder / f"{year}年重大行政决策事项目录.xlsx"
        write_directory_xlsx(info, target)
        return target

    return OptionalPart("decision_directory", f"{year}年重大行政决策事项目录", produce)


def annual_report_part(report: AnnualReportService) -> OptionalPart | None:
    """The latest published 年度报告 (drafts stay in the office) as the official .docx."""
    year = report.latest_published_year()
    if year is None:
        return None

    def produce(folder: Path) -> Path:
        return report.export_docx(SYSTEM, year, folder / f"{year}年政府信息公开工作年度报告.docx")

    return OptionalPart("annual_report", f"{year}年度报告", produce)
