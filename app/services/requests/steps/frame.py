"""The frame every request step runs in (issue 14), and the checks the steps share.

`StepRunner._step` is the one unit of work of a step: permission, the case locked and checked against the
version the clerk's screen loaded, the year lock before and after, the step's own `apply` (checks, change,
timeline event and its audit entry), the status and deadline re-derived, the version bumped, the new view.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.request import RequestCase, RequestEvent
from app.services.common import SessionFactory, clock_for
from app.services.permissions import Actor, Perm, require
from app.services.requests.core import case_for_update, deadline_policy, refresh, to_detail
from app.services.requests.deadlines import DeadlinePolicy
from app.services.requests.status import case_events
from app.services.requests.types import MAX_NOTE, CaseStatus, StepResult
from app.services.settings.service import SettingsService
from app.services.storage.record_versions import touch
from app.services.workdays.service import CalendarService
from app.services.year_lock import require_year_unlocked

# A step's checks and change, inside the frame's transaction: (session, locked case, its timeline, today)
# → warnings for the clerk. It raises UserFacingError to refuse; nothing is then saved.
Apply = Callable[[Session, RequestCase, list[RequestEvent], date], list[str]]
ANSWERABLE = frozenset({CaseStatus.PROCESSING, CaseStatus.CONSULTING})
MAX_AMOUNT = 1_000_000


def check_day(on: date, floor: date | None, today: date, what: str, floor_what: str = "收到申请之日") -> None:
    """A step's date is not in the future and not before the event it follows."""
    if on > today:
        raise UserFacingError(f"{what}（{on.isoformat()}）晚于今天，请核对日期。")
    if floor is not None and on < floor:
        raise UserFacingError(
            f"{what}（{on.isoformat()}）不能早于{floor_what}（{floor.isoformat()}），请核对。"
        )


def clean_note(text: str, label: str = "说明") -> str:
    clean = text.strip()
    if len(clean) > MAX_NOTE:
        raise UserFacingError(f"{label}太长（{len(clean)} 个字），请控制在 {MAX_NOTE} 个字以内。")
    return clean


def require_status(case: RequestCase, allowed: frozenset[CaseStatus] | set[CaseStatus], step: str) -> None:
    if case.status not in allowed:
        raise UserFacingError(f"这件申请当前为「{case.status}」，不能{step}。")


class StepRunner:
    def __init__(
        self, sessions: SessionFactory, settings: SettingsService, calendar: CalendarService
    ) -> None:
        self._sessions, self._settings, self._calendar = sessions, settings, calendar
        self._clock = clock_for(sessions)

    def _policy(self) -> DeadlinePolicy:
        return deadline_policy(self._settings)

    def _step(
        self,
        actor: Actor,
        case_id: int,
        today: date | None,
        apply: Apply,
        locked_reason: str = "",
        expected_version: int | None = None,
    ) -> StepResult:
        # Two clerks' steps on one case queue on the row lock and the second is checked against the
        # first's result; `expected_version` refuses a stale screen (issue 14).
        require(actor, Perm.REGISTER)
        day = today or self._clock.today()
        calendar, policy = self._calendar.calendar(), self._policy()
        with self._sessions.begin() as session:
            case = case_for_update(session, case_id, expected_version)
            closed_before = case.closed_on
            if closed_before is not None:  # a published annual report locks its year's closed cases
                require_year_unlocked(session, actor, closed_before.year, locked_reason)
            warnings = apply(session, case, case_events(session, case.id), day)
            if case.closed_on is not None and case.closed_on != closed_before:
                require_year_unlocked(session, actor, case.closed_on.year, locked_reason)
            refresh(session, case, calendar, policy, day)
            touch(case)  # every step bumps the version, even one that only adds a timeline event
            detail = to_detail(session, case, calendar, policy, day)
        return StepResult(detail, tuple(warnings))

    @staticmethod
    def _close(case: RequestCase, key: str, on: date) -> None:
        case.outcome, case.closed_on = key, on
