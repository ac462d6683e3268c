"""Synthetic office data at the requested size, written into the real (migrated) tables.

The demo (`seed_demo`) first creates a handful of records through the services, so the shapes are the
services' own; the bulk then goes in with `session.execute(insert(Model), rows)` in chunks, and the
search index is filled through `SqliteNgramIndex.put_many` (the same n-gram path the register uses).
The bulk rows have no audit entries: they stand for years of history, not for changes being made now.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from app.cli.bench.corpus import ABBREVIATIONS, OFFICES, PUBLISHERS, Corpus
from app.cli.bench.requests_data import insert_requests
from app.cli.bench.tasks_data import insert_tasks
from app.models import Attachment
from app.models.decision import DecisionDirectory, DecisionItem
from app.models.document import Document, DocumentFile, IndexCounter, ReviewSheet, TaxonomyTerm
from app.models.posting import Posting, PostingBoard
from app.paths import DataPaths
from app.services.context import AppContext, open_data_folder
from app.services.demo.seed_demo import demo_actor, seed_demo
from app.services.review.content import current_contents
from app.services.review.kinds import HISTORY_MARK
from app.services.search.index import SearchFields, SqliteNgramIndex

CHUNK = 5000
FIRST_YEAR_DOCS = 2017  # ten years of register, as a county bureau keeps
FIRST_YEAR_REQUESTS = 2022
SHEETS_SINCE = 2021  # older documents came in from the paper ledger: 「导入前已审查」
EXPORT_SET_MAX = 1000  # the newest documents each get their own attachment file (the export measurement)
SHARED_FILES = 200  # older documents share a pool of files (keeps the data folder a few hundred MB)
STEPS = "承办人初审、科室负责人审核、保密审查员审查、分管领导审批"

Say = Callable[[str], None]


@dataclass(frozen=True)
class BenchData:
    paths: DataPaths
    documents: int
    requests: int
    busiest_year: int
    export_since: datetime  # the export measurement packs the documents published since then
    seconds: float
    search_index_seconds: float = 0.0  # of `seconds`: cutting the texts into n-grams and indexing them


def _quiet(_message: str) -> None:
    return None


def generate(
    root: Path, documents: int, requests: int, say: Say = _quiet, seed: int = 12, export_file_kb: int = 0
) -> BenchData:
    """`export_file_kb`: the export set's own files all of this size (0: the usual log-normal sizes)."""
    started = time.perf_counter()
    paths = DataPaths(root)
    ctx = open_data_folder(paths)
    try:
        seed_demo(ctx)  # services first: office, boards, accounts and one record of each kind
        actor = demo_actor(ctx)
        corpus = Corpus(seed)
        say("示例数据已通过服务写入")
        export_since, indexing = _documents(
            ctx, corpus, documents, actor.account_id, say, export_file_kb * 1024
        )
        busiest = insert_requests(ctx, corpus, requests, FIRST_YEAR_REQUESTS, say)
        insert_tasks(ctx, max(documents // 10, 1000), say)  # the task list at size (issue 24)
        _postings_and_decisions(ctx, corpus, max(documents // 50, 20))
        ctx.requests.reflow_after_calendar_change(actor)  # the cached answer deadlines, as the app keeps them
        with ctx.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
    finally:
        ctx.close()
    seconds = time.perf_counter() - started
    return BenchData(paths, documents, requests, busiest, export_since, seconds, indexing)


def _topics(ctx: AppContext) -> tuple[list[str], list[str]]:
    with ctx.sessions() as session:
        terms = list(session.scalars(select(TaxonomyTerm)))
    names = {term.id: term.name for term in terms}
    topics = [f"{names[t.parent_id]}\\{t.name}" for t in terms if t.kind == "主题" and t.parent_id]
    genres = [t.name for t in terms if t.kind == "体裁"]
    return topics, genres


def _write_file(ctx: AppContext, data: bytes) -> tuple[str, int]:
    sha = hashlib.sha256(data).hexdigest()
    target = ctx.attachments.path_of(sha)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return sha, len(data)


def _pdf_like(corpus: Corpus, index: int, size: int = 0) -> bytes:
    """Incompressible bytes of a log-normal size (median 120 KB), like the PDFs and .docx offices attach."""
    drawn = min(3_000_000, int(120_000 * 2.718 ** corpus.rng.gauss(0.0, 0.8)))  # drawn anyway: same data
    size = size or drawn
    return b"%PDF-1.7\n%bench " + str(index).encode() + b"\n" + os.urandom(size)


def _attachment_rows(ctx: AppContext, corpus: Corpus, count: int, start: int, size: int = 0) -> list[int]:
    rows = []
    for index in range(count):
        sha, written = _write_file(ctx, _pdf_like(corpus, start + index, size))
        rows.append(
            {
                "sha256": sha,
                "original_name": f"附件{start + index}.pdf",
                "size": written,
                "media_type": "application/pdf",
            }
        )
    with ctx.sessions.begin() as session:
        first = int(session.scalar(select(Attachment.id).order_by(Attachment.id.desc()).limit(1)) or 0)
        session.execute(insert(Attachment), rows)
    return list(range(first + 1, first + 1 + count))


def _documents(
    ctx: AppContext, corpus: Corpus, total: int, account: int | None, say: Say, own_size: int = 0
) -> tuple[datetime, float]:
    """The documents, their files, sheets and search rows; (export_since, seconds spent indexing)."""
    rng, today = corpus.rng, ctx.clock.today()
    office = ctx.settings.office()
    org = office.org_code if office else "BENCH"
    topics, genres = _topics(ctx)
    years = list(range(FIRST_YEAR_DOCS, today.year + 1))
    weights = [1.0 + 0.08 * i for i in range(len(years))]  # a little more every year
    per_year = Counter(rng.choices(years, weights, k=total))
    shared = _attachment_rows(ctx, corpus, min(SHARED_FILES, max(total // 10, 1)), 0)
    own_count = min(EXPORT_SET_MAX, max(total // 10, 1))
    own = _attachment_rows(ctx, corpus, own_count, len(shared), own_size)
    index = SqliteNgramIndex()
    with ctx.sessions() as session:
        next_id = int(session.scalar(select(Document.id).order_by(Document.id.desc()).limit(1)) or 0) + 1
    made, sheet_seq, indexing = 0, Counter[int](), 0.0
    plan: list[tuple[int, int, date]] = []  # (year, seq, 成文日期), oldest first like a real register
    for year in years:
        days = (today - date(year, 1, 1)).days if year == today.year else 364
        dates = sorted(date(year, 1, 1) + timedelta(days=rng.randint(0, days)) for _ in range(per_year[year]))
        plan += [(year, seq, day) for seq, day in enumerate(dates)]
    export_since = datetime.combine(today, datetime.min.time())
    for start in range(0, len(plan), CHUNK):
        docs: list[dict[str, Any]] = []
        files: list[dict[str, Any]] = []
        sheets: list[dict[str, Any]] = []
        search: list[tuple[int, SearchFields]] = []
        for year, seq, written in plan[start : start + CHUNK]:
            doc_id = next_id + made
            roll = rng.random()
            disclosure = "主动公开" if roll < 0.85 else "依申请公开" if roll < 0.97 else "不予公开"
            number = f"{rng.choice(ABBREVIATIONS)}〔{year}〕{seq + 1}号" if rng.random() < 0.7 else ""
            title = corpus.title(year)
            publisher = rng.choice(PUBLISHERS)
            index_no = f"{org}/{year}-{seq + 101:05d}"
            published = None
            fresh = (today - written).days < 25
            if disclosure == "主动公开" and not (fresh and rng.random() < 0.3):
                published = datetime.combine(
                    written + timedelta(days=rng.randint(1, 12)), datetime.min.time()
                )
                published = min(published, datetime.combine(today, datetime.min.time()))
            stamp = datetime.combine(written, datetime.min.time()) + timedelta(hours=9)
            docs.append(
                {
                    "id": doc_id,
                    "index_no": index_no,
                    "doc_number": number,
                    "title": title,
                    "publisher": publisher,
                    "written_on": written,
                    "published_at": published,
                    "disclosure": disclosure,
                    "withhold_reason": "" if disclosure == "主动公开" else "属于内部事务信息",
                    "withhold_basis": "" if disclosure == "主动公开" else "第十六条第一款",
                    "topic": rng.choice(topics),
                    "genre": rng.choice(genres),
                    "normative": rng.random() < 0.08,
                    "validity": "有效" if rng.random() < 0.9 else "废止",
                    "channels": "政府网站、公开栏",
                    "next_review_on": None
                    if disclosure == "主动公开"
                    else today + timedelta(rng.randint(3, 365)),
                    "history_note": f"{HISTORY_MARK}：导入自「历史台账.xlsx」" if year < SHEETS_SINCE else "",
                    "created_by": account,
                    "created_at": stamp,
                    "updated_at": published or stamp,
                }
            )
            body = ""
            if rng.random() < 0.8:
                body = corpus.body()
                newest = len(plan) - (start + len(docs)) < own_count
                attachment = own[len(plan) - start - len(docs)] if newest else rng.choice(shared)
                if newest:
                    export_since = min(export_since, published or stamp)
                files.append(
                    {"document_id": doc_id, "attachment_id": attachment, "text": body, "sort_order": 0}
                )
            if published is not None and year >= SHEETS_SINCE:
                sheet_seq[year] += 1
                sheets.append(
                    {
                        "number": f"保审〔{year}〕{sheet_seq[year] + 1000}号",
                        "item_kind": "document",
                        "item_id": doc_id,
                        "item_title": title[:500],
                        "doc_number": number,
                        "unit": rng.choice(OFFICES),
                        "disclosure": disclosure,
                        "channels": "政府网站、公开栏",
                        "planned_on": published.date(),
                        "filled_on": written,
                        "checks_json": "{}",
                        "steps": STEPS,
                        "status": "已通过",
                        "conclusion": "同意公开",
                        "approved_at": published - timedelta(hours=20),
                        "created_by": account,
                        "created_at": stamp,
                        "updated_at": published - timedelta(hours=20),
                    }
                )
            search.append((doc_id, SearchFields(title, f"{number} {index_no} {publisher}", body)))
            made += 1
        with ctx.sessions.begin() as session:
            session.execute(insert(Document), docs)
            if files:
                session.execute(insert(DocumentFile), files)
            if sheets:
                session.execute(insert(ReviewSheet), sheets)
            _bind_reviews(session, [row["id"] for row in docs])
            indexing -= time.perf_counter()
            index.put_many(session, search)
            indexing += time.perf_counter()
        say(f"公文 {made}/{total}")
    with ctx.sessions.begin() as session:
        for year in years:  # the counters move past the bulk numbers, as if the service had issued them
            session.execute(
                insert(IndexCounter).prefix_with("OR REPLACE"),
                {"scope": f"{org}/{year}", "last_seq": per_year[year] + 101},
            )
    return export_since, indexing


def _bind_reviews(session: Session, ids: list[int]) -> None:
    """Sheets and history rows record the content they cleared, as the services write them (issue 19)."""
    contents = current_contents(session, "document", ids)
    values = [{"id": item_id, "f": c.fingerprint, "j": c.canonical} for item_id, c in contents.items()]
    session.execute(
        text(
            "UPDATE review_sheets SET content_fingerprint = :f, content_json = :j "
            "WHERE item_kind = 'document' AND item_id = :id"
        ),
        values,
    )
    session.execute(
        text(
            "UPDATE documents SET history_fingerprint = :f, history_content = :j "
            "WHERE id = :id AND history_note != ''"
        ),
        values,
    )


def _postings_and_decisions(ctx: AppContext, corpus: Corpus, count: int) -> None:
    rng, today = corpus.rng, ctx.clock.today()
    with ctx.sessions() as session:
        template = session.scalars(select(Posting).order_by(Posting.id)).first()
        boards = [int(row) for row in session.scalars(select(PostingBoard.board_id).distinct())]
    body = template.body if template else "公示内容。"
    rows = []
    for number in range(count):
        start = today - timedelta(days=rng.randint(0, 365 * 5))
        end = start + timedelta(days=6)
        done = end < today
        rows.append(
            {
                "title": corpus.title(start.year)[:200],
                "body": body,
                "source_kind": "free",
                "unit": rng.choice(PUBLISHERS),
                "signed_on": start,
                "phone": "021-59750000",
                "paper": "A4",
                "period_preset": "7日",
                "period_start": start,
                "period_end": end,
                "responsible": "王敏",
                "status": "已撤除存档" if done else "张贴中",
                "posted_at": datetime.combine(start, datetime.min.time()) + timedelta(hours=9),
                "clearance": f"保密审查单 保审〔{start.year}〕{number + 5000}号",
                "removed_on": end + timedelta(days=1) if done else None,
                "created_at": datetime.combine(start, datetime.min.time()),
                "updated_at": datetime.combine(
                    end + timedelta(days=1) if done else start, datetime.min.time()
                ),
            }
        )
    with ctx.sessions.begin() as session:
        first = int(session.scalar(select(Posting.id).order_by(Posting.id.desc()).limit(1)) or 0) + 1
        session.execute(insert(Posting), rows)
        links = [{"posting_id": first + i, "board_id": rng.choice(boards or [1])} for i in range(count)]
        session.execute(insert(PostingBoard), links)
        existing = set(session.scalars(select(DecisionDirectory.year)))
        for year in range(FIRST_YEAR_DOCS, today.year):
            if year in existing:
                continue
            directory = session.execute(
                insert(DecisionDirectory).returning(DecisionDirectory.id),
                {
                    "year": year,
                    "status": "已公布",
                    "published_on": date(year, 3, 20),
                    "doc_number": f"赵府办〔{year}〕27号",
                    "created_at": datetime(year, 3, 1),
                    "updated_at": datetime(year, 3, 20),
                },
            ).scalar_one()
            session.execute(
                insert(DecisionItem),
                [
                    {
                        "directory_id": directory,
                        "seq": seq,
                        "name": corpus.title(year)[:200],
                        "subject": "赵巷镇人民政府",
                        "undertaker": rng.choice(OFFICES),
                        "planned_on": date(year, 12, 31),
                        "created_at": datetime(year, 3, 1),
                        "updated_at": datetime(year, 3, 20),
                    }
                    for seq in range(1, rng.randint(4, 12))
                ],
            )
