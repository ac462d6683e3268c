"""张贴登记簿: what went up on one 公开栏 in a period, as .docx (official layout) and .xlsx."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select

from app.errors import UserFacingError
from app.models import BoardLocation
from app.models.posting import Posting, PostingBoard, PostingPhoto
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.common import IsCancelled, Progress, SessionFactory, clock_for, never_cancelled, no_progress
from app.services.formats.chinese import cn_date
from app.services.formats.official_docx import OfficialDocument
from app.services.formats.xlsx import Cell, write_rows
from app.services.permissions import Actor, Perm, require
from app.services.postings.types import effective_status

HEADERS = ("序号", "标题", "公示期", "张贴时间", "撤除日期", "责任人", "状态", "照片")
XLSX_WIDTHS = (6, 48, 24, 18, 12, 10, 12, 14)
POSTED_COLUMN, REMOVED_COLUMN = HEADERS.index("张贴时间"), HEADERS.index("撤除日期")
DOCX_WIDTHS_MM = (10.0, 50.0, 30.0, 18.0, 18.0, 12.0, 18.0)
MAX_SPAN_DAYS = 3660


def _check(start: date, end: date) -> None:
    if end < start:
        raise UserFacingError("登记簿的结束日期早于开始日期，请调整后再导出。")
    if (end - start).days > MAX_SPAN_DAYS:
        raise UserFacingError("登记簿的期间不超过十年，请缩短期间。")


def register_rows(
    sessions: SessionFactory, board: str, start: date, end: date, today: date
) -> list[list[str]]:
    """Postings on `board` whose 公示期 overlaps start…end, oldest first."""
    _check(start, end)
    with sessions() as session:
        board_id = session.scalar(select(BoardLocation.id).where(BoardLocation.name == board))
        if board_id is None:
            raise UserFacingError(f"公开栏「{board}」不在本单位的公开栏名单中。")
        query = (
            select(Posting)
            .join(PostingBoard, PostingBoard.posting_id == Posting.id)
            .where(
                PostingBoard.board_id == board_id, Posting.period_start <= end, Posting.period_end >= start
            )
            .order_by(Posting.period_start, Posting.id)
        )
        rows: list[list[str]] = []
        for number, row in enumerate(session.scalars(query), start=1):
            photos = dict(
                session.execute(
                    select(PostingPhoto.stage, func.count(PostingPhoto.id))
                    .where(PostingPhoto.posting_id == row.id)
                    .group_by(PostingPhoto.stage)
                ).all()
            )
            photo_text = f"张贴{photos.get('张贴', 0)}张、撤除{photos.get('撤除', 0)}张"
            status = effective_status(row.status, row.period_end, today).value
            if row.early_removal_reason:
                status += f"（提前撤除：{row.early_removal_reason}）"
            rows.append(
                [
                    str(number),
                    row.title,
                    f"{row.period_start}至{row.period_end}",
                    row.posted_at.strftime("%Y-%m-%d %H:%M") if row.posted_at else "",
                    str(row.removed_on or ""),
                    row.responsible,
                    status,
                    photo_text,
                ]
            )
        return rows


def export_docx(
    sessions: SessionFactory, actor: Actor, board: str, start: date, end: date, path: Path, unit: str = ""
) -> Path:
    require(actor, Perm.REGISTER)
    rows = register_rows(sessions, board, start, end, clock_for(sessions).today())
    document = OfficialDocument()
    document.title(f"{board}张贴登记簿")
    document.body(f"登记期间：{cn_date(start)}至{cn_date(end)}，共{len(rows)}件。")
    shown = [[*row[:6], row[6] + "；" + row[7]] for row in rows]
    document.table([*HEADERS[:6], "状态和照片"], shown, list(DOCX_WIDTHS_MM))
    if unit:
        document.signature(unit, clock_for(sessions).today())
    document.save(path)
    _note(sessions, actor, board, path, len(rows))
    return path


def export_xlsx(
    sessions: SessionFactory,
    actor: Actor,
    board: str,
    start: date,
    end: date,
    path: Path,
    progress: Progress = no_progress,
    is_cancelled: IsCancelled = never_cancelled,
) -> int:
    require(actor, Perm.REGISTER)
    rows = register_rows(sessions, board, start, end, clock_for(sessions).today())
    dated = [_with_dates(row) for row in rows]
    written = write_rows(
        path, f"{board}张贴登记簿", HEADERS, dated, XLSX_WIDTHS, len(rows), progress, is_cancelled
    )
    _note(sessions, actor, board, path, written)
    return written


def _with_dates(row: list[str]) -> list[Cell]:
    """张贴时间 and 撤除日期 as real Excel dates (issue 21); the docx keeps the text."""
    cells: list[Cell] = list(row)
    posted, removed = row[POSTED_COLUMN], row[REMOVED_COLUMN]
    cells[POSTED_COLUMN] = datetime.fromisoformat(posted) if posted else None
    cells[REMOVED_COLUMN] = date.fromisoformat(removed) if removed else None
    return cells


def _note(sessions: SessionFactory, actor: Actor, board: str, path: Path, count: int) -> None:
    with sessions.begin() as session:
        audit.record(session, actor, Action.EXPORT, "张贴登记簿", board, file=path.name, count=count)
