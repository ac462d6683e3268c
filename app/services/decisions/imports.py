"""`import decisions`: the directory .xlsx columns (as the export writes them) into 编制中 directories.

Parse and check every row first (preview), then save the valid rows in ONE transaction; rejected rows are
listed with their Excel row numbers. A published directory changes only through 增补 with a reason, so its
rows are refused here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.decision import PROCEDURE_LABELS, DecisionDirectory, DecisionItem
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.common import (
    IsCancelled,
    Progress,
    SessionFactory,
    check_cancel,
    never_cancelled,
    no_progress,
)
from app.services.decisions import adjust
from app.services.decisions.types import (
    DirectoryStatus,
    ItemDraft,
    ItemStatus,
    Procedures,
    check_year,
    clean_draft,
    draft_fields,
)
from app.services.formats.chinese import DateError, parse_date
from app.services.formats.xlsx import ImportReport, RejectedRow, SheetRow, read_sheet
from app.services.permissions import Actor, Perm, require

YEAR_HEADER = "年度"  # optional: without it the year comes from the sheet title 「2025年决策事项目录」
REQUIRED = ("决策事项名称", "决策主体", "承办单位", "计划完成时间")
YES, NO = ("是", "√", "✓", "Y", "y", "yes"), ("否", "", "×", "N", "n", "no")
YEAR_TEXT = re.compile(r"(20\d{2})\s*年")
DIRECTORY_ENTITY = "决策目录"
PROGRESS_EVERY = 50


@dataclass(frozen=True)
class ImportedItem:
    number: int  # Excel row
    year: int
    draft: ItemDraft


@dataclass
class DecisionImportPreview:
    rows: list[ImportedItem] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)

    def summary(self) -> str:
        return f"可以导入 {len(self.rows)} 项，{len(self.rejected)} 行有问题将跳过。"


def _flag(text: str, label: str) -> bool:
    if text in YES:
        return True
    if text in NO:
        return False
    raise UserFacingError(f"「{label}」应填「是」或「否」，表中是「{text}」")


def _date(text: str) -> date:
    try:
        return parse_date(text)
    except DateError:  # the directory's own example: a 计划完成时间 is usually a year's end
        raise UserFacingError(f"计划完成时间「{text[:20]}」不是有效日期，请写成 2025-12-31") from None


def _sheet_year(title: str, path: Path) -> int | None:
    """「2025年决策事项目录」 as the sheet's or the file's name."""
    match = YEAR_TEXT.search(title) or YEAR_TEXT.search(path.stem)
    return int(match.group(1)) if match else None


def parse_row(row: SheetRow, default_year: int | None) -> ImportedItem:
    values = row.values
    if values.get("状态", "") == ItemStatus.WITHDRAWN.value:
        raise UserFacingError("这一项已撤销，不再导入")
    year_text = values.get(YEAR_HEADER, "")
    if year_text:
        if not year_text.isdigit():
            raise UserFacingError(f"年度「{year_text[:10]}」应是四位数字，如 2025")
        year = check_year(int(year_text))
    elif default_year is None:
        raise UserFacingError("看不出是哪一年的目录：请加「年度」列，或把工作表命名为「2025年决策事项目录」")
    else:
        year = default_year
    defaults = Procedures()
    flags = {
        key: _flag(values[label], label) if label in values else getattr(defaults, key)
        for key, label in PROCEDURE_LABELS.items()
    }
    draft = ItemDraft(
        values.get("决策事项名称", ""),
        values.get("决策主体", ""),
        values.get("承办单位", ""),
        values.get("法律政策依据", ""),
        Procedures(**flags),
        _date(values.get("计划完成时间", "")),
    )
    return ImportedItem(row.number, year, clean_draft(draft, year))


class DecisionImporter:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    def preview(self, path: Path) -> DecisionImportPreview:
        """Every row checked; nothing saved."""
        from app.services.decisions.export import XLSX_HEADERS  # python-docx: loaded only when needed

        sheet = read_sheet(path, (*XLSX_HEADERS, YEAR_HEADER), REQUIRED)
        sheet_rows, default_year = sheet.rows, _sheet_year(sheet.title, path)
        result = DecisionImportPreview()
        with self._sessions() as session:
            directories = {row.year: row for row in session.scalars(select(DecisionDirectory))}
            existing = {
                (year, name)
                for year, name in session.execute(
                    select(DecisionDirectory.year, DecisionItem.name).join(
                        DecisionItem, DecisionItem.directory_id == DecisionDirectory.id
                    )
                )
            }
        for sheet_row in sheet_rows:
            try:
                item = parse_row(sheet_row, default_year)
            except UserFacingError as error:
                result.rejected.append(RejectedRow(sheet_row.number, error.message.rstrip("。") + "。"))
                continue
            directory = directories.get(item.year)
            if directory is not None and directory.status != DirectoryStatus.DRAFT:
                reason = f"{item.year}年目录已公布，新增事项请在「决策事项目录」中使用「增补」并填写理由。"
            elif (item.year, item.draft.name) in existing:
                reason = f"{item.year}年目录中已有「{item.draft.name}」，不重复导入。"
            else:
                existing.add((item.year, item.draft.name))
                result.rows.append(item)
                continue
            result.rejected.append(RejectedRow(sheet_row.number, reason))
        return result

    def import_rows(
        self,
        actor: Actor,
        preview: DecisionImportPreview,
        progress: Progress = no_progress,
        is_cancelled: IsCancelled = never_cancelled,
    ) -> ImportReport:
        """The valid rows in ONE transaction: all are saved, or (on cancel or error) none."""
        require(actor, Perm.REGISTER)
        with self._sessions.begin() as session:
            for index, item in enumerate(preview.rows):
                if index % PROGRESS_EVERY == 0:
                    check_cancel(is_cancelled)
                    progress(index * 100 // max(len(preview.rows), 1), f"已导入 {index} 项")
                directory = self._draft_directory(session, actor, item.year)
                row = adjust.insert_item(session, directory, item.draft)
                audit.record(
                    session,
                    actor,
                    Action.CREATE,
                    adjust.ITEM_ENTITY,
                    row.id,
                    audit.diff({}, draft_fields(item.draft)),
                    来源=f"导入第{item.number}行",
                )
            audit.record(
                session,
                actor,
                Action.IMPORT,
                DIRECTORY_ENTITY,
                "",
                count=len(preview.rows),
                rejected=len(preview.rejected),
            )
        return ImportReport(len(preview.rows), list(preview.rejected))

    def import_file(self, actor: Actor, path: Path) -> ImportReport:
        return self.import_rows(actor, self.preview(path))

    @staticmethod
    def _draft_directory(session: Session, actor: Actor, year: int) -> DecisionDirectory:
        row = session.scalar(select(DecisionDirectory).where(DecisionDirectory.year == year))
        if row is None:
            row = DecisionDirectory(year=year, status=DirectoryStatus.DRAFT.value, doc_number="")
            session.add(row)
            session.flush()
            audit.record(session, actor, Action.CREATE, DIRECTORY_ENTITY, row.id, 年度=year, 来源="导入")
        elif row.status != DirectoryStatus.DRAFT:  # published between preview and import
            raise UserFacingError(f"{year}年目录刚刚已公布，请重新选择文件导入，已公布的事项请使用「增补」。")
        return row
