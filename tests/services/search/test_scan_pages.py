"""Issue 22: a scan's OCR text is searchable with the page it came from."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.models.document import Document
from app.services.context import AppContext
from app.services.documents.hit_pages import HitPlace
from app.services.documents.rows import search_fields
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor
from app.services.search.index import query_terms
from app.services.search.pages import join_pages, match_page, page_at, page_note

PAGE_1 = "赵巷镇人民政府文件\n赵府发〔2026〕12号\n关于做好2026年秋冬季森林防火工作的通知\n各村（居）委会："
PAGE_2 = "二、落实防火责任。各村要组织护林员开展巡山护林，\n严禁在林区烧荒。\n赵巷镇人民政府\n2026年8月3日"


def test_a_phrase_only_on_page_two_of_a_scan_finds_the_document(office_ctx: AppContext, admin: Actor) -> None:
    detail = office_ctx.documents.create(
        admin, DocumentInput("关于做好2026年秋冬季森林防火工作的通知", "赵巷镇人民政府", "主动公开",
                             "赵府发〔2026〕12号", date(2026, 8, 3)),
    )  # fmt: skip
    body = join_pages([PAGE_1, PAGE_2])
    with office_ctx.sessions.begin() as session:
        row = session.get(Document, detail.id)
        assert row is not None
        office_ctx.documents.index.put(session, detail.id, search_fields(row, body))
    assert [hit.id for hit in office_ctx.documents.search("巡山护林")] == [detail.id]
    assert office_ctx.documents.search("林区烧荒")[0].id == detail.id
    assert office_ctx.documents.search("护林烧荒") == []  # not a phrase of the text
    assert match_page(body, query_terms("巡山护林")) == 2
    assert match_page(body, query_terms("秋冬季")) == 1


def test_a_phrase_is_not_matched_across_a_page_break(office_ctx: AppContext, admin: Actor) -> None:
    detail = office_ctx.documents.create(admin, DocumentInput("扫描件", "赵巷镇人民政府", "主动公开"))
    body = join_pages(["第一页末尾是森林", "防火开头的第二页"])
    with office_ctx.sessions.begin() as session:
        row = session.get(Document, detail.id)
        assert row is not None
        office_ctx.documents.index.put(session, detail.id, search_fields(row, body))
    assert office_ctx.documents.search("森林防火") == []
    assert office_ctx.documents.search("防火开头")[0].id == detail.id


def test_pages_are_counted_from_one() -> None:
    body = join_pages(["甲", "乙\f丙", "丁"])  # a stray form feed inside a page does not start a page
    assert [page_at(body, body.index(c)) for c in "甲乙丙丁"] == [1, 2, 2, 3]
    assert match_page(body, ["戊"]) is None


def _register_scan(ctx: AppContext, admin: Actor, tmp_path: Path, pages: list[str]) -> int:
    """A document whose attachment is a scan, its OCR text saved page by page (as 从文件登记 does)."""
    scan = tmp_path / "森林防火通知.png"
    scan.write_bytes(b"\x89PNG stand-in: the text below is what OCR read")
    detail = ctx.documents.create(
        admin, DocumentInput("关于做好2026年秋冬季森林防火工作的通知", "赵巷镇人民政府"), (scan,),
        texts=(join_pages(pages),),
    )  # fmt: skip
    return detail.id


def test_a_search_hit_names_the_scan_page_it_is_on(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    document_id = _register_scan(office_ctx, admin, tmp_path, [PAGE_1, PAGE_2])
    (hit,) = office_ctx.documents.search("巡山护林")
    assert hit.page == 2 and "巡山护林" in hit.excerpt
    assert office_ctx.documents.search("各村（居）委会")[0].page == 1
    assert office_ctx.documents.hit_place(document_id, "巡山护林") == HitPlace("森林防火通知.png", 2)
    assert page_note(2) == "（扫描件第 2 页）"


def test_no_page_is_named_for_a_one_page_text_or_a_title_match(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    one_page = _register_scan(office_ctx, admin, tmp_path, [PAGE_1 + "\n" + PAGE_2])
    assert office_ctx.documents.search("巡山护林")[0].page is None
    assert office_ctx.documents.hit_place(one_page, "巡山护林") is None
    assert office_ctx.documents.hit_place(one_page, "") is None
    title_only = office_ctx.documents.create(admin, DocumentInput("关于巡山护林的通知", "赵巷镇人民政府"))
    assert office_ctx.documents.hit_place(title_only.id, "巡山护林") is None  # no attachment to point at
