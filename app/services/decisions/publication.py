"""Publishing a year's 决策事项目录: through the 保密审查 gate, or registering one published on paper before.

The functions work inside the caller's transaction; DecisionService checks the permission first.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.decision import DecisionDirectory, DecisionItem
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.common import session_clock
from app.services.decisions import adjust
from app.services.decisions.gate import DIRECTORY_KIND, publish_time, require_publication_review
from app.services.decisions.types import DirectoryStatus
from app.services.permissions import Actor

DIRECTORY_ENTITY = "决策目录"
MAX_DOC_NUMBER = 60


def clean_doc_number(year: int, published_on: date, doc_number: str) -> str:
    doc_number = doc_number.strip()
    if len(doc_number) > MAX_DOC_NUMBER:
        raise UserFacingError(f"公布文号不超过 {MAX_DOC_NUMBER} 个字。")
    if published_on.year not in (year - 1, year):
        raise UserFacingError(f"{year}年目录的公布日期应在 {year - 1}年或{year}年内，请检查公布日期。")
    return doc_number


def publish(
    session: Session, actor: Actor, year: int, published_on: date, doc_number: str, now: datetime | None
) -> DecisionDirectory:
    directory = draft_directory(session, year, "公布")
    count = session.scalar(
        select(func.count()).select_from(DecisionItem).where(DecisionItem.directory_id == directory.id)
    )
    if not count:
        raise UserFacingError(f"{year}年目录还没有事项，请先添加决策事项再公布。")
    require_publication_review(
        session, DIRECTORY_KIND, directory.id, publish_time(published_on, now or session_clock(session).now())
    )
    _mark_published(session, actor, directory, published_on, doc_number, Action.STATUS)
    return directory


def _mark_published(
    session: Session,
    actor: Actor,
    directory: DecisionDirectory,
    published_on: date,
    doc_number: str,
    action: str,
    **details: str,
) -> None:
    directory.status, directory.published_on = DirectoryStatus.PUBLISHED.value, published_on
    directory.doc_number = doc_number
    audit.record(
        session,
        actor,
        action,
        DIRECTORY_ENTITY,
        directory.id,
        {"状态": (DirectoryStatus.DRAFT.value, DirectoryStatus.PUBLISHED.value)},
        年度=directory.year,
        公布日期=published_on.isoformat(),
        文号=doc_number,
        **details,
    )


def clean_past_publication(
    year: int, published_on: date, doc_number: str, note: str, today: date
) -> tuple[str, str]:
    doc_number, note = doc_number.strip(), " ".join(note.split())
    if not doc_number or not note:
        raise UserFacingError("登记以往公布的目录，请填写公布文号，并说明纸质保密审查单的存放位置。")
    if published_on >= today or published_on.year not in (year - 1, year):
        raise UserFacingError(f"以往公布的日期应早于今天，并在 {year - 1}年或{year}年内。")
    if len(doc_number) > MAX_DOC_NUMBER or len(note) > MAX_DOC_NUMBER * 5:
        raise UserFacingError("公布文号或说明太长，请精简后再保存。")
    return doc_number, note


def register_past(
    session: Session, actor: Actor, year: int, published_on: date, doc_number: str, note: str
) -> DecisionDirectory:
    directory = draft_directory(session, year, "公布")
    _mark_published(
        session, actor, directory, published_on, doc_number, Action.IMPORT, 说明=f"导入前已公布：{note}"
    )
    return directory


def draft_directory(session: Session, year: int, doing: str) -> DecisionDirectory:
    row = adjust.directory_of(session, year)
    if row.status != DirectoryStatus.DRAFT:
        if doing == "增补":
            raise UserFacingError(f"{year}年目录已公布，新增事项请使用「增补」，并填写增补日期和理由。")
        raise UserFacingError(f"{year}年目录已于 {row.published_on} 公布，无需重复公布。")
    return row
