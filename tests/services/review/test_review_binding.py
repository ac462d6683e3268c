"""Issue 19, the gate bound to what was reviewed: G1–G4 (documents) and G9 (a directory's 增补)."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.errors import UserFacingError
from app.services.context import AppContext
from app.services.decisions.types import ItemDraft, Procedures
from app.services.documents.query import DocumentFilter
from app.services.documents.rules import DocumentInput
from app.services.export.plan import ExportMode
from app.services.permissions import Actor
from app.services.review.kinds import ReviewLabel
from app.services.review.types import SheetForm
from tests.conftest import set_today
from tests.services.review_support import answer_none_apply, approve, make_signers

FIRE = "关于做好冬季防火工作的通知"
INTERNAL = "内部：拟提拔干部考察材料"


@pytest.fixture
def signers(office_ctx: AppContext, admin: Actor) -> dict[str, Actor]:
    return make_signers(office_ctx, admin)


def _document(ctx: AppContext, actor: Actor, title: str, number: str = "测府发〔2026〕5号") -> int:
    return ctx.documents.create(actor, DocumentInput(title, "测试镇人民政府", doc_number=number)).id


def _left_out(ctx: AppContext, admin: Actor) -> dict[str, str]:
    plan = ctx.exports.preview(admin, ExportMode.FULL, now=ctx.clock.now() + timedelta(minutes=1))
    return {left.title: left.reason for left in plan.left_out}


def test_g1_a_sheet_is_made_from_its_item_and_clears_nothing_else(
    office_ctx: AppContext, signers: dict[str, Actor]
) -> None:
    clerk = signers["clerk"]
    fire = _document(office_ctx, clerk, FIRE)
    internal = _document(office_ctx, clerk, INTERNAL, "测府办〔2026〕9号")
    assert not {"item_title", "doc_number", "item_id"} & {f.name for f in fields(SheetForm)}  # nothing typed
    sheet = approve(office_ctx, signers, "document", fire)
    assert (sheet.values.item_title, sheet.values.doc_number) == (FIRE, "测府发〔2026〕5号")
    assert sheet.reviewed["标题"] == FIRE and len(sheet.fingerprint) == 64
    with pytest.raises(UserFacingError, match="还没有保密审查单"):
        office_ctx.documents.publish(clerk, internal, office_ctx.clock.now() + timedelta(seconds=1))
    own = office_ctx.reviews.create(clerk, "document", internal, SheetForm(note="拟公开"))
    assert own.values.item_title == INTERNAL and own.reviewed["标题"] == INTERNAL
    with pytest.raises(UserFacingError, match="找不到"):
        office_ctx.reviews.create(clerk, "document", 9999)


def test_g2_edits_after_approval_put_the_document_back_to_waiting(
    office_ctx: AppContext, signers: dict[str, Actor], admin: Actor, tmp_path: Path
) -> None:
    clerk = signers["clerk"]
    doc_id = _document(office_ctx, clerk, FIRE)
    approve(office_ctx, signers, "document", doc_id)
    detail = office_ctx.documents.detail(doc_id)
    assert detail.review.label is ReviewLabel.CLEARED
    office_ctx.documents.update(clerk, doc_id, replace(detail.values, title=INTERNAL), detail.version)
    extra = tmp_path / "考察名单.txt"
    extra.write_text("拟提拔人选名单", encoding="utf-8")
    office_ctx.documents.add_files(clerk, doc_id, (extra,))

    detail = office_ctx.documents.detail(doc_id)
    assert detail.review_status == "待审查"
    assert detail.review.reason == "审查后标题和附件已改动，须重新审查"
    assert f"审查时的标题是「{FIRE}」" in detail.review.details
    assert "附件：新增「考察名单.txt」" in detail.review.details
    row = office_ctx.documents.page(DocumentFilter(), 0, 5)[0]
    assert (row.review_status, row.review_reason) == ("待审查", detail.review.reason)
    with pytest.raises(UserFacingError, match="审查后标题和附件已改动"):
        office_ctx.documents.publish(clerk, doc_id, office_ctx.clock.now() + timedelta(seconds=1))
    detail = office_ctx.documents.update(clerk, doc_id, replace(detail.values, title=FIRE), detail.version)
    assert detail.review.reason == "审查后附件已改动，须重新审查"  # the title is back; the new file is not


def test_g2_an_edit_after_publication_keeps_it_out_of_the_package(
    office_ctx: AppContext, signers: dict[str, Actor], admin: Actor
) -> None:
    clerk = signers["clerk"]
    doc_id = _document(office_ctx, clerk, FIRE)
    approve(office_ctx, signers, "document", doc_id)
    office_ctx.documents.publish(clerk, doc_id, office_ctx.clock.now() + timedelta(seconds=1))
    assert FIRE not in _left_out(office_ctx, admin)
    detail = office_ctx.documents.detail(doc_id)
    # issue 21: changing a published title needs a reason and opens a new sheet at once (一事一审)
    office_ctx.documents.update(
        clerk, doc_id, replace(detail.values, title=INTERNAL), detail.version, reason="标题有误"
    )
    assert "还在审查中" in _left_out(office_ctx, admin)[INTERNAL]


def test_g3_a_newer_withholding_conclusion_wins_over_an_older_approval(
    office_ctx: AppContext, signers: dict[str, Actor], admin: Actor
) -> None:
    clerk = signers["clerk"]
    doc_id = _document(office_ctx, clerk, FIRE)
    approve(office_ctx, signers, "document", doc_id)
    office_ctx.documents.publish(clerk, doc_id, office_ctx.clock.now() + timedelta(seconds=1))
    later = approve(office_ctx, signers, "document", doc_id, "不予公开")
    state = office_ctx.reviews.item_state("document", doc_id)
    assert state.label is ReviewLabel.REFUSED and later.number in state.reason
    with pytest.raises(UserFacingError, match="不予公开"):
        office_ctx.documents.publish(clerk, doc_id, office_ctx.clock.now() + timedelta(seconds=1))
    assert "不予公开" in _left_out(office_ctx, admin)[FIRE]


def test_g4_withdrawn_and_made_proactive_again_needs_a_new_review(
    office_ctx: AppContext, signers: dict[str, Actor], admin: Actor
) -> None:
    clerk, docs = signers["clerk"], office_ctx.documents
    doc_id = _document(office_ctx, clerk, FIRE)
    approve(office_ctx, signers, "document", doc_id)
    docs.publish(clerk, doc_id, office_ctx.clock.now() + timedelta(seconds=1))
    detail = docs.detail(doc_id)
    withheld = replace(
        detail.values, disclosure="不予公开", withhold_reason="涉及内部事务", withhold_basis="第十六条第一款"
    )
    detail = docs.update(clerk, doc_id, withheld, detail.version, reason="涉及内部事务")  # issue 21
    assert detail.published_at is None  # the old 公开时间 stays in the operation log and the history
    set_today(office_ctx, office_ctx.clock.now() + timedelta(hours=1))
    back = replace(detail.values, disclosure="主动公开", withhold_reason="", withhold_basis="")
    detail = docs.update(clerk, doc_id, back, detail.version)
    assert detail.published_at is None and detail.review_status == "待审查"
    assert "改为非主动公开后，此前的审查不再有效" in detail.review.reason  # same content, yet not cleared
    docs.update(clerk, doc_id, replace(back, title=INTERNAL), detail.version)
    with pytest.raises(UserFacingError, match="须重新审查"):
        docs.publish(clerk, doc_id, office_ctx.clock.now() + timedelta(seconds=1))
    assert INTERNAL in _left_out(office_ctx, admin)
    approve(office_ctx, signers, "document", doc_id)  # a review of the current content clears it
    published = docs.publish(clerk, doc_id, office_ctx.clock.now() + timedelta(seconds=1))
    assert published.published_at is not None and published.review_status == "已通过"


def test_a_sheet_cannot_be_approved_once_its_item_changed(
    office_ctx: AppContext, signers: dict[str, Actor]
) -> None:
    clerk = signers["clerk"]
    doc_id = _document(office_ctx, clerk, FIRE)
    sheet = office_ctx.reviews.create(clerk, "document", doc_id)
    answer_none_apply(office_ctx, clerk, sheet.id)
    office_ctx.reviews.sign(clerk, sheet.id, True, "")
    detail = office_ctx.documents.detail(doc_id)
    office_ctx.documents.update(clerk, doc_id, replace(detail.values, title=INTERNAL), detail.version)
    assert office_ctx.reviews.check_content(sheet.id).reason == "本单填写后标题已改动"
    with pytest.raises(UserFacingError, match="不能同意"):
        office_ctx.reviews.sign(signers["head"], sheet.id, True, "")
    ended = office_ctx.reviews.sign(signers["head"], sheet.id, False, "标题已改，请重新发起")
    assert ended.status == "未通过"
    assert office_ctx.reviews.create(clerk, "document", doc_id).values.item_title == INTERNAL


def test_g9_an_item_added_after_the_directory_was_approved_is_held_back(
    office_ctx: AppContext, signers: dict[str, Actor], admin: Actor
) -> None:
    decisions, clerk = office_ctx.decisions, signers["clerk"]
    set_today(office_ctx, date(2026, 2, 2))
    directory = decisions.create_directory(clerk, 2026)
    procedures = Procedures()
    decisions.add_item(
        clerk,
        2026,
        ItemDraft("镇区停车管理办法", "测试镇人民政府", "党政办", "", procedures, date(2026, 9, 30)),
    )
    approve(office_ctx, signers, "decision_directory", directory.id)
    decisions.publish_directory(clerk, 2026, date(2026, 2, 2))
    assert decisions.directory(2026).review == "已通过"  # type: ignore[union-attr]
    assert "镇区停车管理办法" not in _left_out(office_ctx, admin)
    added = ItemDraft("镇敬老院改扩建", "测试镇人民政府", "社会事务办", "", procedures, date(2026, 12, 31))
    decisions.add_by_adjustment(clerk, 2026, added, date(2026, 2, 3), "镇政府常务会议研究增补")
    info = decisions.directory(2026)
    assert info is not None and info.review == "待审查" and "事项已改动" in info.review_reason
    reasons = _left_out(office_ctx, admin)
    assert "事项已改动" in reasons["镇敬老院改扩建"] and "事项已改动" in reasons["镇区停车管理办法"]
    approve(office_ctx, signers, "decision_directory", directory.id)  # the adjusted directory reviewed
    reasons = _left_out(office_ctx, admin)
    assert "镇敬老院改扩建" not in reasons and "镇区停车管理办法" not in reasons
