"""Register from a file: policy pages saved from government sites, and short notes.

The fixtures are written as the pages look: the gov.cn 政策文件库 block (索引号 / 主题分类 /
发文机关 / 成文日期 / 标题 / 发文字号 / 发布日期) and a county site's 索取号 / 发布机构 / 主题分类 /
印发日期 / 文号 lines, each above a body that quotes other documents' 文号 and starts its sections
with 「一、总体要求」.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document as DocxDocument

from app.services.documents.from_file import propose, propose_from_file

DATA = Path(__file__).parent / "data"
GOV_CN_TITLE = "国务院办公厅关于进一步优化政务服务提升行政效能推动“高效办成一件事”的指导意见"
QINGPU_TITLE = "青浦区人民政府办公室关于印发《青浦区推进政务公开标准化规范化工作实施方案》的通知"


def test_gov_cn_policy_page_reads_its_block() -> None:
    proposal = propose_from_file(DATA / "gov_cn_policy_page.txt")
    assert proposal.title == GOV_CN_TITLE
    assert proposal.doc_number == "国办发〔2024〕3号"  # not the 国发〔2018〕27号 the body cites
    assert proposal.publisher == "国务院办公厅"
    assert proposal.written_on == date(2024, 1, 16)  # 成文日期, not the 发布日期 2024-01-19
    assert proposal.disclosure == "主动公开"


def test_county_page_with_own_number_line() -> None:
    proposal = propose_from_file(DATA / "county_page_lines.txt")
    assert proposal.title == QINGPU_TITLE
    assert proposal.doc_number == "青府办发〔2024〕12号"
    assert proposal.publisher == "青浦区人民政府办公室"
    assert proposal.written_on == date(2024, 3, 8)  # from 「印发日期」


def test_county_page_copied_cell_by_cell_with_empty_number() -> None:
    proposal = propose_from_file(DATA / "county_page_cells.txt")
    assert proposal.title == "赵巷镇人民政府关于印发《赵巷镇2024年政务公开工作要点》的通知"
    assert proposal.doc_number == ""  # the page says it has none; 国办发〔2019〕54号 is only quoted
    assert proposal.publisher == "赵巷镇人民政府"
    assert proposal.written_on == date(2024, 4, 12)
    assert proposal.disclosure == "主动公开"


def test_page_pasted_into_word_keeps_the_table_above_the_body(tmp_path: Path) -> None:
    document = DocxDocument()
    document.add_paragraph("市场监管总局关于印发《市场监管领域政务公开事项标准目录》的通知")
    rows = (
        ("索  引  号：", "000014672/2024-00211", "主题分类：", "市场监管、安全生产监管\\其他"),
        ("发文机关：", "市场监管总局", "成文日期：", "2024年05月20日"),
        ("发文字号：", "国市监办发〔2024〕41号", "发布日期：", "2024年05月28日"),
    )
    table = document.add_table(rows=len(rows), cols=4)
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    for line in (
        "各省、自治区、直辖市和新疆生产建设兵团市场监管局（厅、委）：",
        "为落实《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》（国办发〔2019〕54号），现将目录印发给你们。",
        "一、总体要求",
        "各地要结合实际细化目录，于2024年底前在政府网站公开。",
    ):
        document.add_paragraph(line)
    path = tmp_path / "政策文件库.docx"
    document.save(str(path))
    proposal = propose_from_file(path)
    assert proposal.title == "市场监管总局关于印发《市场监管领域政务公开事项标准目录》的通知"
    assert proposal.doc_number == "国市监办发〔2024〕41号"
    assert (proposal.publisher, proposal.written_on) == ("市场监管总局", date(2024, 5, 20))


def test_number_quoted_in_the_body_is_not_the_documents_own() -> None:
    text = (
        "赵巷镇推进政务公开标准化规范化工作实施方案\n"
        "为贯彻落实《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》\n"
        "（国办发〔2019〕54号）要求，结合本镇实际，制定本方案。\n"
        "一、总体要求\n"
        "坚持以公开为常态、不公开为例外。\n"
    )
    proposal = propose(text)
    assert proposal.doc_number == ""
    assert proposal.title == "赵巷镇推进政务公开标准化规范化工作实施方案"


def test_section_heading_is_never_the_title() -> None:
    proposal = propose("一、总体要求\n坚持以公开为常态、不公开为例外。\n二、重点任务\n做好政策解读。")
    assert proposal.title == ""


def test_number_line_with_signer_is_still_the_documents_own() -> None:
    text = "泰安市财政局\n泰财呈〔2021〕5号　　签发人：王某某\n关于财政政务公开工作情况的报告\n市政府：\n"
    proposal = propose(text)
    assert proposal.doc_number == "泰财呈〔2021〕5号"
    assert proposal.title == "关于财政政务公开工作情况的报告"


def test_short_text_never_merges_its_second_line_into_the_title() -> None:
    assert propose("春耕补贴发放名单\n张三 500元\n李四 300元").title == "春耕补贴发放名单"
    assert propose("镇政府值班安排\n12月24日 王某 13800000000").title == "镇政府值班安排"


def test_wrapped_title_is_still_joined() -> None:
    text = "关于召开2025年春耕生产\n工作会议的通知\n各村委会：\n定于3月5日召开。"
    assert propose(text).title == "关于召开2025年春耕生产工作会议的通知"
    assert propose("关于印发某镇河长制\n工作制度（试行）\n的通知\n各村：").title == (
        "关于印发某镇河长制工作制度（试行）的通知"
    )


def test_a_labelled_number_line_alone_is_the_documents_own() -> None:
    proposal = propose("关于做好2025年防汛工作的通知\n文号：赵府办〔2025〕7号\n各村委会：\n请做好准备。")
    assert (proposal.doc_number, proposal.title) == ("赵府办〔2025〕7号", "关于做好2025年防汛工作的通知")


def test_red_header_letter_with_labelled_lines_at_the_end_keeps_its_own_fields() -> None:
    text = (
        "赵巷镇人民政府文件\n赵府发〔2025〕9号\n关于做好秋粮收购工作的通知\n各村委会：\n请做好收购工作。\n"
        "赵巷镇人民政府\n2025年9月1日\n主题词：秋粮 收购 通知\n公开方式：主动公开\n"
    )
    proposal = propose(text)
    assert (proposal.doc_number, proposal.title) == ("赵府发〔2025〕9号", "关于做好秋粮收购工作的通知")
    assert (proposal.publisher, proposal.written_on) == ("赵巷镇人民政府", date(2025, 9, 1))
    assert proposal.disclosure == "主动公开"
