"""Optional parts of an export package, and the export service wired over a data folder.

The annual report part is the latest published year's official .docx (issue 9).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UserFacingError
from app.services.catalogue import CombinedSource
from app.services.catalogue_documents import DocumentCatalogueSource
from app.services.export_package import ExportService, OptionalPart

if TYPE_CHECKING:
    from app.services.context import AppContext


def _latest_published_directory(ctx: AppContext) -> int | None:
    from app.services.decision_types import DirectoryStatus

    for year in sorted(ctx.decisions.years(), reverse=True):
        info = ctx.decisions.directory(year)
        if (
            info is not None
            and info.status is DirectoryStatus.PUBLISHED
            and year <= ctx.clock.today().year + 1
        ):
            return year
    return None


def decision_directory_part(ctx: AppContext) -> OptionalPart | None:
    """The latest published 重大行政决策事项目录 (RULES §4.1) as a spreadsheet."""
    year = _latest_published_directory(ctx)
    if year is None:
        return None

    def produce(folder: Path) -> Path:
        from app.services.decision_export import write_directory_xlsx

        info = ctx.decisions.directory(year)
        if info is None:
            raise UserFacingError(f"{year}年决策事项目录已不存在，请刷新后重试。")
        target = folder / f"{year}年重大行政决策事项目录.xlsx"
        write_directory_xlsx(info, target)
        return target

    return OptionalPart("decision_directory", f"{year}年重大行政决策事项目录", produce)


def annual_report_part(ctx: AppContext) -> OptionalPart | None:
    """The latest published 年度报告 (drafts stay in the office) as the official .docx."""
    year = ctx.annual_report.latest_published_year()
    if year is None:
        return None

    def produce(folder: Path) -> Path:
        from app.services.permissions import SYSTEM

        return ctx.annual_report.export_docx(SYSTEM, year, folder / f"{year}年政府信息公开工作年度报告.docx")

    return OptionalPart("annual_report", f"{year}年度报告", produce)


def export_service(ctx: AppContext) -> ExportService:
    candidates = (decision_directory_part(ctx), annual_report_part(ctx))
    parts = [part for part in candidates if part is not None]
    return ExportService(ctx.sessions, ctx.attachments, ctx.settings, catalogue_source(ctx), parts)


def catalogue_source(ctx: AppContext) -> CombinedSource:
    """Published 公文, 公开栏张贴 and 重大决策 items/results: a package carries all three registers."""
    from app.services.catalogue_decisions import DecisionCatalogueSource
    from app.services.catalogue_postings import PostingCatalogueSource

    office = ctx.settings.office()
    org, name = (office.org_code, office.name) if office else ("", "")
    return CombinedSource(
        (
            DocumentCatalogueSource(ctx.sessions),
            PostingCatalogueSource(ctx.sessions, ctx.attachments, ctx.postings.content, org, name),
            DecisionCatalogueSource(ctx.sessions, org),
        )
    )
