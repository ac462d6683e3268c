from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from docx import Document

from app.services.report.tables import (
    APPLICANT_TYPES,
    LEAF_KEYS,
    LEAVES,
    SECTION_TITLES,
    TABLE2_BLOCKS,
    Table2,
    Table3,
    Table4,
    check_numbers,
    check_tables,
)
from app.services.report.word import ReportContent, build_report_docx


def balanced() -> Table3:
    table = Table3()
    for index, key in enumerate(LEAF_KEYS):
        table.add(key, APPLICANT_TYPES[index % 6])
        table.add("R1", APPLICANT_TYPES[index % 6])
    table.add("R2", "自然人", 2)
    table.add("R4", "自然人", 2)
    return table


def test_structure_is_the_official_one() -> None:
    assert len(SECTION_TITLES) == 6 and len(LEAVES) == 21
    assert LEAVES[4].label == "3.危及“三安全一稳定”"  # Chinese quotation marks, as published
    cells = sum(len(items) * (3 if len(cols) == 4 else 1) for _, cols, items in TABLE2_BLOCKS)
    assert cells == 10
    assert len(Table4.from_groups([[1, 2, 3, 4], [0, 0, 0, 0], [5, 0, 0, 1]]).values) == 15


def test_consistent_tables_pass_and_totals_are_derived() -> None:
    table = balanced()
    assert check_tables(table, Table4.from_groups([[1, 0, 0, 1]] * 3)) == []
    assert table.row("R3.7")[6] == 21 and table.row("R1")[6] == 21
    assert table.row("R1")[:6] == [4, 4, 4, 3, 3, 3]


def test_each_broken_rule_is_explained() -> None:
    table = balanced()
    table.add("R1", "商业企业")  # one more received than handled or carried over
    failures = check_tables(table, Table4.from_groups([[0, 0, 0, 0]] * 3))
    assert any("表三「商业企业」列" in f and "两者应相等" in f for f in failures)
    assert any("表三「总计」列" in f for f in failures)

    matrix = balanced().matrix()
    matrix["R3.7"][0] += 1  # a hand-typed （七）总计 that is not the sum of its leaves
    matrix["R3.1"][6] += 5  # a row 总计 that is not the sum of six columns
    broken_table4 = [1, 0, 0, 1, 3] + [0] * 10
    failures = check_numbers(matrix, broken_table4, last_year_r4=[1, 0, 0, 0, 0, 0, 1])
    assert any("（七）总计为" in f and "21项办理结果之和" in f for f in failures)
    assert any("「（一）予以公开」行：总计为" in f for f in failures)
    assert any("表四「行政复议」：总计为 3，但四项之和为 2" in f for f in failures)
    assert any("上年结转" in f and "不一致" in f for f in failures)


def test_json_nests_leaves_under_their_group() -> None:
    data = balanced().as_json()
    outcomes = data["三、本年度办理结果"]
    assert outcomes["（三）不予公开"]["1.属于国家秘密"] == [0, 0, 1, 0, 0, 0, 1]
    assert outcomes["（七）总计"][6] == 21 and data["四、结转下年度继续办理"][0] == 2
    assert Table2(normative_documents=(3, 1, 12), fees_wan_yuan=Decimal("1.25")).as_json()[
        "行政事业性收费"
    ] == [1.25]


def test_report_docx_has_six_sections_and_merged_official_tables(tmp_path: Path) -> None:
    content = ReportContent(
        "测试镇人民政府",
        2025,
        {SECTION_TITLES[0]: "本年度主动公开政府信息 120 条。"},
        Table2(normative_documents=(3, 1, 12)),
        balanced(),
        Table4.from_groups([[1, 0, 0, 1]] * 3),
        date(2026, 1, 20),
    )
    document = Document(str(build_report_docx(content, tmp_path / "年报.docx")))
    texts = [p.text for p in document.paragraphs]
    assert [t for t in texts if t in SECTION_TITLES] == list(SECTION_TITLES)
    assert "本年度主动公开政府信息 120 条。" in texts and texts[-1] == "2026年1月20日"
    table2, table3, table4 = document.tables
    assert [c.text for c in table2.rows[2].cells] == ["规章", "0", "0", "0"]
    header = table3.rows[0].cells
    assert header[0].text.startswith("（本列数据的勾稽关系为") and header[3].text == "申请人情况"
    assert header[3]._tc is header[9]._tc, "申请人情况 spans the seven data columns"
    labels = [row.cells[2].text for row in table3.rows[3:]]
    assert "3.危及“三安全一稳定”" in labels
    group_cells = {row.cells[1]._tc for row in table3.rows[7:15]}
    assert len(group_cells) == 1, "（三）不予公开 is one cell down its eight leaves"
    assert [c.text for c in table3.rows[-2].cells[3:]] == ["4", "4", "4", "3", "3", "3", "21"]
    assert [c.text for c in table4.rows[3].cells] == ["1", "0", "0", "1", "2"] * 3
