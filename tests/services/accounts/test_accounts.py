from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from app.errors import UserFacingError
from app.models import AuditEntry
from app.services.accounts.service import MAX_FAILED_ATTEMPTS
from app.services.context import AppContext
from app.services.permissions import Actor, Role
from tests.conftest import ADMIN_PASSWORD


def test_first_admin_then_log_in_and_no_second_first_admin(ctx: AppContext) -> None:
    assert ctx.accounts.auto_login() is None  # no account yet: the first-run dialog must run
    admin = ctx.accounts.create_first_admin(" admin ", " 王管理 ", ADMIN_PASSWORD)
    assert admin.username == "admin" and admin.display_name == "王管理"
    assert admin.roles == frozenset({Role.ADMIN, Role.CLERK})
    assert ctx.accounts.authenticate("ADMIN", ADMIN_PASSWORD) == admin  # user names ignore case
    with pytest.raises(UserFacingError, match="已经有管理员"):
        ctx.accounts.create_first_admin("other", "别人", "whatever-1")


def test_password_never_stored_or_logged_in_clear(ctx: AppContext, admin: Actor) -> None:
    ctx.accounts.set_password(admin, admin.account_id or 0, "new-secret-9")
    with ctx.sessions() as session:
        rows = session.execute(select(AuditEntry.details_json)).scalars().all()
        stored = session.execute(select(AuditEntry)).scalars().all()
    assert rows and not any("new-secret-9" in text or "admin-pass-1" in text for text in rows)
    assert stored  # log-in and password change are audited, without the value
    raw = ctx.paths.database.read_bytes() + b"".join(
        p.read_bytes() for p in ctx.paths.root.glob("*.sqlite3-wal")
    )
    assert b"new-secret-9" not in raw


@pytest.mark.parametrize(
    ("username", "name", "password", "message"),
    [
        ("  ", "张三", "secret-1", "用户名"),
        ("zhangsan", "   ", "secret-1", "请填写姓名"),
        ("zhang san", "张三", "secret-1", "用户名"),
        ("zhangsan", "张三", "x" * 100_000, "不能超过"),
        ("zhangsan", "张三", "12345", "至少 6 位"),
        ("ADMIN", "张三", "secret-1", "已被使用"),
    ],
)
def test_bad_account_input_is_refused(
    ctx: AppContext, admin: Actor, username: str, name: str, password: str, message: str
) -> None:
    with pytest.raises(UserFacingError, match=message):
        ctx.accounts.create_account(admin, username, name, password, frozenset({Role.CLERK}))
    assert ctx.accounts.count() == 1


def test_five_failures_lock_for_five_minutes(ctx: AppContext, admin: Actor) -> None:
    now = datetime(2025, 3, 3, 9, 0)
    for attempt in range(1, MAX_FAILED_ATTEMPTS):
        with pytest.raises(UserFacingError, match=f"还可以再试 {MAX_FAILED_ATTEMPTS - attempt} 次"):
            ctx.accounts.authenticate("admin", "wrong", now)
    with pytest.raises(UserFacingError, match="已锁定"):
        ctx.accounts.authenticate("admin", "wrong", now)
    with pytest.raises(UserFacingError, match="已锁定"):  # even the right password, while locked
        ctx.accounts.authenticate("admin", ADMIN_PASSWORD, now + timedelta(minutes=4, seconds=59))
    assert ctx.accounts.authenticate("admin", ADMIN_PASSWORD, now + timedelta(minutes=5, seconds=1)) == admin


def test_unknown_user_gets_the_same_message(ctx: AppContext, admin: Actor) -> None:
    with pytest.raises(UserFacingError, match="^用户名或密码不正确。$"):
        ctx.accounts.authenticate("nobody", "whatever")


def test_single_account_mode_skips_password_until_a_second_account(ctx: AppContext, admin: Actor) -> None:
    assert ctx.accounts.auto_login() == admin
    ctx.accounts.set_single_account_mode(admin, False)
    assert ctx.accounts.auto_login() is None
    ctx.accounts.set_single_account_mode(admin, True)
    ctx.accounts.create_account(admin, "lisi", "李四", "secret-1", frozenset({Role.CLERK}))
    assert ctx.accounts.auto_login() is None  # two accounts: everyone logs in


def test_last_admin_cannot_be_removed(ctx: AppContext, admin: Actor) -> None:
    with pytest.raises(UserFacingError, match="至少要保留一个"):
        ctx.accounts.update_account(admin, admin.account_id or 0, "王管理", frozenset({Role.CLERK}), True)
    info = ctx.accounts.list_accounts()[0]
    assert Role.ADMIN in info.roles


def test_account_edits_are_audited_field_by_field(ctx: AppContext, admin: Actor) -> None:
    info = ctx.accounts.create_account(admin, "lisi", "李四", "secret-1", frozenset({Role.CLERK}))
    ctx.accounts.update_account(admin, info.id, "李四（借调）", frozenset({Role.CLERK, Role.LEADER}), True)
    with ctx.sessions() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last is not None and last.action == "修改" and last.entity == "账户"
    assert '"姓名": ["李四", "李四（借调）"]' in last.details_json
    assert '"角色": ["经办人", "经办人、分管领导"]' in last.details_json


def test_check_reports_an_account_row_edited_by_hand(ctx: AppContext, admin: Actor) -> None:
    import sqlite3

    from app.services.storage.integrity import run_check

    with sqlite3.connect(ctx.paths.database) as connection:
        connection.execute("UPDATE accounts SET roles = '超级用户', password_hash = 'plain' WHERE id = 1")
    report = run_check(ctx.sessions, ctx.attachments)
    assert not report.ok
    assert any("角色" in p for p in report.account_problems)
    assert any("密码记录" in p for p in report.account_problems)
