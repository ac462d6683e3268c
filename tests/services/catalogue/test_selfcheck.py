"""自查自纠 (issue 23 part F): the counts per 一级事项, the 问题清单 with what to do, the 年度报告 paragraph,
and the .xlsx and .docx a clerk hands in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from app.errors import UserFacingError
from app.models.catalogue import Village, VillagePosting
from app.services.catalogue.selfcheck import gaps
from app.services.catalogue.selfcheck.service import SelfCheckService
from app.services.catalogue.selfcheck.summary import CatalogueEntry, paragraph, percent, summarise
from app.services.catalogue.types import Status
from app.services.context import AppContext
from tests.services.catalogue.selfcheck_rows import (
    AS_OF,
    ITEMS,
    ROWS,
    UNLINKED,
    FixedCheck,
    _row,
    add_catalogue,
)

CATALOGUE = [CatalogueEntry(item_id, level1, rule.kind) for item_id, level1, _l2, rule, _tier in ITEMS]


def test_counts_per_area_and_in_total() -> None:
    summary = summarise(ROWS, AS_OF, 2026, None, CATALOGUE)
    by_area = {area.level1: area for area in summary.areas}
    assert list(by_area) == ["财政预决算", "村务公开", "重大建设项目", "社会救助"]  # catalogue order
    money = by_area["财政预决算"]
    assert (money.items, money.due, money.on_time, money.late, money.overdue) == (2, 4, 1, 1, 1)
    assert (money.channel_gap, money.pending, money.undated) == (1, 1, 0)
    assert percent(money.on_time_rate) == "25%"
    assert by_area["社会救助"].items == 1 and by_area["社会救助"].on_time_rate is None  # nothing due: no rate
    total = summary.total
    assert (total.level1, total.items, total.due, total.on_time) == ("合计", 6, 6, 2)
    assert (total.late, total.overdue, total.channel_gap, total.pending, total.undated) == (1, 2, 1, 1, 2)
    assert percent(total.on_time_rate) == "33.3%"


def test_gaps_grouped_by_area_most_urgent_first_each_with_what_to_do() -> None:
    found = summarise(ROWS, AS_OF, 2026, None, CATALOGUE).gaps
    assert [gap.number for gap in found] == [1, 2, 3, 4, 5, 6]
    assert [(gap.level1, gap.status) for gap in found] == [
        ("财政预决算", Status.OVERDUE),
        ("财政预决算", Status.CHANNEL_GAP),
        ("财政预决算", Status.LATE),
        ("村务公开", Status.OVERDUE),
        ("重大建设项目", Status.UNDATED),
        ("重大建设项目", Status.UNDATED),
    ]
    overdue, channel, late, village, long_term, manual = found
    assert overdue.problem == "应于2026年10月30日前公开，尚未公开，已逾期16个工作日"
    assert overdue.remedy == "尽快在政府网站、政务新媒体公开并补记"
    assert channel.problem == "已公开，未在公示栏公开" and channel.remedy == gaps.PUBLISH_ON_BOARD
    assert late.problem == "应于2026年4月3日前公开，2026年4月10日公开，逾期5个工作日"
    assert (
        village.occasion == "光明村：2026年第四季度"
        and village.remedy == "督促光明村尽快在公示栏公示并拍照留存"
    )
    assert long_term.remedy == gaps.PUBLISH_LONG_TERM  # 长期公开, not yet published
    assert manual.remedy == gaps.SET_DUE_DATE  # 需人工确定 and no date set
    assert not any(gap.status in (Status.ON_TIME, Status.PENDING) for gap in found)


def test_remedy_follows_the_channels_missing() -> None:
    website_only = _row(1, Status.OVERDUE, due=date(2026, 3, 1), missing_channels=("政府网站",))
    assert gaps.remedy(website_only) == gaps.PUBLISH_ON_WEBSITE
    no_channels = _row(1, Status.OVERDUE, due=date(2026, 3, 1))
    assert gaps.remedy(no_channels) == gaps.PUBLISH_ON_WEBSITE
    board_only = _row(1, Status.OVERDUE, due=date(2026, 3, 1), missing_channels=("公示栏",))
    assert gaps.remedy(board_only) == gaps.PUBLISH_ON_BOARD
    both = _row(2, Status.CHANNEL_GAP, missing_channels=("政府网站", "公示栏", "公开查阅点"))
    assert gaps.remedy(both).split("；") == [
        gaps.ADD_TO_PACKAGE,
        gaps.PUBLISH_ON_BOARD,
        "补充在公开查阅点公开并登记佐证",
    ]
    provisional = _row(1, Status.OVERDUE, due=date(2027, 1, 20), due_provisional=True, days_late=2)
    assert gaps.problem(provisional).startswith("应于2027年1月20日（暂定）前公开")


def test_paragraph_states_only_the_numbers_found() -> None:
    text = paragraph(summarise(ROWS, AS_OF, 2026, None, CATALOGUE), 2026)
    assert text.startswith(
        "对照本镇2026年基层政务公开标准目录6个事项开展自查，应公开6条，按时公开2条（33.3%），"
        "逾期公开1条，尚未公开（已逾期）2条，公开渠道不全1条。"
    )
    assert "另有1条尚未到期，2条尚无确定的公开期限" in text
    assert "下一步" in text and text.endswith("。")
    assert 2 <= text.count("。") <= 4


def test_paragraph_with_nothing_wrong_says_so_without_zeros() -> None:
    on_time = [row for row in ROWS if row.status is Status.ON_TIME]
    text = paragraph(summarise(on_time, AS_OF, 2026, None, CATALOGUE), 2026, unit="本街道")
    assert text.startswith(
        "对照本街道2026年基层政务公开标准目录6个事项开展自查，应公开2条，按时公开2条（100%），"
    )
    assert "均已按时、按规定渠道公开" in text
    assert "0条" not in text and "逾期" not in text.split("下一步")[0]
    nothing_due = paragraph(summarise([], date(2026, 1, 5), 2026, 1, CATALOGUE), 2026)
    assert "2026年第一季度" in nothing_due and "截至2026年1月5日尚无到期应公开的信息" in nothing_due
    assert "0条" not in nothing_due and "%" not in nothing_due


@pytest.fixture
def service(office_ctx: AppContext) -> SelfCheckService:
    add_catalogue(office_ctx)
    check = FixedCheck(ROWS, UNLINKED)
    return SelfCheckService(office_ctx.sessions, office_ctx.calendar, office_ctx.settings, check)


def test_build_uses_the_clock_the_office_and_the_catalogue(service: SelfCheckService) -> None:
    report = service.build(2026, quarter=4)
    assert report.summary.as_of == date(2026, 11, 23) and report.signed_on == date(2026, 11, 23)
    assert report.title == "测试镇2026年第四季度基层政务公开标准目录自查自纠情况报告"
    assert report.office == "测试镇人民政府"
    assert report.summary.total.items == 6 and report.paragraph.startswith("对照本镇2026年第四季度")
    assert "1个事项本年度尚未登记相关信息" in report.paragraph
    assert "核实未登记信息的事项是否产生应公开的信息" in report.paragraph
    check = service._compliance
    assert isinstance(check, FixedCheck) and check.asked == (date(2026, 11, 23), 2026, 4)


def test_build_refuses_without_the_office_name(ctx: AppContext) -> None:
    add_catalogue(ctx)
    service = SelfCheckService(ctx.sessions, ctx.calendar, ctx.settings, FixedCheck(ROWS))
    with pytest.raises(UserFacingError, match="还没有填写单位名称"):
        service.build(2026)


def test_build_refuses_what_the_clerk_can_fix(ctx: AppContext, office_ctx: AppContext) -> None:
    service = SelfCheckService(ctx.sessions, ctx.calendar, ctx.settings, FixedCheck(ROWS))
    with pytest.raises(UserFacingError, match="2026年还没有标准目录"):
        service.build(2026)
    with pytest.raises(UserFacingError, match="季度请填"):
        service.build(2026, quarter=5)


def test_xlsx_has_the_summary_and_every_gap(service: SelfCheckService, tmp_path: Path) -> None:
    target = service.write(service.build(2026, as_of=AS_OF), tmp_path / "自查" / "自查自纠.xlsx")
    assert not list(target.parent.glob(".writing-*"))
    book = load_workbook(target)
    assert book.sheetnames == ["汇总", "问题清单", "未登记信息事项"]
    unregistered = book["未登记信息事项"]
    assert [cell.value for cell in unregistered[3]] == [
        1,
        "6",
        "社会救助",
        "低保对象",
        gaps.CHECK_UNREGISTERED,
    ]
    summary, problems = book["汇总"], book["问题清单"]
    assert summary["A1"].value.startswith(
        "测试镇2026年基层政务公开标准目录自查自纠情况报告（截至2026年11月23日）"
    )
    assert [cell.value for cell in summary[2]][:4] == ["一级事项", "事项数", "应公开", "按时公开"]
    assert summary.freeze_panes == "A3" and problems.freeze_panes == "A3"
    assert [cell.value for cell in summary[3]] == ["财政预决算", 2, 4, 1, 1, 1, 1, 1, 0, 0.25]
    assert summary["J3"].number_format == "0.0%" and summary["J5"].value == "—"
    assert [cell.value for cell in summary[7]][:3] == ["合计", 6, 6] and summary["A7"].font.bold
    headers = [cell.value for cell in problems[2]]
    assert headers == ["序号", "一级事项", "二级事项", "期间/信息", "期限", "公开日期", "状态", "逾期工作日",
                       "缺少渠道", "问题", "整改建议"]  # fmt: skip
    first = {header: cell.value for header, cell in zip(headers, problems[3], strict=True)}
    assert first["期限"].date() == date(2026, 10, 30) and problems["E3"].number_format == "yyyy-mm-dd"
    assert (first["状态"], first["逾期工作日"], first["缺少渠道"]) == (
        "未公开且已逾期",
        16,
        "政府网站、政务新媒体",
    )
    assert problems.max_row == 2 + 6
    assert problems.column_dimensions["K"].width >= 30


def test_xlsx_text_never_becomes_a_formula(office_ctx: AppContext, tmp_path: Path) -> None:
    add_catalogue(office_ctx)
    hostile = [_row(1, Status.OVERDUE, due=date(2026, 3, 1), source_title='=HYPERLINK("http://x")')]
    service = SelfCheckService(
        office_ctx.sessions, office_ctx.calendar, office_ctx.settings, FixedCheck(hostile)
    )
    sheet = load_workbook(service.write(service.build(2026), tmp_path / "x.xlsx"))["问题清单"]
    assert sheet["D3"].data_type == "s" and sheet["D3"].value.startswith("=HYPERLINK")
    controls = [_row(1, Status.OVERDUE, due=date(2026, 3, 1), source_title="预算\x01公开")]
    service = SelfCheckService(
        office_ctx.sessions, office_ctx.calendar, office_ctx.settings, FixedCheck(controls)
    )
    sheet = load_workbook(service.write(service.build(2026), tmp_path / "y.xlsx"))["问题清单"]
    assert sheet["D3"].value == "预算公开"  # a control character would make Excel call the file damaged


def test_docx_in_the_official_layout_with_four_sections(service: SelfCheckService, tmp_path: Path) -> None:
    report = service.build(2026, as_of=AS_OF)
    document = Document(str(service.write(report, tmp_path / "自查自纠.docx")))
    section = document.sections[0]
    margins = (section.top_margin, section.left_margin, section.bottom_margin, section.right_margin)
    assert [round(length.mm) if length else None for length in margins] == [37, 28, 35, 26]  # GB/T 9704
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[0] == "测试镇2026年基层政务公开标准目录自查自纠情况报告"
    headings = [text for text in texts if text[:2] in ("一、", "二、", "三、", "四、")]
    assert headings == ["一、总体情况", "二、分领域情况", "三、存在的问题", "四、整改措施"]
    assert texts[texts.index("一、总体情况") + 1] == report.paragraph
    assert "（二）村务公开（1条）" in texts
    assert any(
        text.startswith("1.财务收支（光明村：2026年第四季度）：应于2026年10月20日前公开") for text in texts
    )
    assert any(
        "督促光明村尽快在公示栏公示并拍照留存" in text for text in texts[texts.index("四、整改措施") :]
    )
    assert "（四）本年度未登记相关信息的事项（1个）" in texts
    assert "低保对象（序号6）本年度尚未登记相关信息，需核实是否产生应公开的信息。" in texts
    assert texts[-2:] == ["测试镇人民政府", "2026年11月23日"]
    table = document.tables[0]
    assert [cell.text for cell in table.rows[-1].cells] == [
        "合计",
        "6",
        "6",
        "2",
        "1",
        "2",
        "1",
        "1",
        "33.3%",
    ]
    assert "PAGE" in section.footer.paragraphs[0]._p.xml


def test_write_refuses_other_files_and_folders(service: SelfCheckService, tmp_path: Path) -> None:
    report = service.build(2026)
    with pytest.raises(UserFacingError, match=r"\.xlsx 或 \.docx"):
        service.write(report, tmp_path / "报告.pdf")
    folder = tmp_path / "报告.xlsx"
    folder.mkdir()
    with pytest.raises(UserFacingError, match="是一个文件夹"):
        service.write(report, folder)
    blocker = tmp_path / "文件"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(UserFacingError, match="不是文件夹"):
        service.write(report, blocker / "报告.docx")


def test_build_on_the_compliance_check_itself(office_ctx: AppContext) -> None:
    """No stand-in: two villages, one has posted the 村级 item each quarter, the other never has."""
    add_catalogue(office_ctx)
    with office_ctx.sessions.begin() as session:
        session.add_all(
            [Village(id=1, name="红星村", sort_order=1), Village(id=2, name="光明村", sort_order=2)]
        )
        session.flush()
        for quarter, month in ((1, 1), (2, 4), (3, 7), (4, 10)):
            posted = date(2026, month, 10)
            session.add(VillagePosting(item_id=3, village_id=1, period=f"2026Q{quarter}", posted_on=posted))
    service = SelfCheckService(office_ctx.sessions, office_ctx.calendar, office_ctx.settings)
    summary = service.build(2026).summary
    villages = next(area for area in summary.areas if area.level1 == "村务公开")
    assert villages.on_time == 4 and villages.overdue == 4  # 红星村 on time each quarter, 光明村 never
    chased = {gap.remedy for gap in summary.gaps if gap.level1 == "村务公开"}
    assert chased == {"督促光明村尽快在公示栏公示并拍照留存"}
    unregistered = {item.level2 for item in summary.unregistered}  # event items nothing is linked to
    assert unregistered == {"部门预算", "三公经费", "项目基本信息", "招标投标", "低保对象"}
