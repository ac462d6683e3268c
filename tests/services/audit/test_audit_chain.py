"""Every change leaves one hash-chained entry; `check` names the first broken one."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.models import AuditEntry
from app.services.context import AppContext
from app.services.permissions import Actor, Role
from app.services.privacy.masking import mask_id_number, mask_phone, reveal
from app.services.settings.service import OfficeInfo
from app.services.storage.integrity import run_check


def _entries(ctx: AppContext) -> list[AuditEntry]:
    with ctx.sessions() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def _hand_edit(ctx: AppContext, *statements: str) -> None:
    """What someone with a SQLite editor could do: drop the guard triggers, then change rows."""
    with sqlite3.connect(ctx.paths.database) as connection:
        connection.execute("DROP TRIGGER audit_entries_no_update")
        connection.execute("DROP TRIGGER audit_entries_no_delete")
        for statement in statements:
            connection.execute(statement)


@pytest.fixture
def busy_ctx(office_ctx: AppContext, admin: Actor) -> AppContext:
    office_ctx.settings.save_boards(admin, ["镇政府公开栏"])
    office_ctx.settings.save_office(admin, OfficeInfo("测试镇人民政府", "NEW-CODE-2"))
    office_ctx.settings.set(admin, "deadline.count_receipt_day", True)
    office_ctx.accounts.authenticate("admin", "admin-pass-1")
    return office_ctx


def test_changes_are_logged_with_old_and_new_values(busy_ctx: AppContext) -> None:
    entries = _entries(busy_ctx)
    actions = [(e.action, e.entity) for e in entries]
    assert ("新建", "账户") in actions and ("新建", "单位信息") in actions and ("登录", "账户") in actions
    office_update = next(e for e in entries if e.action == "修改" and e.entity == "单位信息")
    assert '"机构代码": ["11320000TEST0001X", "NEW-CODE-2"]' in office_update.details_json
    setting = next(e for e in entries if e.action == "修改设置")
    assert "[false, true]" in setting.details_json and setting.username == "admin"
    assert run_check(busy_ctx.sessions, busy_ctx.attachments).ok


def test_the_database_refuses_to_change_an_entry(busy_ctx: AppContext) -> None:
    with busy_ctx.sessions.begin() as session, pytest.raises(IntegrityError, match="只能追加"):
        session.get(AuditEntry, 1).action = "篡改"  # type: ignore[union-attr]
        session.flush()


@pytest.mark.parametrize(
    ("statements", "broken_id", "words"),
    [
        (["UPDATE audit_entries SET details_json = '{}' WHERE id = 3"], 3, "内容被改动"),
        (["DELETE FROM audit_entries WHERE id = 2"], 3, "被删除"),
        (
            [
                "UPDATE audit_entries SET id = 100 WHERE id = 2",
                "UPDATE audit_entries SET id = 2 WHERE id = 3",
                "UPDATE audit_entries SET id = 3 WHERE id = 100",
            ],
            2,
            "顺序",
        ),
        (["DELETE FROM audit_entries WHERE id = (SELECT max(id) FROM audit_entries)"], None, "最后"),
    ],
    ids=["edited", "deleted", "reordered", "tail-truncated"],
)
def test_tampering_is_detected_by_check(
    busy_ctx: AppContext, statements: list[str], broken_id: int | None, words: str
) -> None:
    _hand_edit(busy_ctx, *statements)
    report = run_check(busy_ctx.sessions, busy_ctx.attachments)
    assert not report.ok and report.audit_problem is not None
    assert words in report.audit_problem
    if broken_id is not None:
        assert f"第 {broken_id} 条" in report.audit_problem


def test_masking_and_logged_unmasking(busy_ctx: AppContext, admin: Actor) -> None:
    assert mask_id_number("310101199001011234") == "3101**********1234"
    assert mask_phone("13812345678") == "138****5678"
    assert (
        reveal(busy_ctx.sessions, admin, "申请", 7, "身份证号", "310101199001011234") == "310101199001011234"
    )
    last = _entries(busy_ctx)[-1]
    assert (last.action, last.entity, last.entity_id) == ("查看完整信息", "申请", "7")
    reviewer = Actor(5, "bm", "保密员", frozenset({Role.SECRECY_REVIEWER}))
    with pytest.raises(Exception, match="查看完整身份证号和电话"):
        reveal(busy_ctx.sessions, reviewer, "申请", 7, "身份证号", "310101199001011234")
