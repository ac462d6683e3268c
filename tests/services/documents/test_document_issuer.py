"""Issue 22: 发文机关 and 主送 are stored on the document (migration 0017), validated, audited and
covered by the 保密审查 content; an old database keeps its rows, with both empty."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from app.errors import UserFacingError
from app.models import AuditEntry
from app.models.migrate import upgrade_database
from app.paths import DataPaths
from app.services.context import AppContext, open_data_folder
from app.services.documents.ledger import DocumentLedger
from app.services.documents.query import DocumentFilter
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor
from app.services.review.kinds import ReviewLabel
from tests.services.review_support import approve, make_signers

FIRE = DocumentInput(
    "关于做好秋冬季森林防火工作的通知",
    "测试镇人民政府",
    doc_number="测府发〔2026〕12号",
    issuer="测试镇人民政府办公室",
    addressee="各村（居）委会、镇属各单位",
)


def _changes(ctx: AppContext, entity_id: int) -> list[dict[str, list[object]]]:
    """Each audit entry's field → [old, new]."""
    with ctx.sessions() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "公文", AuditEntry.entity_id == str(entity_id))
        )
        return [json.loads(row.details_json)["changes"] for row in rows]


def test_issuer_and_addressee_are_stored_and_edited(office_ctx: AppContext, admin: Actor) -> None:
    detail = office_ctx.documents.create(admin, replace(FIRE, addressee="  各村（居）委会、\n镇属各单位 "))
    assert (detail.values.issuer, detail.values.addressee) == (FIRE.issuer, "各村（居）委会、 镇属各单位")
    changed = replace(detail.values, addressee="各村民委员会")
    detail = office_ctx.documents.update(admin, detail.id, changed, detail.version)
    assert office_ctx.documents.detail(detail.id).values.addressee == "各村民委员会"
    created, updated = _changes(office_ctx, detail.id)
    assert created["发文机关"] == [None, "测试镇人民政府办公室"]
    assert updated == {"主送": ["各村（居）委会、 镇属各单位", "各村民委员会"]}  # 发文机关 unchanged: absent


@pytest.mark.parametrize(
    ("value", "message"),
    [(replace(FIRE, issuer="镇" * 101), "发文机关太长"), (replace(FIRE, addressee="镇" * 301), "主送太长")],
)
def test_too_long_is_refused_in_chinese(
    office_ctx: AppContext, admin: Actor, value: DocumentInput, message: str
) -> None:
    with pytest.raises(UserFacingError, match=message):
        office_ctx.documents.create(admin, value)


def test_changing_the_addressee_after_review_needs_a_new_review(office_ctx: AppContext, admin: Actor) -> None:
    signers = make_signers(office_ctx, admin)
    detail = office_ctx.documents.create(signers["clerk"], FIRE)
    approve(office_ctx, signers, "document", detail.id)
    assert office_ctx.documents.detail(detail.id).review.label is ReviewLabel.CLEARED
    office_ctx.documents.update(
        signers["clerk"], detail.id, replace(detail.values, addressee="各村民委员会"), detail.version
    )
    assert office_ctx.documents.detail(detail.id).review.reason == "审查后主送已改动，须重新审查"


def test_a_document_without_them_keeps_an_older_review(office_ctx: AppContext, admin: Actor) -> None:
    """Empty 发文机关/主送 are not part of the reviewed content: approvals from before 0017 still hold."""
    signers = make_signers(office_ctx, admin)
    plain = replace(FIRE, issuer="", addressee="")
    detail = office_ctx.documents.create(signers["clerk"], plain)
    sheet = approve(office_ctx, signers, "document", detail.id)
    assert "发文机关" not in sheet.reviewed and "主送" not in sheet.reviewed
    assert office_ctx.documents.detail(detail.id).review.label is ReviewLabel.CLEARED


def test_upgrading_an_old_database_keeps_its_documents_with_both_empty(data_paths: DataPaths) -> None:
    data_paths.ensure()
    upgrade_database(data_paths.database, data_paths.backups, target="0016")
    with sqlite3.connect(data_paths.database) as connection:
        connection.execute(
            "INSERT INTO documents(index_no, doc_number, title, publisher, disclosure, withhold_reason,"
            " withhold_basis, topic, genre, normative, validity, channels, history_note,"
            " history_fingerprint, history_content, void_reason, version)"
            " VALUES ('X/2025-00001', '', '旧公文', '测试镇人民政府', '主动公开', '', '', '', '', 0,"
            " '有效', '', '', '', '', '', 1)"
        )
    ctx = open_data_folder(data_paths)
    try:
        (row,) = ctx.documents.page(DocumentFilter(), 0, 5)
        values = ctx.documents.detail(row.id).values
        assert (values.title, values.issuer, values.addressee) == ("旧公文", "", "")
    finally:
        ctx.close()


def test_the_ledger_exports_the_issuer_and_an_imported_one_keeps_its_history_review(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    office_ctx.documents.create(admin, FIRE)
    ledger = DocumentLedger(office_ctx.sessions, office_ctx.documents)
    out = ledger.export(admin, DocumentFilter(), tmp_path / "导出.xlsx") and tmp_path / "导出.xlsx"
    header, row = list(load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert dict(zip(header, row, strict=True))["发文机关"] == "测试镇人民政府办公室"

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["标题", "发布机构", "公开日期", "公开属性", "发文机关"])  # optional column, any order
    sheet.append(["关于2023年预算公开的通知", "赵巷镇人民政府", "2023-03-10", "主动公开", "赵巷镇财政所"])
    book.save(tmp_path / "历史台账.xlsx")
    report = ledger.save(admin, ledger.preview(tmp_path / "历史台账.xlsx"))
    assert (report.accepted, report.history) == (1, 1)
    imported = office_ctx.documents.search("预算公开")[0].id
    detail = office_ctx.documents.detail(imported)
    assert detail.values.issuer == "赵巷镇财政所"
    assert detail.review_status == "历史公开（线下审查）"  # the history fingerprint covers the issuer
