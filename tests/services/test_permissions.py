"""The permission matrix: each role × each guarded action, allowed and refused."""

from __future__ import annotations

import pytest

from app.errors import UserFacingError
from app.services.context import AppContext
from app.services.permissions import Actor, Perm, Role, require
from app.services.settings.service import OfficeInfo

A, C, H, S, L = Role.ADMIN, Role.CLERK, Role.SECTION_HEAD, Role.SECRECY_REVIEWER, Role.LEADER
# Written out by hand from the issue, not derived from ALLOWED, so a change to the rules fails here.
EXPECTED: dict[Perm, set[Role]] = {
    Perm.MANAGE_ACCOUNTS: {A},
    Perm.EDIT_OFFICE: {A},
    Perm.EDIT_CALENDAR: {A},
    Perm.EDIT_TEMPLATES: {A},
    Perm.SIGN_SECRECY_REVIEW: {S},
    Perm.SIGN_DRAFT_REVIEW: {C},
    Perm.SIGN_SECTION_REVIEW: {H},
    Perm.APPROVE_PUBLICATION: {L},
    Perm.APPROVE_EXTENSION: {H, L},
    Perm.DELETE_CLOSED_CASE: {A, H, L},
    Perm.DELETE_ISSUED_INDEX: {A, H, L},
    Perm.VIEW_AUDIT: {A, L},
    Perm.UNMASK_PERSONAL_DATA: {A, C, H, L},
    Perm.REGISTER: {A, C, H, S, L},
    Perm.PUBLISH_ANNUAL_REPORT: {A, L},
    Perm.RECORD_PAST_PUBLICATION: {A},
}


def actor(*roles: Role) -> Actor:
    return Actor(99, "tester", "测试员", frozenset(roles))


@pytest.mark.parametrize("perm", list(Perm))
@pytest.mark.parametrize("role", list(Role))
def test_each_role_and_permission(role: Role, perm: Perm) -> None:
    if role in EXPECTED[perm]:
        require(actor(role), perm)
    else:
        with pytest.raises(UserFacingError) as refused:
            require(actor(role), perm)
        needed = [r.value for r in Role if r in EXPECTED[perm]]
        assert all(name in refused.value.message for name in needed), "the message names the role needed"
        assert perm.value in refused.value.message


def test_several_roles_combine() -> None:
    require(actor(C, S), Perm.SIGN_SECRECY_REVIEW)
    with pytest.raises(UserFacingError, match="科室负责人或分管领导"):
        require(actor(C, S), Perm.APPROVE_EXTENSION)


@pytest.mark.parametrize("role", list(Role))
def test_services_enforce_admin_only_actions(ctx: AppContext, admin: Actor, role: Role) -> None:
    info = ctx.accounts.create_account(
        admin, f"user{list(Role).index(role)}", "某人", "secret-1", frozenset({role})
    )
    someone = ctx.accounts.authenticate(info.username, "secret-1")
    guarded = [
        lambda: ctx.settings.save_office(someone, OfficeInfo("某镇人民政府", "CODE-1")),
        lambda: ctx.settings.save_boards(someone, ["甲栏"]),
        lambda: ctx.settings.set(someone, "deadline.count_receipt_day", True),
        lambda: ctx.accounts.create_account(someone, "newbie", "新人", "secret-1", frozenset({C})),
        lambda: ctx.accounts.set_single_account_mode(someone, False),
        lambda: ctx.accounts.set_password(someone, admin.account_id or 0, "hijack-1"),
    ]
    for call in guarded:
        if role is Role.ADMIN:
            call()
        else:
            with pytest.raises(UserFacingError, match="需要管理员角色"):
                call()
    ctx.accounts.set_password(someone, info.id, "my-own-new-1")  # everyone may change their own password
