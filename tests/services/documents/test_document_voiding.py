"""Issue 21: published means published (3); deleting and voiding a wrong registration (5)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import UserFacingError
from app.models import AuditEntry
from app.services.context import AppContext
from app.services.documents.query import DocumentFilter
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor
from app.services.review.gate import require_approved_review
from tests.conftest import set_today
from tests.services.review_support import approve, make_signers


def _doc(title: str = "关于做好春耕生产工作的通知", **extra: object) -> DocumentInput:
    values: dict[str, object] = {
        "title": title,
        "publisher": "测试镇人民政府",
        "doc_number": "测府发〔2026〕7号",
    }
    values.update(extra)
    return DocumentInput(**values)  # type: ignore[arg-type]


def _published(ctx: AppContext, admin: Actor, at: datetime) -> tuple[int, dict[str, Actor]]:
    signers = make_signers(ctx, admin)
    detail = ctx.documents.create(admin, _doc(written_on=date(2026, 11, 2)))
    approve(ctx, signers, "document", detail.id)
    set_today(ctx, at)
    ctx.documents.publish(admin, detail.id, at)
    return detail.id, signers


def _audit(ctx: AppContext, entity_id: int) -> list[str]:
    with ctx.sessions() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "公文", AuditEntry.entity_id == str(entity_id))
        )
        return [f"{row.action} {row.details_json}" for row in rows]


# ---- 3. published means published ------------------------------------------------------------------------


def test_publishing_twice_is_refused_and_keeps_the_first_time(office_ctx: AppContext, admin: Actor) -> None:
    first = datetime(2026, 11, 23, 10, 0)
    document_id, _ = _published(office_ctx, admin, first)
    later = datetime(2026, 12, 1, 9, 0)
    set_today(office_ctx, later)
    with pytest.raises(UserFacingError, match="已于 2026-11-23 10:00 公开.*不能再次标记"):
        office_ctx.documents.publish(admin, document_id, later)
    detail = office_ctx.documents.detail(document_id)
    assert detail.published_at == first and detail.live
    assert [item.published_at for item in detail.publications] == [first]


def test_changing_a_published_title_needs_a_reason_and_a_new_review(
    office_ctx: AppContext, admin: Actor
) -> None:
    first = datetime(2026, 11, 23, 10, 0)
    document_id, signers = _published(office_ctx, admin, first)
    docs = office_ctx.documents
    changed = _doc("关于做好春耕生产工作的通知（更正）", written_on=date(2026, 11, 2))
    with pytest.raises(UserFacingError, match="须写明理由"):
        docs.update(admin, document_id, changed)
    assert docs.detail(document_id).values.title == "关于做好春耕生产工作的通知"  # nothing saved

    detail = docs.update(admin, document_id, changed, reason="标题漏写「更正」")
    assert detail.values.title.endswith("（更正）")
    assert detail.published_at == first  # the 年报 keeps the first publication
    assert not detail.live and detail.review.label.value == "审查中"
    old = detail.publications[0]
    assert old.published_at == first and old.end_reason == "标题漏写「更正」" and old.ended_at is not None
    sheets = office_ctx.reviews.sheets_for("document", document_id)
    assert len(sheets) == 2 and any("标题漏写「更正」" in sheet.values.note for sheet in sheets)
    # the gate blocks the export until the new sheet is approved
    with office_ctx.sessions() as session, pytest.raises(UserFacingError, match="还在审查中"):
        require_approved_review(session, "document", document_id, datetime(2026, 11, 24, 9, 0))
    assert any("修改理由" in line and "标题漏写" in line for line in _audit(office_ctx, document_id))

    # once approved, the corrected version is published as a second history row; 公开时间 stays
    pending = next(sheet for sheet in office_ctx.reviews.sheets_for("document", document_id)
                   if sheet.status == "审查中")  # fmt: skip
    from tests.services.review_support import sign_all

    sign_all(office_ctx, signers, pending.id)
    again = datetime(2026, 11, 25, 9, 0)
    set_today(office_ctx, again)
    detail = docs.publish(admin, document_id, again)
    assert detail.published_at == first and detail.live
    assert [item.published_at for item in detail.publications] == [first, again]


def test_withdrawing_a_published_document_needs_a_reason_and_keeps_the_history(
    office_ctx: AppContext, admin: Actor
) -> None:
    first = datetime(2026, 11, 23, 10, 0)
    document_id, _ = _published(office_ctx, admin, first)
    withheld = _doc(
        written_on=date(2026, 11, 2),
        disclosure="不予公开",
        withhold_reason="内部事务",
        withhold_basis="第十六条第一款",
    )
    with pytest.raises(UserFacingError, match="须写明理由"):
        office_ctx.documents.update(admin, document_id, withheld)
    detail = office_ctx.documents.update(admin, document_id, withheld, reason="误作主动公开")
    assert detail.published_at is None and not detail.live
    assert [(item.published_at, item.end_reason) for item in detail.publications] == [(first, "误作主动公开")]
    assert len(office_ctx.reviews.sheets_for("document", document_id)) == 1  # nothing to publish: no sheet


def test_harmless_edits_of_a_published_document_need_no_reason(office_ctx: AppContext, admin: Actor) -> None:
    document_id, _ = _published(office_ctx, admin, datetime(2026, 11, 23, 10, 0))
    detail = office_ctx.documents.update(
        admin, document_id, _doc(written_on=date(2026, 11, 2), topic="农业、林业、水利")
    )
    assert detail.live and detail.review.label.value == "已通过"
    assert len(office_ctx.reviews.sheets_for("document", document_id)) == 1


def test_a_new_attachment_on_a_published_document_needs_a_reason(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    document_id, _ = _published(office_ctx, admin, datetime(2026, 11, 23, 10, 0))
    body = tmp_path / "正文.txt"
    body.write_text("更正后的正文", encoding="utf-8")
    with pytest.raises(UserFacingError, match="须写明理由"):
        office_ctx.documents.add_files(admin, document_id, (body,))
    assert office_ctx.documents.detail(document_id).files == ()
    detail = office_ctx.documents.add_files(admin, document_id, (body,), reason="补充正文")
    assert [file.name for file in detail.files] == ["正文.txt"] and not detail.live
    assert detail.review.label.value == "审查中"


# ---- 5. deleting and voiding -----------------------------------------------------------------------------


def test_an_unused_document_is_deleted(office_ctx: AppContext, admin: Actor) -> None:
    detail = office_ctx.documents.create(admin, _doc())
    assert office_ctx.documents.can_delete(detail.id) == []
    office_ctx.documents.delete(admin, detail.id)
    assert office_ctx.documents.count(DocumentFilter()) == 0
    assert any(line.startswith("删除") for line in _audit(office_ctx, detail.id))


def test_deleting_takes_its_unsigned_review_sheet_along(office_ctx: AppContext, admin: Actor) -> None:
    detail = office_ctx.documents.create(admin, _doc())
    sheet = office_ctx.reviews.create_for_document(admin, detail.id)
    assert office_ctx.documents.can_delete(detail.id) == []  # opened, nobody signed: still a mistake
    office_ctx.documents.delete(admin, detail.id, "误登记")
    assert office_ctx.reviews.sheets_for("document", detail.id) == []
    assert office_ctx.reviews.count_in_review() == 0
    assert any(sheet.number in line and "误登记" in line for line in _audit(office_ctx, detail.id))


def test_a_published_document_cannot_be_deleted_only_voided(office_ctx: AppContext, admin: Actor) -> None:
    document_id, _ = _published(office_ctx, admin, datetime(2026, 11, 23, 10, 0))
    docs = office_ctx.documents
    reasons = docs.can_delete(document_id)
    assert "已登记公开" in reasons and any("已有签署" in reason for reason in reasons)
    with pytest.raises(UserFacingError, match="不能删除.*作废"):
        docs.delete(admin, document_id)
    with pytest.raises(UserFacingError, match="请填写作废理由"):
        docs.void(admin, document_id, "  ")
    detail = docs.void(admin, document_id, "登记重复，与另一件为同一文件")
    assert detail.void_reason == "登记重复，与另一件为同一文件" and detail.voided_at is not None
    assert docs.count(DocumentFilter()) == 0  # gone from the active list
    voided = docs.page(DocumentFilter(voided=True), 0, 10)
    assert [(row.id, row.review_status) for row in voided] == [(document_id, "已作废")]
    assert (
        docs.count(DocumentFilter(text="春耕")) == 0
        and docs.count(DocumentFilter(text="春耕", voided=True)) == 1
    )
    with pytest.raises(UserFacingError, match="已于 .* 作废"):
        docs.void(admin, document_id, "再来一次")
    with pytest.raises(UserFacingError, match="已作废"):
        docs.publish(admin, document_id, datetime(2026, 11, 30, 9, 0))
    assert any("作废理由" in line and "登记重复" in line for line in _audit(office_ctx, document_id))


def test_voided_documents_leave_alerts(office_ctx: AppContext, admin: Actor) -> None:
    old = office_ctx.documents.create(admin, _doc("早就该公开", written_on=date(2025, 1, 6)))
    assert office_ctx.documents.alerts(date(2025, 3, 1))
    office_ctx.documents.void(admin, old.id, "误登记")
    assert office_ctx.documents.alerts(date(2025, 3, 1)) == []


def test_voided_document_is_not_exported_nor_counted(office_ctx: AppContext, admin: Actor) -> None:
    document_id, _ = _published(office_ctx, admin, datetime(2026, 11, 23, 10, 0))
    from app.services.export.catalogue.documents import DocumentCatalogueSource
    from app.services.report.collect import publication_facts

    with office_ctx.sessions() as session:
        assert publication_facts(session, 2026).published == 1
    assert [item.item_id for item in DocumentCatalogueSource(office_ctx.sessions).items(None)] == [
        document_id
    ]
    office_ctx.documents.void(admin, document_id, "误登记")
    with office_ctx.sessions() as session:
        assert publication_facts(session, 2026).published == 0
    assert list(DocumentCatalogueSource(office_ctx.sessions).items(None)) == []
    set_today(office_ctx, datetime(2026, 11, 23, 10, 0) + timedelta(days=1))
