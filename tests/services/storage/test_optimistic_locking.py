"""Two clerks open the same record; the second save must be refused, never silently overwrite the first.

Runs on SQLite here and on PostgreSQL via tests/postgres/test_on_pg_optimistic_locking.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from app.errors import UserFacingError
from app.models.document import Document
from app.models.request import RequestCase
from app.services.context import AppContext
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor
from tests.services.request_support import registration

STALE = "已被其他人修改"


def _doc(title: str) -> DocumentInput:
    return DocumentInput(title=title, publisher="测试镇人民政府", doc_number="")


def test_second_clerk_saving_an_outdated_document_is_refused(office_ctx: AppContext, admin: Actor) -> None:
    created = office_ctx.documents.create(admin, _doc("关于春耕生产的通知"))
    opened_by_a = office_ctx.documents.detail(created.id)
    opened_by_b = office_ctx.documents.detail(created.id)

    saved = office_ctx.documents.update(
        admin, created.id, replace(opened_by_a.values, title="甲改的标题"), opened_by_a.version
    )
    assert saved.version == opened_by_a.version + 1

    with pytest.raises(UserFacingError, match=f"这条公文在您打开之后{STALE}") as refused:
        office_ctx.documents.update(
            admin, created.id, replace(opened_by_b.values, title="乙改的标题"), opened_by_b.version
        )
    assert "请刷新后核对最新内容" in refused.value.message
    assert office_ctx.documents.detail(created.id).values.title == "甲改的标题"  # A's edit survives
    # After refreshing, B can save on top of A's version.
    fresh = office_ctx.documents.detail(created.id)
    office_ctx.documents.update(admin, created.id, replace(fresh.values, title="乙改的标题"), fresh.version)
    assert office_ctx.documents.detail(created.id).values.title == "乙改的标题"


def test_version_check_at_write_time_catches_a_race(office_ctx: AppContext, admin: Actor) -> None:
    """Both sessions read version 1; the later UPDATE matches no row and is refused (mapper version)."""
    created = office_ctx.documents.create(admin, _doc("关于防汛工作的通知"))
    with office_ctx.sessions() as first:
        row = first.scalars(select(Document).where(Document.id == created.id)).one()
        office_ctx.documents.update(admin, created.id, replace(created.values, title="别人先保存"))
        row.title = "后保存的人"
        with pytest.raises(UserFacingError, match=f"这条公文在您打开之后{STALE}"):
            first.commit()
    assert office_ctx.documents.detail(created.id).values.title == "别人先保存"


def test_request_step_on_an_outdated_case_is_refused(office_ctx: AppContext, admin: Actor) -> None:
    today = date(2024, 10, 8)
    opened = office_ctx.requests.register(admin, registration(date(2024, 9, 27)), today).detail
    assigned = office_ctx.requests.steps.assign(admin, opened.id, "综合办", None, today, today=today).detail
    assert assigned.version > opened.version and assigned.department == "综合办"

    def reassign(_session: object, case: RequestCase, _events: object, _day: object) -> list[str]:
        case.department = "财政所"
        return []

    steps = office_ctx.requests.steps
    with pytest.raises(UserFacingError, match=f"这条依申请公开件在您打开之后{STALE}"):
        steps._step(admin, opened.id, today, reassign, expected_version=opened.version)
    assert office_ctx.requests.detail(opened.id, today).department == "综合办"
    steps._step(admin, opened.id, today, reassign, expected_version=assigned.version)
    assert office_ctx.requests.detail(opened.id, today).department == "财政所"
