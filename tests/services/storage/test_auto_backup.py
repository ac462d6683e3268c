from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.errors import CancelledError, UserFacingError
from app.services.context import AppContext, open_data_folder
from app.services.permissions import SYSTEM, Actor
from app.services.settings.service import OfficeInfo
from app.services.storage.auto_backup import AutoBackupService, list_generations
from app.services.storage.generation_restore import restore_generation
from app.services.storage.integrity import run_check

DAY = datetime(2025, 3, 10, 17, 30)


def _add(ctx: AppContext, tmp: Path, name: str, body: str) -> str:
    source = tmp / name
    source.write_text(body, encoding="utf-8")
    return ctx.attachments.add_file(source).sha256


def _service(ctx: AppContext) -> AutoBackupService:
    return AutoBackupService(ctx.engine, ctx.paths, ctx.settings, ctx.clock)


def test_generations_copy_only_new_attachments_and_say_what_they_hold(
    office_ctx: AppContext, tmp_path: Path
) -> None:
    _add(office_ctx, tmp_path, "a.txt", "第一份附件")
    service = _service(office_ctx)
    first = service.run("退出时", now=DAY)
    assert first.attachments == 1 and first.new_attachments == 1 and first.reason == "退出时"
    assert ("附件", 1) in first.counts and "附件 1" in first.summary()
    assert first.folder.parent == office_ctx.paths.backups / "自动备份"
    _add(office_ctx, tmp_path, "b.txt", "第二份附件")
    second = service.run(now=DAY + timedelta(hours=1))
    assert second.attachments == 2 and second.new_attachments == 1
    assert [g.id for g in service.generations()] == [second.id, first.id]
    assert not list((office_ctx.paths.backups / "自动备份").glob(".*partial"))


def test_at_most_once_a_day(office_ctx: AppContext) -> None:
    service = _service(office_ctx)
    assert service.due()
    assert service.run_if_due() is not None
    assert not service.due() and service.run_if_due() is None
    assert service.due(office_ctx.clock.now() + timedelta(days=1))


def test_keeps_the_last_n_generations_and_drops_unreferenced_blobs(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    office_ctx.settings.set(admin, "backup.keep_generations", 2)
    service = _service(office_ctx)
    old = _add(office_ctx, tmp_path, "old.txt", "旧附件")
    service.run(now=DAY)
    from sqlalchemy import delete

    from app.models import Attachment

    with office_ctx.sessions.begin() as session:  # the attachment row goes; later generations lack it
        session.execute(delete(Attachment).where(Attachment.sha256 == old))
    kept = [service.run(now=DAY + timedelta(days=n)).id for n in (1, 2)]
    root = service.root()
    assert [g.id for g in list_generations(root)] == kept[::-1]
    assert not (root / "attachments" / old[:2] / old).exists()


def test_configured_folder_and_unwritable_folder(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    usb = tmp_path / "U盘"
    office_ctx.settings.set(admin, "backup.folder", str(usb))
    generation = _service(office_ctx).run()
    assert generation.folder.parent == usb / "自动备份"
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    office_ctx.settings.set(admin, "backup.folder", str(blocker / "sub"))
    with pytest.raises(UserFacingError, match="无法写入"):
        _service(office_ctx).run()


def test_restore_any_generation_backs_up_the_current_state_first(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    kept_sha = _add(office_ctx, tmp_path, "kept.txt", "恢复后应还在")
    service = _service(office_ctx)
    generation = service.run(now=DAY)
    office_ctx.settings.save_office(admin, OfficeInfo("改名后的单位", "CHANGED-1"))
    later_sha = _add(office_ctx, tmp_path, "later.txt", "备份之后才加的")
    office_ctx.close()
    safety = restore_generation(office_ctx.paths, generation, actor=admin)
    assert safety is not None and safety.reason == "恢复前" and safety.attachments == 2
    ctx = open_data_folder(office_ctx.paths)
    try:
        office = ctx.settings.office()
        assert office is not None and office.name == "测试镇人民政府"
        assert ctx.attachments.path_of(kept_sha).read_text(encoding="utf-8") == "恢复后应还在"
        assert not ctx.attachments.path_of(later_sha).exists()
        assert run_check(ctx.sessions, ctx.attachments).ok
        # …and the state before the restore can itself be restored.
        ctx.close()
        restore_generation(ctx.paths, safety, actor=admin)
        ctx = open_data_folder(office_ctx.paths)
        office = ctx.settings.office()
        assert office is not None and office.name == "改名后的单位"
        assert ctx.attachments.path_of(later_sha).exists()
    finally:
        ctx.close()


def test_damaged_generation_is_refused_and_nothing_changes(office_ctx: AppContext, tmp_path: Path) -> None:
    sha = _add(office_ctx, tmp_path, "a.txt", "附件内容")
    service = _service(office_ctx)
    generation = service.run(now=DAY)
    (service.root() / "attachments" / sha[:2] / sha).write_text("被改过", encoding="utf-8")
    office_ctx.close()
    before = office_ctx.paths.database.read_bytes()
    with pytest.raises(UserFacingError, match="校验值不符"):
        restore_generation(office_ctx.paths, generation, actor=SYSTEM)
    assert office_ctx.paths.database.read_bytes() == before
    assert len(list_generations(generation.folder.parent)) == 1, "no safety copy for a refused restore"


def test_cancel_leaves_no_half_generation(office_ctx: AppContext, tmp_path: Path) -> None:
    _add(office_ctx, tmp_path, "a.txt", "附件内容")
    service = _service(office_ctx)
    with pytest.raises(CancelledError):
        service.run(is_cancelled=lambda: True)
    assert service.generations() == []
    assert not list(service.root().glob(".*"))
