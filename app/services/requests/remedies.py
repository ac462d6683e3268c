"""行政复议 / 行政诉讼 records against a case; the annual report's table 四 counts them (RULES §2.5)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.request import RequestCase, RequestRemedy
from app.services.audit.chain import Action, record
from app.services.common import SessionFactory, clock_for
from app.services.permissions import Actor, Perm, require
from app.services.requests.core import add_event, case_for_update
from app.services.requests.types import ENTITY, MAX_NOTE, EventKind, RemedyView
from app.services.storage.record_versions import guard, touch
from app.services.year_lock import require_year_unlocked

REVIEW = "复议"
DIRECT_SUIT = "未经复议直接起诉"
SUIT_AFTER_REVIEW = "复议后起诉"
STAGES = (REVIEW, DIRECT_SUIT, SUIT_AFTER_REVIEW)
PENDING = "尚未审结"
RESULTS = ("维持", "纠正", "其他", PENDING)
MAX_BODY = 100


def _view(row: RequestRemedy) -> RemedyView:
    return RemedyView(
        row.id, row.case_id, row.stage, row.filed_on, row.body, row.result, row.closed_on, row.note
    )


def validate(stage: str, filed_on: date, body: str, result: str, closed_on: date | None, today: date) -> str:
    if stage not in STAGES:
        raise UserFacingError(f"阶段应为：{'、'.join(STAGES)}。")
    if result not in RESULTS:
        raise UserFacingError(f"结果应为：{'、'.join(RESULTS)}。")
    if filed_on > today:
        raise UserFacingError(f"提起日期（{filed_on.isoformat()}）晚于今天，请核对。")
    name = body.strip()
    if not name or len(name) > MAX_BODY:
        what = "复议机关" if stage == REVIEW else "人民法院"
        raise UserFacingError(f"请填写{what}名称（不超过 {MAX_BODY} 个字）。")
    if result == PENDING and closed_on is not None:
        raise UserFacingError("尚未审结的案件不应填写审结日期。")
    if result != PENDING:
        if closed_on is None:
            raise UserFacingError("已审结的案件请填写审结日期。")
        if closed_on < filed_on or closed_on > today:
            raise UserFacingError("审结日期应在提起日期之后、今天之前。")
    return name


def _guard(
    session: Session,
    actor: Actor,
    case: RequestCase,
    filed_on: date,
    locked_reason: str,
    expected_version: int | None,
) -> None:
    """A stale screen is refused (issue 14). Table 四 counts a remedy in the year it was filed, so a
    published year's records change only by a 管理员 with a reason (issue 9)."""
    guard("request_cases", case, expected_version)
    require_year_unlocked(session, actor, filed_on.year, locked_reason)
    touch(case)  # the remedy is part of the case: its version moves with it


class RemedyService:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions
        self._clock = clock_for(sessions)

    def add(
        self,
        actor: Actor,
        case_id: int,
        stage: str,
        filed_on: date,
        body: str,
        result: str = PENDING,
        closed_on: date | None = None,
        note: str = "",
        today: date | None = None,
        locked_reason: str = "",
        expected_version: int | None = None,
    ) -> RemedyView:
        """`expected_version`: the case version the clerk's screen loaded (issue 14)."""
        require(actor, Perm.REGISTER)
        day = today or self._clock.today()
        name = validate(stage, filed_on, body, result, closed_on, day)
        if len(note) > MAX_NOTE:
            raise UserFacingError(f"备注不超过 {MAX_NOTE} 个字。")
        with self._sessions.begin() as session:
            case = case_for_update(session, case_id)
            _guard(session, actor, case, filed_on, locked_reason, expected_version)
            if case.received_on is not None and filed_on < case.received_on:
                raise UserFacingError("复议或诉讼的提起日期不能早于收到申请之日。")
            row = RequestRemedy(
                case_id=case_id,
                stage=stage,
                filed_on=filed_on,
                body=name,
                result=result,
                closed_on=closed_on,
                note=note.strip(),
            )
            session.add(row)
            session.flush()
            data = {"stage": stage, "body": name, "result": result}
            add_event(session, case, actor, EventKind.REMEDY, filed_on, data)
            return _view(row)

    def update(
        self,
        actor: Actor,
        remedy_id: int,
        result: str,
        closed_on: date | None,
        today: date | None = None,
        locked_reason: str = "",
        expected_version: int | None = None,
    ) -> RemedyView:
        """Record the result when the 复议机关 or court decides."""
        require(actor, Perm.REGISTER)
        day = today or self._clock.today()
        with self._sessions.begin() as session:
            row = session.get(RequestRemedy, remedy_id)
            if row is None:
                raise UserFacingError("找不到这条复议或诉讼记录。")
            validate(row.stage, row.filed_on, row.body, result, closed_on, day)
            case = session.get(RequestCase, row.case_id, with_for_update=True)
            if case is not None:
                _guard(session, actor, case, row.filed_on, locked_reason, expected_version)
            before = {"结果": row.result, "审结日期": row.closed_on}
            row.result, row.closed_on = result, closed_on
            changes = {
                key: (before[key], value) for key, value in (("结果", result), ("审结日期", closed_on))
            }
            record(
                session,
                actor,
                Action.UPDATE,
                ENTITY,
                case.number if case else row.case_id,
                changes,
                阶段=row.stage,
            )
            return _view(row)

    def for_case(self, case_id: int) -> list[RemedyView]:
        with self._sessions() as session:
            query = (
                select(RequestRemedy).where(RequestRemedy.case_id == case_id).order_by(RequestRemedy.filed_on)
            )
            return [_view(row) for row in session.scalars(query)]

    def table_four(self, year: int) -> dict[tuple[str, str], int]:
        """(stage, result) → count of records filed in `year`; 尚未审结 as of today."""
        first, last = date(year, 1, 1), date(year, 12, 31)
        counts = {(stage, result): 0 for stage in STAGES for result in RESULTS}
        with self._sessions() as session:
            query = (
                select(RequestRemedy.stage, RequestRemedy.result, func.count())
                .where(RequestRemedy.filed_on.between(first, last))
                .group_by(RequestRemedy.stage, RequestRemedy.result)
            )
            for stage, result, count in session.execute(query):
                counts[(stage, result)] = count
        return counts
