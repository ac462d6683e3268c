"""Issue 22 point 4: the papers of a case — kind, date, who added them, EMS number and 签收 date, voiding."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import UserFacingError
from app.models import AuditEntry
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.requests.casefile.papers import NewPaper, PaperService, cases_whose_papers_say
from app.services.requests.query import CaseFilter
from tests.calendar_support import D
from tests.services.request_support import registration
from tests.services.requests.casefile.casefile_support import marker_pdf, photo


def _case(ctx: AppContext, admin: Actor) -> int:
    return ctx.requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail.id


def test_a_paper_is_kept_with_its_file_kind_date_and_clerk(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    papers = PaperService(office_ctx.sessions, office_ctx.attachments)
    case_id = _case(office_ctx, admin)
    added = papers.add(admin, case_id, NewPaper("申请书", D("2024-09-27"), photo(tmp_path / "申请书.jpg")))
    assert (added.kind, added.on_date, added.added_by, added.file_name) == (
        "申请书", D("2024-09-27"), "admin", "申请书.jpg",
    )  # fmt: skip
    stored = papers.file_path(added)
    assert stored is not None and stored.read_bytes() == (tmp_path / "申请书.jpg").read_bytes()
    mailing = papers.add(
        admin, case_id, NewPaper("邮寄凭证", D("2024-10-11"), None, " ea 1234 56789cn ", D("2024-10-13"))
    )
    assert mailing.mail_number == "EA123456789CN"
    assert mailing.listed == "2024-10-11 邮寄凭证 EA123456789CN（2024-10-13 签收）"
    assert [p.kind for p in papers.papers(case_id)] == ["申请书", "邮寄凭证"]
    with office_ctx.sessions() as session:
        logged = session.scalars(select(AuditEntry).where(AuditEntry.entity == "案卷材料")).all()
    assert len(logged) == 2 and "EA123456789CN" in logged[1].details_json


@pytest.mark.parametrize(
    ("paper", "message"),
    [
        (NewPaper("身份证", D("2024-09-27"), None, "EA123456789CN"), "未知的材料种类"),
        (NewPaper("申请书", D("2024-09-27")), "请选择扫描件或照片"),
        (NewPaper("邮寄凭证", D("2024-10-11"), None, "顺丰?"), "不像 EMS 或挂号信单号"),
        (
            NewPaper("邮寄凭证", D("2024-10-11"), None, "EA123456789CN", D("2024-10-01")),
            "签收日期早于寄出日期",
        ),
    ],
)
def test_what_the_clerk_can_fix_is_refused_in_plain_words(
    office_ctx: AppContext, admin: Actor, paper: NewPaper, message: str
) -> None:
    with pytest.raises(UserFacingError, match=message):
        PaperService(office_ctx.sessions, office_ctx.attachments).add(admin, _case(office_ctx, admin), paper)


def test_a_word_file_is_not_a_scan(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    doc = tmp_path / "答复.docx"
    doc.write_bytes(b"PK")
    with pytest.raises(UserFacingError, match="不是扫描件或照片"):
        PaperService(office_ctx.sessions, office_ctx.attachments).add(
            admin, _case(office_ctx, admin), NewPaper("最终文书", D("2024-10-10"), doc)
        )


def test_voiding_keeps_the_paper_listed_with_its_reason(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    papers = PaperService(office_ctx.sessions, office_ctx.attachments)
    case_id = _case(office_ctx, admin)
    paper = papers.add(
        admin, case_id, NewPaper("申请书", D("2024-09-27"), marker_pdf(tmp_path / "a.pdf", "A"))
    )
    with pytest.raises(UserFacingError, match="请填写作废理由"):
        papers.void(admin, paper.id, " ")
    voided = papers.void(admin, paper.id, "扫成了别的案件")
    assert voided.voided and voided.listed.endswith("（已作废：扫成了别的案件）")
    assert [p.id for p in papers.papers(case_id)] == [paper.id]
    with pytest.raises(UserFacingError, match="已经作废"):
        papers.void(admin, paper.id, "再来一次")


def test_a_voided_case_takes_no_more_papers(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    case_id = _case(office_ctx, admin)
    office_ctx.requests.letters.issue(admin, case_id, "受理回执", today=D("2024-09-27"))
    office_ctx.requests.removal.void_case(admin, case_id, "重复登记")
    with pytest.raises(UserFacingError, match="已作废，不能再添加"):
        PaperService(office_ctx.sessions, office_ctx.attachments).add(
            admin, case_id, NewPaper("申请书", D("2024-09-27"), marker_pdf(tmp_path / "a.pdf", "A"))
        )


def test_the_text_read_from_a_scan_is_kept_for_search(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    papers = PaperService(office_ctx.sessions, office_ctx.attachments)
    case_id = _case(office_ctx, admin)
    scan = papers.add(admin, case_id, NewPaper("申请书", D("2024-09-27"), photo(tmp_path / "申请书.jpg")))
    wrong = papers.add(
        admin, case_id, NewPaper("其他", D("2024-09-28"), photo(tmp_path / "别案.jpg", (90, 90)))
    )
    seen: list[Path] = []

    def fake_ocr(path: Path, progress: object, cancelled: object) -> str:
        seen.append(path)
        return "申请公开本村道路硬化工程的验收报告" if len(seen) == 1 else "与本案无关的宅基地审批"

    assert papers.read_text(scan.id, fake_ocr) == "申请公开本村道路硬化工程的验收报告"
    assert seen[0].read_bytes() == (tmp_path / "申请书.jpg").read_bytes()  # the stored copy was read
    papers.read_text(wrong.id, fake_ocr)
    papers.void(admin, wrong.id, "扫成了别的案件")
    with office_ctx.sessions() as session:
        assert session.scalars(cases_whose_papers_say("%道路硬化%")).all() == [case_id]
        assert (
            session.scalars(cases_whose_papers_say("%宅基地%")).all() == []
        )  # a voided paper is not searched
    mailing = papers.add(admin, case_id, NewPaper("邮寄凭证", D("2024-10-11"), None, "EA123456789CN"))
    assert papers.read_text(mailing.id, fake_ocr) == ""  # nothing to read
    # the request list's free-text search finds the case by a word only its scanned application holds
    assert [row.id for row in office_ctx.requests.page(CaseFilter(text="道路硬化"), 0, 10)] == [case_id]
    assert office_ctx.requests.count(CaseFilter(text="宅基地")) == 0
