"""The same register searched on SQLite (FTS5) and PostgreSQL (gram table) finds the same documents."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.paths import DataPaths
from app.services.context import AppContext, open_data_folder
from app.services.documents.query import DocumentFilter
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor
from tests.conftest import ADMIN_PASSWORD, TEST_OFFICE

pytestmark = pytest.mark.postgres

DOCUMENTS = (
    ("关于做好2025年春耕生产工作的通知", "测府发〔2025〕1号", "各村要做好春耕备耕，落实化肥、种子储备。"),
    ("关于2024年度财政预算执行情况的报告", "测府发〔2025〕2号", "债务风险总体可控，化债工作有序推进。"),
    ("化债专项方案", "测府办〔2025〕3号", ""),
    ("关于农田水利设施管护的意见", "", "农田灌溉、水利设施由村集体管护。"),
    ("关于农田的通知", "测府发〔2025〕5号", "水利部门配合。"),
    ("Excel 台账模板说明（ABC-2025 版）", "", "导入 excel 时请使用 UTF8 编码。"),
    ("关于低保、特困人员救助的公示", "测民〔2025〕7号", "低保对象名单见附件。"),
)
QUERIES = (
    "化",
    "债",
    "水",
    "农田",
    "水利",
    "春耕",
    "低保",
    "化债",
    "农田水利",
    "春耕生产",
    "财政预算",
    "预算执行",
    "2025",
    "202",
    "excel",
    "ABC",
    "测府发",
    "〔2025〕1号",
    "农田 水利",
    "化债 2024",
    "不存在",
    "利设",
    '"化债"',
    "%",
    "农田%",
    "NEAR(化 债)",
)


@pytest.fixture
def both(ctx: AppContext, tmp_path: Path) -> Iterator[tuple[AppContext, AppContext]]:
    local = open_data_folder(DataPaths(tmp_path / "单机"))
    for context in (local, ctx):
        admin: Actor = context.accounts.create_first_admin("admin", "王管理", ADMIN_PASSWORD)
        context.settings.save_office(admin, TEST_OFFICE)
        for title, number, body in DOCUMENTS:
            files: tuple[Path, ...] = ()
            if body:
                path = tmp_path / f"{len(title)}-{abs(hash(title))}.txt"
                path.write_text(body, encoding="utf-8")
                files = (path,)
            context.documents.create(
                admin, DocumentInput(title=title, publisher="测试镇人民政府", doc_number=number), files
            )
    yield local, ctx
    local.close()


@pytest.mark.parametrize("query", QUERIES)
def test_same_documents_for_every_query(both: tuple[AppContext, AppContext], query: str) -> None:
    local, server = both
    assert local.engine.dialect.name == "sqlite" and server.engine.dialect.name == "postgresql"
    found_local = {hit.title for hit in local.documents.search(query)}
    found_server = {hit.title for hit in server.documents.search(query)}
    assert found_local == found_server
    flt = DocumentFilter(text=query)
    assert local.documents.count(flt) == server.documents.count(flt) == len(found_local)


def test_one_two_and_four_characters_find_what_a_clerk_expects(both: tuple[AppContext, AppContext]) -> None:
    for context in both:

        def titles(query: str, context: AppContext = context) -> list[str]:
            return [hit.title for hit in context.documents.search(query)]

        assert set(titles("化")) == {
            "化债专项方案",
            "关于2024年度财政预算执行情况的报告",
            "关于做好2025年春耕生产工作的通知",
        }
        assert titles("化债")[0] == "化债专项方案"  # a title hit ranks above a body hit
        assert titles("农田水利") == ["关于农田水利设施管护的意见"]  # not 「农田」…「水利」 apart
        assert {*titles("农田")} == {"关于农田水利设施管护的意见", "关于农田的通知"}


@pytest.mark.parametrize("query", ("化", "水", "农田", "测府发", "2025", "农田 水利", "春耕生产"))
def test_broad_searches_list_the_same_documents_newest_first(
    both: tuple[AppContext, AppContext], query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 「many matches」 from 2 documents on
    for module in ("search.index", "search.postgres", "documents.query"):
        monkeypatch.setattr(f"app.services.{module}.MANY_MATCHES", 1)
    pages = []
    for context in both:
        flt = DocumentFilter(text=query)
        rows = context.documents.page(flt, 0, 50)
        assert context.documents.count(flt) == len(rows)
        assert context.documents.ranked(flt) is (len(rows) <= 1)
        if len(rows) > 1:
            assert [row.id for row in rows] == sorted((row.id for row in rows), reverse=True)
            assert [hit.id for hit in context.documents.search(query, limit=50)] == [row.id for row in rows]
        pages.append([row.title for row in rows])
    assert pages[0] == pages[1]
