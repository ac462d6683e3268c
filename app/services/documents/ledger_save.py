"""Saving an imported 公文登记台账 in bulk (issue 24): each row's columns built straight from the checked
input (no ORM objects, whose attribute bookkeeping cost more than the INSERT), then per 1,000 rows one
executemany INSERT, one SELECT of the new ids and one executemany of search rows — a 10,000-row import
is a fixed handful of statements, not one or more per row."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Table, insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from app.errors import UserFacingError
from app.models import OfficeProfile
from app.models.document import Document
from app.services.documents.rules import (
    PERIODIC_REVIEW_MONTHS,
    PROACTIVE,
    DocumentInput,
    add_months,
    index_scope,
    render_index,
)
from app.services.documents.service import issue_index_no
from app.services.permissions import Actor
from app.services.review.content import document_content, fingerprint_of
from app.services.review.kinds import HISTORY_MARK
from app.services.search.index import SearchFields
from app.services.settings import registry

LOOKUP_CHUNK = 500  # values per IN (…): well under SQLite's variable limit
# Left to the database as for a registered document: the id and the version counter.
_DATABASE_FILLS = ("id", "version")


@dataclass(frozen=True)
class LedgerRow:
    number: int
    value: DocumentInput
    index_no: str
    published_on: date | None


@dataclass(frozen=True)
class SavedRows:
    ids: list[int]
    history: int  # imported as 「历史公开（线下审查）」
    waiting: int  # a 公开日期 not taken: the importer may not back-date


def existing_index_numbers(session: Session, wanted: Sequence[str]) -> set[str]:
    """Which of these 索引号 the register already has, in a few set-based reads."""
    numbers = sorted({number for number in wanted if number})
    found: set[str] = set()
    for start in range(0, len(numbers), LOOKUP_CHUNK):
        chunk = numbers[start : start + LOOKUP_CHUNK]
        found.update(session.scalars(select(Document.index_no).where(Document.index_no.in_(chunk))))
    return found


def reserve_index_numbers(
    session: Session, wanted: Counter[int], taken: set[str]
) -> dict[int, Iterator[str]]:
    """索引号 for an import, a block per year: the counter moves once by the count (never reused, as
    `issue_index_no`); numbers already used or written in the sheet are skipped and replaced one by one."""
    office = session.get(OfficeProfile, 1)
    if office is None or not office.org_code:
        return {
            year: iter([issue_index_no(session, year) for _ in range(count)])
            for year, count in wanted.items()
        }
    template = registry.INDEX_TEMPLATE.read(session)
    numbers: dict[int, Iterator[str]] = {}
    for year, count in wanted.items():
        last = session.execute(
            text(
                "INSERT INTO index_counters(scope, last_seq) VALUES (:scope, :n) ON CONFLICT(scope) "
                "DO UPDATE SET last_seq = index_counters.last_seq + :n RETURNING last_seq"
            ),
            {"scope": index_scope(office.org_code, year), "n": count},
        ).scalar_one()
        block = [
            render_index(template, office.org_code, year, seq) for seq in range(last - count + 1, last + 1)
        ]
        used = taken | existing_index_numbers(session, block)
        free = [number for number in block if number not in used]
        while len(free) < count:
            number = issue_index_no(session, year)
            if number not in taken:
                free.append(number)
        numbers[year] = iter(free)
    return numbers


def input_columns(value: DocumentInput) -> dict[str, object]:
    """The columns `rows.apply_values` sets from an input (a test holds the two together)."""
    return {
        "doc_number": value.doc_number, "title": value.title, "publisher": value.publisher,
        "issuer": value.issuer, "addressee": value.addressee,
        "written_on": value.written_on, "changed_on": value.changed_on, "disclosure": value.disclosure,
        "withhold_reason": value.withhold_reason, "withhold_basis": value.withhold_basis,
        "topic": value.topic, "genre": value.genre, "normative": value.normative,
        "validity": value.validity, "validity_date": value.validity_date,
        "channels": "、".join(value.channels),
        "interprets_id": value.interprets_id, "publish_limit_days": value.publish_limit_days,
    }  # fmt: skip


def _defaults() -> dict[str, object]:
    """Every column the import writes, with its Python-side default (None where it has none)."""
    values: dict[str, object] = {}
    for column in Document.__table__.columns:
        if column.key in _DATABASE_FILLS:
            continue
        default = column.default
        values[column.key] = default.arg if isinstance(default, ScalarElementColumnDefault) else None
    return values


def build_rows(
    rows: Sequence[LedgerRow], actor: Actor, file: str, now: datetime, back_dating: bool,
    numbers: dict[int, Iterator[str]],
) -> tuple[list[dict[str, object]], int, int]:  # fmt: skip
    """Each row's column values, as `DocumentService.apply_input` would set them on a new `Document`;
    stamped with the one clock, as a flush stamps a registered one. Returns (rows, history, waiting)."""
    today = now.date()
    # 依申请/不予公开 are reviewed each year (条例第十八条), as `apply_input` sets it
    review_on = add_months(today, PERIODIC_REVIEW_MONTHS)
    base = _defaults() | {"created_by": actor.account_id, "created_at": now, "updated_at": now}
    out: list[dict[str, object]] = []
    history = waiting = 0
    for item in rows:
        value = item.value
        row = base | input_columns(value)
        row["index_no"] = item.index_no or next(numbers[(value.written_on or today).year])
        row["history_note"] = ""
        if value.disclosure != PROACTIVE:
            row["next_review_on"] = review_on
        if item.published_on is not None and back_dating:
            history += 1
            row["published_at"] = datetime.combine(item.published_on, datetime.min.time())
            row["history_note"] = (
                f"{HISTORY_MARK}：{today} 由{actor.display_name}导入自「{file}」第{item.number}行"
            )[:300]
            canonical = document_content(
                value.title, value.doc_number, value.publisher, value.disclosure, (), value.issuer
            ).canonical
            row["history_fingerprint"] = fingerprint_of(canonical)  # the canonical JSON built once
            row["history_content"] = canonical
        elif item.published_on is not None:
            waiting += 1
        out.append(row)
    return out, history, waiting


def insert_documents(session: Session, rows: Sequence[dict[str, object]]) -> list[int]:
    """The new ids in the order of `rows` (a chunk, ≤ 1,000 rows): one executemany INSERT, then the ids
    read back by 索引号 (unique) in one SELECT — on PostgreSQL 3× faster than a multi-row INSERT …
    RETURNING, on SQLite about as fast. A 索引号 taken since the preview (another clerk's import) refuses
    the whole import."""
    if not rows:
        return []
    table = Document.__table__
    assert isinstance(table, Table)
    try:
        session.execute(insert(table), rows)
    except IntegrityError:
        raise UserFacingError(
            "保存时发现台账中有索引号已被另一件公文使用（可能刚在别处登记或导入），整份台账都没有导入。"
            "请重新选择这个文件导入，程序会重新检查并列出这一行。"
        ) from None
    # One IN (…) for a chunk: the counter's INSERT … RETURNING already needs SQLite ≥ 3.35, which takes
    # 32,766 variables a statement
    numbers = [str(row["index_no"]) for row in rows]
    query = select(table.c.index_no, table.c.id).where(table.c.index_no.in_(numbers))
    ids = {number: row_id for number, row_id in session.execute(query)}
    return [ids[number] for number in numbers]


def search_items(rows: Sequence[dict[str, object]], ids: Sequence[int]) -> list[tuple[int, SearchFields]]:
    """What `service.search_fields` gives for a new row (no attachment text yet)."""
    items: list[tuple[int, SearchFields]] = []
    for row_id, row in zip(ids, rows, strict=True):
        meta = f"{row['doc_number']} {row['index_no']} {row['publisher']}"
        items.append((row_id, SearchFields(str(row["title"]), meta, "")))
    return items
