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
from app.services.review.types import (
    CARRIERS,
    CHECK_ITEMS,
    CONCLUSIONS,
    ENTITY,
    SHEET_CHANNELS,
    SheetDetail,
    SignoffInfo,
)

FORM_PT = 10.5  # 五号: the whole form, signed through, fits one A4 page (issue 21)
FORM_LINE_PT = 15  # exact, not the body text's 28.95 pt grid lines
# A form, not a 公文: narrower margins than GB/T 9704's, so a sheet signed through fits one A4 page.
FORM_MARGINS_MM = (25, 22, 22, 22)  # top, bottom, left, right
LABEL_MM, VALUE_MM = 37, 129  # the 166 mm between the side margins; 「保密审查员审查意见」 on one line
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
    "签署记录",
)
SUMMARY_WIDTHS = (6, 16, 44, 18, 12, 20, 14, 18, 8, 60)
SUMMARY_DOCX_WIDTHS_MM = (10, 24, 42, 22, 16, 18, 24)  # 序号 … 签署方式: the 156 mm 版心
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
        paragraph.paragraph_format.line_spacing = Pt(FORM_LINE_PT)
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


def check_line(sheet: SheetDetail, name: str) -> str:
    """「是否涉及个人隐私：☑是　□否（名单中的身份证号已遮盖）」; both boxes empty while unanswered."""
    answer = sheet.values.checks.get(name)
    boxes = "□是　□否" if answer is None else "☑是　□否" if answer else "□是　☑否"
    note = sheet.values.check_notes.get(name, "") if answer else ""
    return f"是否涉及{name}：{boxes}" + (f"（{note}）" if note else "")


def step_text(signed: SignoffInfo) -> str:
    """A signed step as printed: verdict and opinion, who signed and when, and how it was recorded."""
    verdict = "同意" if signed.agreed else "不同意"
    if signed.on_paper:
        day = signed.paper_signed_on or signed.signed_at.date()
        record = f"签署人：{signed.signer_text}　{cn_date(day)}签署　{signed.scan_text}"
        return f"{verdict}。{signed.opinion}\n{record}\n{signed.how}"
    record = f"（{signed.how}：{signed.signer_name}　{signed.signed_at:%Y-%m-%d %H:%M}）"
    signature = "签字：　　　　　　　　日期：" + cn_date(signed.signed_at.date())
    return f"{verdict}。{signed.opinion}\n{record}\n{signature}"


def signoff_summary(sheet: SheetDetail) -> str:
    """One line per signed step for the monthly summary: how each was signed, by whom, the scan."""
    lines = []
    for signed in sheet.signoffs:
        if signed.on_paper:
            day = signed.paper_signed_on or signed.signed_at.date()
            lines.append(
                f"{signed.step}：{signed.signer_text}，纸质签署 {day:%Y-%m-%d}，"
                f"{signed.how}，{signed.scan_text}"
            )
        else:
            lines.append(
                f"{signed.step}：{signed.signer_name}，{signed.how} {signed.signed_at:%Y-%m-%d %H:%M}"
            )
    return "\n".join(lines)


def signing_brief(sheet: SheetDetail) -> str:
    """「系统内1步，纸质录入3步（附扫描件1份）」 for the printed summary (the .xlsx has every step)."""
    in_app = sum(not signed.on_paper for signed in sheet.signoffs)
    paper = [signed for signed in sheet.signoffs if signed.on_paper]
    parts = [f"系统内{in_app}步"] if in_app else []
    if paper:
        scans = sum(bool(signed.scan_name) for signed in paper)
        parts.append(f"纸质录入{len(paper)}步（附扫描件{scans}份）")
    return "，".join(parts) or "尚未签署"


def sheet_rows(sheet: SheetDetail) -> list[tuple[str, str]]:
    """The form as (label, content) rows, the same order as the paper 保密审查单."""
    value = sheet.values
    checks = "\n".join(check_line(sheet, name) for name in CHECK_ITEMS)
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
        text = "\n\n签字：　　　　　　　　日期：" + BLANK_DATE if signed is None else step_text(signed)
        rows.append((f"{step}意见", text))
    rows.append(("审查结论", _boxes(CONCLUSIONS, {sheet.conclusion})))
    rows.append(("备注", value.note or ""))
    return rows


def render_sheet(sheet: SheetDetail, office: str) -> OfficialDocument:
    document = OfficialDocument()
    section = document.document.sections[0]
    top, bottom, left, right = (Mm(value) for value in FORM_MARGINS_MM)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = (
        top,
        bottom,
        left,
        right,
    )
    document.title("信息公开保密审查单")
    gap = document.last_paragraph  # the blank line under the title: a form line, not a body line
    if gap is not None:
        gap.paragraph_format.line_spacing = Pt(FORM_LINE_PT)
    info = document.document.add_paragraph()
    info.paragraph_format.line_spacing = Pt(FORM_LINE_PT * 1.5)
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
    footer.paragraph_format.line_spacing = Pt(FORM_LINE_PT * 1.5)
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
            signoff_summary(sheet),
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
            columns = [*SUMMARY_HEADERS[:4], *SUMMARY_HEADERS[6:8], "签署方式"]
            briefs = [signing_brief(sheet) for sheet in sheets]
            table = document.table(
                columns, [r[:4] + r[6:8] + [brief] for r, brief in zip(rows, briefs, strict=True)],
                list(SUMMARY_DOCX_WIDTHS_MM),
            )  # fmt: skip
            table.autofit = False  # LibreOffice and WPS honour the widths only without autofit
            for column, width in zip(table.columns, SUMMARY_DOCX_WIDTHS_MM, strict=True):
                column.width = Mm(width)
            for cell in (cell for row in table.rows for cell in row.cells):
                for paragraph in cell.paragraphs:  # table lines, not the body text's 28.95 pt grid
                    paragraph.paragraph_format.line_spacing = Pt(FORM_LINE_PT * 1.2)
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
