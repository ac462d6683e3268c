"""Issue 19 §4: a restore verifies everything before it touches the live data.

Each hostile backup used to replace the data (0-byte, foreign, without attachments, with a trigger); an older
version's backup used to crash after the swap and the restore was not audited."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import UserFacingError
from app.models import AuditEntry
from app.models.migrate import HEAD_REVISION, stored_revision, upgrade_database
from app.paths import DataPaths
from app.services.context import AppContext, open_data_folder
from app.services.maintenance.check import check_data_folder
from app.services.permissions import Actor, Role
from app.services.settings.service import OfficeInfo
from app.services.storage.auto_backup import AutoBackupService
from app.services.storage.backup import create_backup, restore_backup
from app.services.storage.db_guards import sqlite_object_findings
from app.services.storage.generation_restore import restore_generation
from app.services.storage.integrity import run_check
from tests.services.restore_support import (
    OLD_OFFICE,
    add_files,
    edit_sql,
    folder_state,
    rewrite_backup,
)


@dataclass
class Scene:
    paths: DataPaths
    backup: Path
    admin: Actor
    shas: list[str]


@pytest.fixture
def scene(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> Scene:
    """A backup of 测试镇人民政府 with three attachments; the live data has moved on since."""
    shas = add_files(office_ctx, tmp_path, 3)
    backup = create_backup(office_ctx.engine, office_ctx.paths, tmp_path / "备份.zip", actor=admin).file
    office_ctx.settings.save_office(admin, OfficeInfo(OLD_OFFICE, "CHANGED-1"))
    add_files(office_ctx, tmp_path, 1, "之后")
    office_ctx.close()
    return Scene(office_ctx.paths, backup, admin, shas)


def _refused(scene: Scene, backup: Path, words: str) -> None:
    before = folder_state(scene.paths)
    with pytest.raises(UserFacingError, match=words) as refused:
        restore_backup(scene.paths, backup, actor=scene.admin)
    assert "未做任何改动" in refused.value.message or "没有恢复" in refused.value.message
    assert folder_state(scene.paths) == before, "the live data is untouched"
    assert not list(scene.paths.root.glob(".restore-*")), "no staging left behind"


def test_zero_byte_database_is_refused(scene: Scene, tmp_path: Path) -> None:
    _refused(scene, rewrite_backup(scene.backup, tmp_path / "空.zip", database=b""), "0 字节")


def test_foreign_sqlite_file_is_refused(scene: Scene, tmp_path: Path) -> None:
    foreign = rewrite_backup(
        scene.backup,
        tmp_path / "外来.zip",
        database=b"",
        edit_db=edit_sql(
            "CREATE TABLE customers (id INTEGER, name TEXT)", "INSERT INTO customers VALUES (1, 'x')"
        ),
    )
    _refused(scene, foreign, "不是政务公开工作台的数据库")


def test_backup_without_its_attachments_is_refused(scene: Scene, tmp_path: Path) -> None:
    _refused(scene, rewrite_backup(scene.backup, tmp_path / "缺附件.zip", keep_blobs=False), "缺少 3 个附件")


@pytest.mark.parametrize(
    ("statement", "named"),
    [
        (
            "CREATE TRIGGER wipe AFTER INSERT ON documents BEGIN DELETE FROM attachments; END",
            "触发器「wipe」",
        ),
        (
            "CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT 1; END",
            "触发器「audit_entries_no_update」",
        ),
        ("CREATE VIEW everyone AS SELECT * FROM accounts", "视图「everyone」"),
        ("CREATE TABLE loot (x TEXT)", "不是本系统的表「loot」"),
        ("ALTER TABLE accounts ADD COLUMN backdoor TEXT", "backdoor"),
    ],
    ids=["trigger", "weakened-guard", "view", "table", "column"],
)
def test_database_carrying_objects_we_did_not_create_is_refused(
    scene: Scene, tmp_path: Path, statement: str, named: str
) -> None:
    edits = [statement]
    if "audit_entries_no_update" in statement:
        edits.insert(0, "DROP TRIGGER audit_entries_no_update")
    hostile = rewrite_backup(scene.backup, tmp_path / "恶意.zip", edit_db=edit_sql(*edits))
    _refused(scene, hostile, named)


def test_database_whose_log_differs_from_its_manifest_is_refused(scene: Scene, tmp_path: Path) -> None:
    """The manifest records the log's head; a log shortened inside the zip no longer matches it."""
    shortened = rewrite_backup(
        scene.backup,
        tmp_path / "删日志.zip",
        edit_db=edit_sql(
            "DROP TRIGGER audit_entries_no_delete",
            "DELETE FROM audit_entries WHERE id = (SELECT max(id) FROM audit_entries)",
            "UPDATE audit_head SET last_id = (SELECT max(id) FROM audit_entries), "
            "last_hash = (SELECT hash FROM audit_entries ORDER BY id DESC LIMIT 1)",
            "CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries "
            "BEGIN SELECT RAISE(ABORT, '操作日志只能追加，不能修改或删除'); END",
        ),
    )
    _refused(scene, shortened, "与备份清单记录的操作日志不一致")


def test_only_an_active_administrator_restores_or_backs_up(scene: Scene, tmp_path: Path) -> None:
    clerk = Actor(7, "jbr", "经办人小李", frozenset({Role.CLERK}))
    with pytest.raises(UserFacingError, match="需要管理员角色"):
        restore_backup(scene.paths, scene.backup, actor=clerk)
    ctx = open_data_folder(scene.paths)
    try:
        with pytest.raises(UserFacingError, match="需要管理员角色"):
            create_backup(ctx.engine, ctx.paths, tmp_path / "x.zip", actor=clerk)
        with pytest.raises(UserFacingError, match="需要管理员角色"):
            AutoBackupService(ctx.engine, ctx.paths, ctx.settings, ctx.clock).run_now(clerk)
        other = ctx.accounts.create_account(
            scene.admin, "admin2", "李管理", "second-pass-1", frozenset({Role.ADMIN})
        )
        ctx.accounts.update_account(scene.admin, other.id, "李管理", frozenset({Role.ADMIN}), active=False)
    finally:
        ctx.close()
    # The caller's word is not enough: a deactivated account that still claims 管理员 is refused.
    claimed = Actor(other.id, "admin2", "李管理", frozenset({Role.ADMIN}))
    with pytest.raises(UserFacingError, match="需要管理员角色"):
        restore_backup(scene.paths, scene.backup, actor=claimed)
    assert not (tmp_path / "x.zip").exists()


def test_restore_is_audited_in_the_restored_database(scene: Scene) -> None:
    safety = restore_backup(scene.paths, scene.backup, actor=scene.admin)
    ctx = open_data_folder(scene.paths)
    try:
        office = ctx.settings.office()
        assert office is not None and office.name == "测试镇人民政府"
        with ctx.sessions() as session:
            last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert last is not None and (last.action, last.username) == ("恢复备份", "admin")
        details = json.loads(last.details_json)
        assert details["来源"] == str(scene.backup) and details["恢复前数据"] == str(safety)
        assert details["恢复人"] == "王管理" and details["被替换的日志"]["entries"] > 0
        assert run_check(ctx.sessions, ctx.attachments).ok
    finally:
        ctx.close()


def test_older_version_backup_is_migrated_before_the_swap(scene: Scene, tmp_path: Path) -> None:
    """Used to crash on the next open (the migrated copy's WAL was thrown away) and was never audited."""
    old = DataPaths(tmp_path / "旧版本").ensure()
    upgrade_database(old.database, old.backups, target="0009")
    with zipfile.ZipFile(tmp_path / "旧版本备份.zip", "w") as archive:
        archive.writestr("manifest.json", json.dumps({"format": "zwgk-backup", "schema_revision": "0009"}))
        archive.write(old.database, "zwgk.sqlite3")
    restore_backup(scene.paths, tmp_path / "旧版本备份.zip", actor=scene.admin)
    assert stored_revision(scene.paths.database) == HEAD_REVISION
    ctx = open_data_folder(scene.paths)
    try:
        with ctx.sessions() as session:
            actions = list(session.scalars(select(AuditEntry.action)))
        assert actions == ["恢复备份"]
        assert run_check(ctx.sessions, ctx.attachments).ok
    finally:
        ctx.close()


def test_hostile_automatic_backup_is_refused(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    add_files(office_ctx, tmp_path, 2)
    service = AutoBackupService(office_ctx.engine, office_ctx.paths, office_ctx.settings, office_ctx.clock)
    generation = service.run()
    edit_sql("CREATE TRIGGER wipe AFTER INSERT ON documents BEGIN DELETE FROM attachments; END")(
        generation.folder / "zwgk.sqlite3"
    )
    office_ctx.close()
    before = folder_state(office_ctx.paths)
    with pytest.raises(UserFacingError, match="触发器「wipe」"):
        restore_generation(office_ctx.paths, generation, actor=admin)
    assert folder_state(office_ctx.paths) == before


def test_damaged_zip_entry_is_a_calm_refusal(scene: Scene, tmp_path: Path) -> None:
    """A byte flipped inside an attachment's entry (a bad USB stick): its CRC no longer matches."""
    data = bytearray(scene.backup.read_bytes())
    with zipfile.ZipFile(scene.backup) as archive:
        blob = next(i for i in archive.infolist() if i.filename.startswith("attachments/"))
    at = blob.header_offset + 30 + len(blob.filename.encode()) + len(blob.extra)  # first byte of its data
    data[at] ^= 0xFF
    damaged = tmp_path / "坏的U盘.zip"
    damaged.write_bytes(bytes(data))
    _refused(scene, damaged, "已损坏")


def test_a_damaged_schema_record_is_refused(scene: Scene, tmp_path: Path) -> None:
    """Found by fuzzing: one flipped byte turns an index's type 'index' into 'inde\\xff' in sqlite_master;
    the file still passes integrity_check, but it is not a database this program wrote."""
    staged = tmp_path / "staged.sqlite3"
    with zipfile.ZipFile(scene.backup) as archive:
        staged.write_bytes(archive.read("zwgk.sqlite3"))
    connection = sqlite3.connect(staged)
    connection.execute("PRAGMA writable_schema=ON")  # the same record the flipped byte damaged
    connection.execute(
        "UPDATE sqlite_master SET type = CAST(X'696E6465FF' AS TEXT) WHERE name = "
        "(SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name LIMIT 1)"
    )
    connection.commit()
    connection.close()
    damaged = rewrite_backup(scene.backup, tmp_path / "坏记录.zip", database=staged.read_bytes())
    _refused(scene, damaged, "已损坏|无法识别")


def test_a_table_definition_with_undecodable_bytes_is_refused_and_check_names_it(
    scene: Scene, tmp_path: Path
) -> None:
    """Found by fuzzing: a flipped byte inside `CREATE TABLE documents (…` leaves text that is no UTF-8.
    SQLite still opens the file; restore took it, and `check` stopped with a decoding error."""
    staged = tmp_path / "staged.sqlite3"
    with zipfile.ZipFile(scene.backup) as archive:
        staged.write_bytes(archive.read("zwgk.sqlite3"))
    connection = sqlite3.connect(staged)
    connection.execute("PRAGMA writable_schema=ON")
    connection.execute(  # an invalid byte in the whitespace after the opening bracket: still valid SQL
        "UPDATE sqlite_master SET sql = CAST(replace(sql, '(', '(' || CAST(X'FF' AS TEXT)) AS TEXT) "
        "WHERE name = 'documents'"
    )
    connection.commit()
    connection.close()
    damaged = rewrite_backup(scene.backup, tmp_path / "坏定义.zip", database=staged.read_bytes())
    _refused(scene, damaged, "已损坏|无法识别")
    target = DataPaths(tmp_path / "被检查")
    target.ensure()
    target.database.write_bytes(staged.read_bytes())
    assert not check_data_folder(target).ok  # a finding, not an exception
    # the record as `check` and restore read it (undecodable bytes replaced): a finding, never passed over
    read = [("table", "documents", "documents", "CREATE TABLE documents (\ufffd id INTEGER NOT NULL)")]
    assert any("无法识别的字节" in finding for finding in sqlite_object_findings(read))
