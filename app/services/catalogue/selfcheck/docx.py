"""The 自查自纠情况报告 as .docx in the GB/T 9704 layout of the other generated documents (official_docx)."""

from __future__ import annotations

from pathlib import Path

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Pt
from docx.table import Table

from app.services.catalogue.selfcheck.gaps import CHECK_UNREGISTERED, VILLAGE_TO_POST
from app.services.catalogue.selfcheck.summary import AreaSummary, Gap, Unregistered, percent
from app.services.catalogue.selfcheck.types import SelfCheckReport
from app.services.catalogue.types import Status
from app.services.formats.chinese import cn_date
from app.services.formats.fonts import FontRole, apply_docx_east_asian_font, resolve_font
from app.services.formats.official_docx import LEVEL1, LEVEL2, OfficialDocument

TABLE_PT = 10.5  # 五号: nine columns fit the 156 mm 版心
# Broken where a printed table breaks them, so no header wraps mid-word in a narrow column.
SUMMARY_HEADERS = [
    "一级事项", "事项数", "应公开", "按时\n公开", "逾期\n公开", "未公开\n（已逾期）", "渠道\n缺失", "待公开",
    "按时率",
]  # fmt: skip
SUMMARY_WIDTHS_MM = [25.0, 15.0, 16.0, 16.0, 15.0, 22.0, 15.0, 15.0, 17.0]  # 156 mm; 5-digit counts fit
SHOWN_PER_AREA = 5  # thousands of gaps belong in the workbook, not on paper
ROW_MM = 7.0  # a little air around one line of 五号
SECTIONS = ("一、总体情况", "二、分领域情况", "三、存在的问题", "四、整改措施")
CHINESE_NUMBERS = "一二三四五六七八九十"
NO_GAPS = "经自查，未发现逾期未公开、逾期公开、渠道缺失或未定公开期限的情况。"


def write_docx(report: SelfCheckReport, path: Path) -> Path:
    document = OfficialDocument()
    document.title(report.title)
    document.body(SECTIONS[0])
    document.body(report.paragraph)
    document.body(SECTIONS[1])
    document.body(f"截至{cn_date(report.summary.as_of)}，各一级事项公开情况如下（单位：条）：")
    _summary_table(document, [*report.summary.areas, report.summary.total])
    document.body(SECTIONS[2])
    document.body(_problems(report.summary.gaps, report.summary.unregistered) or NO_GAPS)
    document.body(SECTIONS[3])
    document.body(_measures(report.summary.gaps, len(report.summary.unregistered)))
    for paragraph in document.document.paragraphs:  # a heading never ends a page alone
        if LEVEL1.match(paragraph.text) or LEVEL2.match(paragraph.text):
            paragraph.paragraph_format.keep_with_next = True
    document.signature(report.office, report.signed_on)
    return document.save(path)


def _summary_table(document: OfficialDocument, areas: list[AreaSummary]) -> Table:
    rows = [
        [
            area.level1, str(area.items), str(area.due), str(area.on_time), str(area.late), str(area.overdue),
            str(area.channel_gap), str(area.pending), percent(area.on_time_rate),
        ]
        for area in areas
    ]  # fmt: skip
    heights = dict.fromkeys(range(len(rows)), ROW_MM)
    table = document.table(SUMMARY_HEADERS, rows, widths_mm=SUMMARY_WIDTHS_MM, min_heights_mm=heights)
    hei, fangsong = (resolve_font(role).docx_family_name for role in (FontRole.HEI, FontRole.FANGSONG))
    for index, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if index == 0:
            properties.append(OxmlElement("w:tblHeader"))  # the header repeats on the next page
        bold = index in (0, len(table.rows) - 1)  # header and 合计
        for column, cell in enumerate(row.cells):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            left = column == 0 and index > 0
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
            layout = paragraph.paragraph_format
            layout.first_line_indent, layout.line_spacing = Pt(0), 1.0
            for run in paragraph.runs:
                apply_docx_east_asian_font(run, hei if bold else fangsong, TABLE_PT)
    document.blank()
    return table


def _problems(gaps: tuple[Gap, ...], unregistered: tuple[Unregistered, ...]) -> str:
    """（一） per 一级事项, then a line per gap, the most urgent first: 「1.二级事项（期间）：问题。」
    A printed report names the first SHOWN_PER_AREA of an area; the workbook's 问题清单 has them all."""
    lines: list[str] = []
    groups: dict[str, list[Gap]] = {}
    for gap in gaps:
        groups.setdefault(gap.level1, []).append(gap)
    for number, (level1, members) in enumerate(groups.items()):
        lines.append(f"（{CHINESE_NUMBERS[number % 10]}）{level1}（{len(members)}条）")
        for index, gap in enumerate(members[:SHOWN_PER_AREA], start=1):
            what = gap.level2 or gap.level1
            where = f"（{gap.occasion}）" if gap.occasion and gap.occasion != what else ""
            lines.append(f"{index}.{what}{where}：{gap.problem}。整改建议：{gap.remedy}。")
        if len(members) > SHOWN_PER_AREA:
            lines.append(f"另有{len(members) - SHOWN_PER_AREA}条，详见自查自纠问题清单（Excel 表）。")
    if unregistered:
        number = len(groups)
        lines.append(f"（{CHINESE_NUMBERS[number % 10]}）本年度未登记相关信息的事项（{len(unregistered)}个）")
        names = "、".join(
            f"{item.level2 or item.level1}（序号{item.seq}）" for item in unregistered[:SHOWN_PER_AREA]
        )
        more = f"等{len(unregistered)}个事项" if len(unregistered) > SHOWN_PER_AREA else ""
        lines.append(f"{names}{more}本年度尚未登记相关信息，需核实是否产生应公开的信息。")
    return "\n".join(lines)


def _measures(gaps: tuple[Gap, ...], unregistered: int) -> str:
    """The distinct 整改建议 with how many gaps each answers (the villages to chase in one line), then the
    standing measures."""
    counts: dict[str, int] = {}
    villages: dict[str, None] = {}
    for gap in gaps:
        if gap.village and gap.status is Status.OVERDUE:
            villages.setdefault(gap.village, None)
            continue
        for step in gap.remedy.split("；"):
            counts[step] = counts.get(step, 0) + 1
    lines = [f"{step}（{count}条）。" for step, count in counts.items()]
    if villages:
        lines.append(VILLAGE_TO_POST.format(village="、".join(villages)) + "。")
    if unregistered:
        lines.append(f"对未登记相关信息的事项，{CHECK_UNREGISTERED}（{unregistered}个）。")
    lines.append("落实专人负责，对照标准目录逐项跟踪公开时限，临近期限提前提醒。")
    lines.append("定期开展自查自纠，需要调整和新增的事项及时更新标准目录。")
    return "\n".join(f"{index}.{line}" for index, line in enumerate(lines, start=1))
