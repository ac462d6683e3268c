"""Issue 22 point 4: 「生成案卷」 — cover with the masked applicant, a 卷内目录 whose 页号 are the pages the
items start on, and every letter and paper in archive order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.errors import UserFacingError
from app.models import AuditEntry
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.requests.casefile.build import CaseFileBuilder, LetterForm, mask_name
from app.services.requests.casefile.papers import NewPaper, PaperService
from tests.calendar_support import D
from tests.services.request_support import registration
from tests.services.requests.casefile.casefile_support import case_with_six_papers, marker_pdf

OFFICE = "测试镇人民政府"


def _texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def _build(
    ctx: AppContext, admin: Actor, case_id: int, target: Path
) -> tuple[list[str], list[tuple[str, int]]]:
    result = CaseFileBuilder(ctx.sessions, ctx.attachments).build(admin, case_id, target, OFFICE)
    assert result.letters_as == LetterForm.TEXT
    return _texts(target), [(row.title, row.page) for row in result.toc]


def test_toc_page_numbers_are_the_pages_each_item_starts_on(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    case_id = case_with_six_papers(office_ctx, admin, tmp_path / "纸件")
    pages, toc = _build(office_ctx, admin, case_id, tmp_path / "案卷.pdf")
    # archive order: by date, then as the case runs on the same day
    assert [title for title, _ in toc] == [
        "申请书", "受理回执", "补正材料", "其他", "答复告知书", "最终文书", "邮寄凭证", "送达回证",
    ]  # fmt: skip
    for seq, (_title, page) in enumerate(toc, start=1):
        assert f"卷内第 {seq} 件" in pages[page - 1]
        assert f"第 {page} 页" in pages[page - 1]
    starts = dict(toc)
    assert "MARK-APPLY-1" in pages[starts["申请书"] - 1]
    assert "MARK-APPLY-2" in pages[starts["申请书"]]  # a two-page scan keeps both pages
    assert starts["补正材料"] + 2 == starts["其他"]  # a two-page TIFF: two A4 pages
    assert "MARK-FINAL" in pages[starts["最终文书"] - 1]
    assert "MARK-SERVICE" in pages[starts["送达回证"] - 1]
    assert "EA123456789CN" in pages[starts["邮寄凭证"] - 1]
    assert "答复告知书" in pages[starts["答复告知书"] - 1]  # the letter as text pages
    assert len(pages) == starts["送达回证"]  # the 回证 is the last page
    toc_text = pages[1]
    assert "卷内目录" in toc_text
    for title, page in toc:  # the printed 目录 says the same as the result
        assert re.search(rf"{title}.*?{page}", toc_text.replace("\n", " "))


def test_cover_names_the_case_masks_the_applicant_and_states_the_outcome(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    case_id = case_with_six_papers(office_ctx, admin, tmp_path / "纸件")
    pages, _ = _build(office_ctx, admin, case_id, tmp_path / "案卷.pdf")
    cover = pages[0]
    number = office_ctx.requests.detail(case_id).number
    assert number in cover
    assert "王**" in cover and "王小明" not in cover
    assert "2024年9月27日" in cover and "2024年10月10日" in cover
    assert "予以公开" in cover
    assert all("王小明" not in text for text in pages[:2])
    assert "第 1 页" not in cover  # the cover is not numbered
    with office_ctx.sessions() as session:  # the scans inside carry full details: who made it is logged
        logged = session.scalars(select(AuditEntry).where(AuditEntry.entity == "依申请公开案卷")).all()
    assert [(row.action, row.entity_id) for row in logged] == [("导出", number)]


def test_an_organisation_keeps_its_name() -> None:
    assert mask_name("王小明", "自然人") == "王**"
    assert mask_name("某某律师事务所", "法律服务机构") == "某某律师事务所"


def test_a_voided_paper_leaves_the_case_file(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    case = office_ctx.requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    papers = PaperService(office_ctx.sessions, office_ctx.attachments)
    wrong = papers.add(
        admin, case.id, NewPaper("申请书", D("2024-09-27"), marker_pdf(tmp_path / "a.pdf", "WRONG"))
    )
    papers.add(admin, case.id, NewPaper("申请书", D("2024-09-27"), marker_pdf(tmp_path / "b.pdf", "RIGHT")))
    papers.void(admin, wrong.id, "扫错了别的案件")
    pages, toc = _build(office_ctx, admin, case.id, tmp_path / "案卷.pdf")
    assert len(toc) == 1
    assert not any("WRONG" in text for text in pages)
    assert "RIGHT" in pages[toc[0][1] - 1]


def test_a_damaged_scan_is_refused_in_plain_words(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    case = office_ctx.requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    broken = tmp_path / "坏.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    PaperService(office_ctx.sessions, office_ctx.attachments).add(
        admin, case.id, NewPaper("申请书", D("2024-09-27"), broken)
    )
    target = tmp_path / "案卷.pdf"
    with pytest.raises(UserFacingError, match="坏.pdf.*加密或损坏"):
        CaseFileBuilder(office_ctx.sessions, office_ctx.attachments).build(admin, case.id, target, OFFICE)
    assert not target.exists()  # nothing half-written


@pytest.mark.slow  # LibreOffice converts each letter: 3–10 s
def test_with_libreoffice_the_letters_keep_their_own_layout(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    builder = CaseFileBuilder.with_local_office(office_ctx.sessions, office_ctx.attachments)
    if builder.letter_form != LetterForm.PDF:
        pytest.skip("LibreOffice is not installed here")
    case_id = case_with_six_papers(office_ctx, admin, tmp_path / "纸件")
    result = builder.build(admin, case_id, tmp_path / "案卷.pdf", OFFICE)
    pages = _texts(result.path)
    starts = {row.title: row.page for row in result.toc}
    assert "LibreOffice" not in "".join(pages)  # no text-version note
    assert "受理回执" in pages[starts["受理回执"] - 1].replace(" ", "")
    assert "卷内第 2 件" in pages[starts["受理回执"] - 1]
