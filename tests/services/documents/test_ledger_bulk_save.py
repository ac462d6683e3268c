"""Issue 24: a 台账 import is set-based — its statements do not grow with the rows — yet it saves what a
registration would (same columns, the one clock, history bound to its content) and is all-or-nothing."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from app.errors import CancelledError, UserFacingError
from app.models import AuditEntry
from app.models.document import Document, IndexCounter
from app.services.context import AppContext
from app.services.documents.ledger import HEADERS, WIDTHS, DocumentLedger
from app.services.documents.ledger_save import LedgerRow, build_rows
from app.services.documents.query import DocumentFilter
from app.services.documents.rules import DocumentInput
from app.services.formats.xlsx import write_rows
from app.services.permissions import Actor
from app.services.review.content import document_content


def _sheet(path: Path, count: int, numbered: int = 0) -> Path:
    """`count` rows of every kind: history (公开日期), withheld, no 成文日期; the first `numbered` carry
    their own 索引号, the others are numbered by the import."""
    rows = []
    for n in range(count):
        day = date(2015 + n % 10, n % 12 + 1, n % 28 + 1).isoformat()
        kind = n % 3
        rows.append([
            f"自编/{n:05}" if n < numbered else "", f"旧府发〔{2015 + n % 10}〕{n + 1}号",
            f"关于第{n + 1}号历史事项的通知", "测试镇人民政府", day if kind != 2 else "",
            day if kind == 0 else "", "主动公开" if kind != 1 else "不予公开",
            "内部工作流程" if kind == 1 else "", "", "通知", "否", "有效", "",
            "测试镇人民政府" if n % 2 else "",
        ])  # fmt: skip
    write_rows(path, "公文登记台账", HEADERS, rows, WIDTHS, len(rows))
    return path


def _counters(session: Session) -> dict[str, int]:
    return {scope: seq for scope, seq in session.execute(select(IndexCounter.scope, IndexCounter.last_seq))}


def _statements(ctx: AppContext, admin: Actor, path: Path) -> int:
    seen: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        seen.append(statement)

    ledger = DocumentLedger(ctx.sessions, ctx.documents)
    event.listen(ctx.engine, "before_cursor_execute", count)
    try:
        report = ledger.save(admin, ledger.preview(path))
    finally:
        event.remove(ctx.engine, "before_cursor_execute", count)
    assert report.accepted and not report.rejected
    return len(seen)


def test_an_imports_statements_do_not_grow_with_its_rows(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    small = _statements(office_ctx, admin, _sheet(tmp_path / "1000.xlsx", 1000, numbered=10))
    large = _statements(office_ctx, admin, _sheet(tmp_path / "2000.xlsx", 2000))
    # Only the chunking moves: 索引号 looked up 500 at a time, documents and search rows 1,000 a statement.
    assert large - small <= 4, (small, large)
    assert small < 60
    assert office_ctx.documents.count(DocumentFilter()) == 3000
    hits = office_ctx.documents.page(DocumentFilter(text="第1999号历史"), 0, 5)
    assert [row.title for row in hits] == ["关于第1999号历史事项的通知"]


def test_a_clash_at_row_9999_leaves_nothing_of_the_import(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    ledger = DocumentLedger(office_ctx.sessions, office_ctx.documents)
    preview = ledger.preview(_sheet(tmp_path / "历史台账.xlsx", 10_000, numbered=10_000))
    assert len(preview.valid) == 10_000
    with office_ctx.sessions() as session:
        counters = _counters(session)
    # Meanwhile another clerk imports a sheet holding the 9,999th row's 索引号.
    clash = tmp_path / "另一份.xlsx"
    write_rows(
        clash, "公文登记台账", HEADERS, [["自编/09998", "", "别处登记的公文", "测试镇人民政府"]], WIDTHS
    )
    ledger.save(admin, ledger.preview(clash))

    with pytest.raises(UserFacingError, match="整份台账都没有导入"):
        ledger.save(admin, preview)
    with office_ctx.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 1
        assert _counters(session) == counters
        imports = session.scalars(select(AuditEntry.details_json).where(AuditEntry.action == "导入")).all()
    assert len(imports) == 1 and "另一份.xlsx" in imports[0]
    assert office_ctx.documents.page(DocumentFilter(text="历史事项"), 0, 5) == []
    again = ledger.preview(tmp_path / "历史台账.xlsx")  # importing again names the row
    assert [(row.number, row.reason) for row in again.rejected] == [(10_000, "索引号「自编/09998」已存在")]


def test_cancelling_after_2000_of_2500_rows_saves_none(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    ledger = DocumentLedger(office_ctx.sessions, office_ctx.documents)
    preview = ledger.preview(_sheet(tmp_path / "台账.xlsx", 2500))
    steps: list[int] = []
    with pytest.raises(CancelledError):
        ledger.save(admin, preview, lambda percent, _message: steps.append(percent), lambda: len(steps) == 2)
    assert steps == [0, 40]
    assert office_ctx.documents.count(DocumentFilter()) == 0
    assert office_ctx.documents.page(DocumentFilter(text="历史事项"), 0, 5) == []


def test_bulk_columns_are_those_a_registration_sets(office_ctx: AppContext, admin: Actor) -> None:
    """Guards the bulk path against drifting from `DocumentService.apply_input`."""
    inputs = [
        DocumentInput("预算公开", "测试镇人民政府", doc_number="测府发〔2024〕1号",
                      written_on=date(2024, 3, 1)),
        DocumentInput("会议纪要", "测试镇人民政府", disclosure="不予公开", withhold_reason="内部",
                      withhold_basis="第十六条第一款", topic="综合政务\\其他", genre="纪要", normative=True,
                      validity="废止", validity_date=date(2025, 1, 2), channels=("政府网站", "公开栏"),
                      publish_limit_days=5, issuer="测试镇党委", addressee="各村（居）委会"),
    ]  # fmt: skip
    items = [LedgerRow(n + 2, value, f"X/{n}", None) for n, value in enumerate(inputs)]
    rows, *_counts = build_rows(items, admin, "台账.xlsx", office_ctx.clock.now(), True, {})
    for item, row in zip(items, rows, strict=True):
        registered = Document(index_no=item.index_no, created_by=admin.account_id)
        office_ctx.documents.apply_input(registered, item.value)
        set_by_registration = {key for key in registered.__dict__ if not key.startswith("_")}
        assert {key: row[key] for key in set_by_registration} == {
            key: getattr(registered, key) for key in set_by_registration
        }
        assert row["published_at"] is None and row["history_fingerprint"] == row["history_content"] == ""

    published = DocumentInput(
        "预算公开", "测试镇人民政府", doc_number="测府发〔2024〕1号", issuer="测试镇党委"
    )
    history = [LedgerRow(7, published, "X/9", date(2024, 3, 9))]
    (row,), count, waiting = build_rows(history, admin, "台账.xlsx", office_ctx.clock.now(), True, {})
    content = document_content(
        "预算公开", "测府发〔2024〕1号", "测试镇人民政府", "主动公开", (), "测试镇党委"
    )
    assert (row["history_fingerprint"], row["history_content"]) == (content.fingerprint, content.canonical)
    assert row["published_at"] == datetime(2024, 3, 9) and "「台账.xlsx」第7行" in str(row["history_note"])
    assert (count, waiting) == (1, 0)


def test_imported_rows_are_stamped_by_the_apps_clock(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    before = office_ctx.clock.now()
    ledger = DocumentLedger(office_ctx.sessions, office_ctx.documents)
    ledger.save(admin, ledger.preview(_sheet(tmp_path / "台账.xlsx", 3)))
    with office_ctx.sessions() as session:
        stamps = session.execute(select(Document.created_at, Document.updated_at)).all()
    assert len(stamps) == 3
    for created, updated in stamps:  # a registration's stamps, not the database server's clock
        assert created == updated and before <= created <= before + timedelta(minutes=5)
