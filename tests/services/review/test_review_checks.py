"""Issue 21 point 2: the six 审查要点 are answered by the clerk, never pre-ticked 否."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document as DocxDocument

from app.errors import UserFacingError
from app.models.document import ReviewSheet
from app.services.context import AppContext
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor
from app.services.review.forms import ReviewForms
from app.services.review.types import CHECK_ITEMS, PaperSignoff, SheetDetail, SheetForm
from app.services.settings import registry
from tests.services.review_support import NONE_APPLY

OFFICE = "测试镇人民政府"


def _document_sheet(ctx: AppContext, clerk: Actor) -> SheetDetail:
    """As 公文登记's 「保密审查」 button makes it: no form at all."""
    document = ctx.documents.create(clerk, DocumentInput("关于低保对象的公示", OFFICE))
    return ctx.reviews.create_for_document(clerk, document.id)


def test_a_sheet_from_the_register_starts_with_every_point_unanswered(
    office_ctx: AppContext, admin: Actor
) -> None:
    sheet = _document_sheet(office_ctx, admin)
    assert sheet.values.checks == {} and sheet.values.unanswered == CHECK_ITEMS
    with office_ctx.sessions() as session:
        row = session.get(ReviewSheet, sheet.id)
        assert row is not None and json.loads(row.checks_json) == {}  # nothing saved as 否


def test_no_signature_until_every_point_is_answered(office_ctx: AppContext, admin: Actor) -> None:
    office_ctx.settings.set(admin, registry.PAPER_SIGNERS, "周强（党政办主任）")
    sheet = _document_sheet(office_ctx, admin)
    with pytest.raises(UserFacingError, match="审查要点「国家秘密、工作秘密.*」还没有回答"):
        office_ctx.reviews.sign(admin, sheet.id, True, "")
    partly = dict(list(NONE_APPLY.items())[:4])
    sheet = office_ctx.reviews.answer_checks(admin, sheet.id, partly)
    message = "审查要点「危及“三安全一稳定”、需征求第三方或其他机关意见」还没有回答"
    with pytest.raises(UserFacingError, match=message):
        office_ctx.reviews.sign(admin, sheet.id, True, "")
    with pytest.raises(UserFacingError, match=message):  # from paper neither
        paper = PaperSignoff("周强", "", office_ctx.clock.today())
        office_ctx.reviews.record_paper(admin, sheet.id, paper)
    sheet = office_ctx.reviews.answer_checks(admin, sheet.id, NONE_APPLY)
    assert office_ctx.reviews.sign(admin, sheet.id, True, "").signoffs[0].signer_name == "王管理"


def test_a_yes_needs_a_note_and_suggests_withholding(office_ctx: AppContext, admin: Actor) -> None:
    sheet = _document_sheet(office_ctx, admin)
    assert sheet.default_conclusion == "同意公开"
    privacy = {**NONE_APPLY, "个人隐私": True}
    with pytest.raises(UserFacingError, match="「个人隐私」选择了「是」，请写明"):
        office_ctx.reviews.answer_checks(admin, sheet.id, privacy)
    with pytest.raises(UserFacingError, match="「个人隐私」选择了「是」"):
        office_ctx.reviews.answer_checks(admin, sheet.id, privacy, {"个人隐私": "   "})
    sheet = office_ctx.reviews.answer_checks(
        admin, sheet.id, privacy, {"个人隐私": "名单含身份证号，遮盖后公开"}
    )
    assert sheet.values.check_notes == {"个人隐私": "名单含身份证号，遮盖后公开"}
    assert sheet.default_conclusion == "部分公开"
    secret = {**privacy, "国家秘密": True}
    notes = {"个人隐私": "遮盖", "国家秘密": "附件二标密"}
    assert office_ctx.reviews.answer_checks(admin, sheet.id, secret, notes).default_conclusion == "不予公开"


def test_the_points_are_fixed_once_signing_starts(office_ctx: AppContext, admin: Actor) -> None:
    sheet = _document_sheet(office_ctx, admin)
    sheet = office_ctx.reviews.answer_checks(admin, sheet.id, NONE_APPLY)
    office_ctx.reviews.sign(admin, sheet.id, True, "")
    with pytest.raises(UserFacingError, match="已开始签署，审查要点不能再改"):
        office_ctx.reviews.answer_checks(admin, sheet.id, {**NONE_APPLY, "个人隐私": True}, {"个人隐私": "x"})


def test_the_form_dialog_answers_are_kept_and_unknown_points_refused(
    office_ctx: AppContext, admin: Actor
) -> None:
    document = office_ctx.documents.create(admin, DocumentInput("关于秋季防火的通知", OFFICE))
    form = SheetForm(checks={"商业秘密": False, "个人隐私": True}, check_notes={"个人隐私": "遮盖电话"})
    sheet = office_ctx.reviews.create(admin, "document", document.id, form)
    assert sheet.values.checks == {"商业秘密": False, "个人隐私": True}
    assert "国家秘密" in sheet.values.unanswered and sheet.default_conclusion == "部分公开"
    with pytest.raises(UserFacingError, match="未知的审查要点：外星人"):
        office_ctx.reviews.answer_checks(admin, sheet.id, {"外星人": False})


def test_the_printed_sheet_leaves_an_unanswered_point_blank(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    document = office_ctx.documents.create(admin, DocumentInput("关于秋季防火的通知", OFFICE))
    form = SheetForm(checks={"个人隐私": True, "商业秘密": False}, check_notes={"个人隐私": "遮盖电话"})
    sheet = office_ctx.reviews.create(admin, "document", document.id, form)
    path = ReviewForms(office_ctx.sessions).export_sheet(admin, sheet, OFFICE, tmp_path / "空白.docx")
    cells = {row.cells[0].text: row.cells[1].text for row in DocxDocument(str(path)).tables[0].rows}
    points = cells["审查要点"].split("\n")
    assert "是否涉及国家秘密：□是　□否" in points  # to be ticked by hand, not printed as 否
    assert "是否涉及商业秘密：□是　☑否" in points
    assert "是否涉及个人隐私：☑是　□否（遮盖电话）" in points


def test_sheets_from_before_keep_their_stored_answers(office_ctx: AppContext, admin: Actor) -> None:
    sheet = _document_sheet(office_ctx, admin)
    with office_ctx.sessions.begin() as session:  # as an old data folder stored them: all six 否
        row = session.get(ReviewSheet, sheet.id)
        assert row is not None
        row.checks_json = json.dumps(dict.fromkeys(CHECK_ITEMS, False), ensure_ascii=False)
    kept = office_ctx.reviews.detail(sheet.id)
    assert kept.values.checks == NONE_APPLY and kept.values.unanswered == ()


def test_an_account_named_like_a_paper_signer_does_not_sign_twice(
    office_ctx: AppContext, admin: Actor
) -> None:
    """A step recorded from paper for 周强 and then 周强's own account: the same person, two steps."""
    from app.services.accounts.service import actor_of
    from app.services.permissions import Role

    office_ctx.settings.set(admin, registry.PAPER_SIGNERS, "周强（党政办主任）")
    zhou = actor_of(
        office_ctx.accounts.create_account(
            admin, "zhouq", "周强", "zhou-pass-1", frozenset({Role.SECTION_HEAD})
        )
    )
    office_ctx.settings.set(admin, registry.REVIEW_STEPS, "承办人初审、科室负责人审核")
    sheet = office_ctx.reviews.answer_checks(admin, _document_sheet(office_ctx, admin).id, NONE_APPLY)
    office_ctx.reviews.record_paper(admin, sheet.id, PaperSignoff("周强", "", office_ctx.clock.today()))
    with pytest.raises(UserFacingError, match="同一张审查单的各步骤应由不同的人签署"):
        office_ctx.reviews.sign(zhou, sheet.id, True, "", "同意公开")
