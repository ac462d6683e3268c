"""保密审查单: the four-step chain signed by the right roles only, the gate, the printed form."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from openpyxl import load_workbook

from app.errors import UserFacingError
from app.services.accounts.service import actor_of
from app.services.context import AppContext
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor, Role
from app.services.review.forms import ReviewForms
from app.services.review.gate import require_approved_review
from app.services.review.kinds import ItemKind
from app.services.review.types import SheetDetail
from tests.services.review_support import answer_none_apply

PASSWORD = "review-pass-1"


@pytest.fixture
def signers(office_ctx: AppContext, admin: Actor) -> dict[str, Actor]:
    people = {
        "clerk": ("zhangsan", "张三", Role.CLERK),
        "head": ("lisi", "李四", Role.SECTION_HEAD),
        "secrecy": ("wangwu", "王五", Role.SECRECY_REVIEWER),
        "leader": ("zhaoliu", "赵六", Role.LEADER),
    }
    return {
        key: actor_of(office_ctx.accounts.create_account(admin, user, name, PASSWORD, frozenset({role})))
        for key, (user, name, role) in people.items()
    }


def _document(ctx: AppContext, actor: Actor) -> int:
    value = DocumentInput(
        "关于公布2025年惠民资金发放情况的通知", "测试镇人民政府", doc_number="测府发〔2025〕5号"
    )
    return ctx.documents.create(actor, value).id


def _answered(ctx: AppContext, clerk: Actor, doc_id: int) -> SheetDetail:
    """A sheet from 公文登记 with its 审查要点 answered 否 by the clerk."""
    sheet = ctx.reviews.create_for_document(clerk, doc_id)
    return answer_none_apply(ctx, clerk, sheet.id)


def test_full_chain_then_publish(office_ctx: AppContext, signers: dict[str, Actor]) -> None:
    doc_id = _document(office_ctx, signers["clerk"])
    sheet = _answered(office_ctx, signers["clerk"], doc_id)
    assert sheet.number == f"保审〔{office_ctx.clock.today().year}〕1号"
    for key in ("clerk", "head", "secrecy"):
        assert sheet.can_sign(signers[key])
        sheet = office_ctx.reviews.sign(signers[key], sheet.id, True, "未发现涉密内容")
    assert sheet.next_step == "分管领导审批"
    with pytest.raises(UserFacingError, match="审查结论"):
        office_ctx.reviews.sign(signers["leader"], sheet.id, True, "同意")
    sheet = office_ctx.reviews.sign(signers["leader"], sheet.id, True, "同意公开", "同意公开")
    assert sheet.status == "已通过" and sheet.approved_at is not None
    assert [s.signer_name for s in sheet.signoffs] == ["张三", "李四", "王五", "赵六"]
    published = office_ctx.documents.publish(
        signers["clerk"], doc_id, office_ctx.clock.now() + timedelta(seconds=1)
    )
    assert published.published_at is not None and published.review_status == "已通过"


def test_only_the_right_role_signs_each_step(office_ctx: AppContext, signers: dict[str, Actor]) -> None:
    sheet = _answered(office_ctx, signers["clerk"], _document(office_ctx, signers["clerk"]))
    for key in ("head", "secrecy", "leader"):
        assert not sheet.can_sign(signers[key])
        with pytest.raises(UserFacingError, match="签署承办人初审意见"):
            office_ctx.reviews.sign(signers[key], sheet.id, True, "")
    sheet = office_ctx.reviews.sign(signers["clerk"], sheet.id, True, "")
    with pytest.raises(UserFacingError, match="科室负责人"):
        office_ctx.reviews.sign(signers["secrecy"], sheet.id, True, "")


def test_rejection_stops_the_chain_and_blocks_publication(
    office_ctx: AppContext, signers: dict[str, Actor]
) -> None:
    doc_id = _document(office_ctx, signers["clerk"])
    sheet = _answered(office_ctx, signers["clerk"], doc_id)
    sheet = office_ctx.reviews.sign(signers["clerk"], sheet.id, True, "")
    with pytest.raises(UserFacingError, match="理由"):
        office_ctx.reviews.sign(signers["head"], sheet.id, False, "")
    sheet = office_ctx.reviews.sign(signers["head"], sheet.id, False, "附件含有身份证号，请删除后重报")
    assert sheet.status == "未通过" and sheet.next_step is None
    with pytest.raises(UserFacingError, match="未通过审查"):
        office_ctx.documents.publish(signers["clerk"], doc_id, office_ctx.clock.now())
    again = _answered(office_ctx, signers["clerk"], doc_id)  # a new sheet after revision
    with pytest.raises(UserFacingError, match="一事一审"):
        _answered(office_ctx, signers["clerk"], doc_id)
    assert again.status == "审查中"


def test_gate_requires_approval_before_publication_time(
    office_ctx: AppContext, signers: dict[str, Actor]
) -> None:
    doc_id = _document(office_ctx, signers["clerk"])
    sheet = _answered(office_ctx, signers["clerk"], doc_id)
    for key in ("clerk", "head", "secrecy"):
        sheet = office_ctx.reviews.sign(signers[key], sheet.id, True, "")
    sheet = office_ctx.reviews.sign(signers["leader"], sheet.id, True, "", "部分公开")
    assert sheet.approved_at is not None
    with office_ctx.sessions() as session:
        with pytest.raises(UserFacingError, match="晚于公开时间"):
            require_approved_review(
                session, ItemKind.DOCUMENT, doc_id, sheet.approved_at - timedelta(hours=1)
            )
        clearance = require_approved_review(session, "document", doc_id, sheet.approved_at)
        assert clearance.sheet_number == sheet.number and clearance.conclusion == "部分公开"
        with pytest.raises(UserFacingError, match="公开栏张贴已不存在"):
            require_approved_review(session, ItemKind.POSTING, doc_id, office_ctx.clock.now())


def test_withholding_conclusion_never_clears(office_ctx: AppContext, signers: dict[str, Actor]) -> None:
    doc_id = _document(office_ctx, signers["clerk"])
    sheet = _answered(office_ctx, signers["clerk"], doc_id)
    for key in ("clerk", "head", "secrecy"):
        sheet = office_ctx.reviews.sign(signers[key], sheet.id, True, "")
    sheet = office_ctx.reviews.sign(signers["leader"], sheet.id, True, "涉及个人隐私", "不予公开")
    assert sheet.status == "未通过" and sheet.conclusion == "不予公开"
    with pytest.raises(UserFacingError, match="不予公开"):
        office_ctx.documents.publish(signers["clerk"], doc_id, office_ctx.clock.now() + timedelta(days=1))


def test_printed_form_and_monthly_summary(
    office_ctx: AppContext, signers: dict[str, Actor], tmp_path: Path
) -> None:
    sheet = _answered(office_ctx, signers["clerk"], _document(office_ctx, signers["clerk"]))
    sheet = office_ctx.reviews.sign(signers["clerk"], sheet.id, True, "已逐项核对")
    forms = ReviewForms(office_ctx.sessions)
    path = forms.export_sheet(signers["clerk"], sheet, "测试镇人民政府", tmp_path / "审查单.docx")
    document = DocxDocument(str(path))
    texts = [p.text for p in document.paragraphs]
    assert "信息公开保密审查单" in texts
    cells = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    labels = [row[0] for row in cells]
    assert labels[:2] == ["拟公开信息名称", "文号"]
    assert "承办人初审意见" in labels and "分管领导审批意见" in labels and "审查结论" in labels
    first_step = cells[labels.index("承办人初审意见")][1]
    assert "同意。已逐项核对" in first_step and "张三" in first_step
    assert "是否涉及国家秘密：□是　☑否" in cells[labels.index("审查要点")][1]
    today = office_ctx.clock.today()
    month = office_ctx.reviews.month(today.year, today.month)
    xlsx = forms.export_month(
        signers["clerk"], month, today.replace(day=1), "测试镇人民政府", tmp_path / "汇总.xlsx"
    )
    rows = list(load_workbook(xlsx).worksheets[0].iter_rows(values_only=True))
    assert rows[0][1] == "审查单编号" and rows[1][1] == sheet.number and rows[1][8] == "审查中"
    docx = forms.export_month(
        signers["clerk"], month, today.replace(day=1), "测试镇人民政府", tmp_path / "汇总.docx"
    )
    assert DocxDocument(str(docx)).tables[0].rows[1].cells[1].text == sheet.number


@pytest.mark.parametrize(
    ("kind", "label"), [("decision_result", "决策结果"), ("decision_feedback", "意见采纳情况反馈")]
)
def test_decision_publications_are_gated_too(office_ctx: AppContext, kind: str, label: str) -> None:
    with office_ctx.sessions() as session, pytest.raises(UserFacingError, match=label):
        require_approved_review(session, kind, 1, datetime(2025, 10, 9, 10, 0))
