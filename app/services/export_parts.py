"""Optional parts of an export package, and the export service wired over a data folder.

The annual report .docx has no hook yet: `report_docx.build_report_docx(content, target)` needs the
`ReportContent` that the annual-report feature assembles; it adds an `OptionalPart("annual_report", …)`
here once that exists.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UserFacingError
from app.services.catalogue_documents import DocumentCatalogueSource
from app.services.export_package import ExportService, OptionalPart

if TYPE_CHECKING:
    from app.services.context import AppContext


def _latest_published_directory(ctx: AppContext) -> int | None:
    from app.services.decision_types import DirectoryStatus

    for year in sorted(ctx.decisions.years(), reverse=True):
        info = ctx.decisions.directory(year)
        if info is not None and info.status is DirectoryStatus.PUBLISHED and year <= date.today().year + 1:
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


def export_service(ctx: AppContext) -> ExportService:
    parts = [part for part in (decision_directory_part(ctx),) if part is not None]
    return ExportService(
        ctx.sessions, ctx.attachments, ctx.settings, DocumentCatalogueSource(ctx.sessions), parts
    )
