"""Issue 21 point 5: a wrongly registered case is deleted or voided; a letter issued by mistake is voided."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.errors import UserFacingError
from app.models import AuditEntry
from app.models.request import Applicant, RequestCase
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.report.collect import request_facts, table_three
from app.services.report.tables import R1
from app.services.requests.query import CaseFilter
from app.services.requests.steps.offered import available_steps
from app.services.requests.types import CaseStatus, EventKind, LetterKind
from tests.calendar_support import D
from tests.services.request_support import letter_text, registration


def _audit(ctx: AppContext, entity: str) -> list[str]:
    with ctx.sessions() as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.entity == entity))
        return [f"{row.action} {row.entity_id} {row.details_json}" for row in rows]


def _answered(ctx: AppContext, admin: Actor) -> int:
    case = ctx.requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    ctx.requests.steps.answer(
        admin, case.id, "R3.1", D("2024-09-27"), on_the_spot=True, today=D("2024-09-27")
    )
    return case.id


def test_a_case_nothing_depends_on_is_deleted(office_ctx: AppContext, admin: Actor) -> None:
    requests = office_ctx.requests
    case = requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    assert requests.removal.blockers(case.id) == []
    with pytest.raises(UserFacingError, match="请填写删除理由"):
        requests.removal.delete_case(admin, case.id, "")
    assert requests.removal.delete_case(admin, case.id, "重复登记") == case.number
    assert requests.count(CaseFilter()) == 0
    with office_ctx.sessions() as session:  # the applicant's personal data goes with the only case
        assert session.scalars(select(Applicant)).all() == []
    assert any(
        line.startswith(f"删除 {case.number}") and "重复登记" in line
        for line in _audit(office_ctx, "依申请公开")
    )
    again = requests.register(admin, registration(D("2024-09-28")), today=D("2024-09-28")).detail
    assert again.number != case.number  # the 受理编号 is never issued again


def test_a_case_with_a_letter_is_voided_not_deleted(office_ctx: AppContext, admin: Actor) -> None:
    requests = office_ctx.requests
    case_id = _answered(office_ctx, admin)
    requests.letters.issue(admin, case_id, LetterKind.ANSWER, today=D("2024-09-27"))
    assert requests.removal.blockers(case_id) == ["已出具 1 份文书"]
    with pytest.raises(UserFacingError, match="已出具 1 份文书，不能删除.*作废"):
        requests.removal.delete_case(admin, case_id, "误登记")
    with pytest.raises(UserFacingError, match="请填写作废理由"):
        requests.removal.void_case(admin, case_id, " ", today=D("2024-10-08"))
    detail = requests.removal.void_case(admin, case_id, "申请人不存在，系误登记", today=D("2024-10-08"))
    assert detail.status == CaseStatus.VOIDED and detail.events[-1].kind == EventKind.VOIDED
    assert "申请人不存在" in detail.events[-1].text
    assert requests.count(CaseFilter()) == 0  # out of the active list …
    assert [row.id for row in requests.page(CaseFilter(status="已作废"), 0, 10)] == [
        case_id
    ]  # … but filterable
    assert available_steps(detail, admin, D("2024-10-08")) == ()  # no next step is offered
    with pytest.raises(UserFacingError, match="已作废，无需再次作废"):
        requests.removal.void_case(admin, case_id, "再来", today=D("2024-10-08"))
    assert any("作废理由" in line and "系误登记" in line for line in _audit(office_ctx, "依申请公开"))
    assert "不能再出具文书" in requests.letters.why_not(detail, LetterKind.SERVICE)


def test_voided_cases_leave_the_annual_report(office_ctx: AppContext, admin: Actor) -> None:
    kept = _answered(office_ctx, admin)
    voided = _answered(office_ctx, admin)
    with office_ctx.sessions() as session:
        table, _bad = table_three(session, 2024)
        assert table.row(R1.key)[-1] == 2 and request_facts(session, 2024).answered == 2
    office_ctx.requests.removal.void_case(admin, voided, "同一申请登记了两次", today=D("2024-10-08"))
    with office_ctx.sessions() as session:
        table, bad = table_three(session, 2024)
        assert table.row(R1.key)[-1] == 1 and table.row("R3.1")[-1] == 1 and bad == ()
        assert request_facts(session, 2024).answered == 1
        assert session.get(RequestCase, kept) is not None


def test_a_letter_issued_by_mistake_is_voided_and_its_number_not_reused(
    office_ctx: AppContext, admin: Actor
) -> None:
    requests = office_ctx.requests
    case_id = _answered(office_ctx, admin)
    wrong = requests.letters.issue(admin, case_id, LetterKind.ANSWER, today=D("2024-09-27"))
    with pytest.raises(UserFacingError, match="请填写文书作废理由"):
        requests.removal.void_letter(admin, wrong.id, "")
    detail = requests.removal.void_letter(admin, wrong.id, "答复内容写错", today=D("2024-09-27"))
    letter = detail.letters[0]
    assert letter.voided and letter.listed == f"答复告知书 {wrong.number}（已作废：答复内容写错）"
    assert detail.events[-1].kind == EventKind.LETTER_VOIDED
    # the 送达回证 needs a valid 答复告知书: the voided one does not count
    assert requests.letters.why_not(detail, LetterKind.SERVICE) == "请先出具答复告知书"
    right = requests.letters.issue(admin, case_id, LetterKind.ANSWER, today=D("2024-09-27"))
    assert right.number != wrong.number and right.number == "依申请〔2024〕2号"
    service = requests.letters.issue(admin, case_id, LetterKind.SERVICE, today=D("2024-09-27"))
    assert right.number in letter_text(office_ctx, service) and wrong.number not in letter_text(
        office_ctx, service
    )
    with pytest.raises(UserFacingError, match="已作废，无需再次作废"):
        requests.removal.void_letter(admin, wrong.id, "again")
    assert any(
        wrong.number in line and "答复内容写错" in line for line in _audit(office_ctx, "依申请公开文书")
    )


def test_no_letter_on_an_archived_case(office_ctx: AppContext, admin: Actor) -> None:
    requests = office_ctx.requests
    case_id = _answered(office_ctx, admin)
    answer = requests.letters.issue(admin, case_id, LetterKind.ANSWER, today=D("2024-09-27"))
    requests.steps.serve(admin, case_id, "当面", D("2024-09-27"), D("2024-09-27"), today=D("2024-09-27"))
    detail = requests.steps.archive(admin, case_id, D("2024-09-30"), today=D("2024-09-30")).detail
    assert requests.letters.why_not(detail, LetterKind.ANSWER) == "申请已归档，不能再出具文书"
    with pytest.raises(UserFacingError, match="已归档"):
        requests.letters.issue(admin, case_id, LetterKind.ANSWER, today=D("2024-10-08"))
    with pytest.raises(UserFacingError, match="已归档，其文书不能再作废"):
        requests.removal.void_letter(admin, answer.id, "写错")


def test_voided_cases_leave_the_dashboard_charts_too(office_ctx: AppContext, admin: Actor) -> None:
    from app.services.dashboard.statistics import year_statistics

    _answered(office_ctx, admin)
    voided = _answered(office_ctx, admin)
    calendar = office_ctx.calendar.calendar()
    before = year_statistics(office_ctx.sessions, calendar, 2024)
    assert sum(before.requests_per_month) == 2 and before.answered == 2
    office_ctx.requests.removal.void_case(admin, voided, "同一申请登记了两次", today=D("2024-10-08"))
    after = year_statistics(office_ctx.sessions, calendar, 2024)
    assert sum(after.requests_per_month) == 1 and after.answered == 1
    assert dict(after.applicant_types)["自然人"] == 1
