"""The annual report as .docx in the official layout, tables merged as in 国办公开办函〔2021〕30号."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt
from docx.table import Table, _Cell

from app.services.formats.fonts import FontRole, apply_docx_east_asian_font, resolve_font
from app.services.formats.official_docx import OfficialDocument
from app.services.report.tables import (
    LEAVES,
    OUTCOME_HEADER,
    R1,
    R2,
    R4,
    R37,
    SECTION_TITLES,
    TABLE2_BLOCKS,
    TABLE3_CORNER,
    TABLE4_GROUPS,
    TABLE4_RESULTS,
    Table2,
    Table3,
    Table4,
)

TABLE_PT = 9  # 15 columns of table 四 must fit the 156 mm 版心


@dataclass(frozen=True)
class ReportContent:
    office: str
    year: int
    narratives: dict[str, str]  # section title → text, for 一, 五 and 六
    table2: Table2
    table3: Table3
    table4: Table4
    signed_on: date
    opening: str = ""  # 概述 before 一, when the clerk asks for it


def _write(
    cell: _Cell, text: str, *, bold: bool = False, align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER
) -> None:
    cell.text = ""
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.line_spacing = 1.0
    run = paragraph.add_run(text)
    run.bold = bold
    role = FontRole.HEI if bold else FontRole.FANGSONG
    apply_docx_east_asian_font(run, resolve_font(role).docx_family_name, TABLE_PT)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _at(table: Table, row: int, column: int) -> _Cell:
    """The cell starting at grid column `column`; unlike Table.cell it does not rebuild the whole grid,
    which made table 三 (315 cells) take seconds."""
    position = 0
    for tc in table.rows[row]._tr.tc_lst:
        if position == column:
            return _Cell(tc, table)
        position += tc.grid_span
    raise IndexError(f"no cell starts at row {row}, column {column}")


def _merge(table: Table, top: int, left: int, bottom: int, right: int, text: str, **style: object) -> None:
    cell = _at(table, top, left).merge(_at(table, bottom, right))
    _write(cell, text, **style)  # type: ignore[arg-type]


def _grid(document: OfficialDocument, rows: int, widths_mm: Sequence[float]) -> Table:
    """Column widths set on every cell: Word and WPS ignore the grid alone."""
    table: Table = document.document.add_table(rows=rows, cols=len(widths_mm))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)  # the grid LibreOffice reads
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    return table


def table2_docx(document: OfficialDocument, data: Table2) -> Table:
    values = data.as_json()
    table = _grid(document, sum(2 + len(block[2]) for block in TABLE2_BLOCKS), [50, 35, 35, 35])
    row = 0
    for block, headers, items in TABLE2_BLOCKS:
        _merge(table, row, 0, row, 3, block, bold=True)
        for col, header in enumerate(headers):
            if len(headers) == 4:
                _write(_at(table, row + 1, col), header, bold=True)
        if len(headers) == 2:
            _write(_at(table, row + 1, 0), headers[0], bold=True)
            _merge(table, row + 1, 1, row + 1, 3, headers[1], bold=True)
        for offset, item in enumerate(items, start=2):
            _write(_at(table, row + offset, 0), item)
            numbers = [_number(n) for n in values[item]]
            if len(numbers) == 3:
                for col, number in enumerate(numbers, start=1):
                    _write(_at(table, row + offset, col), number)
            else:
                _merge(table, row + offset, 1, row + offset, 3, numbers[0])
        row += 2 + len(items)
    return table


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.4f}".rstrip("0")


def _repeat_header(table: Table, header_rows: int) -> None:
    """Header rows repeat on every page the table runs onto; no row is split across two pages."""
    for index, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if index < header_rows:
            properties.append(OxmlElement("w:tblHeader"))


def table3_docx(document: OfficialDocument, data: Table3) -> Table:
    """3 label columns + 7 data columns; 3 header rows; group labels merged down their leaves."""
    body_rows = [R1, R2, *LEAVES, R37, R4]
    table = _grid(document, 3 + len(body_rows), [13, 17, 49] + [11] * 7)
    _merge(table, 0, 0, 2, 2, TABLE3_CORNER)
    _merge(table, 0, 3, 0, 9, "申请人情况", bold=True)
    _merge(table, 1, 3, 2, 3, "自然人", bold=True)
    _merge(table, 1, 4, 1, 8, "法人或其他组织", bold=True)
    _merge(table, 1, 9, 2, 9, "总计", bold=True)
    for col, name in enumerate(("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"), start=4):
        _write(_at(table, 2, col), name, bold=True)
    left = WD_ALIGN_PARAGRAPH.LEFT
    first_outcome, last_outcome = 3 + 2, 3 + 2 + len(LEAVES)  # R3.1 … R3.7
    _merge(table, first_outcome, 0, last_outcome, 0, OUTCOME_HEADER, bold=True)
    groups: dict[str, list[int]] = {}
    for index, row in enumerate(body_rows):
        line = 3 + index
        if row in (R1, R2, R4):
            _merge(table, line, 0, line, 2, row.label, align=left)
        elif row.group is None:
            _merge(table, line, 1, line, 2, row.label, align=left)
        else:
            groups.setdefault(row.group, []).append(line)
            _write(_at(table, line, 2), row.label, align=left)
        for col, number in enumerate(data.row(row.key), start=3):
            _write(_at(table, line, col), str(number))
    for group, lines in groups.items():
        _merge(table, lines[0], 1, lines[-1], 1, group)
    _repeat_header(table, 3)
    return table


def table4_docx(document: OfficialDocument, data: Table4) -> Table:
    table = _grid(document, 4, [10.4] * 15)
    _merge(table, 0, 0, 0, 4, TABLE4_GROUPS[0].split("（")[0], bold=True)
    _merge(table, 0, 5, 0, 14, "行政诉讼", bold=True)
    for col, name in enumerate(TABLE4_RESULTS):
        _merge(table, 1, col, 2, col, name, bold=True)
    _merge(table, 1, 5, 1, 9, "未经复议直接起诉", bold=True)
    _merge(table, 1, 10, 1, 14, "复议后起诉", bold=True)
    for col in range(5, 15):
        _write(_at(table, 2, col), TABLE4_RESULTS[(col - 5) % 5], bold=True)
    for col, number in enumerate(data.values):
        _write(_at(table, 3, col), str(number))
    _repeat_header(table, 3)
    return table


def build_report_docx(content: ReportContent, target: Path) -> Path:
    document = OfficialDocument()
    document.title(f"{content.office}{content.year}年政府信息公开工作年度报告")
    if content.opening:
        document.body(content.opening)
    builders = {
        SECTION_TITLES[1]: lambda: table2_docx(document, content.table2),
        SECTION_TITLES[2]: lambda: table3_docx(document, content.table3),
        SECTION_TITLES[3]: lambda: table4_docx(document, content.table4),
    }
    for title in SECTION_TITLES:
        document.body(title)
        if title in builders:
            builders[title]()
        else:
            document.body(content.narratives.get(title, "").strip() or "无。")
    # No 「分管负责人（签字）」 lines: this is the text that is published; the paper file is signed apart.
    document.signature(content.office, content.signed_on)
    return document.save(target)
