"""Printed 保密审查单 (for wet signatures) and the monthly 保密审查汇总表 (.docx and .xlsx)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Mm, Pt
from docx.table import _Cell

from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.common import SessionFactory, clock_for
from app.services.formats.chinese import cn_date
from app.services.formats.fonts import FontRole, apply_docx_east_asian_font, resolve_font
from app.services.formats.official_docx import OfficialDocument
from app.services.formats.xlsx import write_rows
from app.services.permissions import Actor
from app.services.review.content import ITEMS
from app.services.review.kinds import KIND_LABELS, ItemKind
from app.services.review.types import CARRIERS, CHECK_ITEMS, CONCLUSIONS, ENTITY, SHEET_CHANNELS, SheetDetail

FORM_PT = 12  # 小四: a form needs more lines per page than body text
LABEL_MM, VALUE_MM = 38, 118  # 156 mm 版心
SUMMARY_HEADERS = (
    "序号",
    "审查单编号",
    "拟公开信息名称",
    "文号",
    "事项类别",
    "拟公开方式",
    "审查结论",
    "审批通过时间",
    "状态",
)
SUMMARY_WIDTHS = (6, 16, 44, 18, 12, 20, 14, 18, 8)
BLANK_DATE = "　　年　　月　　日"


def _boxes(options: tuple[str, ...], chosen: set[str]) -> str:
    return "　".join(("☑" if option in chosen else "□") + option for option in options)


def _write(cell: _Cell, text: str, role: FontRole, bold: bool = False) -> None:
    cell.text = ""
    lines = text.split("\n")
    paragraph = cell.paragraphs[0]
    for index, line in enumerate(lines):
        if index:
            paragraph = cell.add_paragraph()
        paragraph.paragraph_format.line_spacing = Pt(FORM_PT * 1.5)
        run = paragraph.add_run(line)
        run.bold = bold
        apply_docx_east_asian_font(run, resolve_font(role).docx_family_name, FORM_PT)


def reviewed_text(sheet: SheetDetail) -> str:
    """What the sheet reviewed, for the form: attachments and directory items with their details, and the
    fingerprint that binds the sheet to exactly this content (issue 19)."""
    if not sheet.fingerprint:
        return "（本单填写于程序记录审查内容之前）"
    lines: list[str] = []
    for label, value in sheet.reviewed.items():
        if label == ITEMS:
            lines.append(
                f"{label}：共 {len(value)} 项（" + "；".join(f"{row[0]}.{row[1]}" for row in value) + "）"
            )
        elif isinstance(value, list):
            names = "；".join(f"{name}（校验值 {sha[:12]}…）" for name, sha in value)
            lines.append(f"{label}：{names or '无'}")
        elif label not in ("标题", "文号", "公开属性"):  # these have their own rows
            lines.append(f"{label}：{value or '（空）'}")
    lines.append(f"审查内容校验值：{sheet.fingerprint}")
    return "\n".join(lines)


def sheet_rows(sheet: SheetDetail) -> list[tuple[str, str]]:
    """The form as (label, content) rows, the same order as the paper 保密审查单."""
    value = sheet.values
    checks = "\n".join(
        f"是否涉及{name}：{'☑是　□否' if value.checks.get(name) else '□是　☑否'}" for name in CHECK_ITEMS
    )
    rows = [
        ("拟公开信息名称", value.item_title),
        ("文号", value.doc_number or "无"),
        ("拟公开单位（承办科室）", value.unit),
        ("载体形式", _boxes(CARRIERS, {value.carrier})),
        ("公开属性", _boxes(("主动公开", "依申请公开", "不予公开"), {value.disclosure})),
        ("不予公开（部分公开）理由及依据", value.withhold_reason or "无"),
        ("拟公开方式", _boxes(SHEET_CHANNELS, set(value.channels))),
        ("拟公开时间", cn_date(value.planned_on) if value.planned_on else BLANK_DATE),
        ("审查的内容", reviewed_text(sheet)),
        ("审查要点", checks),
    ]
    for index, step in enumerate(sheet.steps):
        signed = sheet.signoffs[index] if index < len(sheet.signoffs) else None
        if signed is None:
            text = "\n\n签字：　　　　　　　　日期：" + BLANK_DATE
        else:
            verdict = "同意" if signed.agreed else "不同意"
            record = f"（系统记录：{signed.signer_name}　{signed.signed_at:%Y-%m-%d %H:%M}）"
            signature = "签字：　　　　　　　　日期：" + cn_date(signed.signed_at.date())
            text = f"{verdict}。{signed.opinion}\n{record}\n{signature}"
        rows.append((f"{step}意见", text))
    rows.append(("审查结论", _boxes(CONCLUSIONS, {sheet.conclusion})))
    rows.append(("备注", value.note or ""))
    return rows


def render_sheet(sheet: SheetDetail, office: str) -> OfficialDocument:
    document = OfficialDocument()
    document.title("信息公开保密审查单")
    info = document.document.add_paragraph()
    run = info.add_run(f"编号：{sheet.number}　　　　填表日期：{cn_date(sheet.filled_on)}")
    apply_docx_east_asian_font(run, resolve_font(FontRole.FANGSONG).docx_family_name, FORM_PT)
    table = document.document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for label, content in sheet_rows(sheet):
        cells = table.add_row().cells
        _write(cells[0], label, FontRole.HEI)
        _write(cells[1], content, FontRole.FANGSONG)
        cells[0].width, cells[1].width = Mm(LABEL_MM), Mm(VALUE_MM)
    table.autofit = False  # LibreOffice and WPS honour the grid widths only without autofit
    for column, width in zip(table.columns, (LABEL_MM, VALUE_MM), strict=True):
        column.width = Mm(width)
    footer = document.document.add_paragraph()
    run = footer.add_run(f"{office}　（先审查、后公开；一事一审。本单存档备查）")
    apply_docx_east_asian_font(run, resolve_font(FontRole.KAI).docx_family_name, FORM_PT)
    return document


def summary_rows(sheets: list[SheetDetail]) -> list[list[str]]:
    return [
        [
            str(index),
            sheet.number,
            sheet.values.item_title,
            sheet.values.doc_number,
            KIND_LABELS.get(ItemKind(sheet.values.item_kind), sheet.values.item_kind),
            "、".join(sheet.values.channels),
            sheet.conclusion,
            f"{sheet.approved_at:%Y-%m-%d %H:%M}" if sheet.approved_at else "",
            sheet.status,
        ]
        for index, sheet in enumerate(sheets, start=1)
    ]


class ReviewForms:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions
        self._clock = clock_for(sessions)

    def export_sheet(self, actor: Actor, sheet: SheetDetail, office: str, path: Path) -> Path:
        render_sheet(sheet, office).save(path)
        with self._sessions.begin() as session:
            audit.record(session, actor, Action.PRINT, ENTITY, sheet.id, 编号=sheet.number, file=str(path))
        return path

    def export_month(
        self, actor: Actor, sheets: list[SheetDetail], month: date, office: str, path: Path
    ) -> Path:
        """保密审查汇总表 of one month: .docx or .xlsx by the file's suffix."""
        rows = summary_rows(sheets)
        title = f"保密审查汇总表（{month.year}年{month.month}月）"
        if path.suffix.lower() == ".xlsx":
            write_rows(path, title, SUMMARY_HEADERS, rows, SUMMARY_WIDTHS, total=len(rows))
        else:
            document = OfficialDocument()
            document.title(title)
            document.table(list(SUMMARY_HEADERS[:4] + SUMMARY_HEADERS[6:8]), [r[:4] + r[6:8] for r in rows])
            document.signature(office, self._clock.today())
            document.save(path)
        with self._sessions.begin() as session:
            audit.record(
                session,
                actor,
                Action.EXPORT,
                "保密审查汇总表",
                f"{month:%Y-%m}",
                count=len(rows),
                file=str(path),
            )
        return path
