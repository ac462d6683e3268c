"""Accounts: the first administrator, log-in with lockout, and account management (管理员 only)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models import Account, Setting
from app.services.accounts.passwords import (
    check_password_rules,
    hash_password,
    is_valid_hash,
    verify_password,
)
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.common import SessionFactory, clock_for
from app.services.permissions import (
    Actor,
    Perm,
    Role,
    SessionEndedError,
    is_command_line,
    require,
)

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=5)
USERNAME_RE = re.compile(r"^[A-Za-z0-9_.\-]{2,32}$")
SINGLE_MODE_KEY = "auth.single_account_mode"
ROLE_SEPARATOR = "、"
ENTITY = "账户"


@dataclass(frozen=True)
class AccountInfo:
    id: int
    username: str
    display_name: str
    roles: frozenset[Role]
    active: bool
    locked_until: str | None


def _roles(text: str) -> frozenset[Role]:
    return frozenset(Role(name) for name in text.split(ROLE_SEPARATOR) if name)


def _roles_text(roles: frozenset[Role]) -> str:
    return ROLE_SEPARATOR.join(role.value for role in Role if role in roles)


def _info(row: Account) -> AccountInfo:
    return AccountInfo(
        row.id, row.username, row.display_name, _roles(row.roles), row.active, row.locked_until
    )


def actor_of(info: AccountInfo) -> Actor:
    return Actor(info.id, info.username, info.display_name, info.roles)


def verify_actor(session: Session, actor: Actor, doing: str, *, command_line: bool = False) -> Actor:
    """The acting account as the accounts table has it now, never as the caller describes it.

    Refused: an actor without an account (unless `command_line` and it is the command line, which then acts
    as 管理员), an account that no longer exists or is deactivated (SessionEndedError: the window locks).
    The returned actor carries the table's roles and name, so a role taken away counts at once.
    """
    if is_command_line(actor):
        if command_line:
            return Actor(None, actor.username, actor.display_name, frozenset({Role.ADMIN}))
        raise UserFacingError(f"命令行不能{doing}，请在程序窗口中用本人的账户登录后操作。")
    if actor.account_id is None:
        raise UserFacingError(
            f"「{actor.display_name}」不是本单位登记的账户，不能{doing}。"
            "只有在「设置 → 账户」中登记并启用的账户才能操作，请用本人的账户登录。"
        )
    row = session.get(Account, actor.account_id)
    if row is None:
        raise SessionEndedError(f"当前账户（{actor.display_name}）已不存在，不能{doing}。请重新登录。")
    if not row.active:
        raise SessionEndedError(
            f"账户「{row.display_name}」已被停用，不能再{doing}。窗口已锁定，请用仍在启用的账户重新登录。"
        )
    try:
        return actor_of(_info(row))
    except ValueError:  # a role edited by hand into something the program never writes
        raise UserFacingError(
            f"账户「{row.display_name}」的角色记录无效，请管理员在「设置 → 账户」中重新设置。"
        ) from None


def _clean_names(username: str, display_name: str) -> tuple[str, str]:
    username, display_name = username.strip(), display_name.strip()
    if not USERNAME_RE.match(username):
        raise UserFacingError("用户名用 2～32 位字母、数字、下划线、点或连字符，例如 zhangsan。")
    if not display_name:
        raise UserFacingError("请填写姓名。")
    if len(display_name) > 50:
        raise UserFacingError("姓名不超过 50 个字。")
    return username, display_name


def _clean_roles(roles: frozenset[Role]) -> frozenset[Role]:
    if not roles:
        raise UserFacingError("请至少选择一个角色。")
    return roles


class AccountService:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions
        self._clock = clock_for(sessions)

    def count(self) -> int:
        with self._sessions() as session:
            return int(session.scalar(select(func.count()).select_from(Account)) or 0)

    def list_accounts(self) -> list[AccountInfo]:
        with self._sessions() as session:
            return [_info(row) for row in session.scalars(select(Account).order_by(Account.id))]

    def single_account_mode(self) -> bool:
        with self._sessions() as session:
            row = session.get(Setting, SINGLE_MODE_KEY)
        return row is None or row.value_json == "true"

    def set_single_account_mode(self, actor: Actor, enabled: bool) -> None:
        require(actor, Perm.MANAGE_ACCOUNTS)
        with self._sessions.begin() as session:
            old = session.get(Setting, SINGLE_MODE_KEY)
            session.merge(Setting(key=SINGLE_MODE_KEY, value_json="true" if enabled else "false"))
            audit.record(
                session,
                actor,
                Action.SETTINGS,
                "设置",
                SINGLE_MODE_KEY,
                {"单人模式": (old is None or old.value_json == "true", enabled)},
            )

    def auto_login(self) -> Actor | None:
        """Single-account mode: exactly one active account and the mode is on → no password prompt."""
        with self._sessions() as session:
            rows = list(session.scalars(select(Account).where(Account.active)))
        if len(rows) != 1 or self.count() != 1 or not self.single_account_mode():
            return None
        return actor_of(_info(rows[0]))

    def create_first_admin(self, username: str, display_name: str, password: str) -> Actor:
        username, display_name = _clean_names(username, display_name)
        check_password_rules(password)
        with self._sessions.begin() as session:
            if session.scalar(select(func.count()).select_from(Account)):
                raise UserFacingError("已经有管理员账户，请用管理员登录后再添加账户。")
            row = Account(
                username=username,
                display_name=display_name,
                password_hash=hash_password(password),
                roles=_roles_text(frozenset({Role.ADMIN, Role.CLERK})),
                active=True,
                failed_attempts=0,
            )
            session.add(row)
            session.flush()
            actor = actor_of(_info(row))
            audit.record(session, actor, Action.CREATE, ENTITY, row.id, username=username, roles=row.roles)
        return actor

    def create_account(
        self, actor: Actor, username: str, display_name: str, password: str, roles: frozenset[Role]
    ) -> AccountInfo:
        require(actor, Perm.MANAGE_ACCOUNTS)
        username, display_name = _clean_names(username, display_name)
        roles = _clean_roles(roles)
        check_password_rules(password)
        with self._sessions.begin() as session:
            if session.scalar(select(Account.id).where(func.lower(Account.username) == username.lower())):
                raise UserFacingError(f"用户名「{username}」已被使用，请换一个。")
            row = Account(
                username=username,
                display_name=display_name,
                password_hash=hash_password(password),
                roles=_roles_text(roles),
                active=True,
                failed_attempts=0,
            )
            session.add(row)
            session.flush()
            audit.record(session, actor, Action.CREATE, ENTITY, row.id, username=username, roles=row.roles)
            return _info(row)

    def update_account(
        self, actor: Actor, account_id: int, display_name: str, roles: frozenset[Role], active: bool
    ) -> AccountInfo:
        require(actor, Perm.MANAGE_ACCOUNTS)
        _, display_name = _clean_names("placeholder", display_name)
        roles = _clean_roles(roles)
        with self._sessions.begin() as session:
            row = self._get(session, account_id)
            before = {"姓名": row.display_name, "角色": row.roles, "启用": row.active}
            row.display_name, row.roles, row.active = display_name, _roles_text(roles), active
            self._keep_an_admin(session)
            after = {"姓名": row.display_name, "角色": row.roles, "启用": row.active}
            audit.record(session, actor, Action.UPDATE, ENTITY, row.id, audit.diff(before, after))
            return _info(row)

    def set_password(self, actor: Actor, account_id: int, new_password: str) -> None:
        if actor.account_id != account_id:
            require(actor, Perm.MANAGE_ACCOUNTS)
        check_password_rules(new_password)
        with self._sessions.begin() as session:
            row = self._get(session, account_id)
            row.password_hash = hash_password(new_password)
            row.failed_attempts, row.locked_until = 0, None
            audit.record(session, actor, Action.UPDATE, ENTITY, row.id, field="密码")  # never the value

    def authenticate(self, username: str, password: str, now: datetime | None = None) -> Actor:
        now = now or self._clock.now()
        with self._sessions.begin() as session:
            row = session.scalar(
                select(Account).where(func.lower(Account.username) == username.strip().lower())
            )
            if row is None or not row.active:
                audit.record(
                    session, _anonymous(username), Action.LOGIN_FAILED, ENTITY, "", reason="无此账户或已停用"
                )
                raise UserFacingError("用户名或密码不正确。")
            if row.locked_until and datetime.fromisoformat(row.locked_until) > now:
                minutes = max(
                    1, int((datetime.fromisoformat(row.locked_until) - now).total_seconds() // 60) + 1
                )
                raise UserFacingError(
                    f"密码连续输错 {MAX_FAILED_ATTEMPTS} 次，账户已锁定，请 {minutes} 分钟后再试。"
                )
            if not verify_password(password, row.password_hash):
                row.failed_attempts += 1
                left = MAX_FAILED_ATTEMPTS - row.failed_attempts
                if left <= 0:
                    row.locked_until = (now + LOCKOUT).isoformat(timespec="seconds")
                    row.failed_attempts = 0
                audit.record(session, actor_of(_info(row)), Action.LOGIN_FAILED, ENTITY, row.id)
                message = (
                    f"用户名或密码不正确，还可以再试 {left} 次。"
                    if left > 0
                    else f"密码连续输错 {MAX_FAILED_ATTEMPTS} 次，账户已锁定 {LOCKOUT.seconds // 60} 分钟。"
                )
                failure = UserFacingError(message)
            else:
                row.failed_attempts, row.locked_until = 0, None
                actor = actor_of(_info(row))
                audit.record(session, actor, Action.LOGIN, ENTITY, row.id)
                return actor
        raise failure

    def log_out(self, actor: Actor) -> None:
        with self._sessions.begin() as session:
            audit.record(session, actor, Action.LOGOUT, ENTITY, actor.account_id or "")

    def problems(self) -> list[str]:
        """For `check`: rows edited by hand that the app could never have written."""
        found: list[str] = []
        with self._sessions() as session:
            for row in session.scalars(select(Account)):
                try:
                    roles = _roles(row.roles)
                except ValueError:
                    roles = frozenset()
                if not roles:
                    found.append(f"账户 {row.id}（{row.username}）的角色「{row.roles}」无效")
                if not is_valid_hash(row.password_hash):
                    found.append(f"账户 {row.id}（{row.username}）的密码记录格式无效")
        return found

    @staticmethod
    def _get(session: Session, account_id: int) -> Account:
        row = session.get(Account, account_id)
        if row is None:
            raise UserFacingError("这个账户已不存在，请刷新列表。")
        return row

    @staticmethod
    def _keep_an_admin(session: Session) -> None:
        session.flush()
        admins = [
            row
            for row in session.scalars(select(Account).where(Account.active))
            if Role.ADMIN in _roles(row.roles)
        ]
        if not admins:
            raise UserFacingError("至少要保留一个启用的管理员账户。")


def _anonymous(username: str) -> Actor:
    return Actor(None, username.strip()[:64] or "（空）", "未登录", frozenset())
