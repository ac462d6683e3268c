"""「2026年第1季度村（居）务公开情况汇总表」 as .xlsx: a title row, one row per village, one column per
item and period, the counts at the right; late cells red, missing ones amber, as on screen."""

from __future__ import annotations

from pathlib import Path

from app.services.catalogue.types import Status
from app.services.catalogue.villages_summary import VillageQuarterTable
from app.services.formats.chinese import cn_date
from app.services.formats.xlsx import workbook_target

COUNT_HEADERS = ("应公示", "按时", "逾期", "未公示")
FILLS = {Status.LATE: "F8D7DA", Status.OVERDUE: "FFE8B3"}  # the screen's red and amber, lightened for print


def column_header(seq: str, title: str, period_label: str, due_text: str) -> str:
    return f"{seq} {title}\n{period_label}\n（{due_text}前）"


def write_quarter_xlsx(table: VillageQuarterTable, path: Path) -> None:
    """Temp name, then rename: an open or half-written file never replaces a good one."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = f"{table.year}年第{table.quarter}季度"
    width = 2 + len(table.columns) + len(COUNT_HEADERS)
    sheet.cell(1, 1, table.title).font = Font(size=16, bold=True)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.row_dimensions[1].height = 32
    note = f"统计日期：{cn_date(table.as_of)}　逾期天数按工作日计算　「—」表示尚未到公示期限"
    sheet.cell(2, 1, note)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    headers = ["村（社区）", "类型"]
    headers += [
        column_header(c.seq, c.title, c.period_label, _due_text(c.due.month, c.due.day, c.provisional))
        for c in table.columns
    ]
    headers += list(COUNT_HEADERS)
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for index, header in enumerate(headers, start=1):
        cell = sheet.cell(3, index, header)
        cell.font, cell.alignment, cell.border = Font(bold=True), wrap, border
    sheet.row_dimensions[3].height = 60
    for offset, row in enumerate(table.rows):
        number = 4 + offset
        values: list[object] = [row.village, row.kind]
        values += [cell.text for cell in row.cells]
        values += [row.due_count, row.on_time, row.late, row.missing]
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(number, index, value)
            cell.alignment, cell.border = wrap, border
            if isinstance(value, str):
                cell.data_type = "s"  # a village called 「=…」 stays text, never a formula
        for index, summary in enumerate(row.cells, start=3):
            fill = FILLS.get(summary.status)
            if fill:
                sheet.cell(number, index).fill = PatternFill("solid", start_color=fill, end_color=fill)
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 6
    for index in range(3, 3 + len(table.columns)):
        sheet.column_dimensions[get_column_letter(index)].width = 20
    for index in range(3 + len(table.columns), width + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 8
    sheet.freeze_panes = "C4"
    sheet.page_setup.orientation = "landscape"
    sheet.print_title_rows = "3:3"
    with workbook_target(path) as temp:
        book.save(temp)


def _due_text(month: int, day: int, provisional: bool) -> str:
    return f"{month}月{day}日" + ("，暂定" if provisional else "")
