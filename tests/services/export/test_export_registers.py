"""The package carries all three registers: published 公文, 公开栏张贴 (as PDF) and 重大决策 items/results."""

from __future__ import annotations

import json
import time
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.models.decision import DecisionDirectory, DecisionItem, DecisionStage
from app.models.document import Document, ReviewSheet
from app.services.context import AppContext
from app.services.export.service import ExportMode
from app.services.export.verify import verify_package
from app.services.formats.xlsx import read_rows
from app.services.permissions import Actor
from app.services.postings.periods import PeriodPreset
from app.services.postings.types import PostingDraft
from tests.conftest import TEST_NOW
from tests.services.review_support import reviewed

BOARDS = ["镇政府公开栏"]
NOW = TEST_NOW  # the test contexts' clock starts here (tests/conftest.py)
TODAY = NOW.date()


def _sheet(ctx: AppContext, kind: str, item_id: int, at: datetime) -> None:
    with ctx.sessions.begin() as session:
        session.add(
            ReviewSheet(
                number=f"保审〔{at.year}〕{kind}{item_id}号",
                item_kind=kind,
                item_id=item_id,
                item_title="测试",
                filled_on=at.date(),
                steps="承办人初审、科室负责人审核、保密审查员审查、分管领导审批",
                status="已通过",
                conclusion="同意公开",
                approved_at=at,
                **reviewed(session, kind, item_id),
            )
        )


def _posting(ctx: AppContext, admin: Actor, title: str, post: bool) -> int:
    draft = PostingDraft(
        title=title,
        body="现将有关事项公示如下。\n公示期内如有异议，请向镇政府反映。",
        boards=tuple(BOARDS),
        preset=PeriodPreset.DAYS_7.value,
        period_start=TODAY,
        unit="测试镇人民政府",
        signed_on=TODAY,
    )
    info = ctx.postings.create(admin, draft)
    if post:
        _sheet(ctx, "posting", info.id, NOW - timedelta(hours=2))
        ctx.postings.mark_posted(admin, info.id, NOW - timedelta(hours=1))
    return info.id


def _decisions(ctx: AppContext) -> dict[str, int]:
    """2025 directory published with a decided-and-published item and a decided-only one; 2026 a draft."""
    with ctx.sessions.begin() as session:
        published = DecisionDirectory(
            year=2025, status="已公布", published_on=date(2025, 2, 10), doc_number=""
        )
        draft = DecisionDirectory(year=2026, status="编制中")
        session.add_all([published, draft])
        session.flush()
        items = {}
        for key, directory, seq, name in (
            ("done", published, 1, "赵巷镇农村人居环境整治三年行动方案"),
            ("decided", published, 2, "赵巷镇集镇停车管理办法"),
            ("draft", draft, 1, "赵巷镇养老服务设施布局规划"),
        ):
            row = DecisionItem(
                directory_id=directory.id,
                seq=seq,
                name=name,
                subject="测试镇人民政府",
                undertaker="党政办",
                planned_on=date(directory.year, 10, 31),
            )
            session.add(row)
            session.flush()
            items[key] = row.id
        for key in ("done", "decided"):
            session.add(DecisionStage(item_id=items[key], stage="集体讨论决定", done_on=date(2025, 6, 3)))
        session.add(
            DecisionStage(
                item_id=items["done"],
                stage="决策公布",
                done_on=date(2025, 6, 10),
                result="同意实施整治方案。",
            )
        )
        items["directory"] = published.id
    _sheet(ctx, "decision_directory", items["directory"], datetime(2025, 2, 1, 9))
    _sheet(ctx, "decision_result", items["done"], datetime(2025, 6, 5, 9))
    return items


def _document(ctx: AppContext, published: bool) -> int:
    with ctx.sessions.begin() as session:
        row = Document(
            index_no=f"11320000TEST0001X/2025-{9 if published else 8:05d}",
            doc_number="赵府发〔2025〕3号",
            title="关于做好春耕生产工作的通知" if published else "关于调整镇防汛指挥部成员的通知",
            publisher="测试镇人民政府",
            written_on=date(2025, 3, 1),
            published_at=datetime(2025, 3, 2, 9) if published else None,
            disclosure="主动公开",
            history_note="历史公开（线下审查）：测试",
        )
        session.add(row)
        session.flush()
        bound = reviewed(session, "document", row.id)  # imported history covers the content it came with
        row.history_fingerprint, row.history_content = bound["content_fingerprint"], bound["content_json"]
        return row.id


@pytest.fixture
def registers(office_ctx: AppContext, admin: Actor) -> dict[str, int]:
    office_ctx.settings.save_boards(admin, BOARDS)
    ids = _decisions(office_ctx)
    ids["posted"] = _posting(office_ctx, admin, "关于2025年度高龄津贴发放名单的公示", post=True)
    ids["waiting"] = _posting(office_ctx, admin, "关于镇区道路改造施工的公告", post=False)
    ids["doc"] = _document(office_ctx, published=True)
    ids["doc_unpublished"] = _document(office_ctx, published=False)
    return ids


def test_package_carries_documents_postings_and_decisions(
    office_ctx: AppContext, admin: Actor, registers: dict[str, int], tmp_path: Path
) -> None:
    started = time.perf_counter()
    result = office_ctx.exports.build(admin, tmp_path / "上报.zip")
    print(f"\nbuild with 3 registers: {time.perf_counter() - started:.2f}s")
    assert verify_package(result.file).ok
    with zipfile.ZipFile(result.file) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        (tmp_path / "目录.xlsx").write_bytes(archive.read("信息目录.xlsx"))
        posting = next(i for i in manifest["items"] if i["kind"] == "posting")
        pdf_path = posting["files"][0]["path"]
        (tmp_path / "p.pdf").write_bytes(archive.read(pdf_path))
    kinds = sorted(i["kind"] for i in manifest["items"])
    assert kinds == ["decision_directory", "decision_directory", "decision_result", "document", "posting"]
    assert posting["title"] == "关于2025年度高龄津贴发放名单的公示" and pdf_path.endswith(".pdf")
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "p.pdf").pages)
    assert "高龄津贴" in text.replace("\n", "")
    result_entry = next(i for i in manifest["items"] if i["kind"] == "decision_result")
    assert result_entry["title"] == "赵巷镇农村人居环境整治三年行动方案决策结果"
    assert result_entry["created"] == "2025-06-10" and result_entry["summary"] == "同意实施整治方案。"
    assert len({i["index_no"] for i in manifest["items"]}) == len(manifest["items"])
    rows = read_rows(tmp_path / "目录.xlsx", ["类别", "索引号", "名称"], ["名称"])
    titles = {row.values["名称"] for row in rows}
    assert {
        "关于做好春耕生产工作的通知",
        "关于2025年度高龄津贴发放名单的公示",
        "赵巷镇农村人居环境整治三年行动方案",
        "赵巷镇集镇停车管理办法",
        "赵巷镇农村人居环境整治三年行动方案决策结果",
    } == titles


def test_unpublished_items_of_each_register_are_left_out_with_the_reason(
    office_ctx: AppContext, admin: Actor, registers: dict[str, int]
) -> None:
    plan = office_ctx.exports.preview(admin, ExportMode.FULL)
    reasons = {(left.kind, left.title): left.reason for left in plan.left_out}
    assert "公开栏" in reasons[("posting", "关于镇区道路改造施工的公告")]
    assert "目录尚未公布" in reasons[("decision_directory", "赵巷镇养老服务设施布局规划")]
    assert "决策公布" in reasons[("decision_result", "赵巷镇集镇停车管理办法决策结果")]
    assert "公文登记" in reasons[("document", "关于调整镇防汛指挥部成员的通知")]
    assert len(plan.left_out) == 4


def test_unchanged_posting_pdf_is_not_sent_again(
    office_ctx: AppContext, admin: Actor, registers: dict[str, int], tmp_path: Path
) -> None:
    office_ctx.exports.build(admin, tmp_path / "first.zip", now=NOW + timedelta(minutes=1))
    plan = office_ctx.exports.preview(admin, ExportMode.SINCE_LAST, now=NOW + timedelta(minutes=2))
    assert plan.items == () and plan.unchanged == 5


def test_posting_without_review_is_refused_by_the_gate_at_export(
    office_ctx: AppContext, admin: Actor, registers: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services.export.catalogue import postings as catalogue_postings

    rendered: list[str] = []
    real = catalogue_postings.render_invariant
    monkeypatch.setattr(
        catalogue_postings,
        "render_invariant",
        lambda content: rendered.append(content.title) or real(content),
    )
    with office_ctx.sessions.begin() as session:
        session.query(ReviewSheet).filter(ReviewSheet.item_kind == "posting").delete()
    plan = office_ctx.exports.preview(admin, ExportMode.FULL)
    reasons = {left.title: left.reason for left in plan.left_out}
    assert "保密审查单" in reasons["关于2025年度高龄津贴发放名单的公示"]
    assert rendered == []  # the gate refuses it anyway: its PDF is not rendered for nothing


def test_posting_pdf_is_rendered_once_per_version(
    office_ctx: AppContext, admin: Actor, registers: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services.export.catalogue import postings as catalogue_postings

    real = catalogue_postings.render_invariant
    calls: list[str] = []

    def counting(content: catalogue_postings.PostingContent) -> bytes:
        calls.append(content.title)
        return real(content)

    monkeypatch.setattr(catalogue_postings, "render_invariant", counting)
    first = office_ctx.exports.preview(admin, ExportMode.FULL)
    again = office_ctx.exports.preview(admin, ExportMode.FULL)
    assert calls == ["关于2025年度高龄津贴发放名单的公示"]
    assert [i.files for i in first.items] == [i.files for i in again.items]
    (office_ctx.attachments.root / catalogue_postings.CACHE_NAME).write_text("{broken", encoding="utf-8")
    office_ctx.exports.preview(admin, ExportMode.FULL)  # a damaged cache only costs a re-render
    assert len(calls) == 2
