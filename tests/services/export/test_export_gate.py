"""The batched gate (export speed) decides as the one-item gate does; nothing unreviewed leaves."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from app.errors import UserFacingError
from app.models.document import Document, ReviewSheet
from app.services.context import AppContext
from app.services.export import service as export_package
from app.services.export.catalogue.base import CatalogueItem, StaticSource
from app.services.export.service import ExportMode, ExportService
from app.services.permissions import Actor
from app.services.review.gate import check_many, ever_cleared, require_approved_review
from app.services.review.kinds import HISTORY_MARK, PRE_IMPORT_REVIEWED, Clearance
from tests.services.review_support import reviewed

PUBLISH = datetime(2025, 6, 1, 9, 0)
STEPS = "承办人初审、科室负责人审核、保密审查员审查、分管领导审批"


def _document(ctx: AppContext, n: int, note: str = "") -> int:
    with ctx.sessions.begin() as session:
        row = Document(
            index_no=f"GATE/2025-{n:05d}",
            title=f"关于第{n}项工作的通知",
            publisher="测试镇人民政府",
            written_on=date(2025, 3, 1),
            disclosure="主动公开",
            history_note=note,
        )
        session.add(row)
        session.flush()
        return row.id


def _history(ctx: AppContext, n: int) -> int:
    """A publication from before the app, imported by 管理员: bound to its content as imported."""
    document_id = _document(ctx, n, f"{HISTORY_MARK}：2025-01-02 由王管理导入自「台账.xlsx」第{n}行")
    with ctx.sessions.begin() as session:
        row = session.get(Document, document_id)
        assert row is not None
        bound = reviewed(session, "document", document_id)
        row.history_fingerprint, row.history_content = bound["content_fingerprint"], bound["content_json"]
        row.published_at = datetime(2025, 1, 2)
    return document_id


def _sheet(
    ctx: AppContext, kind: str, item_id: int, status: str, conclusion: str, at: datetime | None
) -> None:
    with ctx.sessions.begin() as session:
        count = session.query(ReviewSheet).count()
        session.add(
            ReviewSheet(
                number=f"保审〔2025〕{count + 1}号",
                item_kind=kind,
                item_id=item_id,
                item_title="测试",
                filled_on=date(2025, 5, 1),
                steps=STEPS,
                status=status,
                conclusion=conclusion,
                approved_at=at,
                **reviewed(session, kind, item_id),
            )
        )


def _cases(ctx: AppContext) -> dict[str, int]:
    """One document per way the gate can answer."""
    ids = {name: _document(ctx, n) for n, name in enumerate(
        ("none", "pending", "refused", "late", "approved", "rejected_then_approved", "withheld_conclusion"), 1
    )}  # fmt: skip
    ids["imported"] = _document(ctx, 99, f"{PRE_IMPORT_REVIEWED}（2025-01-02导入自「台账.xlsx」第3行）")
    ids["history"] = _history(ctx, 98)
    _sheet(ctx, "document", ids["pending"], "审查中", "", None)
    _sheet(ctx, "document", ids["refused"], "未通过", "不予公开", None)
    _sheet(ctx, "document", ids["late"], "已通过", "同意公开", PUBLISH + timedelta(hours=1))
    _sheet(ctx, "document", ids["approved"], "已通过", "部分公开", PUBLISH - timedelta(days=1))
    _sheet(ctx, "document", ids["rejected_then_approved"], "未通过", "不予公开", None)
    _sheet(ctx, "document", ids["rejected_then_approved"], "已通过", "同意公开", PUBLISH - timedelta(hours=1))
    _sheet(ctx, "document", ids["withheld_conclusion"], "已通过", "不予公开", PUBLISH - timedelta(days=2))
    return ids


def _single(ctx: AppContext, kind: str, item_id: int) -> Clearance | str:
    with ctx.sessions() as session:
        try:
            return require_approved_review(session, kind, item_id, PUBLISH)
        except UserFacingError as refusal:
            return refusal.message


def test_batched_gate_answers_like_the_single_gate(ctx: AppContext) -> None:
    ids = _cases(ctx)
    _sheet(ctx, "posting", ids["approved"], "已通过", "同意公开", PUBLISH - timedelta(days=1))
    with ctx.sessions() as session:
        batched = check_many(session, "document", ids.values(), PUBLISH)
        postings = check_many(session, "posting", [ids["approved"], ids["none"]], PUBLISH)
        cleared = ever_cleared(session, "document", ids.values())
    for name, item_id in ids.items():
        assert batched[item_id] == _single(ctx, "document", item_id), name
    assert postings[ids["approved"]] == _single(ctx, "posting", ids["approved"])
    assert postings[ids["none"]] == _single(ctx, "posting", ids["none"])
    granted = {name for name, item_id in ids.items() if isinstance(batched[item_id], Clearance)}
    assert granted == {"history", "approved", "rejected_then_approved"}
    assert "导入前已审查" in str(batched[ids["imported"]])  # a legacy import recorded no reviewed content
    assert "还没有保密审查单" in str(batched[ids["none"]]) and "还在审查中" in str(batched[ids["pending"]])
    assert "晚于公开时间" in str(batched[ids["late"]])
    # ever approved (any time): late too, but not a 不予公开 conclusion nor a sheet still in review
    assert cleared == {ids["late"], ids["approved"], ids["rejected_then_approved"], ids["history"]}


def test_batched_gate_covers_more_items_than_one_query_holds(ctx: AppContext) -> None:
    approved = _document(ctx, 1)
    _sheet(ctx, "document", approved, "已通过", "同意公开", PUBLISH - timedelta(days=1))
    wanted = [approved, *range(10_000, 11_200)]  # three IN (…) batches; the unknown ids are no documents
    with ctx.sessions() as session:
        verdicts = check_many(session, "document", wanted, PUBLISH)
    assert len(verdicts) == len(wanted) and isinstance(verdicts[approved], Clearance)
    assert all("已不存在" in str(verdicts[n]) for n in range(10_000, 11_200))


def test_no_unreviewed_item_leaves_whatever_the_batch_boundaries(
    ctx: AppContext, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_package, "GATE_BATCH", 3)
    ids = _cases(ctx)
    template = CatalogueItem(
        "document", 0, "", "", "", date(2025, 3, 1), "测试镇人民政府", "", "", "通知", "政府网站", "有效"
    )
    items = [
        replace(template, item_id=i, index_no=f"GATE/2025-{i:05d}", title=name) for name, i in ids.items()
    ]
    service = ExportService(ctx.sessions, ctx.attachments, ctx.settings, StaticSource(tuple(items)))
    plan = service.preview(admin, ExportMode.FULL, now=PUBLISH)
    assert sorted(item.title for item in plan.items) == ["approved", "history", "rejected_then_approved"]
    reasons = {left.title: left.reason for left in plan.left_out}
    assert set(reasons) == {"none", "pending", "refused", "late", "withheld_conclusion", "imported"}
    assert all("审查" in reason for reason in reasons.values())
