"""Issue 21 point 1: one clerk, one PC. Steps signed with a pen on the printed sheet are recorded by the
clerk, naming the real signer, with the date on the sheet and a scan; the gate still needs every step."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from openpyxl import load_workbook
from PIL import Image
from sqlalchemy import select

from app.errors import UserFacingError
from app.models import AuditEntry
from app.services.context import AppContext
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor
from app.services.review.forms import ReviewForms
from app.services.review.types import PaperSignoff, SheetDetail
from app.services.settings import registry
from app.services.storage.attachments import sha256_of
from tests.conftest import set_today
from tests.services.review_support import NONE_APPLY

SIGNERS = "周强（党政办主任）；吴丽（保密审查员）；孙华（分管副镇长）；陈静（科员）"
OFFICE = "测试镇人民政府"


def scan_png(folder: Path, name: str = "签字页.png") -> Path:
    path = folder / name
    Image.new("L", (60, 84), 240).save(path, "PNG")
    return path


def _sheet(ctx: AppContext, clerk: Actor, title: str = "关于做好冬季防火工作的通知") -> SheetDetail:
    ctx.settings.set(clerk, registry.PAPER_SIGNERS, SIGNERS)
    document = ctx.documents.create(clerk, DocumentInput(title, OFFICE))
    sheet = ctx.reviews.create_for_document(clerk, document.id)
    return ctx.reviews.answer_checks(clerk, sheet.id, NONE_APPLY)


def _paper(name: str, day: date, scan: Path | None = None, conclusion: str = "") -> PaperSignoff:
    return PaperSignoff(name, "", day, True, "同意", conclusion, scan)


def _sign_rest_on_paper(ctx: AppContext, clerk: Actor, sheet: SheetDetail, scan: Path) -> SheetDetail:
    today = ctx.clock.today()
    sheet = ctx.reviews.record_paper(clerk, sheet.id, _paper("周强", today))
    sheet = ctx.reviews.record_paper(clerk, sheet.id, _paper("吴丽", today))
    return ctx.reviews.record_paper(clerk, sheet.id, _paper("孙华", today, scan, "同意公开"))


def test_one_clerk_signs_step_one_and_records_the_leaders_from_paper(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    sheet = _sheet(office_ctx, admin)
    sheet = office_ctx.reviews.sign(admin, sheet.id, True, "已逐项核对")
    with pytest.raises(UserFacingError, match="需要科室负责人角色"):
        office_ctx.reviews.sign(admin, sheet.id, True, "")  # the clerk cannot sign the leaders' steps
    scan = scan_png(tmp_path)
    set_today(office_ctx, office_ctx.clock.now() + timedelta(hours=1))
    sheet = _sign_rest_on_paper(office_ctx, admin, sheet, scan)

    assert sheet.status == "已通过" and sheet.conclusion == "同意公开"
    first, *paper = sheet.signoffs
    assert (first.source, first.signer_name, first.account_id) == ("系统内", "王管理", admin.account_id)
    assert [(s.signer_name, s.signer_role, s.account_id) for s in paper] == [
        ("周强", "党政办主任", None), ("吴丽", "保密审查员", None), ("孙华", "分管副镇长", None),
    ]  # fmt: skip
    assert all(s.on_paper and s.recorded_by == "王管理" for s in paper)  # the clerk recorded, never signed
    assert paper[-1].recorded_at == office_ctx.clock.now().replace(microsecond=0)
    assert paper[-1].scan_name == "签字页.png" and paper[0].scan_name == ""
    with office_ctx.sessions() as session:
        from app.models import Attachment

        stored = session.get(Attachment, paper[-1].scan_attachment_id)
        assert stored is not None and stored.sha256 == sha256_of(scan)
    assert office_ctx.attachments.path_of(sha256_of(scan)).read_bytes() == scan.read_bytes()
    published = office_ctx.documents.publish(
        admin, sheet.values.item_id, office_ctx.clock.now() + timedelta(seconds=1)
    )
    assert published.published_at is not None


def test_nothing_is_published_on_a_partly_signed_sheet(office_ctx: AppContext, admin: Actor) -> None:
    sheet = _sheet(office_ctx, admin)
    sheet = office_ctx.reviews.sign(admin, sheet.id, True, "")
    sheet = office_ctx.reviews.record_paper(admin, sheet.id, _paper("周强", office_ctx.clock.today()))
    assert sheet.status == "审查中" and sheet.next_step == "保密审查员审查"
    with pytest.raises(UserFacingError, match="审查中"):
        office_ctx.documents.publish(admin, sheet.values.item_id, office_ctx.clock.now() + timedelta(hours=1))


def test_the_last_step_needs_a_scan_and_a_setting_asks_it_for_every_step(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    sheet = _sheet(office_ctx, admin)
    today = office_ctx.clock.today()
    sheet = office_ctx.reviews.sign(admin, sheet.id, True, "")
    sheet = office_ctx.reviews.record_paper(admin, sheet.id, _paper("周强", today))  # optional here
    sheet = office_ctx.reviews.record_paper(admin, sheet.id, _paper("吴丽", today))
    with pytest.raises(UserFacingError, match="最后一步须附签字页的扫描件"):
        office_ctx.reviews.record_paper(admin, sheet.id, _paper("孙华", today, None, "同意公开"))
    assert office_ctx.reviews.detail(sheet.id).next_step == "分管领导审批"

    office_ctx.settings.set(admin, registry.SCAN_EVERY_PAPER_STEP, True)
    other = _sheet(office_ctx, admin, "关于秋季征兵的通告")
    other = office_ctx.reviews.sign(admin, other.id, True, "")
    with pytest.raises(UserFacingError, match="每一步须附签字页的扫描件"):
        office_ctx.reviews.record_paper(admin, other.id, _paper("周强", today))
    other = office_ctx.reviews.record_paper(admin, other.id, _paper("周强", today, scan_png(tmp_path)))
    assert other.signoffs[-1].scan_name == "签字页.png"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("李四", "不在本单位的签署人名单中"),  # not on the office's list
        ("", "不在本单位的签署人名单中"),
        ("王管理", "是当前登录的账户"),  # the clerk herself: she signs in the app
        ("周强", "已签署了本单前面的步骤"),  # the same person twice
    ],
)
def test_the_signer_is_a_real_other_person_from_the_list(
    office_ctx: AppContext, admin: Actor, name: str, message: str
) -> None:
    signers = SIGNERS + "；王管理（办公室科员）"
    sheet = _sheet(office_ctx, admin)
    office_ctx.settings.set(admin, registry.PAPER_SIGNERS, signers)
    today = office_ctx.clock.today()
    sheet = office_ctx.reviews.record_paper(admin, sheet.id, _paper("周强", today))  # step 1 on paper too
    with pytest.raises(UserFacingError, match=message):
        office_ctx.reviews.record_paper(admin, sheet.id, _paper(name, today))
    assert len(office_ctx.reviews.detail(sheet.id).signoffs) == 1


def test_an_empty_signer_list_says_where_to_fill_it(office_ctx: AppContext, admin: Actor) -> None:
    sheet = _sheet(office_ctx, admin)
    office_ctx.settings.set(admin, registry.PAPER_SIGNERS, "")
    with pytest.raises(UserFacingError, match="设置 → 单位与规则 → 纸质审查单签署人"):
        office_ctx.reviews.record_paper(admin, sheet.id, _paper("周强", office_ctx.clock.today()))


def test_the_date_on_the_sheet_is_between_the_filling_day_and_today(
    office_ctx: AppContext, admin: Actor
) -> None:
    sheet = _sheet(office_ctx, admin)
    filled = sheet.filled_on
    with pytest.raises(UserFacingError, match="早于本单的填表日期"):
        office_ctx.reviews.record_paper(admin, sheet.id, _paper("周强", filled - timedelta(days=1)))
    with pytest.raises(UserFacingError, match="晚于今天"):
        office_ctx.reviews.record_paper(admin, sheet.id, _paper("周强", filled + timedelta(days=1)))
    set_today(office_ctx, office_ctx.clock.now() + timedelta(days=3))
    sheet = office_ctx.reviews.record_paper(admin, sheet.id, _paper("周强", filled + timedelta(days=2)))
    with pytest.raises(UserFacingError, match="早于前一步的签署日期"):
        office_ctx.reviews.record_paper(admin, sheet.id, _paper("吴丽", filled + timedelta(days=1)))
    assert sheet.signoffs[0].paper_signed_on == filled + timedelta(days=2)


@pytest.mark.parametrize(
    ("file_name", "content", "message"),
    [
        ("签字页.png", b"not a picture", "已损坏"),
        ("签字页.docx", b"PK\x03\x04", "不是 PDF、JPG 或 PNG"),
        ("签字页.pdf", b"", "已损坏"),
    ],
)
def test_a_scan_that_is_not_a_pdf_jpg_or_png_is_refused(
    office_ctx: AppContext, admin: Actor, tmp_path: Path, file_name: str, content: bytes, message: str
) -> None:
    sheet = _sheet(office_ctx, admin)
    bad = tmp_path / file_name
    bad.write_bytes(content)
    with pytest.raises(UserFacingError, match=message):
        office_ctx.reviews.record_paper(admin, sheet.id, _paper("周强", office_ctx.clock.today(), bad))
    missing = tmp_path / "不存在.pdf"
    with pytest.raises(UserFacingError, match="找不到扫描件"):
        office_ctx.reviews.record_paper(admin, sheet.id, _paper("周强", office_ctx.clock.today(), missing))


def test_a_paper_refusal_ends_the_sheet(office_ctx: AppContext, admin: Actor) -> None:
    sheet = _sheet(office_ctx, admin)
    today = office_ctx.clock.today()
    with pytest.raises(UserFacingError, match="不同意时请写明理由"):
        office_ctx.reviews.record_paper(admin, sheet.id, PaperSignoff("周强", "", today, False, ""))
    sheet = office_ctx.reviews.record_paper(
        admin, sheet.id, PaperSignoff("周强", "", today, False, "附件有误")
    )
    assert sheet.status == "未通过" and sheet.signoffs[0].opinion == "附件有误"


def test_a_two_step_chain_recorded_from_paper(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    office_ctx.settings.set(admin, registry.REVIEW_STEPS, "承办人初审、分管领导审批")
    sheet = _sheet(office_ctx, admin)
    assert sheet.steps == ("承办人初审", "分管领导审批")
    sheet = office_ctx.reviews.sign(admin, sheet.id, True, "")
    final = _paper("孙华", office_ctx.clock.today(), scan_png(tmp_path), "部分公开")
    sheet = office_ctx.reviews.record_paper(admin, sheet.id, final)
    assert sheet.status == "已通过" and sheet.conclusion == "部分公开"


def test_the_sheet_the_summary_and_the_log_say_how_each_step_was_signed(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    sheet = _sheet(office_ctx, admin)
    sheet = office_ctx.reviews.sign(admin, sheet.id, True, "已逐项核对")
    sheet = _sign_rest_on_paper(office_ctx, admin, sheet, scan_png(tmp_path))
    when = f"{office_ctx.clock.now():%Y-%m-%d %H:%M}"
    forms = ReviewForms(office_ctx.sessions)
    path = forms.export_sheet(admin, sheet, OFFICE, tmp_path / "审查单.docx")
    cells = {row.cells[0].text: row.cells[1].text for row in DocxDocument(str(path)).tables[0].rows}
    assert "系统内签署" in cells["承办人初审意见"]
    leader = cells["分管领导审批意见"]
    assert "签署人：孙华（分管副镇长）" in leader
    assert (
        f"据纸质审查单录入（录入人 王管理，录入时间 {when}）" in leader and "附扫描件「签字页.png」" in leader
    )
    assert "未附扫描件" in cells["科室负责人审核意见"]

    today = office_ctx.clock.today()
    month = office_ctx.reviews.month(today.year, today.month)
    xlsx = forms.export_month(admin, month, today.replace(day=1), OFFICE, tmp_path / "汇总.xlsx")
    rows = list(load_workbook(xlsx).worksheets[0].iter_rows(values_only=True))
    assert rows[0][9] == "签署记录"
    record = str(rows[1][9])
    assert "承办人初审：王管理，系统内签署" in record
    assert "分管领导审批：孙华（分管副镇长），纸质签署" in record and "附扫描件" in record

    with office_ctx.sessions() as session:
        logged = [
            json.loads(entry.details_json)
            for entry in session.scalars(select(AuditEntry).where(AuditEntry.action == "签署"))
        ]
    assert logged[0]["方式"] == "系统内签署"
    assert logged[-1]["方式"] == f"据纸质审查单录入（录入人 王管理，录入时间 {when}）"
    assert logged[-1]["签署人"] == "孙华"
    assert logged[-1]["录入人"] == "王管理" and "签字页.png" in logged[-1]["扫描件"]
    assert logged[1]["扫描件"] == "未附"


def test_the_signer_list_setting_is_checked(office_ctx: AppContext, admin: Actor) -> None:
    with pytest.raises(UserFacingError, match="姓名（职务）"):
        office_ctx.settings.set(admin, registry.PAPER_SIGNERS, "周强；吴丽（保密审查员）")
    with pytest.raises(UserFacingError, match="「周强」重复了"):
        office_ctx.settings.set(admin, registry.PAPER_SIGNERS, "周强（主任）；周强（副主任）")
    office_ctx.settings.set(admin, registry.PAPER_SIGNERS, "周强(主任); 吴丽（保密审查员）")
    assert office_ctx.settings.read(registry.PAPER_SIGNERS) == "周强（主任）；吴丽（保密审查员）"
