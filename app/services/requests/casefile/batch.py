"""A year's 案卷 at once, one PDF per case in a folder, with progress and 取消 (the year-end hand-over)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.errors import UserFacingError
from app.models.request import RequestCase
from app.services.common import (
    IsCancelled,
    Progress,
    SessionFactory,
    check_cancel,
    never_cancelled,
    no_progress,
)
from app.services.permissions import Actor
from app.services.requests.casefile.build import CaseFileBuilder, CaseFileResult
from app.services.requests.types import CaseStatus

UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')  # characters Windows refuses in a file name


@dataclass(frozen=True)
class BatchResult:
    folder: Path
    year: int
    files: tuple[CaseFileResult, ...]

    def summary(self) -> str:
        pages = sum(item.pages for item in self.files)
        return f"已生成 {self.year} 年 {len(self.files)} 件申请的案卷，共 {pages} 页，保存在 {self.folder}"


def file_name(number: str) -> str:
    """「测依申〔2026〕3号」 → 「测依申〔2026〕3号 案卷.pdf」, safe on Windows."""
    return f"{UNSAFE.sub('_', number).strip('_') or '案卷'} 案卷.pdf"


def build_year(
    actor: Actor,
    builder: CaseFileBuilder,
    sessions: SessionFactory,
    year: int,
    folder: Path,
    office: str,
    progress: Progress = no_progress,
    is_cancelled: IsCancelled = never_cancelled,
) -> BatchResult:
    """Every case registered in `year` except voided ones; a cancel keeps the files already written."""
    with sessions() as session:
        cases = session.execute(
            select(RequestCase.id, RequestCase.number)
            .where(RequestCase.year == year, RequestCase.status != CaseStatus.VOIDED.value)
            .order_by(RequestCase.seq, RequestCase.id)
        ).all()
    if not cases:
        raise UserFacingError(f"{year} 年没有登记依申请公开件，没有要生成的案卷。")
    folder.mkdir(parents=True, exist_ok=True)
    done: list[CaseFileResult] = []
    for index, (case_id, number) in enumerate(cases):
        check_cancel(is_cancelled)
        progress(index * 100 // len(cases), f"正在生成案卷 {number}（{index + 1}/{len(cases)}）…")
        done.append(builder.build(actor, case_id, folder / file_name(number), office))
    progress(100, "案卷已生成")
    return BatchResult(folder, year, tuple(done))
