"""Correcting 登记 fields, remedy results and 依申请转主动: what is saved, audited and refused."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

import pytest
from docx import Document as Docx
from sqlalchemy import select

from app.errors import UserFacingError
from app.models import AuditEntry
from app.models.request import RequestCase
from app.services.context import AppContext
from app.services.permissions import Actor, Role
from app.services.requests.release import release_to_register
from app.services.requests.types import EventKind, LetterKind
from tests.calendar_support import D
from tests.services.request_support import VALID_ID, registration

CLERK = Actor(None, "xiaoli", "小李", frozenset({Role.CLERK}))
OTHER_ID = "110105194912310037"


def _last_audit(ctx: AppContext) -> dict[str, object]:
    with ctx.sessions() as session:
        row = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert row is not None
        return {"entity_id": row.entity_id, "action": row.action, **json.loads(row.details_json)}


def test_edit_open_case_recomputes_deadline_and_audits(office_ctx: AppContext, admin: Actor) -> None:
    requests = office_ctx.requests
    case = requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    assert case.due_on == D("2024-10-30")
    current = requests.editor.current(case.id)
    # Registered on the wrong day: it really arrived (in person) on 2024-09-30.
    fixed = replace(current, name="王晓明", arrived_at=datetime(2024, 9, 30, 9, 0), received_on=None)
    result = requests.edit_registration(CLERK, case.id, fixed, today=D("2024-10-08"))
    detail = result.detail
    assert detail.number == case.number  # the 受理编号 never changes
    assert detail.applicant_name == "王晓明"
    assert detail.received_on == D("2024-09-30")
    assert detail.due_on == D("2024-11-01")  # 20 working days after 2024-09-30; 10-12 is a 调休 workday
    assert detail.events[0].on_date == D("2024-09-30")  # the 登记 event follows the arrival
    assert any("重新计算" in w for w in result.warnings)
    entry = _last_audit(office_ctx)
    assert entry["entity_id"] == case.number and entry["action"] == "修改"
    text = json.dumps(entry, ensure_ascii=False)
    assert "王小明" in text and "王晓明" in text and "答复期限" in text
    assert VALID_ID not in text  # personal numbers stay masked in the log


def test_edit_refusals_leave_the_case_as_it_was(office_ctx: AppContext, admin: Actor) -> None:
    requests = office_ctx.requests
    case = requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    requests.steps.assign(
        admin, case.id, "农业农村办", D("2024-10-15"), D("2024-09-29"), today=D("2024-09-29")
    )
    current = requests.editor.current(case.id)
    with pytest.raises(UserFacingError, match="没有变化"):
        requests.edit_registration(CLERK, case.id, current, today=D("2024-10-08"))
    later = replace(current, arrived_at=datetime(2024, 9, 30, 9, 0), received_on=None)
    with pytest.raises(UserFacingError, match="办理.*早于新的收到申请之日"):
        requests.edit_registration(CLERK, case.id, later, today=D("2024-10-08"))
    with pytest.raises(UserFacingError, match="太长"):
        requests.edit_registration(CLERK, case.id, replace(current, description="长" * 5_000_000))
    assert requests.detail(case.id, D("2024-10-08")).due_on == D("2024-10-30")
    assert requests.detail(case.id, D("2024-10-08")).description == current.description


def test_closed_case_only_by_admin_with_reason(office_ctx: AppContext, admin: Actor) -> None:
    requests = office_ctx.requests
    case = requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    requests.steps.answer(admin, case.id, "R3.1", D("2024-09-27"), on_the_spot=True, today=D("2024-09-27"))
    reg = replace(requests.editor.current(case.id), contact="13900001111")
    with pytest.raises(UserFacingError, match="管理员"):
        requests.edit_registration(CLERK, case.id, reg, "电话登记错", today=D("2024-10-08"))
    with pytest.raises(UserFacingError, match="原因"):
        requests.edit_registration(admin, case.id, reg, " ", today=D("2024-10-08"))
    done = requests.edit_registration(admin, case.id, reg, "电话登记错", today=D("2024-10-08")).detail
    assert done.outcome == "R3.1" and not done.is_open
    with office_ctx.sessions() as session:
        stored = session.get(RequestCase, case.id)
        assert stored is not None and stored.contact == "13900001111"
    entry = _last_audit(office_ctx)
    assert entry.get("原因") == "电话登记错"


def test_correcting_the_id_number_moves_the_case_to_that_applicant(
    office_ctx: AppContext, admin: Actor
) -> None:
    requests = office_ctx.requests
    other = requests.register(admin, registration(D("2024-09-27"), id_number=OTHER_ID), today=D("2024-09-27"))
    case = requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    reg = replace(requests.editor.current(case.id), id_number=OTHER_ID)
    requests.edit_registration(CLERK, case.id, reg, today=D("2024-09-27"))
    with office_ctx.sessions() as session:
        moved = session.get(RequestCase, case.id)
        first = session.get(RequestCase, other.detail.id)
        assert moved is not None and first is not None and moved.applicant_id == first.applicant_id
    assert requests.monthly_count(first.applicant_id, D("2024-09-27")) == 2


def test_unconfirmed_mail_confirmed_by_editing(office_ctx: AppContext, admin: Actor) -> None:
    requests = office_ctx.requests
    reg = registration(D("2025-01-22"), channel="平信")
    case = requests.register(admin, reg, today=D("2025-01-22")).detail
    assert case.due_on is None
    fixed = replace(requests.editor.current(case.id), received_on=D("2025-01-24"))
    detail = requests.edit_registration(CLERK, case.id, fixed, today=D("2025-01-24")).detail
    assert detail.received_on == D("2025-01-24") and detail.due_on == D("2025-02-27")
    assert [e.kind for e in detail.events][-1] == EventKind.CONFIRMED
    unconfirm = replace(requests.editor.current(case.id), received_on=None)
    with pytest.raises(UserFacingError, match="不能改回待确认"):
        requests.edit_registration(CLERK, case.id, unconfirm, today=D("2025-01-24"))


def test_remedy_result_update(office_ctx: AppContext, admin: Actor) -> None:
    requests = office_ctx.requests
    case = requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    requests.steps.answer(admin, case.id, "R3.1", D("2024-09-27"), on_the_spot=True, today=D("2024-09-27"))
    remedy = requests.remedies.add(
        admin, case.id, "复议", D("2024-10-10"), "县人民政府", today=D("2024-10-10")
    )
    with pytest.raises(UserFacingError, match="审结日期"):
        requests.remedies.update(admin, remedy.id, "维持", None, today=D("2024-12-01"))
    updated = requests.remedies.update(admin, remedy.id, "维持", D("2024-11-20"), today=D("2024-12-01"))
    assert (updated.result, updated.closed_on) == ("维持", D("2024-11-20"))
    assert requests.remedies.table_four(2024)[("复议", "维持")] == 1


def test_release_to_register_creates_a_proactive_document(office_ctx: AppContext, admin: Actor) -> None:
    requests = office_ctx.requests
    ids = []
    for name, number in (("王小明", VALID_ID), ("李四", OTHER_ID)):
        case = requests.register(
            admin, registration(D("2024-09-27"), name=name, id_number=number), today=D("2024-09-27")
        ).detail
        requests.steps.answer(admin, case.id, "R3.1", D("2024-09-30"), today=D("2024-09-30"))
        ids.append(case.id)
    release = (office_ctx.sessions, requests, office_ctx.documents, admin, ids[1], "赵镇人民政府")
    with pytest.raises(UserFacingError, match="答复告知书"):
        release_to_register(*release)
    letter = requests.letters.issue(admin, ids[1], LetterKind.ANSWER, today=D("2024-09-30"))
    document = release_to_register(*release)
    assert document.values.title == "2024年本镇农村危房改造补助资金发放名单"
    assert document.values.disclosure == "主动公开" and document.values.publisher == "赵镇人民政府"
    assert document.values.written_on == letter.issued_on
    assert [f.name for f in document.files] == [letter.file_name]
    stored = office_ctx.documents.detail(document.id)
    assert stored.review_status  # the register entry waits for its 保密审查 like any document
    with pytest.raises(UserFacingError, match="已有同名条目"):
        release_to_register(*release)
    single = requests.register(
        admin, registration(D("2024-10-08"), description="另一件"), today=D("2024-10-08")
    )
    with pytest.raises(UserFacingError, match="不符合"):
        release_to_register(office_ctx.sessions, requests, office_ctx.documents, admin, single.detail.id, "x")


def test_docx_of_release_is_the_answer_letter(office_ctx: AppContext, admin: Actor) -> None:
    requests = office_ctx.requests
    ids = []
    for name, number in (("王小明", VALID_ID), ("李四", OTHER_ID)):
        case = requests.register(
            admin, registration(D("2024-09-27"), name=name, id_number=number), today=D("2024-09-27")
        ).detail
        requests.steps.answer(admin, case.id, "R3.1", D("2024-09-30"), today=D("2024-09-30"))
        ids.append(case.id)
    requests.letters.issue(admin, ids[0], LetterKind.ANSWER, today=D("2024-09-30"))
    document = release_to_register(office_ctx.sessions, requests, office_ctx.documents, admin, ids[0], "赵镇")
    path = office_ctx.attachments.path_of(document.files[0].sha256)
    text = "\n".join(p.text for p in Docx(str(path)).paragraphs)
    assert "予以公开" in text


def test_pdf_export_only_offered_with_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil
    from pathlib import Path

    from app.services.requests.letters import pdf as letter_pdf

    monkeypatch.setattr(shutil, "which", lambda _name: None)
    monkeypatch.setattr(letter_pdf, "WINDOWS_SOFFICE", Path("/nonexistent/soffice.exe"))
    assert letter_pdf.find_soffice() is None
    monkeypatch.setattr(shutil, "which", lambda name: "/opt/lo/soffice" if name == "soffice" else None)
    assert letter_pdf.find_soffice() == Path("/opt/lo/soffice")
