"""PostgreSQL search: tsquery syntax typed by a clerk is plain text; long fields keep exact phrases; an
older index format on the server is replaced once."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from app.services.context import AppContext
from app.services.documents.query import DocumentFilter
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor
from app.services.search.postgres_rows import FORMAT, MAX_POSITION, MAX_POSITIONS, vector

pytestmark = pytest.mark.postgres

DOCUMENTS = (
    ("关于农田水利设施管护的意见", "测府发〔2025〕1号", "农田灌溉由村集体管护。"),
    ("关于农田的通知", "测府发〔2025〕2号", "水利部门配合。"),
    ("化债专项方案", "测府办〔2025〕3号", "It's a plan: O'Brien\\path 100% done_now."),
)
# Each hostile query, and the plain words it must behave exactly like.
HOSTILE = (
    ("农田<->水利", "农田 水利"),
    ("农田 & 水利", "农田 水利"),
    ("农田|水利", "农田 水利"),
    ("!农田", "农田"),
    ("农田:*", "农田"),
    ("'农田':*", "农田"),
    ("'", ""),
    ("''", ""),
    ("\\", ""),
    ("\\'化债", "化债"),
    ('"化债"', "化债"),
    ("%", ""),
    ("_", ""),
    ("化%债", "化 债"),
    ("o'brien", "o brien"),
    ("it's", "it s"),
    ("100%", "100"),
    ("done_now", "done now"),
    ("(农田) <2> !!水利", "农田 2 水利"),
    ("'); DROP TABLE documents; --", "drop table documents"),
    ("农田" * 5000, "农田" * 100),  # 10,000 characters: only the first 200 are searched
    ("a" * 10_000, "a" * 200),
)


@pytest.fixture
def office(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> AppContext:
    ctx = office_ctx
    for number, (title, doc_number, body) in enumerate(DOCUMENTS):
        path = tmp_path / f"正文{number}.txt"
        path.write_text(body, encoding="utf-8")
        ctx.documents.create(
            admin, DocumentInput(title=title, publisher="测试镇人民政府", doc_number=doc_number), (path,)
        )
    return ctx


def _found(context: AppContext, query: str) -> set[str]:
    return {hit.title for hit in context.documents.search(query)}


@pytest.mark.parametrize(("query", "plain"), HOSTILE)
def test_operators_and_quotes_are_searched_as_plain_words(office: AppContext, query: str, plain: str) -> None:
    found = _found(office, query)
    assert found == _found(office, plain)
    flt = DocumentFilter(text=query)
    assert office.documents.count(flt) == len(found)
    assert {row.title for row in office.documents.page(flt, 0, 50)} == found
    assert office.documents.count(DocumentFilter()) == len(DOCUMENTS)  # nothing was dropped


def test_apostrophes_and_backslashes_in_documents_are_found(office: AppContext) -> None:
    assert _found(office, "O'Brien") == {"化债专项方案"}
    assert _found(office, "path 100") == {"化债专项方案"}
    assert _found(office, "农田水利") == {"关于农田水利设施管护的意见"}  # not 「农田」 title + 「水利」 body


def test_a_phrase_deep_in_a_long_attachment_is_found(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    ctx = office_ctx
    # Past tsvector's 16,383 positions, and after 「垃圾」 has used up its 256 positions.
    filler = "垃圾清运" * (MAX_POSITIONS + 10) + "文" * (MAX_POSITION + 100)
    path = tmp_path / "长附件.txt"
    path.write_text(filler + "，生活垃圾分类实施方案附后。", encoding="utf-8")
    ctx.documents.create(admin, DocumentInput(title="长文", publisher="测试镇人民政府"), (path,))
    short = tmp_path / "短附件.txt"
    short.write_text("垃圾清运与分类", encoding="utf-8")
    ctx.documents.create(admin, DocumentInput(title="短文", publisher="测试镇人民政府"), (short,))
    assert vector(filler)[1] is not None  # this field keeps its bigram text for phrase checks
    assert _found(ctx, "垃圾分类") == {"长文"}
    assert _found(ctx, "分类实施方案") == {"长文"}
    assert _found(ctx, "垃圾清运") == {"长文", "短文"}
    assert _found(ctx, "清运分类") == set()


def test_edits_new_attachments_and_deletes_reach_the_index(
    office: AppContext, admin: Actor, tmp_path: Path
) -> None:
    document = office.documents.search("化债专项方案")[0]
    office.documents.update(
        admin, document.id, DocumentInput(title="乡村振兴专项方案", publisher="测试镇人民政府")
    )
    assert _found(office, "化债") == set()
    assert _found(office, "乡村振兴") == {"乡村振兴专项方案"}
    extra = tmp_path / "补充.txt"
    extra.write_text("人居环境整治", encoding="utf-8")
    office.documents.add_files(admin, document.id, (extra,))
    assert _found(office, "人居环境") == {"乡村振兴专项方案"}
    assert _found(office, "o'brien") == {"乡村振兴专项方案"}  # the first attachment is still indexed
    office.documents.delete(admin, document.id)
    assert _found(office, "人居环境") == set()
    assert office.documents.count(DocumentFilter(text="专项方案")) == 0


def test_an_older_index_format_is_rebuilt_once(office: AppContext) -> None:
    with office.engine.begin() as connection:  # the first server format: a gram table
        connection.execute(text("DROP TABLE document_search"))
        connection.execute(text("CREATE TABLE document_search (id integer PRIMARY KEY, title_b text)"))
        connection.execute(text("CREATE TABLE document_search_grams (gram text, document_id integer)"))
    index = office.search_index
    assert index is not None
    assert index.ensure(office.engine) is True
    assert index.ensure(office.engine) is False
    with office.engine.connect() as connection:
        assert connection.execute(text("SELECT to_regclass('document_search_grams')")).scalar() is None
        marker = "SELECT obj_description(to_regclass('document_search'), 'pg_class')"
        assert connection.execute(text(marker)).scalar() == FORMAT
    assert _found(office, "农田") == {"关于农田水利设施管护的意见", "关于农田的通知"}
