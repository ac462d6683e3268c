"""CalendarService over an in-memory database: seeding, import, single-day edits, permissions, audit."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.errors import UserFacingError
from app.models.audit import AuditEntry
from app.models.holiday import CalendarYear, HolidayEntry
from app.services.permissions import Actor, Role
from app.services.workdays.calendar import DayKind
from app.services.workdays.holiday_notice import parse_notice
from app.services.workdays.service import CalendarService, seed_calendar_from_package
from tests.calendar_support import D, memory_sessions

ADMIN = Actor(1, "admin", "管理员甲", frozenset({Role.ADMIN}))
CLERK = Actor(2, "clerk", "经办人乙", frozenset({Role.CLERK}))
NOTICE_2027 = (
    "国务院办公厅关于2027年部分节假日安排的通知\n国办发明电〔2026〕9号\n一、元旦：1月1日放假，与周末连休。\n"
)


@pytest.fixture
def sessions() -> Iterator[sessionmaker[Session]]:
    engine, factory = memory_sessions()
    yield factory
    engine.dispose()


def audit_rows(sessions: sessionmaker[Session]) -> list[AuditEntry]:
    with sessions() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def test_seeding_is_idempotent_and_audited(sessions: sessionmaker[Session]) -> None:
    assert seed_calendar_from_package(sessions) == list(range(2004, 2027))
    assert seed_calendar_from_package(sessions) == []
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(CalendarYear)) == 23
        row = session.scalars(select(HolidayEntry).where(HolidayEntry.day == D("2024-10-12"))).one()
        assert (row.kind, row.name, row.source) == ("调休上班", "国庆节", "国办发明电〔2023〕7号")
        older = session.scalars(select(HolidayEntry).where(HolidayEntry.day == D("2010-10-01"))).one()
        assert older.source == "chinesecalendar 数据"
    assert audit_rows(sessions) == []  # the first fill of a new data folder is not an edit
    service = CalendarService(sessions)
    assert service.calendar().nth_working_day_after(D("2024-09-27"), 20) == D("2024-10-30")
    info = {i.year: i for i in service.years()}[2024]
    assert (info.rest_days, info.work_days, info.origin) == (28, 8, "chinesecalendar")


def test_years_added_later_are_audited(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as session:
        session.add(CalendarYear(year=2003, source="测试", loaded_at=datetime(2026, 1, 1), origin="csv"))
    assert seed_calendar_from_package(sessions)[0] == 2004
    (entry,) = audit_rows(sessions)
    assert (entry.action, entry.entity, entry.entity_id, entry.username) == (
        "导入",
        "节假日",
        "2004-2026",
        "system",
    )


def test_import_next_year_and_missing_warning(sessions: sessionmaker[Session]) -> None:
    seed_calendar_from_package(sessions)
    service = CalendarService(sessions)
    assert service.missing_next_year(D("2026-11-20")) == 2027
    assert service.missing_next_year(D("2026-10-31")) is None
    changed = service.save_arrangement(ADMIN, parse_notice(NOTICE_2027))
    assert changed == [D("2027-01-01")]
    assert service.calendar().covers(2027) and service.missing_next_year(D("2026-11-20")) is None
    last = audit_rows(sessions)[-1]
    assert (last.action, last.entity, last.entity_id, last.username) == ("导入", "节假日", "2027", "admin")
    assert json.loads(last.details_json)["source"] == "国办发明电〔2026〕9号"


def test_single_day_edit_requires_permission_and_is_audited(sessions: sessionmaker[Session]) -> None:
    seed_calendar_from_package(sessions)
    service = CalendarService(sessions)
    with pytest.raises(UserFacingError, match="修改节假日安排"):
        service.set_day(CLERK, D("2026-12-31"), DayKind.REST, "元旦", "某通知")
    assert service.calendar().is_working_day(D("2026-12-31"))
    service.set_day(ADMIN, D("2026-12-31"), DayKind.REST, "元旦", "国办发明电〔2026〕9号")
    assert not service.calendar().is_working_day(D("2026-12-31"))  # cache replaced after the save
    last = audit_rows(sessions)[-1]
    assert last.action == "修改" and last.entity_id == "2026-12-31"
    assert json.loads(last.details_json)["changes"]["kind"] == [None, "放假"]
    service.set_day(ADMIN, D("2026-12-31"), None)
    assert service.calendar().is_working_day(D("2026-12-31"))
    with pytest.raises(UserFacingError, match="2027年放假安排未录入"):
        service.set_day(ADMIN, D("2027-01-04"), DayKind.REST, "元旦", "x")
    with pytest.raises(UserFacingError, match="节日名称"):
        service.set_day(ADMIN, D("2026-12-30"), DayKind.REST, "", "x")


def test_clerk_cannot_import(sessions: sessionmaker[Session]) -> None:
    with pytest.raises(UserFacingError, match="管理员"):
        CalendarService(sessions).save_arrangement(CLERK, parse_notice(NOTICE_2027))


def test_saving_a_year_again_keeps_the_december_days_of_the_next_notice(
    sessions: sessionmaker[Session],
) -> None:
    """2018-12-30/31 (放假) and 2018-12-29 (上班) come from the 2019 notice, not from the 2018 one."""
    from pathlib import Path

    seed_calendar_from_package(sessions)
    service = CalendarService(sessions)
    text = (Path(__file__).resolve().parents[2] / "data" / "holiday_notices" / "2018.txt").read_text("utf-8")
    assert service.save_arrangement(ADMIN, parse_notice(text)) == []
    calendar = service.calendar()
    assert not calendar.is_working_day(D("2018-12-31")) and calendar.is_working_day(D("2018-12-29"))
