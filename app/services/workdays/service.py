"""Load, seed and edit the holiday calendar stored in the database (every change audited)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, delete, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.holiday import CalendarYear, HolidayEntry
from app.services.audit.chain import Action, record
from app.services.common import SessionFactory, clock_for, session_clock
from app.services.permissions import SYSTEM, Actor, Perm, require
from app.services.workdays.calendar import DayEntry, DayKind, WorkCalendar
from app.services.workdays.holiday_notice import NEW_YEAR, ParsedArrangement, next_years_days
from app.services.workdays.provisional import provisional_entries

ENTITY = "节假日"
NEXT_NOTICE_MONTH = 11  # the State Council publishes next year's arrangement in late Oct–Dec
PACKAGE_SOURCE = "chinesecalendar 数据"
# Notice numbers we are sure of (RULES §9.1); chinesecalendar's data does not carry them.
KNOWN_NOTICES: dict[int, str] = {
    2024: "国办发明电〔2023〕7号",
    2025: "国办发明电〔2024〕12号",
    2026: "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）",
}
# chinesecalendar's English holiday names → the names the notices use.
PACKAGE_NAMES: dict[str, str] = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


@dataclass(frozen=True)
class YearInfo:
    year: int
    source: str
    origin: str
    loaded_at: datetime
    rest_days: int
    work_days: int


def _to_entry(row: HolidayEntry) -> DayEntry:
    return DayEntry(row.day, DayKind(row.kind), row.name, row.source)


def package_arrangements() -> list[ParsedArrangement]:
    """Every year chinesecalendar covers, as arrangements (2004–2026 in chinesecalendar 1.11)."""
    from chinese_calendar import constants

    by_year: dict[int, list[DayEntry]] = {}
    for kind, table in ((DayKind.REST, constants.holidays), (DayKind.WORK, constants.workdays)):
        for day, english in table.items():
            source = KNOWN_NOTICES.get(day.year, PACKAGE_SOURCE)
            name = PACKAGE_NAMES.get(str(english), str(english))
            by_year.setdefault(day.year, []).append(DayEntry(day, kind, name, source))
    years = range(min(by_year), max(by_year) + 1)
    return [
        ParsedArrangement(
            year,
            KNOWN_NOTICES.get(year, PACKAGE_SOURCE),
            tuple(sorted(by_year.get(year, []), key=lambda e: e.day)),
            origin="chinesecalendar",
        )
        for year in years
    ]


def seed_calendar_from_package(sessions: SessionFactory) -> list[int]:
    """Load every year the package covers that the database does not have yet; returns the years added.

    Idempotent: years already present (including ones an administrator edited) are never overwritten.
    The first fill of a new data folder is provenance enough (calendar_years.origin/loaded_at); years added
    later to a calendar in use (a newer package) change deadlines, so that is written to the audit log.
    """
    with sessions.begin() as session:
        present = set(session.scalars(select(CalendarYear.year)))
        added = [arr for arr in package_arrangements() if arr.year not in present]
        for arrangement in added:
            _write_year(session, arrangement)
        if added and present:
            years = [arr.year for arr in added]
            record(
                session,
                SYSTEM,
                Action.IMPORT,
                ENTITY,
                f"{years[0]}-{years[-1]}",
                years=years,
                origin="chinesecalendar",
            )
    return [arr.year for arr in added]


def _write_year(session: Session, arrangement: ParsedArrangement) -> None:
    """Replace year Y's days with the notice's, keeping the December days the next year's notice set."""
    year = arrangement.year
    days = [entry.day for entry in arrangement.entries]
    session.execute(
        delete(HolidayEntry).where(
            HolidayEntry.day.between(date(year, 1, 1), date(year, 12, 31)),
            ~and_(HolidayEntry.day >= date(year, 12, 1), HolidayEntry.name == NEW_YEAR),
        )
    )
    if days:
        session.execute(delete(HolidayEntry).where(HolidayEntry.day.in_(days)))
    session.flush()
    session.add_all(
        HolidayEntry(day=e.day, kind=e.kind.value, name=e.name, source=e.source) for e in arrangement.entries
    )
    session.merge(
        CalendarYear(
            year=year,
            source=arrangement.source,
            loaded_at=session_clock(session).now(),
            origin=arrangement.origin,
        )
    )


class CalendarService:
    """The calendar is read once and cached; every save replaces the cache."""

    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions, self._clock = sessions, clock_for(sessions)
        self._lock = threading.Lock()
        self._cached: WorkCalendar | None = None

    def calendar(self) -> WorkCalendar:
        with self._lock:
            if self._cached is None:
                self._cached = self._load()
            return self._cached

    def _load(self) -> WorkCalendar:
        with self._sessions() as session:
            years = list(session.scalars(select(CalendarYear.year)))
            rows = [_to_entry(row) for row in session.scalars(select(HolidayEntry))]
        return WorkCalendar(rows, years, provisional_entries)  # a year without its notice is 暂定

    def _invalidate(self) -> None:
        with self._lock:
            self._cached = None

    def years(self) -> list[YearInfo]:
        with self._sessions() as session:
            rows = list(session.scalars(select(CalendarYear).order_by(CalendarYear.year)))
        calendar = self.calendar()
        result = []
        for row in rows:
            entries = calendar.entries(row.year)
            rest = sum(1 for e in entries if e.kind is DayKind.REST)
            result.append(
                YearInfo(row.year, row.source, row.origin, row.loaded_at, rest, len(entries) - rest)
            )
        return result

    def today(self) -> date:
        """Today on the context's clock (the calendar screens open on the current year)."""
        return self._clock.today()

    def missing_next_year(self, today: date | None = None) -> int | None:
        """In November and December, next year's arrangement should be loaded; the year if it is not."""
        today = today or self._clock.today()
        if today.month >= NEXT_NOTICE_MONTH and not self.calendar().covers(today.year + 1):
            return today.year + 1
        return None

    def missing_years(self, today: date | None = None) -> list[int]:
        """This year when its notice is not loaded, and next year from November: what the 工作台 asks for."""
        today = today or self._clock.today()
        this_year = [] if self.calendar().covers(today.year) else [today.year]
        next_year = self.missing_next_year(today)
        return this_year + ([next_year] if next_year is not None else [])

    def save_arrangement(self, actor: Actor, arrangement: ParsedArrangement) -> list[date]:
        """Replace one year's entries with a parsed notice or CSV; returns the days whose kind changed."""
        require(actor, Perm.EDIT_CALENDAR)
        if not arrangement.entries:
            raise UserFacingError(f"{arrangement.year}年的安排中没有任何放假日期，请核对后再保存。")
        before = self.calendar()
        old = {e.day: e for e in before.entries(arrangement.year)} if before.covers(arrangement.year) else {}
        kept = {day: entry for day, entry in old.items() if next_years_days(entry)}  # see _write_year
        new = kept | {e.day: e for e in arrangement.entries}
        changed = sorted(
            d
            for d in old.keys() | new.keys()
            if (old[d].kind if d in old else None) != (new[d].kind if d in new else None)
        )
        with self._sessions.begin() as session:
            replaced = session.get(CalendarYear, arrangement.year)
            action = Action.UPDATE if replaced is not None else Action.IMPORT
            _write_year(session, arrangement)
            record(
                session,
                actor,
                action,
                ENTITY,
                arrangement.year,
                source=arrangement.source,
                origin=arrangement.origin,
                entries=len(new),
                changed_days=[d.isoformat() for d in changed],
            )
        self._invalidate()
        return changed

    def set_day(
        self, actor: Actor, day: date, kind: DayKind | None, name: str = "", source: str = ""
    ) -> None:
        """Edit one day: make it 放假 or 调休上班 with a name and notice, or (kind None) an ordinary day."""
        require(actor, Perm.EDIT_CALENDAR)
        if not self.calendar().covers(day.year):
            raise UserFacingError(f"{day.year}年放假安排未录入，请先导入当年的通知，再修改单日。")
        name, source = name.strip(), source.strip()
        if kind is not None and not name:
            raise UserFacingError("请填写节日名称，例如「国庆节」。")
        if kind is not None and not source:
            raise UserFacingError("请填写依据的通知文号，例如「国办发明电〔2023〕7号」。")
        with self._sessions.begin() as session:
            row = session.scalars(select(HolidayEntry).where(HolidayEntry.day == day)).one_or_none()
            old = {"kind": row.kind, "name": row.name, "source": row.source} if row else {}
            if kind is None:
                if row is not None:
                    session.delete(row)
            elif row is None:
                session.add(HolidayEntry(day=day, kind=kind.value, name=name, source=source))
            else:
                row.kind, row.name, row.source = kind.value, name, source
            new = {"kind": kind.value, "name": name, "source": source} if kind is not None else {}
            changes = {
                key: (old.get(key), new.get(key))
                for key in ("kind", "name", "source")
                if old.get(key) != new.get(key)
            }
            if changes:
                record(session, actor, Action.UPDATE, ENTITY, day.isoformat(), changes)
        self._invalidate()
