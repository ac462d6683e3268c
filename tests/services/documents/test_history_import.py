"""Issue 19, the ledger path: a 公开日期 in an imported 台账 publishes nothing unless 管理员 imports it as
「历史公开（线下审查）」 — audited, never in the future, bound to its content, marked in the package."""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from app.models.audit import AuditEntry
from app.services.accounts.service import actor_of
from app.services.context import AppContext
from app.services.documents.ledger import HEADERS, DocumentLedger, LedgerImportReport
from app.services.documents.query import DocumentFilter
from app.services.export.plan import ExportMode
from app.services.formats.xlsx import read_rows
from app.services.permissions import Actor, Role
from app.services.review.kinds import ReviewLabel

BUDGET = "关于2023年预算公开的通知"
ROW = ["X/2023-00007", "赵府发〔2023〕5号", BUDGET, "赵巷镇人民政府", "2023-03-01", "2023-03-10", "主动公开"]


def _ledger(path: Path, *rows: list[str]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(HEADERS[:8]))
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _import(ctx: AppContext, actor: Actor, path: Path) -> LedgerImportReport:
    ledger = DocumentLedger(ctx.sessions, ctx.documents)
    return ledger.save(actor, ledger.preview(path))


def test_a_clerks_publication_dates_come_in_as_waiting_for_review(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    clerk = actor_of(
        office_ctx.accounts.create_account(admin, "lisi", "李四", "lisi-pass-1", frozenset({Role.CLERK}))
    )
    report = _import(office_ctx, clerk, _ledger(tmp_path / "台账.xlsx", ROW))
    assert (report.accepted, report.history, report.waiting) == (1, 0, 1)
    assert "只有管理员可以登记使用本程序之前的历史公开" in report.summary()
    row = office_ctx.documents.page(DocumentFilter(), 0, 5)[0]
    assert row.published_on is None and row.review_status == "未审查"
    plan = office_ctx.exports.preview(admin, ExportMode.FULL)
    assert plan.items == () and "尚未公开" in plan.left_out[0].reason


def test_an_administrators_history_is_published_marked_and_audited(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    report = _import(office_ctx, admin, _ledger(tmp_path / "历史台账.xlsx", ROW))
    assert (report.accepted, report.history, report.waiting) == (1, 1, 0)
    assert "1 行按台账中的公开日期登记为「历史公开（线下审查）」" in report.summary()
    row = office_ctx.documents.page(DocumentFilter(), 0, 5)[0]
    detail = office_ctx.documents.detail(row.id)
    assert row.review_status == detail.review_status == "历史公开（线下审查）"
    assert detail.history_note.startswith("历史公开（线下审查）：") and "王管理" in detail.history_note
    assert detail.published_at is not None and str(detail.published_at.date()) == "2023-03-10"
    with office_ctx.sessions() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "导入")).one()
    assert "历史公开" in entry.details_json and "1" in entry.details_json

    result = office_ctx.exports.build(admin, tmp_path / "上报.zip")
    with zipfile.ZipFile(result.file) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        (tmp_path / "目录.xlsx").write_bytes(archive.read("信息目录.xlsx"))
    (item,) = manifest["items"]
    assert item["title"] == BUDGET and item["review"] == "历史公开（线下审查）"
    (catalogue,) = read_rows(tmp_path / "目录.xlsx", ["名称", "保密审查"], ["名称"])
    assert catalogue.values["保密审查"] == "历史公开（线下审查）"


def test_history_edited_after_the_import_waits_for_a_review(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    _import(office_ctx, admin, _ledger(tmp_path / "历史台账.xlsx", ROW))
    document_id = office_ctx.documents.page(DocumentFilter(), 0, 5)[0].id
    detail = office_ctx.documents.detail(document_id)
    edited = office_ctx.documents.update(
        admin, document_id, replace(detail.values, title="内部：拟提拔干部考察材料"), detail.version,
        reason="标题登记有误",
    )  # fmt: skip
    # a published document's title changed: a new sheet is opened at once (issue 21, 一事一审)
    assert edited.review.label is ReviewLabel.IN_REVIEW
    assert edited.review.reason.startswith("审查后标题已改动，保密审查单")
    plan = office_ctx.exports.preview(admin, ExportMode.FULL)
    assert plan.items == () and "还在审查中" in plan.left_out[0].reason


@pytest.mark.parametrize(
    ("published", "disclosure", "reason"),
    [("2099-01-01", "主动公开", "晚于今天"), ("2023-03-10", "不予公开", "不能有公开日期")],
)
def test_a_publication_date_in_the_future_or_of_a_withheld_document_is_refused(
    office_ctx: AppContext, admin: Actor, tmp_path: Path, published: str, disclosure: str, reason: str
) -> None:
    row = [*ROW[:5], published, disclosure, "内部事务" if disclosure != "主动公开" else ""]
    report = _import(office_ctx, admin, _ledger(tmp_path / "台账.xlsx", row))
    assert report.accepted == 0 and reason in report.rejected[0].reason
    assert office_ctx.documents.count_all() == 0
