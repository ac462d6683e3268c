"""Helpers for the 依申请公开 tests: a registration with sensible defaults and reading letters back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

from docx import Document

from app.services.context import AppContext
from app.services.permissions import Actor, Role
from app.services.requests.types import LetterView, Registration

LEADER = Actor(None, "zhangzz", "张镇长", frozenset({Role.LEADER}))
VALID_ID = "11010519491231002X"  # GB 11643 example with a correct check digit

BASE = Registration(
    applicant_type="自然人",
    name="王小明",
    id_type="居民身份证",
    id_number=VALID_ID,
    contact="13812345678",
    description="2024年本镇农村危房改造补助资金发放名单",
    form_requested="纸质，邮寄",
    channel="当面",
    arrived_at=datetime(2024, 9, 27, 10, 0),
)


def registration(received: date | None = None, **changes: object) -> Registration:
    """A 当面 registration arriving on `received` (10:00), with field overrides."""
    reg = BASE
    if received is not None:
        reg = replace(reg, arrived_at=datetime.combine(received, time(10, 0)))
    return replace(reg, **changes)  # type: ignore[arg-type]


def letter_text(ctx: AppContext, letter: LetterView) -> str:
    """All paragraph and table text of an issued letter, read back with python-docx."""
    path: Path = ctx.requests.letters.file_path(letter)
    document = Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("|".join(cell.text for cell in row.cells))
    return "\n".join(lines)
