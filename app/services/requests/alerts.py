"""What needs the clerk now (工作台 alerts) and the re-flow of open cases after a calendar change."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.models.request import RequestCase, RequestEvent
from app.services.alerts import Alert, Urgency
from app.services.audit.chain import Action, record
from app.services.common import SessionFactory
from app.services.formats.chinese import cn_date
from app.services.permissions import Actor
from app.services.requests.deadlines import DeadlinePolicy, recompute_all
from app.services.requests.status import assumed_text, assumed_years, case_events, deadline_events
from app.services.requests.types import ENTITY, OPEN_STATUSES, TIMED_STATUSES, CaseStatus, MovedCase
from app.services.workdays.calendar import WorkCalendar
from app.services.workdays.provisional import PROVISIONAL_LABEL

ID_CHUNK = 500  # SQLite's bound-parameter limit is far above this; keeps each IN (...) modest


def case_alerts(sessions: SessionFactory, today: date, cutoff: date) -> list[Alert]:
    alerts: list[Alert] = []
    timed = [s.value for s in TIMED_STATUSES]
    with sessions() as session:
        query = select(RequestCase).where(RequestCase.status.in_([s.value for s in OPEN_STATUSES]))
        for case in session.scalars(query):
            alert = _alert(session, case, today, cutoff, case.status in timed)
            if alert is not None:
                alerts.append(alert)
    return sorted(alerts, key=lambda a: (a.urgency, a.due or date.max))


def _alert(session: Session, case: RequestCase, today: date, cutoff: date, timed: bool) -> Alert | None:
    def make(urgency: Urgency, title: str, detail: str) -> Alert:
        return Alert(urgency, title, detail, "requests", ENTITY, str(case.id), case.due_on)

    who = f"{case.applicant_name}：{case.description[:30]}"
    if case.due_problem:
        return make(Urgency.REMINDER, f"{case.number} 期限无法计算", case.due_problem)
    if case.status == CaseStatus.UNCONFIRMED:
        return make(
            Urgency.WAITING,
            f"{case.number} 待确认收到申请之日",
            f"{case.channel}申请须当日与申请人确认（条例第三十一条）。{who}",
        )
    if case.status == CaseStatus.CORRECTION:
        end = deadline_events(case, case_events(session, case.id)).correction_period_end
        if end is not None and today > end:
            return make(Urgency.WAITING, f"{case.number} 补正期限已过", f"请登记「逾期未补正」。{who}")
        return None
    if not timed or case.due_on is None:
        return None
    due = cn_date(case.due_on) + (f"（{PROVISIONAL_LABEL}）" if case.due_assumed else "")
    if case.due_on < today:
        return make(Urgency.OVERDUE, f"{case.number} 答复已逾期", f"答复期限 {due}。{who}")
    if case.due_on <= cutoff:
        return make(Urgency.DUE_SOON, f"{case.number} 即将到期", f"答复期限 {due}。{who}")
    return None


def reflow_open_cases(
    sessions: SessionFactory, actor: Actor, calendar: WorkCalendar, policy: DeadlinePolicy, day: date
) -> list[MovedCase]:
    """Open cases, and closed ones whose stored deadline was 暂定 (so no history keeps a guessed date)."""
    moved_cases: list[MovedCase] = []
    open_or_assumed = or_(
        RequestCase.status.in_([s.value for s in OPEN_STATUSES]), RequestCase.due_assumed != ""
    )
    with sessions.begin() as session:
        cases = {str(c.id): c for c in session.scalars(select(RequestCase).where(open_or_assumed))}
        events: dict[str, list[RequestEvent]] = defaultdict(list)
        ids = [int(key) for key in cases]
        for chunk in range(0, len(ids), ID_CHUNK):
            query = select(RequestEvent).where(RequestEvent.case_id.in_(ids[chunk : chunk + ID_CHUNK]))
            for event in session.scalars(query.order_by(RequestEvent.on_date, RequestEvent.id)):
                events[str(event.case_id)].append(event)
        timelines = [deadline_events(case, events[key]) for key, case in cases.items()]
        previous = {key: case.due_on for key, case in cases.items()}
        reflow = recompute_all(timelines, calendar, policy, day, previous)
        for key, case in cases.items():
            result, problem = reflow.results.get(key), reflow.problems.get(key, "")
            new_due = result.due if result else None
            assumed = result.provisional_years if result else ()
            was = assumed_years(case.due_assumed)
            if new_due == case.due_on and was == assumed and case.due_problem == problem[:200]:
                continue
            changes: dict[str, tuple[object, object]] = {}
            if new_due != case.due_on:
                changes["答复期限"] = (case.due_on, new_due)
            if was != assumed:
                changes["暂定依据"] = (assumed_text(was) or None, assumed_text(assumed) or None)
            if changes:
                record(session, actor, Action.UPDATE, ENTITY, case.number, changes, 原因="节假日安排变更")
                moved_cases.append(
                    MovedCase(case.id, case.number, case.due_on, new_due, problem, bool(was), assumed)
                )
            case.due_on, case.due_problem, case.due_assumed = new_due, problem[:200], assumed_text(assumed)
    return moved_cases
