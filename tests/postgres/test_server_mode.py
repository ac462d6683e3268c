"""Server mode on PostgreSQL: 8 parallel clients, search parity with SQLite, tampering, shared attachments."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from app.paths import DataPaths
from app.services.context import AppContext, open_data_folder
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor
from app.services.storage.integrity import run_check
from tests.conftest import TEST_OFFICE
from tests.services.request_support import registration

pytestmark = pytest.mark.postgres

CLIENTS = 8
PER_CLIENT = 6


@pytest.fixture
def clients(
    ctx: AppContext, pg_url: str, shared_attachments: Path, tmp_path: Path
) -> Iterator[list[AppContext]]:
    """Eight more PCs: each its own data folder and engine, one server database, one shared folder."""
    opened = [
        open_data_folder(
            DataPaths(tmp_path / f"电脑{n}"), db_url=pg_url, attachments_dir=str(shared_attachments)
        )
        for n in range(CLIENTS)
    ]
    yield opened
    for context in opened:
        context.close()


def _in_parallel(jobs: list[Callable[[], None]]) -> None:
    errors: list[BaseException] = []
    start = threading.Barrier(len(jobs))

    def run(job: Callable[[], None]) -> None:
        try:
            start.wait()
            job()
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


def test_eight_clients_get_unique_gap_free_numbers(
    ctx: AppContext, admin: Actor, clients: list[AppContext]
) -> None:
    ctx.settings.save_office(admin, TEST_OFFICE)
    index_numbers: list[str] = []
    case_numbers: list[str] = []

    def client_job(client: AppContext, n: int) -> Callable[[], None]:
        def job() -> None:
            for k in range(PER_CLIENT):
                doc = DocumentInput(
                    title=f"第{n}台电脑的第{k}件公文", publisher="测试镇人民政府", doc_number=""
                )
                index_numbers.append(client.documents.create(admin, doc).index_no)
                reg = replace(registration(date(2024, 9, 27)), arrived_at=datetime(2024, 9, 27, 10, k))
                case_numbers.append(client.requests.register(admin, reg, date(2024, 10, 8)).detail.number)

        return job

    _in_parallel([client_job(client, n) for n, client in enumerate(clients)])

    total = CLIENTS * PER_CLIENT
    assert len(set(index_numbers)) == total and len(set(case_numbers)) == total
    year = ctx.clock.today().year
    seqs = sorted(int(number.rsplit("-", 1)[-1]) for number in index_numbers)
    assert seqs == list(range(1, total + 1)), f"索引号 not gap-free for {year}: {seqs}"
    assert sorted(case_numbers) == [f"2024-{n:03}" for n in range(1, total + 1)]


def test_parallel_edits_of_one_document_never_lose_an_update(
    ctx: AppContext, admin: Actor, clients: list[AppContext]
) -> None:
    ctx.settings.save_office(admin, TEST_OFFICE)
    created = ctx.documents.create(
        admin, DocumentInput(title="原标题", publisher="测试镇人民政府", doc_number="")
    )
    saved: list[str] = []
    refused: list[str] = []

    def edit(client: AppContext, n: int) -> Callable[[], None]:
        def job() -> None:
            opened = client.documents.detail(created.id)
            try:
                client.documents.update(
                    admin, created.id, replace(opened.values, title=f"标题{n}"), opened.version
                )
                saved.append(f"标题{n}")
            except Exception as error:  # the refusal is a UserFacingError with the clerk's message
                refused.append(str(error))

        return job

    _in_parallel([edit(client, n) for n, client in enumerate(clients)])
    final = ctx.documents.detail(created.id)
    assert saved and final.values.title in saved
    assert final.version == created.version + len(saved)  # every accepted save is one version step
    assert all("已被其他人修改" in message for message in refused), refused


def test_check_detects_a_hand_edited_audit_entry(ctx: AppContext, admin: Actor) -> None:
    ctx.settings.save_office(admin, TEST_OFFICE)
    assert run_check(ctx.sessions, ctx.attachments).ok
    with ctx.engine.begin() as connection:  # what a database superuser could do by hand
        connection.execute(text("ALTER TABLE audit_entries DISABLE TRIGGER USER"))
        connection.execute(text("UPDATE audit_entries SET username = 'mallory' WHERE id = 2"))
        connection.execute(text("ALTER TABLE audit_entries ENABLE TRIGGER USER"))
    report = run_check(ctx.sessions, ctx.attachments)
    assert not report.ok and report.audit_problem is not None and "2" in report.audit_problem


def test_attachments_added_on_one_pc_are_read_on_another(
    ctx: AppContext, admin: Actor, clients: list[AppContext], shared_attachments: Path, tmp_path: Path
) -> None:
    ctx.settings.save_office(admin, TEST_OFFICE)
    source = tmp_path / "春耕通知.txt"
    source.write_text("关于做好春耕备耕工作的通知：各村要落实化肥种子储备。", encoding="utf-8")
    first, second = clients[0], clients[1]
    created = first.documents.create(
        admin, DocumentInput(title="春耕通知", publisher="测试镇人民政府", doc_number=""), (source,)
    )
    seen = second.documents.detail(created.id).files[0]
    path = second.attachments.path_of(seen.sha256)
    assert path.is_relative_to(shared_attachments) and "化肥种子" in path.read_text(encoding="utf-8")
    assert [hit.id for hit in second.documents.search("化肥")] == [created.id]
    assert run_check(second.sessions, second.attachments).ok
    path.write_text("被改动的内容", encoding="utf-8")
    problems = run_check(first.sessions, first.attachments).attachment_problems
    assert [(p.original_name, p.problem) for p in problems] == [("春耕通知.txt", "altered")]


@pytest.mark.slow
def test_search_p95_at_100000_documents_on_postgresql(ctx: AppContext) -> None:
    started = time.perf_counter()
    with ctx.sessions.begin() as session:
        session.execute(
            text(
                "INSERT INTO documents (id, index_no, doc_number, title, publisher, disclosure, "
                "withhold_reason, withhold_basis, topic, genre, normative, validity, channels, history_note) "
                "SELECT n, 'X/' || n, '赵府发〔2024〕' || n || '号', "
                "'关于第' || n || '批农田水利工作的通知', "
                "'赵巷镇人民政府', '主动公开', '', '', '', '', false, '有效', '', '' "
                "FROM generate_series(1, 100000) AS n"
            )
        )
        session.execute(text("UPDATE documents SET title = '化债专项方案' WHERE id = 777"))
    index = ctx.search_index
    assert index is not None
    with ctx.engine.begin() as connection:
        connection.execute(text("DROP TABLE document_search"))
    index.ensure(ctx.engine)  # rebuilt from the register, as on the first start after an upgrade
    build = time.perf_counter() - started
    timings = []
    for query in ("化债", "化", "专项方案", "不存在的词语", "99号"):  # selective: what clerks look up
        for _ in range(5):
            began = time.perf_counter()
            ctx.documents.search(query, limit=50)
            timings.append(time.perf_counter() - began)
    p95 = statistics.quantiles(timings, n=20)[-1]
    broad = {}
    for query in ("农田水利", "赵府发〔2024〕99号"):  # every one of the 100,000 documents has these words
        began = time.perf_counter()
        everywhere = ctx.documents.search(query, limit=50)
        broad[query] = time.perf_counter() - began
    print(
        f"\nPostgreSQL: 100,000 documents indexed in {build:.1f} s; "
        f"selective search p95 {p95 * 1000:.1f} ms; "
        + "; ".join(f"「{query}」 (matches all) {took * 1000:.0f} ms" for query, took in broad.items())
    )
    assert [hit.id for hit in ctx.documents.search("化债")] == [777]
    assert len(everywhere) == 50
    assert p95 < 0.2
