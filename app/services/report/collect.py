"""What the annual report counts, straight from the registers (RULES §2.2–2.5). Queries only, no writes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from app.models.decision import DecisionDirectory
from app.models.document import Document
from app.models.posting import Posting
from app.models.request import RequestCase, RequestEvent, RequestRemedy
from app.services.report.tables import APPLICANT_TYPES, LEAF_KEYS, R1, R2, R4, Table3, Table4
from app.services.report.timeliness import NONE_COUNTED, Timeliness
from app.services.requests.remedies import RESULTS, STAGES
from app.services.requests.status import data_of
from app.services.requests.types import EventKind

ENDED = ("废止", "失效")  # both end a 行政规范性文件's force; the table has one 「本年废止件数」 column
PROACTIVE = "主动公开"
VOIDED = "已作废"


@dataclass(frozen=True)
class RequestFacts:
    """Counts for the narratives, beyond the tables."""

    answered: int  # closed in the year
    late: int  # closed after the cached answer deadline (the report uses timeliness.late: same cases)
    fee_cases: int
    fees_yuan: int  # 信息处理费 actually paid in the year (国办函〔2020〕109号)
    timeliness: Timeliness = NONE_COUNTED  # 按时办结率 and 平均办理时长, one set of cases (timeliness.py)
    timeliness_text: str = ""  # both figures and their definition, for the report's text


@dataclass(frozen=True)
class PublicationFacts:
    published: int  # 主动公开 items published in the year
    channels: tuple[tuple[str, int], ...]  # 公开方式 → items, most used first
    normative_published: int
    postings: int  # notices put up on 公开栏 in the year
    posting_boards_removed: int  # notices taken down and archived in the year
    directory_published_on: date | None  # 重大行政决策事项目录 of the year


def counted_case() -> ColumnElement[bool]:
    """A voided case (作废, issue 21) was a wrong registration: the report never counts it."""
    return RequestCase.status != VOIDED


def received_day() -> ColumnElement[date]:
    """收到申请之日; an unconfirmed letter counts from its arrival; never after the day it was closed."""
    day = func.coalesce(RequestCase.received_on, func.date(RequestCase.arrived_at))
    return case(
        (and_(RequestCase.closed_on.is_not(None), RequestCase.closed_on < day), RequestCase.closed_on),
        else_=day,
    )


def open_on(day: date) -> ColumnElement[bool]:
    """Received on or before `day` and not closed by the end of it."""
    return and_(received_day() <= day, or_(RequestCase.closed_on.is_(None), RequestCase.closed_on > day))


def table_three(session: Session, year: int) -> tuple[Table3, tuple[str, ...]]:
    """一 received in the year; 二 open on 1 January; 三 closed in the year; 四 still open on 31 December.

    By construction 一 + 二 = 三 + 四 for every column, and 二 equals last year's 四.
    """
    first, last = date(year, 1, 1), date(year, 12, 31)
    table = Table3()
    kind = RequestCase.applicant_type
    counted = {
        R1.key: received_day().between(first, last),
        R2.key: open_on(date(year - 1, 12, 31)),
        R4.key: open_on(last),
    }
    for key, condition in counted.items():
        for applicant_type, count in session.execute(
            select(kind, func.count()).where(condition, counted_case()).group_by(kind)
        ):
            if applicant_type in APPLICANT_TYPES:
                table.add(key, applicant_type, count)
    closed = select(RequestCase.outcome, kind, func.count()).where(
        RequestCase.closed_on.between(first, last), counted_case()
    )
    for outcome, applicant_type, count in session.execute(closed.group_by(RequestCase.outcome, kind)):
        if outcome in LEAF_KEYS and applicant_type in APPLICANT_TYPES:
            table.add(outcome, applicant_type, count)
    bad = select(RequestCase.number).where(
        counted_case(),
        or_(counted[R1.key], counted[R2.key], RequestCase.closed_on.between(first, last)),
        or_(
            kind.not_in(APPLICANT_TYPES),
            and_(RequestCase.closed_on.is_not(None), RequestCase.outcome.not_in(LEAF_KEYS)),
        ),
    )
    return table, tuple(session.scalars(bad.limit(20)))


def table_four(session: Session, year: int) -> Table4:
    """复议/诉讼 filed in the year; 尚未审结 as recorded now (RULES §2.5)."""
    counts = Counter[tuple[str, str]]()
    query = (
        select(RequestRemedy.stage, RequestRemedy.result, func.count())
        .where(RequestRemedy.filed_on.between(date(year, 1, 1), date(year, 12, 31)))
        .group_by(RequestRemedy.stage, RequestRemedy.result)
    )
    for stage, result, count in session.execute(query):
        counts[(stage, result)] += count
    return Table4.from_groups([[counts[(stage, result)] for result in RESULTS] for stage in STAGES])


def normative_documents(session: Session, year: int) -> tuple[int, int, int]:
    """行政规范性文件: 本年制发 (成文日期), 本年废止 (废止/失效 in the year), 现行有效 on 31 December."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    base = and_(Document.normative.is_(True), Document.disclosure == PROACTIVE, Document.voided_at.is_(None))

    def count(*conditions: ColumnElement[bool]) -> int:
        return session.scalar(select(func.count()).select_from(Document).where(base, *conditions)) or 0

    made = count(Document.written_on.between(first, last))
    repealed = count(Document.validity.in_(ENDED), Document.validity_date.between(first, last))
    ended_by_then = and_(
        Document.validity.in_(ENDED),
        or_(Document.validity_date.is_(None), Document.validity_date <= last),
    )
    in_force = count(Document.written_on <= last, ~ended_by_then)
    return made, repealed, in_force


def request_facts(session: Session, year: int) -> RequestFacts:
    first, last = date(year, 1, 1), date(year, 12, 31)
    in_year = and_(RequestCase.closed_on.between(first, last), counted_case())
    answered = session.scalar(select(func.count()).where(in_year)) or 0
    late = session.scalar(
        select(func.count()).where(
            in_year, RequestCase.due_on.is_not(None), RequestCase.closed_on > RequestCase.due_on
        )
    )
    paid = (
        select(RequestEvent.case_id)
        .join(RequestCase, RequestCase.id == RequestEvent.case_id)
        .where(
            RequestEvent.kind == EventKind.FEE_PAID.value,
            RequestEvent.on_date.between(first, last),
            counted_case(),
        )
    )
    paid_ids = set(session.scalars(paid))
    total = 0
    if paid_ids:
        notices = select(RequestEvent).where(
            RequestEvent.kind == EventKind.FEE_NOTICE.value, RequestEvent.case_id.in_(paid_ids)
        )
        for event in session.scalars(notices):
            amount = data_of(event).get("amount", 0)
            total += amount if isinstance(amount, int) else 0
    return RequestFacts(answered, late or 0, len(paid_ids), total)


def publication_facts(session: Session, year: int) -> PublicationFacts:
    start, end = datetime(year, 1, 1), datetime.combine(date(year, 12, 31), time.max)
    published = select(Document.channels, Document.normative).where(
        Document.disclosure == PROACTIVE,
        Document.published_at.between(start, end),
        Document.voided_at.is_(None),  # 作废 (issue 21)
    )
    channels, total, normative = Counter[str](), 0, 0
    for channel_text, is_normative in session.execute(published):
        total += 1
        normative += bool(is_normative)
        channels.update(part for part in channel_text.split("、") if part)
    first, last = date(year, 1, 1), date(year, 12, 31)
    postings = session.scalar(select(func.count()).where(Posting.posted_at.between(start, end))) or 0
    removed = session.scalar(select(func.count()).where(Posting.removed_on.between(first, last))) or 0
    directory = session.scalar(
        select(DecisionDirectory.published_on).where(
            DecisionDirectory.year == year, DecisionDirectory.status == "已公布"
        )
    )
    return PublicationFacts(total, tuple(channels.most_common()), normative, postings, removed, directory)
