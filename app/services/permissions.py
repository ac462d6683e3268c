"""Roles, permissions and the acting account. Checked here in the services; the UI only hides."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.errors import UserFacingError


class Role(StrEnum):
    ADMIN = "管理员"
    CLERK = "经办人"
    SECTION_HEAD = "科室负责人"
    SECRECY_REVIEWER = "保密审查员"
    LEADER = "分管领导"


class Perm(StrEnum):
    MANAGE_ACCOUNTS = "管理账户"
    EDIT_OFFICE = "修改单位信息和设置"
    EDIT_CALENDAR = "修改节假日安排"
    EDIT_TEMPLATES = "修改文书模板"
    SIGN_SECRECY_REVIEW = "签署保密审查意见"
    SIGN_DRAFT_REVIEW = "签署承办人初审意见"
    SIGN_SECTION_REVIEW = "签署科室负责人审核意见"
    APPROVE_PUBLICATION = "审批公开"
    APPROVE_EXTENSION = "批准延期答复"
    DELETE_CLOSED_CASE = "删除已办结申请"
    DELETE_ISSUED_INDEX = "删除已生成索引号的公文"
    VIEW_AUDIT = "查看操作日志"
    UNMASK_PERSONAL_DATA = "查看完整身份证号和电话"
    REGISTER = "登记和起草"
    PUBLISH_ANNUAL_REPORT = "公布并锁定年度报告"
    RECORD_PAST_PUBLICATION = "登记使用本程序之前的历史公开"


# 条例 art. 17 (审查机制), art. 33 ¶2 (延期需负责人同意): who may do what.
ALLOWED: dict[Perm, frozenset[Role]] = {
    Perm.MANAGE_ACCOUNTS: frozenset({Role.ADMIN}),
    Perm.EDIT_OFFICE: frozenset({Role.ADMIN}),
    Perm.EDIT_CALENDAR: frozenset({Role.ADMIN}),
    Perm.EDIT_TEMPLATES: frozenset({Role.ADMIN}),
    Perm.SIGN_SECRECY_REVIEW: frozenset({Role.SECRECY_REVIEWER}),
    # RULES §5.1 four-level review: 承办人初审 → 科室负责人审核 → 保密审查员审查 → 分管领导审批.
    Perm.SIGN_DRAFT_REVIEW: frozenset({Role.CLERK}),
    Perm.SIGN_SECTION_REVIEW: frozenset({Role.SECTION_HEAD}),
    Perm.APPROVE_PUBLICATION: frozenset({Role.LEADER}),
    Perm.APPROVE_EXTENSION: frozenset({Role.SECTION_HEAD, Role.LEADER}),
    Perm.DELETE_CLOSED_CASE: frozenset({Role.ADMIN, Role.SECTION_HEAD, Role.LEADER}),
    Perm.DELETE_ISSUED_INDEX: frozenset({Role.ADMIN, Role.SECTION_HEAD, Role.LEADER}),
    Perm.VIEW_AUDIT: frozenset({Role.ADMIN, Role.LEADER}),
    Perm.UNMASK_PERSONAL_DATA: frozenset({Role.ADMIN, Role.CLERK, Role.SECTION_HEAD, Role.LEADER}),
    Perm.REGISTER: frozenset(Role),
    # 国办公开办函〔2021〕30号（四）：分管领导对年度报告承担领导责任; 管理员 keeps the data.
    Perm.PUBLISH_ANNUAL_REPORT: frozenset({Role.ADMIN, Role.LEADER}),
    # 先审查、后公开 (RULES §10 rule 30): a publication reviewed on paper before the app, back-dated by the
    # data's keeper only, audited and marked 「历史公开（线下审查）」 (issue 19).
    Perm.RECORD_PAST_PUBLICATION: frozenset({Role.ADMIN}),
}


@dataclass(frozen=True)
class Actor:
    """Who is acting: the signed-in account, or the system (migrations, seeding, CLI maintenance)."""

    account_id: int | None
    username: str
    display_name: str
    roles: frozenset[Role]

    def can(self, perm: Perm) -> bool:
        return bool(self.roles & ALLOWED[perm])


SYSTEM = Actor(None, "system", "系统", frozenset(Role))
# The command line (app/cli*.py) runs with the operating system's access to the data folder, which is total
# already: where a service allows it, it acts as the folder's 管理员. No account can have this user name
# (user names are ASCII), and the windowed program only ever acts as a logged-in account.
COMMAND_LINE = "命令行"


def is_command_line(actor: Actor) -> bool:
    return actor.account_id is None and actor.username == COMMAND_LINE


class SessionEndedError(UserFacingError):
    """The signed-in account was deactivated or removed: the window locks and asks for a log-in."""


def require(actor: Actor, perm: Perm) -> None:
    if not actor.can(perm):
        needed = "或".join(role.value for role in Role if role in ALLOWED[perm])
        raise UserFacingError(f"「{perm}」需要{needed}角色，当前账户（{actor.display_name}）没有这个权限。")
