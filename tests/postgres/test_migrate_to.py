"""`migrate-to`: the demo office moved from its SQLite file onto a new PostgreSQL database (issue 14)."""

from __future__ import annotations

import itertools
import json
import shutil
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Table, create_engine, text

from app.cli import main
from app.cli.migrate import summary_lines
from app.errors import CancelledError, UserFacingError
from app.paths import DataPaths
from app.services.audit.chain import verify_chain
from app.services.context import AppContext, open_data_folder
from app.services.demo.seed_demo import demo_actor, seed_demo
from app.services.documents.query import DocumentFilter
from app.services.documents.rules import DocumentInput
from app.services.permissions import SYSTEM
from app.services.storage import server_migration
from app.services.storage.attachments import blob_path, sha256_of
from app.services.storage.server_config import ENV_ATTACHMENTS_DIR, ENV_DB_URL
from app.services.storage.server_migration import MIGRATION_NOTE, migrate_to
from tests.pg_cluster import Cluster, free_port
from tests.services.request_support import registration

pytestmark = pytest.mark.postgres

_numbers = itertools.count(1)


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> DataPaths:
    """One PC's office with the demo data (seeded once; tests that alter it work on a copy)."""
    paths = DataPaths(tmp_path_factory.mktemp("单机") / "张三")
    ctx = open_data_folder(paths)
    try:
        seed_demo(ctx)
    finally:
        ctx.close()
    return paths


@pytest.fixture
def source(demo_folder: DataPaths, tmp_path: Path) -> DataPaths:
    copy = DataPaths(tmp_path / "本机数据")
    shutil.copytree(demo_folder.root, copy.root, ignore=shutil.ignore_patterns("*.lock", "logs"))
    return copy


@pytest.fixture
def empty_url(pg_cluster: Cluster) -> str:
    """A database as `createdb --encoding UTF8 zwgk` leaves it: no tables at all."""
    name = f"zwgk_empty_{next(_numbers)}"
    engine = create_engine(pg_cluster.url("postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {name} ENCODING 'UTF8'"))
    finally:
        engine.dispose()
    return pg_cluster.url(name)


@pytest.fixture
def share(shared_attachments: Path) -> Path:
    shared_attachments.mkdir(parents=True)
    return shared_attachments


@pytest.fixture
def no_env_override(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (ENV_DB_URL, ENV_ATTACHMENTS_DIR):
        monkeypatch.setenv(name, "")  # restored after the test: a global --db-url sets them for the process


@pytest.fixture
def server(source: DataPaths, empty_url: str, share: Path) -> Iterator[AppContext]:
    """The migrated office as a client PC opens it."""
    migrate_to(SYSTEM, source, empty_url, str(share))
    ctx = open_data_folder(
        DataPaths(source.root.parent / "另一台电脑"), db_url=empty_url, attachments_dir=str(share)
    )
    yield ctx
    ctx.close()


def table_names(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            query = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            return [str(name) for (name,) in connection.execute(text(query))]
    finally:
        engine.dispose()


def test_demo_office_arrives_with_equal_counts_records_files_and_audit_chain(
    source: DataPaths, empty_url: str, share: Path
) -> None:
    started = time.perf_counter()
    report = migrate_to(SYSTEM, source, empty_url, str(share))
    print(f"\nmigrate-to, demo office: {time.perf_counter() - started:.2f} s")
    assert report.ok and report.check_ok and report.audit_problem is None
    counts = {row.table: (row.source, row.target) for row in report.tables}
    assert counts["documents"] == (4, 4) and counts["request_cases"] == (8, 8)
    assert counts["holiday_entries"][0] > 700 and counts["holiday_entries"][0] == counts["holiday_entries"][1]
    assert counts["audit_entries"][1] == counts["audit_entries"][0] + 1  # + the migration's own entry
    assert report.attachments_verified == counts["attachments"][0] and report.attachment_problems == 0

    local = open_data_folder(source)
    target = open_data_folder(
        DataPaths(source.root.parent / "另一台电脑"), db_url=empty_url, attachments_dir=str(share)
    )
    try:
        assert target.engine.dialect.name == "postgresql"
        for document_id in (1, 2, 3, 4):
            assert target.documents.detail(document_id) == local.documents.detail(document_id)
        for case_id in range(1, 9):
            assert target.requests.detail(case_id) == local.requests.detail(case_id)
        for posting_id in (1, 2, 3):
            assert target.postings.get(posting_id) == local.postings.get(posting_id)
        query = local.documents.detail(1).values.title[:4]
        found = sorted(hit.id for hit in local.documents.search(query))
        assert (
            found and sorted(hit.id for hit in target.documents.search(query)) == found
        )  # rebuilt on the server
        with local.sessions() as session:
            shas = {str(sha) for (sha,) in session.execute(text("SELECT sha256 FROM attachments"))}
        assert shas and all(sha256_of(blob_path(share, sha)) == sha for sha in shas)
        with target.sessions() as session:
            assert verify_chain(session) is None
            last = session.execute(
                text("SELECT action, entity, details_json FROM audit_entries ORDER BY id DESC LIMIT 1")
            ).one()
        assert (last.action, last.entity) == ("导入", MIGRATION_NOTE)
        assert json.loads(last.details_json)["行数"]["documents"] == 4
    finally:
        local.close()
        target.close()
    assert local.migration.previous_revision == local.migration.head_revision  # the PC's file untouched


def test_numbers_and_ids_continue_after_the_migration(server: AppContext) -> None:
    actor = demo_actor(server)
    existing = [row.index_no for row in server.documents.page(DocumentFilter(), 0, 100)]
    created = server.documents.create(
        actor, DocumentInput(title="迁移后的第一件公文", publisher="示例镇人民政府")
    )
    assert created.index_no not in existing and created.id == 5  # sequence reset: max(id) + 1
    prefix = created.index_no.rsplit("-", 1)[0]
    same_year = [int(n.rsplit("-", 1)[-1]) for n in existing if n.rsplit("-", 1)[0] == prefix]
    assert int(created.index_no.rsplit("-", 1)[-1]) == max(same_year, default=0) + 1
    with server.sessions() as session:
        numbers = {str(n) for (n,) in session.execute(text("SELECT number FROM request_cases"))}
        latest = session.scalar(text("SELECT max(received_on) FROM request_cases"))
        highest_event = int(session.scalar(text("SELECT max(id) FROM request_events")) or 0)
    case = server.requests.register(actor, registration(latest)).detail
    assert case.number not in numbers and case.id == 9  # 受理编号 continues, no duplicate
    with server.sessions() as session:
        first_event = session.scalar(
            text("SELECT min(id) FROM request_events WHERE case_id = :c"), {"c": case.id}
        )
    assert int(first_event or 0) > highest_event


def test_second_migration_into_the_same_database_is_refused(
    server: AppContext, source: DataPaths, share: Path
) -> None:
    url = server.server.db_url if server.server else ""
    before = server.documents.count_all()
    with pytest.raises(UserFacingError, match="不是空的.*不会合并或覆盖"):
        migrate_to(SYSTEM, source, url, str(share))
    assert server.documents.count_all() == before


def test_a_server_database_the_program_already_opened_is_refused(
    source: DataPaths, pg_url: str, share: Path
) -> None:
    with pytest.raises(UserFacingError, match="已经有政务公开工作台的数据"):
        migrate_to(SYSTEM, source, pg_url, str(share))


def test_a_crash_half_way_leaves_the_server_database_empty(
    source: DataPaths, empty_url: str, share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_copy = server_migration.copy_table
    copied: list[str] = []

    def copy_then_drop(source: Connection, target: Connection, table: Table, *rest: Any) -> int:
        rows = real_copy(source, target, table, *rest)
        copied.append(table.name)
        if table.name == "documents":  # the network drops right after the documents went in
            raise RuntimeError("server closed the connection unexpectedly")
        return rows

    monkeypatch.setattr(server_migration, "copy_table", copy_then_drop)
    with pytest.raises(RuntimeError):
        migrate_to(SYSTEM, source, empty_url, str(share))
    assert {"accounts", "audit_entries", "documents"} <= set(copied)
    assert table_names(empty_url) == []  # no half-copied office that looks valid
    monkeypatch.undo()
    assert migrate_to(SYSTEM, source, empty_url, str(share)).ok  # the same empty database takes a clean run


def test_cancel_during_the_table_copy_leaves_the_server_database_empty(
    source: DataPaths, empty_url: str, share: Path
) -> None:
    messages: list[str] = []

    def progress(_percent: int, message: str) -> None:
        messages.append(message)

    def cancelled() -> bool:  # the clerk presses 取消 once the documents are being copied
        return any("documents" in message for message in messages)

    with pytest.raises(CancelledError):
        migrate_to(SYSTEM, source, empty_url, str(share), progress, cancelled)
    assert any(message.startswith("复制附件") for message in messages)
    assert table_names(empty_url) == []


def test_a_row_the_server_rejects_rolls_everything_back_with_the_table_named(
    source: DataPaths, empty_url: str, share: Path
) -> None:
    with sqlite3.connect(source.database) as connection:  # SQLite does not enforce VARCHAR lengths
        connection.execute("UPDATE settings SET key = ? WHERE rowid = 1", ("键" * 500,))
    with pytest.raises(UserFacingError, match="复制表 settings 时出错.*整体撤销"):
        migrate_to(SYSTEM, source, empty_url, str(share))
    assert table_names(empty_url) == []


def test_forward_links_and_small_batches_are_copied_exactly(
    source: DataPaths, empty_url: str, share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.services.storage.server_copy.BATCH", 7)  # many batches on every table
    with sqlite3.connect(source.database) as connection:  # a 解读 registered before its policy document
        connection.execute("UPDATE documents SET interprets_id = 4 WHERE id = 1")
    assert migrate_to(SYSTEM, source, empty_url, str(share)).ok
    engine = create_engine(empty_url)
    try:
        with engine.connect() as connection:
            assert connection.scalar(text("SELECT interprets_id FROM documents WHERE id = 1")) == 4
    finally:
        engine.dispose()


def test_a_source_not_at_the_current_version_is_refused(
    source: DataPaths, empty_url: str, share: Path
) -> None:
    with sqlite3.connect(source.database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0010'")
    with pytest.raises(UserFacingError, match="先用这个版本的程序打开一次本机数据"):
        migrate_to(SYSTEM, source, empty_url, str(share))
    assert table_names(empty_url) == []


def test_unreachable_server_and_missing_share_are_refused(
    source: DataPaths, empty_url: str, tmp_path: Path
) -> None:
    port = free_port()
    with pytest.raises(UserFacingError, match=f"127.0.0.1:{port}.*pgpass"):
        migrate_to(SYSTEM, source, f"postgresql://zwgk@127.0.0.1:{port}/zwgk", str(tmp_path))
    with pytest.raises(UserFacingError, match="共享附件文件夹.*不存在"):
        migrate_to(SYSTEM, source, empty_url, str(tmp_path / "没有建的文件夹"))
    assert table_names(empty_url) == []


def test_a_damaged_attachment_on_this_pc_stops_before_the_database_is_touched(
    source: DataPaths, empty_url: str, share: Path
) -> None:
    victim = next(path for path in source.attachments.rglob("*") if path.is_file() and len(path.name) == 64)
    victim.write_bytes(b"overwritten by a disk error")
    with pytest.raises(UserFacingError, match=f"{victim.name[:12]}.*校验值不符.*服务器数据库没有任何改动"):
        migrate_to(SYSTEM, source, empty_url, str(share))
    assert table_names(empty_url) == [] and not (share / victim.name[:2] / victim.name).exists()


def test_cli_migrates_prints_the_summary_and_check_confirms_counts_and_hashes(
    source: DataPaths,
    empty_url: str,
    share: Path,
    capsys: pytest.CaptureFixture[str],
    no_env_override: None,
) -> None:
    argv = [
        "--data-dir",
        str(source.root),
        "migrate-to",
        "--db-url",
        empty_url,
        "--attachments-dir",
        str(share),
    ]
    assert main([*argv, "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["ok"] is True and "[100%] 迁移完成" in captured.err
    lines = summary_lines(data)
    assert lines[0].split() == ["表", "源行数", "目标行数", "结果"]
    assert any(line.split()[:4] == ["documents", "4", "4", "一致"] for line in lines)
    assert "check：通过" in lines

    assert main(argv) == 2  # a second run into the same database
    refused = capsys.readouterr().err.strip().splitlines()
    assert len(refused) == 1 and "不是空的" in refused[0]

    check = ["--data-dir", str(source.root), "--db-url", empty_url, "--attachments-dir", str(share), "check"]
    assert main(check) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["attachments_checked"] == data["attachments_verified"] > 0
    assert report["row_counts"]["documents"] == 4
    assert report["row_counts"] == {row["table"]: row["target"] for row in data["tables"]}
