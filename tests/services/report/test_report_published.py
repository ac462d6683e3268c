"""The 年度报告 as it is published (issue 21 point 10) and its numbers for published-report checkers."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from app.errors import UserFacingError
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.report.tables import R1, R2, R4, R37, SECTION_TITLES
from tests.services.request_support import registration

GENERAL, PROBLEMS, OTHER = SECTION_TITLES[0], SECTION_TITLES[4], SECTION_TITLES[5]
NPC = "本年度本机关未承办人大代表建议和政协提案。"


def _paid_case(ctx: AppContext, admin: Actor) -> None:
    """One 2025 case whose applicant paid a 300元 信息处理费, answered 予以公开."""
    steps = ctx.requests.steps
    case_id = ctx.requests.register(admin, registration(date(2025, 3, 3)), today=date(2025, 3, 3)).detail.id
    steps.fee_notice(admin, case_id, date(2025, 3, 4), 300, "按件", "第13件", today=date(2025, 3, 4))
    steps.fee_paid(admin, case_id, date(2025, 3, 10), today=date(2025, 3, 10))
    steps.answer(admin, case_id, "R3.1", date(2025, 3, 20), today=date(2025, 3, 20))


def _texts(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def _section(texts: list[str], title: str) -> list[str]:
    start = texts.index(title) + 1
    following = [texts.index(t) for t in SECTION_TITLES if texts.index(t) > start - 1 and t != title]
    return texts[start : min(following, default=len(texts) - 3)]


def test_published_text_has_no_signature_lines(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    texts = _texts(office_ctx.annual_report.export_docx(admin, 2025, tmp_path / "年报.docx"))
    assert not any("签字" in text for text in texts)
    assert texts[-2:] == ["测试镇人民政府", "2026年11月23日"]  # 署名 and 成文日期 only


def test_report_needs_the_office_name(ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    for export in (ctx.annual_report.export_docx, ctx.annual_report.export_checker_json):
        with pytest.raises(UserFacingError, match="还没有填写单位名称.*设置 → 单位信息"):
            export(admin, 2025, tmp_path / "导出" / "年报.out")
    assert not (tmp_path / "导出").exists()


@pytest.mark.parametrize(
    ("title", "text", "message"),
    [
        (PROBLEMS, "无", "不能空着或只写「无」"),
        (PROBLEMS, "无。", "不能空着或只写「无」"),
        (OTHER, "无。", "人大代表建议和政协提案"),
        (OTHER, "本年度无其他需要报告的事项。", "人大代表建议和政协提案"),
    ],
)
def test_sections_five_and_six_cannot_be_left_as_none(
    office_ctx: AppContext, admin: Actor, tmp_path: Path, title: str, text: str, message: str
) -> None:
    office_ctx.annual_report.save_narratives(admin, 2025, {title: text})
    with pytest.raises(UserFacingError, match=message):
        office_ctx.annual_report.export_docx(admin, 2025, tmp_path / "年报.docx")


def test_six_always_states_the_fee_computed_from_the_cases(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    _paid_case(office_ctx, admin)
    wrong = "本年度本机关收取信息处理费999元。"  # the clerk's own (wrong) fee line is replaced
    office_ctx.annual_report.save_narratives(admin, 2025, {OTHER: f"{wrong}\n{NPC}"})
    texts = _texts(office_ctx.annual_report.export_docx(admin, 2025, tmp_path / "年报.docx"))
    six = _section(texts, OTHER)
    assert six[0] == (
        "依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）规定，"
        "本年度本机关对1件政府信息公开申请收取信息处理费，共计300元。"
    )
    assert NPC in six and not any("999" in line for line in texts)


def test_six_states_that_no_fee_was_collected(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    office_ctx.annual_report.save_narratives(admin, 2025, {OTHER: NPC})
    texts = _texts(office_ctx.annual_report.export_docx(admin, 2025, tmp_path / "年报.docx"))
    assert "本年度本机关未收取信息处理费（收费0件，金额0元）" in _section(texts, OTHER)[0]


def test_opening_paragraph_is_offered(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    plain = _texts(office_ctx.annual_report.export_docx(admin, 2025, tmp_path / "a.docx"))
    assert plain[1:3] == ["", GENERAL]  # without it, 一 follows the title
    texts = _texts(office_ctx.annual_report.export_docx(admin, 2025, tmp_path / "b.docx", opening=True))
    opening = texts[2]
    assert opening.startswith("本报告根据《中华人民共和国政府信息公开条例》")
    assert "国办公开办函〔2021〕30号" in opening and "自2025年1月1日起至2025年12月31日止" in opening
    assert "地址：测试路 1 号；电话：0512-0000000" in opening and texts[3] == GENERAL


def test_checker_json_has_six_sections_and_labelled_tables(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    _paid_case(office_ctx, admin)
    office_ctx.requests.register(admin, registration(date(2025, 12, 29)), today=date(2025, 12, 29))
    service = office_ctx.annual_report
    data = json.loads(
        service.export_checker_json(admin, 2025, tmp_path / "年报.json").read_text(encoding="utf-8")
    )
    assert (data["office"], data["year"]) == ("测试镇人民政府", 2025)
    sections = data["sections"]
    assert [s["title"] for s in sections] == list(SECTION_TITLES)
    assert [s["type"] for s in sections] == ["text", "table_2", "table_3", "table_4", "text", "text"]
    assert "共计300元" in sections[5]["content"]
    table2 = sections[1]["activeDisclosureData"]
    assert set(table2) >= {"regulations", "normativeDocuments", "licensing", "punishment", "coercion", "fees"}
    assert table2["fees"]["unit"] == "万元" and "第二十条第（八）项" in table2["labels"]["fees"]
    table3 = sections[2]["tableData"]
    assert set(table3["legalPerson"]) == {"commercial", "research", "social", "legal", "other"}
    view = service.report(2025)
    total, person = table3["total"], table3["naturalPerson"]
    assert total["newReceived"] == view.table3.row(R1.key)[6] == 2
    assert total["carriedOver"] == view.table3.row(R2.key)[6]
    assert total["results"]["totalProcessed"] == view.table3.row(R37.key)[6] == 1
    assert total["results"]["carriedForward"] == view.table3.row(R4.key)[6] == 1
    assert person["results"]["granted"] == 1 and len(total["results"]["denied"]) == 8
    assert len(total["results"]["notProcessed"]) == 5 and len(total["results"]["other"]) == 3
    assert table3["labels"]["denied.thirdPartyRights"] == "4.保护第三方合法权益"
    table4 = sections[3]["reviewLitigationData"]
    assert set(table4) == {"review", "litigationDirect", "litigationPostReview", "labels"}
    assert list(table4["review"]) == ["maintain", "correct", "other", "unfinished", "total"]
    assert table4["labels"]["litigationPostReview"] == "行政诉讼（复议后起诉）"
