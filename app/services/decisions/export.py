"""The directory as a publication table: .docx in the official layout and an .xlsx ledger."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import Table

from app.errors import UserFacingError
from app.services.common import IsCancelled, Progress, never_cancelled, no_progress
from app.services.decisions.types import AdjustmentInfo, DirectoryInfo, DirectoryStatus, ItemInfo
from app.services.formats.chinese import cn_date
from app.services.formats.official_docx import OfficialDocument
from app.services.formats.xlsx import Cell, write_rows

# The publication columns (issue 10 / the 2025 county catalogue in RULES §4.1).
DOCX_HEADERS = ["序号", "决策事项名称", "决策主体", "承办单位", "履行程序", "计划完成时间", "是否听证"]
DOCX_WIDTHS_MM = [12.0, 36.0, 18.0, 20.0, 32.0, 24.0, 14.0]  # = the 156 mm 版心
CENTRED_COLUMNS = (0, 5, 6)
TABLE_LINE_PT = 20  # the body's fixed 28.95 pt lines would make every table row twice as tall
XLSX_HEADERS = [
    "序号",
    "决策事项名称",
    "决策主体",
    "承办单位",
    "法律政策依据",
    "公众参与",
    "专家论证",
    "风险评估",
    "合法性审查",
    "集体讨论决定",
    "听证",
    "计划完成时间",
    "状态",
]
XLSX_WIDTHS = [6, 40, 22, 22, 40, 10, 10, 10, 12, 14, 8, 14, 10]
PLACE = re.compile(r"^.*?[省市区县](?=[^省市区县]+(?:镇|乡|街道|街道办事处)$)")


def short_org_name(office_name: str) -> str:
    """「上海市青浦区赵巷镇人民政府」 → 「赵巷镇」 (the title names the town, not its whole address)."""
    name = office_name.strip().removesuffix("人民政府").removesuffix("办事处") or "××镇"
    return PLACE.sub("", name)


def directory_title(office_name: str, year: int) -> str:
    return f"{short_org_name(office_name)}{year}年重大行政决策事项目录"


def _yes(flag: bool) -> str:
    return "是" if flag else "否"


def _docx_row(item: ItemInfo) -> list[str]:
    return [
        str(item.seq),
        item.name,
        item.subject,
        item.undertaker,
        item.procedures.text(),
        cn_date(item.planned_on),
        _yes(item.procedures.hearing),
    ]


def write_directory_docx(
    info: DirectoryInfo, adjustments: list[AdjustmentInfo], office_name: str, path: Path, today: date
) -> Path:
    if path.suffix.lower() != ".docx":
        raise UserFacingError("请保存为 .docx 文件。")
    if not info.active_items:
        raise UserFacingError(f"{info.year}年目录还没有有效事项，无法导出。")
    document = OfficialDocument()
    document.title(directory_title(office_name, info.year))
    table = document.table(DOCX_HEADERS, [_docx_row(item) for item in info.active_items], DOCX_WIDTHS_MM)
    _tidy(table)
    if adjustments:
        document.blank()
        lines = [
            f"{cn_date(a.adjusted_on)}，{a.kind.value}第{a.seq}项“{a.item_name}”：{a.reason}"
            for a in adjustments
        ]
        document.body("目录调整情况：\n" + "\n".join(lines))
    if office_name:
        document.signature(office_name, _version_date(info, adjustments, today))
    return document.save(path)


def _version_date(info: DirectoryInfo, adjustments: list[AdjustmentInfo], today: date) -> date:
    """成文日期 of this version: the publication, or the latest adjustment after it (a draft: today)."""
    if info.status is not DirectoryStatus.PUBLISHED or info.published_on is None:
        return today
    return max([info.published_on, *(a.adjusted_on for a in adjustments)])


def _tidy(table: Table) -> None:
    """Grid widths (LibreOffice/WPS read the grid, not cell widths), compact lines, centred short columns."""
    table.autofit = False
    for column, width in zip(table.columns, DOCX_WIDTHS_MM, strict=True):
        column.width = Mm(width)
    for number, row in enumerate(table.rows):
        for index, cell in enumerate(row.cells):
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.line_spacing = Pt(TABLE_LINE_PT)
                if number == 0 or index in CENTRED_COLUMNS:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _xlsx_rows(info: DirectoryInfo) -> Iterator[list[Cell]]:
    for item in info.items:
        flags = item.procedures
        yield [
            str(item.seq),
            item.name,
            item.subject,
            item.undertaker,
            item.basis,
            _yes(flags.public_participation),
            _yes(flags.expert_review),
            _yes(flags.risk_assessment),
            _yes(flags.legality_review),
            _yes(flags.collective_decision),
            _yes(flags.hearing),
            item.planned_on,  # a real Excel date (issue 21)
            item.status.value,
        ]


def write_directory_xlsx(
    info: DirectoryInfo,
    path: Path,
    progress: Progress = no_progress,
    is_cancelled: IsCancelled = never_cancelled,
) -> int:
    if path.suffix.lower() != ".xlsx":
        raise UserFacingError("请保存为 .xlsx 文件。")
    title = f"{info.year}年决策事项目录"
    return write_rows(
        path, title, XLSX_HEADERS, _xlsx_rows(info), XLSX_WIDTHS, len(info.items), progress, is_cancelled
    )
