"""Issue 19 §5: `check` compares the audit log with its head as recorded outside the database.

Each attack used to leave `check` saying OK: the append-only trigger dropped; the whole log, or its tail,
deleted and `audit_head` moved; an entry edited and the unkeyed chain recomputed."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from app.paths import DataPaths
from app.services.audit.chain import GENESIS, entry_hash
from app.services.context import AppContext, open_data_folder
from app.services.maintenance.check import check_data_folder
from app.services.permissions import Actor
from app.services.settings.service import OfficeInfo
from app.services.storage.anchor import ANCHOR_NAME, read_anchor
from app.services.storage.auto_backup import AutoBackupService
from app.services.storage.backup import create_backup, restore_backup
from tests.services.export_support import demo_items, service

GUARDS = (
    "CREATE TRIGGER audit_entries_no_{s} BEFORE {S} ON audit_entries "
    "BEGIN SELECT RAISE(ABORT, '操作日志只能追加，不能修改或删除'); END"
)


def _busy(ctx: AppContext, admin: Actor) -> DataPaths:
    """A log of a dozen entries, anchored (the folder was opened again after them), then closed."""
    for n in range(5):
        ctx.settings.save_office(admin, OfficeInfo(f"测试镇人民政府{n}", f"CODE-{n}"))
    ctx.close()
    open_data_folder(ctx.paths).close()  # start-up moves the anchor file to the head
    return ctx.paths


def _sql(paths: DataPaths, *statements: str, keep_guards: bool = True) -> None:
    """What someone with a SQLite editor does; by default they put the guard triggers back afterwards."""
    with contextlib.closing(sqlite3.connect(paths.database)) as connection:
        for s in ("update", "delete"):
            connection.execute(f"DROP TRIGGER IF EXISTS audit_entries_no_{s}")
        for statement in statements:
            connection.execute(statement)
        if keep_guards:
            for s in ("update", "delete"):
                connection.execute(GUARDS.format(s=s, S=s.upper()))
        connection.commit()


MOVE_HEAD = (
    "UPDATE audit_head SET last_id = (SELECT max(id) FROM audit_entries), "
    "last_hash = (SELECT hash FROM audit_entries ORDER BY id DESC LIMIT 1)"
)


def _recompute_chain(paths: DataPaths) -> None:
    """Re-hash every entry with the published (unkeyed) formula and move the head: the chain verifies."""
    with contextlib.closing(sqlite3.connect(paths.database)) as connection:
        rows = connection.execute(
            "SELECT id, at, account_id, username, action, entity, entity_id, details_json "
            "FROM audit_entries ORDER BY id"
        ).fetchall()
        prev = GENESIS
        for row_id, *fields in rows:
            digest = entry_hash(prev, *fields)
            connection.execute(
                "UPDATE audit_entries SET prev_hash = ?, hash = ? WHERE id = ?", (prev, digest, row_id)
            )
            prev = digest
        connection.execute(MOVE_HEAD)
        connection.commit()


def _problems(paths: DataPaths) -> list[str]:
    result = check_data_folder(paths)
    assert not result.ok
    assert result.report is not None and result.anchors is not None
    return [*result.report.guard_problems, *(f.problem for f in result.anchors.problems)]


def test_untouched_log_agrees_with_every_anchor(office_ctx: AppContext, admin: Actor) -> None:
    paths = _busy(office_ctx, admin)
    result = check_data_folder(paths)
    assert result.ok and result.anchors is not None and result.anchors.anchor_file == "ok"
    assert result.as_json()["audit_anchors"]["checked"] == 1


def test_dropped_append_only_trigger_is_a_finding(office_ctx: AppContext, admin: Actor) -> None:
    paths = _busy(office_ctx, admin)
    _sql(paths, keep_guards=False)
    assert any("防改动触发器「audit_entries_no_delete」被删除" in p for p in _problems(paths))


@pytest.mark.parametrize(
    ("statements", "words"),
    [
        (["DELETE FROM audit_entries", "DELETE FROM audit_head"], "少于当时的"),
        (
            ["DELETE FROM audit_entries WHERE id > (SELECT max(id) - 3 FROM audit_entries)", MOVE_HEAD],
            "少于当时的",
        ),
    ],
    ids=["whole-log", "tail"],
)
def test_deleted_log_with_the_head_moved_is_found(
    office_ctx: AppContext, admin: Actor, statements: list[str], words: str
) -> None:
    paths = _busy(office_ctx, admin)
    anchored, _ = read_anchor(paths)
    _sql(paths, *statements)
    problems = _problems(paths)
    assert any(words in p for p in problems), problems
    assert read_anchor(paths) == (anchored, None), "the anchor did not follow the shortened log"


def test_edited_entry_with_the_chain_recomputed_is_found(office_ctx: AppContext, admin: Actor) -> None:
    paths = _busy(office_ctx, admin)
    _sql(paths, "UPDATE audit_entries SET details_json = '{}' WHERE id = 3", keep_guards=False)
    _recompute_chain(paths)
    _sql(paths, "SELECT 1")  # the guard triggers back in place: nothing else shows the edit
    problems = _problems(paths)
    assert problems and all("校验值与当时不同" in p for p in problems), problems


def test_copies_that_left_the_folder_still_catch_it_without_the_anchor_file(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    """Delete the anchor file too: the automatic backup, the backup zip and the export package remember."""
    AutoBackupService(office_ctx.engine, office_ctx.paths, office_ctx.settings, office_ctx.clock).run()
    create_backup(office_ctx.engine, office_ctx.paths, office_ctx.paths.backups / "周备份.zip", actor=admin)
    package = service(office_ctx, demo_items(office_ctx, tmp_path)).build(admin, tmp_path / "上报.zip").file
    with zipfile.ZipFile(package) as archive:
        assert json.loads(archive.read("manifest.json"))["audit_head"]["entries"] > 0
    paths = _busy(office_ctx, admin)
    (paths.root / ANCHOR_NAME).unlink()
    _sql(paths, "DELETE FROM audit_entries", "DELETE FROM audit_head")
    result = check_data_folder(paths)
    assert not result.ok and result.anchors is not None
    sources = {f.source.split(" ")[0] for f in result.anchors.problems}
    assert sources == {"自动备份", "备份", "上报数据包"}


def test_annual_report_data_file_carries_the_head(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    target = office_ctx.annual_report.export_json(admin, 2025, tmp_path / "年报.json")
    head = json.loads(target.read_text(encoding="utf-8"))["audit_head"]
    assert head["entries"] > 0 and len(head["hash"]) == 64


def test_a_restore_explains_older_copies_instead_of_failing(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    backup = create_backup(office_ctx.engine, office_ctx.paths, tmp_path / "早.zip", actor=admin).file
    paths = _busy(office_ctx, admin)
    restore_backup(paths, backup, actor=admin)
    result = check_data_folder(paths)
    assert result.ok, result.as_json()
    assert result.anchors is not None and result.anchors.superseded, "the replaced log is named, not hidden"


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (lambda f: f.write_bytes(b""), "0 字节"),
        (lambda f: f.write_bytes(b"not a database at all" * 100), "不是 SQLite"),
        (lambda f: f.write_bytes(f.read_bytes()[:100] + hashlib.sha256(b"x").digest() * 4000), "已损坏"),
    ],
    ids=["empty", "foreign", "damaged"],
)
def test_check_reports_a_broken_database_and_never_heals_it(
    office_ctx: AppContext, admin: Actor, damage: object, words: str
) -> None:
    paths = _busy(office_ctx, admin)
    damage(paths.database)  # type: ignore[operator]
    broken = paths.database.read_bytes()
    result = check_data_folder(paths)
    assert not result.ok and result.database_problem is not None and words in result.database_problem
    assert json.loads(json.dumps(result.as_json()))["ok"] is False
    assert paths.database.read_bytes() == broken, "check did not migrate the file into a fresh, 'ok' one"
