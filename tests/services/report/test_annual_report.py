from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from docx.oxml.ns import qn

from app.errors import UserFacingError
from app.paths import DataPaths
from app.services.context import AppContext, open_data_folder
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor, Role
from app.services.report.tables import LEAF_KEYS, SECTION_TITLES, TABLE3_ROWS
from app.services.report.types import EnteredFigures, ReportInconsistent
from tests.conftest import ADMIN_PASSWORD, TEST_OFFICE
from tests.services.report_support import build_case, expected_table, fixture_specs
from tests.services.request_support import LEADER

CLERK = Actor(None, "clerk", "李经办", frozenset({Role.CLERK}))


@pytest.fixture(scope="module")
def two_years_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once through the services (slow); each test gets its own copy of the folder."""
    paths = DataPaths(tmp_path_factory.mktemp("年报") / "模板")
    ctx = open_data_folder(paths)
    try:
        admin = ctx.accounts.create_first_admin("admin", "王管理", ADMIN_PASSWORD)
        ctx.settings.save_office(admin, TEST_OFFICE)
        for number, spec in enumerate(fixture_specs(), start=1):
            build_case(ctx, admin, spec, number)
    finally:
        ctx.close()
    return paths.root


@pytest.fixture
def two_years(two_years_folder: Path, tmp_path: Path) -> Iterator[AppContext]:
    root = tmp_path / "数据"
    shutil.copytree(two_years_folder, root)
    ctx = open_data_folder(DataPaths(root))
    yield ctx
    ctx.close()


@pytest.fixture
def boss(two_years: AppContext) -> Actor:
    """The administrator of the copied folder."""
    actor = two_years.accounts.authenticate("admin", ADMIN_PASSWORD)
    assert actor is not None
    return actor


def test_every_table_three_cell_matches_an_independent_count(two_years: AppContext) -> None:
    specs = fixture_specs()
    covered = {(s.outcome, s.applicant_type) for s in specs}
    assert {leaf for leaf, _ in covered} >= set(LEAF_KEYS)
    assert len({kind for _, kind in covered}) == 6
    for year in (2024, 2025):
        view = two_years.annual_report.report(year)
        expected = expected_table(specs, year)
        for row in TABLE3_ROWS:
            assert view.table3.row(row.key) == expected[row.key], (year, row.label)
        assert view.failures == ()
    last, this = two_years.annual_report.report(2024), two_years.annual_report.report(2025)
    assert last.table3.row("R4")[6] == 3 and this.table3.row("R2") == last.table3.row("R4")
    assert this.table3.row("R4")[6] == 3


def test_json_has_every_number_with_group_nesting(two_years: AppContext, boss: Actor, tmp_path: Path) -> None:
    target = two_years.annual_report.export_json(boss, 2025, tmp_path / "年报.json")
    data = json.loads(target.read_text(encoding="utf-8"))
    assert set(data) >= {"table2", "table3", "table4"}
    assert len(data["table4"]) == 15 and sum(len(v) for v in data["table2"].values()) == 10
    outcomes = data["table3"]["三、本年度办理结果"]
    assert len(outcomes["（三）不予公开"]) == 8 and len(outcomes["（五）不予处理"]) == 5
    expected = expected_table(fixture_specs(), 2025)
    assert outcomes["（四）无法提供"]["1.本机关不掌握相关政府信息"] == expected["R3.4.1"]
    assert data["table3"]["一、本年新收政府信息公开申请数量"] == expected["R1"]
    assert data["table3"]["四、结转下年度继续办理"] == expected["R4"]


def test_docx_reads_back_with_six_sections_and_the_counted_numbers(
    two_years: AppContext, boss: Actor, tmp_path: Path
) -> None:
    path = two_years.annual_report.export_docx(boss, 2025, tmp_path / "年报.docx")
    document = DocxDocument(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    positions = [text.index(title) for title in SECTION_TITLES]
    assert positions == sorted(positions)
    assert "测试镇人民政府2025年政府信息公开工作年度报告" in text
    assert "本年度共收取信息处理费" in text or "未收取信息处理费" in text
    table3 = document.tables[1]
    expected = expected_table(fixture_specs(), 2025)
    first = [cell.text for cell in table3.rows[3].cells]
    assert first[0] == "一、本年新收政府信息公开申请数量"
    assert first[3:] == [str(n) for n in expected["R1"]]
    total = [cell.text for cell in table3.rows[3 + 2 + 21].cells]
    assert total[2] == "（七）总计" and total[9] == str(expected["R3.7"][6])
    # Table 三 runs onto a second page: its three header rows repeat there, and no row splits.
    repeated = [
        row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None for row in table3.rows
    ]
    assert repeated[:4] == [True, True, True, False] and not any(repeated[4:])
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table3.rows)


def test_table_two_counts_normative_documents_and_entered_figures(
    office_ctx: AppContext, admin: Actor
) -> None:
    docs = office_ctx.documents
    base = DocumentInput("关于规范村级财务管理的规定", "测试镇人民政府", normative=True)
    docs.create(admin, replace(base, written_on=date(2025, 3, 1)))
    docs.create(admin, replace(base, title="旧办法", written_on=date(2023, 5, 1)))
    docs.create(admin, replace(base, title="废止的办法", written_on=date(2022, 5, 1), validity="废止",
                               validity_date=date(2025, 6, 30)))  # fmt: skip
    docs.create(admin, replace(base, title="普通通知", normative=False, written_on=date(2025, 4, 1)))
    service = office_ctx.annual_report
    service.save_figures(
        admin, 2025, EnteredFigures(permits=12, penalties=3, coercions=1, fees_wan_yuan=Decimal("1.25"))
    )
    table2 = service.report(2025).table2.as_json()
    assert table2["行政规范性文件"] == [1, 1, 2]
    assert table2["行政许可"] == [12] and table2["行政事业性收费"] == [1.25]
    with pytest.raises(UserFacingError, match="最多保留 4 位小数"):
        service.save_figures(admin, 2025, EnteredFigures(fees_wan_yuan=Decimal("0.00001")))
    with pytest.raises(UserFacingError, match="整数"):
        service.save_figures(admin, 2025, EnteredFigures(permits=-1))


def test_entered_last_year_mismatch_blocks_export_and_cli_exits_2(
    two_years: AppContext, boss: Actor, tmp_path: Path
) -> None:
    service = two_years.annual_report
    r2 = service.report(2025).table3.row("R2")
    service.save_prior_carryover(boss, 2025, r2)
    assert service.report(2025).failures == ()
    service.save_prior_carryover(boss, 2025, [r2[0] + 1, *r2[1:6], r2[6] + 1])
    view = service.report(2025)
    assert any("上年结转" in f and "不一致" in f for f in view.failures)
    assert view.last_year_source == "录入的上一年度报告第四项"
    with pytest.raises(ReportInconsistent) as refused:
        service.export_docx(boss, 2025, tmp_path / "x.docx")
    assert "上年结转" in refused.value.message and not (tmp_path / "x.docx").exists()


def test_broken_data_is_explained(two_years: AppContext, boss: Actor) -> None:
    from sqlalchemy import update

    from app.models.request import RequestCase

    with two_years.sessions.begin() as session:  # a case changed in the database by hand: unknown outcome
        session.execute(update(RequestCase).where(RequestCase.number == "2025-001").values(outcome="R9.9"))
    view = two_years.annual_report.report(2025)
    assert any("第一项" in f and "两者应相等" in f for f in view.failures)
    assert any("2025-001" in w and "未计入" in w for w in view.warnings)


def test_publication_locks_the_year(two_years: AppContext, boss: Actor, tmp_path: Path) -> None:
    service = two_years.annual_report
    with pytest.raises(UserFacingError, match="公布并锁定年度报告"):
        service.publish(CLERK, 2024, date(2025, 1, 20))
    view = service.publish(LEADER, 2024, date(2025, 1, 20))
    assert view.locked and service.report(2025).last_year_source == "上一年度已公布的报告"
    with pytest.raises(UserFacingError, match="已于2025-01-20公布并锁定"):
        service.save_narratives(boss, 2024, {SECTION_TITLES[4]: "新的文字"})
    from sqlalchemy import select

    from app.models.request import RequestCase

    with two_years.sessions() as session:
        closed_2024 = session.scalar(
            select(RequestCase.id).where(RequestCase.closed_on.between(date(2024, 1, 1), date(2024, 12, 31)))
        )
    assert closed_2024 is not None
    steps = two_years.requests.steps
    with pytest.raises(UserFacingError, match="已锁定"):
        steps.serve(CLERK, closed_2024, "电子方式", date(2025, 2, 1), today=date(2025, 2, 1))
    with pytest.raises(UserFacingError, match="须填写原因"):
        steps.serve(boss, closed_2024, "电子方式", date(2025, 2, 1), today=date(2025, 2, 1))
    steps.serve(
        boss, closed_2024, "电子方式", date(2025, 2, 1), today=date(2025, 2, 1), locked_reason="补登送达"
    )
    with pytest.raises(UserFacingError, match="管理员"):
        service.unlock(CLERK, 2024, "更正")
    service.unlock(boss, 2024, "更正办理结果")
    assert not service.is_published(2024)


def test_narratives_are_prefilled_with_facts_and_editable(two_years: AppContext, boss: Actor) -> None:
    service = two_years.annual_report
    view = service.report(2025)
    general = view.narratives[SECTION_TITLES[0]]
    expected = expected_table(fixture_specs(), 2025)
    assert f"新收政府信息公开申请{expected['R1'][6]}件" in general
    assert "本年度本机关未收取信息处理费" in view.narratives[SECTION_TITLES[5]]
    service.save_narratives(boss, 2025, {SECTION_TITLES[4]: "一是宣传不够。\n下一步加强培训。"})
    edited = service.report(2025)
    assert (
        edited.narratives[SECTION_TITLES[4]].startswith("一是宣传不够") and SECTION_TITLES[4] in edited.edited
    )
    service.save_narratives(boss, 2025, {SECTION_TITLES[4]: ""})
    assert service.report(2025).narratives[SECTION_TITLES[4]] == view.prefilled[SECTION_TITLES[4]]


def test_fee_paid_in_the_year_is_reported(office_ctx: AppContext, admin: Actor) -> None:
    from tests.services.request_support import registration

    steps = office_ctx.requests.steps
    case_id = office_ctx.requests.register(
        admin, registration(date(2025, 3, 3)), today=date(2025, 3, 3)
    ).detail.id
    steps.fee_notice(admin, case_id, date(2025, 3, 4), 300, "按件", "第13件", today=date(2025, 3, 4))
    steps.fee_paid(admin, case_id, date(2025, 3, 10), today=date(2025, 3, 10))
    text = office_ctx.annual_report.report(2025).narratives[SECTION_TITLES[5]]
    assert "本年度本机关对1件政府信息公开申请收取信息处理费，共计300元" in text


def test_alert_goes_away_once_last_year_is_published(office_ctx: AppContext, admin: Actor) -> None:
    service = office_ctx.annual_report
    assert [a.title for a in service.alerts(date(2026, 1, 5))] == ["2025年政府信息公开工作年度报告"]
    service.publish(admin, 2025, date(2026, 1, 4), today=date(2026, 1, 5))
    assert service.alerts(date(2026, 1, 5)) == []


def test_year_out_of_range_is_refused(office_ctx: AppContext) -> None:
    with pytest.raises(UserFacingError, match="年度应在"):
        office_ctx.annual_report.report(office_ctx.clock.now().year + 1)
