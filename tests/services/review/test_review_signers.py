"""Issue 19, only real, active accounts sign and publish: G5 (no account), G6 (deactivated), roles taken
away, and the same check in creating sheets, publishing, importing the ledger and building a package."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from app.errors import UserFacingError
from app.services.context import AppContext
from app.services.documents.ledger import DocumentLedger, LedgerPreview
from app.services.documents.rules import DocumentInput
from app.services.permissions import SYSTEM, Actor, Role, SessionEndedError
from tests.services.review_support import NONE_APPLY, approve, make_signers

LEADER_ROLES = frozenset({Role.CLERK, Role.SECTION_HEAD, Role.SECRECY_REVIEWER, Role.LEADER})


@pytest.fixture
def signers(office_ctx: AppContext, admin: Actor) -> dict[str, Actor]:
    return make_signers(office_ctx, admin)


def _sheet(ctx: AppContext, actor: Actor) -> tuple[int, int]:
    document = ctx.documents.create(actor, DocumentInput("关于做好冬季防火工作的通知", "测试镇人民政府"))
    sheet = ctx.reviews.create(actor, "document", document.id)
    if actor.account_id is not None:  # the points are answered before anyone signs (issue 21)
        ctx.reviews.answer_checks(actor, sheet.id, NONE_APPLY)
    return document.id, sheet.id


def test_g5_an_actor_without_an_account_signs_nothing(office_ctx: AppContext, admin: Actor) -> None:
    _doc, sheet_id = _sheet(office_ctx, admin)
    nobody = Actor(None, "ghost", "某人", LEADER_ROLES)  # every role, claimed by the caller
    for step in range(4):
        with pytest.raises(UserFacingError, match="不是本单位登记的账户"):
            office_ctx.reviews.sign(nobody, sheet_id, True, "同意", "同意公开" if step == 3 else "")
    forged = Actor(404, "ghost", "某人", LEADER_ROLES)  # an account id the table does not have
    with pytest.raises(SessionEndedError, match="已不存在"):
        office_ctx.reviews.sign(forged, sheet_id, True, "同意")
    for system in (SYSTEM, replace(SYSTEM, username="命令行", display_name="命令行")):
        with pytest.raises(UserFacingError):
            office_ctx.reviews.sign(system, sheet_id, True, "同意")
    assert office_ctx.reviews.detail(sheet_id).signoffs == ()


def test_roles_come_from_the_accounts_table_not_from_the_caller(
    office_ctx: AppContext, admin: Actor, signers: dict[str, Actor]
) -> None:
    _doc, sheet_id = _sheet(office_ctx, signers["clerk"])
    claims_more = replace(signers["clerk"], roles=LEADER_ROLES)
    office_ctx.reviews.sign(claims_more, sheet_id, True, "")  # 承办人初审: the clerk's own step
    with pytest.raises(UserFacingError, match="需要科室负责人角色，当前账户（张三）"):
        office_ctx.reviews.sign(claims_more, sheet_id, True, "")  # the roles it claims are not its roles
    clerk = signers["clerk"]
    both = frozenset({Role.CLERK, Role.SECTION_HEAD})
    office_ctx.accounts.update_account(admin, clerk.account_id or 0, clerk.display_name, both, True)
    with pytest.raises(UserFacingError, match="同一张审查单的各步骤应由不同的人签署"):
        office_ctx.reviews.sign(clerk, sheet_id, True, "")
    head = signers["head"]
    office_ctx.accounts.update_account(
        admin, head.account_id or 0, head.display_name, frozenset({Role.CLERK}), True
    )
    with pytest.raises(UserFacingError, match="科室负责人"):  # the role was taken away meanwhile
        office_ctx.reviews.sign(head, sheet_id, True, "")
    assert [s.signer_name for s in office_ctx.reviews.detail(sheet_id).signoffs] == ["张三"]


def test_g6_a_deactivated_accounts_open_session_ends_at_its_next_action(
    office_ctx: AppContext, admin: Actor, signers: dict[str, Actor]
) -> None:
    doc_id, sheet_id = _sheet(office_ctx, signers["clerk"])
    clerk = signers["clerk"]
    office_ctx.accounts.update_account(admin, clerk.account_id or 0, clerk.display_name, clerk.roles, False)
    with pytest.raises(SessionEndedError, match="已被停用"):
        office_ctx.reviews.sign(clerk, sheet_id, True, "")
    with pytest.raises(SessionEndedError):
        office_ctx.reviews.create(clerk, "document", doc_id)
    with pytest.raises(SessionEndedError):
        office_ctx.documents.publish(clerk, doc_id, office_ctx.clock.now())
    assert office_ctx.reviews.detail(sheet_id).signoffs == ()


def test_publishing_importing_and_exporting_need_a_real_account(
    office_ctx: AppContext, admin: Actor, signers: dict[str, Actor], tmp_path: Path
) -> None:
    doc_id, _sheet_id = _sheet(office_ctx, signers["clerk"])
    nobody = Actor(None, "ghost", "某人", frozenset(Role))
    with pytest.raises(UserFacingError, match="不是本单位登记的账户"):
        office_ctx.reviews.create(nobody, "document", doc_id)
    with pytest.raises(UserFacingError, match="不是本单位登记的账户"):
        office_ctx.documents.publish(nobody, doc_id, office_ctx.clock.now())
    with pytest.raises(UserFacingError, match="不是本单位登记的账户"):
        office_ctx.postings.mark_posted(nobody, 1, office_ctx.clock.now())
    with pytest.raises(UserFacingError, match="不是本单位登记的账户"):
        office_ctx.decisions.publish_directory(nobody, 2026, office_ctx.clock.today())
    ledger = DocumentLedger(office_ctx.sessions, office_ctx.documents)
    with pytest.raises(UserFacingError, match="不是本单位登记的账户"):
        ledger.save(nobody, LedgerPreview("台账.xlsx"))
    with pytest.raises(UserFacingError, match="不是本单位登记的账户"):
        office_ctx.exports.build(nobody, tmp_path / "上报.zip")
    with pytest.raises(UserFacingError, match="命令行不能"):  # the command line is 管理员 only where allowed
        office_ctx.documents.publish(replace(SYSTEM, username="命令行"), doc_id, office_ctx.clock.now())


def test_each_step_by_a_different_person_then_publish(
    office_ctx: AppContext, signers: dict[str, Actor]
) -> None:
    doc_id, _sheet_id = _sheet(office_ctx, signers["clerk"])
    office_ctx.reviews.sign(signers["clerk"], _sheet_id, False, "先补充附件")  # the open sheet ends
    sheet = approve(office_ctx, signers, "document", doc_id)
    assert [s.account_id for s in sheet.signoffs] == [
        signers[k].account_id for k in ("clerk", "head", "secrecy", "leader")
    ]
    published = office_ctx.documents.publish(
        signers["clerk"], doc_id, office_ctx.clock.now() + timedelta(seconds=1)
    )
    assert published.published_at is not None
