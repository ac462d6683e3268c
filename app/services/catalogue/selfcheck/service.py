"""Build the 自查自纠 report from the compliance check and the year's catalogue, and write it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Protocol

from sqlalchemy import select

from app.errors import UserFacingError
from app.models.catalogue import CatalogueItem
from app.services.catalogue.compliance import ComplianceService, UnlinkedItem
from app.services.catalogue.rules import rule_from_json
from app.services.catalogue.selfcheck.docx import write_docx
from app.services.catalogue.selfcheck.summary import (
    QUARTER_WORDS,
    CatalogueEntry,
    Unregistered,
    paragraph,
    summarise,
)
from app.services.catalogue.selfcheck.types import SelfCheckReport
from app.services.catalogue.selfcheck.xlsx import write_xlsx
from app.services.catalogue.types import ComplianceRow
from app.services.common import (
    IsCancelled,
    Progress,
    SessionFactory,
    check_cancel,
    clock_for,
    never_cancelled,
    no_progress,
)
from app.services.decisions.export import short_org_name
from app.services.settings.service import SettingsService
from app.services.workdays.service import CalendarService

SUFFIXES = (".xlsx", ".docx")


class ComplianceSource(Protocol):
    def check(self, as_of: date, year: int, quarter: int | None = None) -> list[ComplianceRow]: ...

    def unlinked(self, year: int) -> Sequence[UnlinkedItem]: ...


class SelfCheckService:
    def __init__(
        self,
        sessions: SessionFactory,
        calendar: CalendarService,
        settings: SettingsService,
        compliance: ComplianceSource | None = None,
    ) -> None:
        self._sessions, self._calendar, self._settings = sessions, calendar, settings
        self._compliance = compliance

    def build(
        self,
        year: int,
        quarter: int | None = None,
        as_of: date | None = None,
        progress: Progress = no_progress,
        is_cancelled: IsCancelled = never_cancelled,
    ) -> SelfCheckReport:
        """`as_of` defaults to today; a report on a quarter counts only that quarter's occasions."""
        if quarter is not None and quarter not in range(1, 5):
            raise UserFacingError("季度请填 1、2、3 或 4。")
        day = as_of or clock_for(self._sessions).today()
        office = self._settings.office()
        if office is None or not office.name.strip():
            raise UserFacingError(
                "还没有填写单位名称，自查自纠报告的标题和落款都要用到。请先在「设置 → 单位信息」中填写。"
            )
        catalogue = self._catalogue(year)
        if not catalogue:
            raise UserFacingError(f"{year}年还没有标准目录。请先在「标准目录」中导入或从上一年复制。")
        progress(10, "正在检查公开情况…")
        source = self._source()
        rows = source.check(day, year, quarter)
        unregistered = [Unregistered(item.seq, item.level1, item.level2) for item in source.unlinked(year)]
        check_cancel(is_cancelled)
        progress(70, "正在汇总…")
        summary = summarise(rows, day, year, quarter, catalogue, unregistered)
        town = short_org_name(office.name)
        unit = "本镇" if town.endswith("镇") else "本街道" if town.endswith("街道") else "本单位"
        title = f"{town}{summary.scope}基层政务公开标准目录自查自纠情况报告"
        signed_on = clock_for(self._sessions).today()
        return SelfCheckReport(office.name, town, title, summary, paragraph(summary, year, unit), signed_on)

    def write(self, report: SelfCheckReport, path: Path) -> Path:
        """.xlsx or .docx by the name's ending; anything else is refused before a file is touched."""
        target = checked_target(path)
        try:
            if target.suffix.lower() == ".xlsx":
                return write_xlsx(report, target)
            return write_docx(report, target)
        except PermissionError:
            raise UserFacingError(f"无法写入「{target.name}」：文件可能正在打开，请关闭后重试。") from None
        except OSError as error:
            why = error.strerror or str(error)
            raise UserFacingError(f"无法写入「{target}」：{why}。请换一个位置保存。") from None

    def write_xlsx(self, report: SelfCheckReport, path: Path) -> Path:
        return self.write(report, _with_suffix(path, ".xlsx"))

    def write_docx(self, report: SelfCheckReport, path: Path) -> Path:
        return self.write(report, _with_suffix(path, ".docx"))

    def _catalogue(self, year: int) -> list[CatalogueEntry]:
        with self._sessions() as session:
            items = session.execute(
                select(CatalogueItem.id, CatalogueItem.level1, CatalogueItem.rule)
                .where(CatalogueItem.year == year, CatalogueItem.voided_at.is_(None))
                .order_by(CatalogueItem.sort_order, CatalogueItem.id)
            ).all()
        return [CatalogueEntry(item_id, level1, rule_from_json(rule).kind) for item_id, level1, rule in items]

    def _source(self) -> ComplianceSource:
        if self._compliance is None:
            self._compliance = ComplianceService(self._sessions, self._calendar)
        return self._compliance


def checked_target(path: Path) -> Path:
    target = path.expanduser().resolve()
    if target.suffix.lower() not in SUFFIXES:
        raise UserFacingError(f"自查自纠报告请保存为 .xlsx 或 .docx 文件，「{path.name}」不是这两种。")
    if target.is_dir():
        raise UserFacingError(f"「{path}」是一个文件夹，请写上文件名，例如「自查自纠报告.xlsx」。")
    if target.parent.exists() and not target.parent.is_dir():
        raise UserFacingError(f"「{target.parent}」不是文件夹，请换一个位置保存。")
    return target


def scope_words(year: int, quarter: int | None) -> str:
    """「2026年」, 「2026年第一季度」: for a file name chosen before the report is built."""
    return f"{year}年" + (QUARTER_WORDS[quarter] if quarter else "")


def _with_suffix(path: Path, suffix: str) -> Path:
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)
