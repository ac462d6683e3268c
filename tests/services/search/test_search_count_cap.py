"""The register counts a search only up to `COUNT_CAP` (issue 24): 「镇」 at 1,000,000 documents must not
read every match to say how many there are. Below the cap the count is exact; above it the list holds the
first COUNT_CAP rows in list order and says it is more."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from app.services.context import AppContext
from app.services.documents.query import DocumentFilter, ListCount
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor

CAP = 4


@pytest.fixture
def small_cap(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("app.services.documents.query.COUNT_CAP", CAP)
    return CAP


def _notices(ctx: AppContext, admin: Actor, count: int, withheld: bool = False) -> list[int]:
    reason = {
        "disclosure": "依申请公开",
        "withhold_reason": "属于内部事务信息",
        "withhold_basis": "第十六条第一款",
    }
    return [
        ctx.documents.create(
            admin,
            DocumentInput(f"关于第{n}批防汛物资的通知", "赵巷镇人民政府", **(reason if withheld else {})),
        ).id
        for n in range(count)
    ]


def test_a_search_is_counted_exactly_up_to_the_cap(
    office_ctx: AppContext, admin: Actor, small_cap: int
) -> None:
    _notices(office_ctx, admin, CAP)
    docs = office_ctx.documents
    assert docs.list_count(DocumentFilter(text="防汛")) == ListCount(CAP, more=False)
    assert docs.list_count(DocumentFilter(text="春耕")) == ListCount(0, more=False)


def test_more_matches_than_the_cap_say_so_and_list_the_newest(
    office_ctx: AppContext, admin: Actor, small_cap: int
) -> None:
    ids = _notices(office_ctx, admin, CAP + 3)
    docs = office_ctx.documents
    broad = DocumentFilter(text="防汛")
    assert docs.list_count(broad) == ListCount(CAP, more=True)
    assert docs.count(broad) == CAP + 3  # the exact count (台账 export) is still there
    newest = sorted(ids, reverse=True)[:CAP]
    assert [row.id for row in docs.page(broad, 0, CAP)] == newest


def test_the_cap_holds_with_other_conditions_and_voided_documents(
    office_ctx: AppContext, admin: Actor, small_cap: int
) -> None:
    """Once anything is voided, a search is counted through the register's conditions, not the index."""
    ids = _notices(office_ctx, admin, CAP + 2)
    withheld = _notices(office_ctx, admin, CAP - 1, withheld=True)
    docs = office_ctx.documents
    docs.void(admin, ids[0], "登记重复")
    assert docs.list_count(DocumentFilter(text="防汛")) == ListCount(CAP, more=True)
    narrowed = DocumentFilter(text="防汛", disclosure="依申请公开")
    assert docs.list_count(narrowed) == ListCount(CAP - 1, more=False)
    assert docs.list_count(DocumentFilter(text="防汛", voided=True)) == ListCount(1, more=False)
    assert docs.list_count(DocumentFilter(text="防汛", sort="title")) == ListCount(CAP, more=True)
    assert len(withheld) == CAP - 1


def test_counting_a_broad_search_stops_at_the_cap(
    office_ctx: AppContext, admin: Actor, small_cap: int
) -> None:
    """Structural guard: the list's count of a search is bounded by a LIMIT (SQLite FTS5 and PostgreSQL),
    so 「镇」 over a million documents reads COUNT_CAP + 1 matches, not all of them."""
    _notices(office_ctx, admin, CAP + 2)
    statements: list[tuple[str, object]] = []

    def seen(_conn: object, _cursor: object, statement: str, parameters: object, *_args: object) -> None:
        statements.append((statement, parameters))

    event.listen(office_ctx.engine, "before_cursor_execute", seen)
    try:
        office_ctx.documents.list_count(DocumentFilter(text="防汛"))
    finally:
        event.remove(office_ctx.engine, "before_cursor_execute", seen)
    counted = [(sql, args) for sql, args in statements if "document_search" in sql and "count(" in sql]
    assert counted and all("LIMIT" in sql for sql, _args in counted)
    assert any(str(CAP + 1) in repr(args) for _sql, args in counted)


def test_a_list_without_search_text_is_never_capped(
    office_ctx: AppContext, admin: Actor, small_cap: int
) -> None:
    _notices(office_ctx, admin, CAP + 2)
    assert office_ctx.documents.list_count(DocumentFilter()) == ListCount(CAP + 2, more=False)


def test_voided_documents_are_taken_off_a_capped_count_exactly(
    office_ctx: AppContext, admin: Actor, small_cap: int
) -> None:
    """A few voided documents: the index counts cap + 1 + V hits and the voided among them are taken off —
    exact right at the cap, without joining every hit to the register (the old join read 1M rows)."""
    docs = office_ctx.documents
    ids = _notices(office_ctx, admin, CAP + 1)
    other = docs.create(admin, DocumentInput("关于春耕生产的通知", "赵巷镇人民政府")).id
    broad = DocumentFilter(text="防汛")
    docs.void(admin, other, "登记重复")  # voided, but not a hit
    assert docs.list_count(broad) == ListCount(CAP, more=True)
    docs.void(admin, ids[0], "登记重复")
    assert docs.list_count(broad) == ListCount(CAP, more=False)
    docs.void(admin, ids[1], "登记重复")
    assert docs.list_count(broad) == ListCount(CAP - 1, more=False)
    assert docs.list_count(DocumentFilter(text="春耕")) == ListCount(0, more=False)
    _notices(office_ctx, admin, 2)
    assert docs.list_count(broad) == ListCount(CAP, more=True)
    assert [row.id for row in docs.page(broad, 0, 10)][-1] == ids[2]  # the voided are not listed
