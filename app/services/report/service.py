"""年度报告 (条例第四十九、五十条; 国办公开办函〔2021〕30号): collect, check, edit, export, publish, lock."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.annual_report import AnnualReport
from app.models.request import RequestCase
from app.services.alerts import Alert, Urgency
from app.services.audit.chain import Action, diff, record
from app.services.common import (
    IsCancelled,
    Progress,
    SessionFactory,
    check_cancel,
    clock_for,
    never_cancelled,
    no_progress,
)
from app.services.formats.atomic import atomic_write
from app.services.permissions import Actor, Perm, Role, require
from app.services.report import narratives as texts
from app.services.report.collect import (
    RequestFacts,
    normative_documents,
    publication_facts,
    request_facts,
    table_four,
    table_three,
)
from app.services.report.tables import R4, Table2, check_tables
from app.services.report.timeliness import timeliness_sentence, year_timeliness
from app.services.report.types import (
    FIELDS,
    FIRST_YEAR,
    AnnualReportView,
    EnteredFigures,
    ReportInconsistent,
    check_count,
    check_year,
    entered_of,
    figure_fields,
    numbers_of,
    parse_fee,
)
from app.services.requests.core import deadline_policy
from app.services.settings import registry
from app.services.settings.service import SettingsService
from app.services.storage.anchor import MANIFEST_KEY, chain_head
from app.services.workdays.service import CalendarService
from app.services.year_lock import DRAFT, ENTITY, PUBLISHED, is_year_locked

MAX_NARRATIVE = 20_000
DUE_SOON_DAYS = 10


class AnnualReportService:
    def __init__(
        self,
        sessions: SessionFactory,
        settings: SettingsService,
        workplan_summary: Callable[[int], str] | None = None,
    ) -> None:
        self._sessions, self._settings = sessions, settings
        self._clock = clock_for(sessions)
        self._workplan_summary = workplan_summary or (lambda _year: "")

    # ---- reading ----------------------------------------------------------------------------------

    def _with_timeliness(self, session: Session, year: int, req: RequestFacts) -> RequestFacts:
        """按时办结率 and 平均办理时长 from one set of cases, counted as the deadlines are (issue 21)."""
        policy = deadline_policy(self._settings)
        figures = year_timeliness(session, year, CalendarService(self._sessions).calendar(), policy)
        text = timeliness_sentence(figures, policy)
        return replace(req, late=figures.late, timeliness=figures, timeliness_text=text)

    def report(self, year: int, today: date | None = None) -> AnnualReportView:
        """Every number of the year's report, the narratives and the result of every check."""
        check_year(year, today or self._clock.today())
        office = self._settings.office()
        with self._sessions() as session:
            row = self._row(session, year)
            last = self._row(session, year - 1)
            entered = entered_of(row)
            made, repealed, in_force = normative_documents(session, year)
            table2 = Table2(
                entered.regulations,
                (made, repealed, in_force),
                entered.permits,
                entered.penalties,
                entered.coercions,
                entered.fees_wan_yuan,
            )
            table3, unknown = table_three(session, year)
            table4 = table_four(session, year)
            pub, req = publication_facts(session, year), request_facts(session, year)
            req = self._with_timeliness(session, year, req)
        prefilled = {
            texts.GENERAL: texts.general(year, pub, req, table2, table3, table4),
            texts.PROBLEMS: texts.problems(year, req),
            texts.OTHER: texts.other(req, self._workplan_summary(year)),
        }
        saved = {title: getattr(row, name) if row else "" for title, name in FIELDS.items()}
        narratives = {title: saved[title].strip() or prefilled[title] for title in texts.NARRATIVE_TITLES}
        prior = numbers_of(row.prior_carryover_json) if row else None
        last_r4, source = None, ""
        if last is not None and last.status == PUBLISHED and last.snapshot_json:
            last_r4, source = numbers_of(json.loads(last.snapshot_json).get("r4")), "上一年度已公布的报告"
        elif prior is not None:
            last_r4, source = prior, "录入的上一年度报告第四项"
        failures = check_tables(table3, table4, list(last_r4) if last_r4 else None)
        warnings = [f"申请 {number} 的申请人类型或办理结果不在表三的分类中，未计入。" for number in unknown]
        warnings += [
            f"「{title}」中还有「{texts.TO_FILL}」，导出前请补充。"
            for title, text in narratives.items()
            if texts.TO_FILL in text
        ]
        return AnnualReportView(
            year=year,
            office=office.name if office else "",
            status=row.status if row else DRAFT,
            published_on=row.published_on if row else None,
            entered=entered,
            table2=table2,
            table3=table3,
            table4=table4,
            narratives=narratives,
            prefilled=prefilled,
            edited=frozenset(title for title, text in saved.items() if text.strip()),
            prior_carryover=prior,
            last_year_r4=last_r4,
            last_year_source=source,
            failures=tuple(failures),
            warnings=tuple(warnings),
            publication=pub,
            requests=req,
        )

    def years(self, today: date | None = None) -> list[int]:
        """Years worth offering: last year, any year with requests or a saved report; newest first."""
        day = today or self._clock.today()
        with self._sessions() as session:
            found = set(session.scalars(select(AnnualReport.year)))
            found |= set(session.scalars(select(RequestCase.year).distinct()))
        found.add(day.year - 1)
        return sorted((y for y in found if FIRST_YEAR <= y <= day.year), reverse=True)

    def latest_published_year(self) -> int | None:
        with self._sessions() as session:
            query = select(func.max(AnnualReport.year)).where(AnnualReport.status == PUBLISHED)
            return session.scalar(query)

    def is_published(self, year: int) -> bool:
        with self._sessions() as session:
            return is_year_locked(session, year)

    # ---- editing ----------------------------------------------------------------------------------

    def save_figures(
        self, actor: Actor, year: int, figures: EnteredFigures, today: date | None = None
    ) -> None:
        require(actor, Perm.REGISTER)
        check_year(year, today or self._clock.today())
        labels = ("规章本年制发件数", "规章本年废止件数", "规章现行有效件数")
        clean = EnteredFigures(
            (
                check_count(figures.regulations[0], labels[0]),
                check_count(figures.regulations[1], labels[1]),
                check_count(figures.regulations[2], labels[2]),
            ),
            check_count(figures.permits, "行政许可本年处理决定数量"),
            check_count(figures.penalties, "行政处罚本年处理决定数量"),
            check_count(figures.coercions, "行政强制本年处理决定数量"),
            parse_fee(figures.fees_wan_yuan),
        )
        with self._sessions.begin() as session:
            row = self._editable(session, year)
            before = figure_fields(entered_of(row))
            row.regulations_made, row.regulations_repealed, row.regulations_in_force = clean.regulations
            row.permits, row.penalties, row.coercions = clean.permits, clean.penalties, clean.coercions
            row.fees_wan_yuan = str(clean.fees_wan_yuan)
            record(session, actor, Action.UPDATE, ENTITY, year, diff(before, figure_fields(clean)))

    def save_prior_carryover(
        self, actor: Actor, year: int, numbers: list[int] | None, today: date | None = None
    ) -> None:
        """Last year's printed 四 (six columns and 总计), when last year's report is not in this database."""
        require(actor, Perm.REGISTER)
        check_year(year, today or self._clock.today())
        text = ""
        if numbers is not None:
            if len(numbers) != 7:
                raise UserFacingError("上一年度第四项应填写 7 个数：六类申请人和总计。")
            text = json.dumps([check_count(n, "上一年度结转数") for n in numbers])
        with self._sessions.begin() as session:
            row = self._editable(session, year)
            before = row.prior_carryover_json
            row.prior_carryover_json = text
            record(session, actor, Action.UPDATE, ENTITY, year, {"上一年度第四项": (before, text)})

    def save_narratives(
        self, actor: Actor, year: int, narratives: dict[str, str], today: date | None = None
    ) -> None:
        """Text for 一, 五, 六; an empty text goes back to the pre-filled one."""
        require(actor, Perm.REGISTER)
        check_year(year, today or self._clock.today())
        unknown = set(narratives) - set(FIELDS)
        if unknown:
            raise UserFacingError(f"只有{'、'.join(FIELDS)}可以编辑文字。")
        for title, text in narratives.items():
            if len(text) > MAX_NARRATIVE:
                raise UserFacingError(
                    f"「{title}」太长（{len(text)} 个字），请控制在 {MAX_NARRATIVE} 个字以内。"
                )
        with self._sessions.begin() as session:
            row = self._editable(session, year)
            changes = {}
            for title, text in narratives.items():
                name = FIELDS[title]
                if getattr(row, name) != text.strip():
                    changes[title] = (len(getattr(row, name)), len(text.strip()))
                    setattr(row, name, text.strip())
            if changes:
                record(session, actor, Action.UPDATE, ENTITY, year, changes, 说明="文字部分（字数）")

    # ---- output and publication -------------------------------------------------------------------

    def export_docx(
        self,
        actor: Actor,
        year: int,
        target: Path,
        progress: Progress = no_progress,
        is_cancelled: IsCancelled = never_cancelled,
        opening: bool = False,
    ) -> Path:
        """The official .docx as it is published; refused while any check fails (RULES §10 rule 27), the
        office name is unset or 五/六 are left as 「无」. `opening` puts the 概述 paragraph before 一."""
        progress(10, "正在统计年度数据…")
        view = self._publishable(year)
        check_cancel(is_cancelled)
        progress(60, "正在生成年度报告…")
        from app.services.report.word import ReportContent, build_report_docx  # python-docx: only here

        office = self._settings.office()
        content = ReportContent(
            view.office,
            year,
            self._printed(view),
            view.table2,
            view.table3,
            view.table4,
            view.published_on or self._clock.today(),
            texts.opening(year, view.office, office.phone, office.address) if office and opening else "",
        )
        build_report_docx(content, target)
        self._note_export(actor, year, target)
        progress(100, "完成")
        return target

    def export_json(self, actor: Actor, year: int, target: Path) -> Path:
        """Every number: `table2` (label → numbers), `table3` (row label → 7 numbers, nested), `table4`."""
        view = self._checked(year)
        with self._sessions() as session:  # the audit chain's head leaves the PC with the data (issue 19)
            head = {MANIFEST_KEY: chain_head(session, self._clock.now()).as_json()}
        content = json.dumps(view.as_json() | head, ensure_ascii=False, indent=2)
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(target, prefix=".writing-", suffix=target.suffix) as temp:
            temp.write_text(content, encoding="utf-8")
        self._note_export(actor, year, target)
        return target

    def export_checker_json(self, actor: Actor, year: int, target: Path) -> Path:
        """The numbers in the section/table structure published-report checkers read (checker_json.py)."""
        from app.services.report.checker_json import checker_json

        view = self._publishable(year)
        data = checker_json(view.office, year, self._printed(view), view.table2, view.table3, view.table4)
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(target, prefix=".writing-", suffix=target.suffix) as temp:
            temp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        self._note_export(actor, year, target)
        return target

    def publish(self, actor: Actor, year: int, on: date, today: date | None = None) -> AnnualReportView:
        """公布并锁定: the numbers are kept as published; cases closed in the year can no longer change."""
        require(actor, Perm.PUBLISH_ANNUAL_REPORT)
        day = today or self._clock.today()
        if on > day or on.year < year:
            raise UserFacingError("公布日期应在报告年度之后、今天之前。")
        view = self._checked(year)
        snapshot = view.as_json() | {"r4": view.table3.row(R4.key)}
        with self._sessions.begin() as session:
            row = self._editable(session, year)
            row.status, row.published_on, row.published_by = PUBLISHED, on, actor.account_id
            row.snapshot_json = json.dumps(snapshot, ensure_ascii=False)
            record(session, actor, Action.STATUS, ENTITY, year, {"状态": (DRAFT, PUBLISHED)}, 公布日期=on)
        return self.report(year, day)

    def unlock(self, actor: Actor, year: int, reason: str) -> None:
        """Only a 管理员, with a reason that goes into the audit log."""
        if Role.ADMIN not in actor.roles:
            raise UserFacingError("撤销年度报告的锁定需要管理员角色。")
        why = reason.strip()
        if not why:
            raise UserFacingError("请填写撤销锁定的原因（将记入操作日志）。")
        with self._sessions.begin() as session:
            row = self._row(session, year)
            if row is None or row.status != PUBLISHED:
                raise UserFacingError(f"{year}年度报告尚未公布，无需撤销锁定。")
            row.status = DRAFT
            record(session, actor, Action.STATUS, ENTITY, year, {"状态": (PUBLISHED, DRAFT)}, 原因=why[:500])

    def alerts(self, today: date) -> list[Alert]:
        """条例第四十九条: last year's report is due by the configured day (default 1月31日)."""
        due = self._settings.day_in(registry.ANNUAL_REPORT_DUE, today.year)
        if not date(today.year, 1, 1) <= today <= due or self.is_published(today.year - 1):
            return []
        left = (due - today).days
        return [
            Alert(
                Urgency.DUE_SOON if left <= DUE_SOON_DAYS else Urgency.REMINDER,
                f"{today.year - 1}年政府信息公开工作年度报告",
                f"应于{due.month}月{due.day}日前报送并公布，还有 {left} 天。",
                "report",
                ENTITY,
                str(today.year - 1),
                due,
            )
        ]

    # ---- helpers ----------------------------------------------------------------------------------

    def _checked(self, year: int) -> AnnualReportView:
        view = self.report(year)
        if view.failures:
            raise ReportInconsistent(year, view.failures)
        return view

    def _publishable(self, year: int) -> AnnualReportView:
        view = self._checked(year)
        if not view.office.strip():
            raise UserFacingError(
                "还没有填写单位名称，年度报告的标题和落款都要用到。请先在「设置 → 单位信息」中填写。"
            )
        problems = texts.publication_problems(view.narratives)
        if problems:
            raise UserFacingError(f"{year}年度报告还不能生成：\n" + "\n".join(problems))
        return view

    @staticmethod
    def _printed(view: AnnualReportView) -> dict[str, str]:
        """The narratives as printed: 六 opens with the 信息处理费 statement computed from the cases."""
        printed = dict(view.narratives)
        if view.requests is not None:
            printed[texts.OTHER] = texts.printed_other(printed.get(texts.OTHER, ""), view.requests)
        return printed

    def _note_export(self, actor: Actor, year: int, target: Path) -> None:
        with self._sessions.begin() as session:
            record(session, actor, Action.EXPORT, ENTITY, year, file=str(target))

    @staticmethod
    def _row(session: Session, year: int) -> AnnualReport | None:
        return session.scalar(select(AnnualReport).where(AnnualReport.year == year))

    def _editable(self, session: Session, year: int) -> AnnualReport:
        row = self._row(session, year)
        if row is None:
            row = AnnualReport(year=year, status=DRAFT, prior_carryover_json="", snapshot_json="")
            for name in FIELDS.values():
                setattr(row, name, "")
            session.add(row)
            session.flush()
        elif row.status == PUBLISHED:
            raise UserFacingError(
                f"{year}年度报告已于{row.published_on}公布并锁定，不能再修改；确需更正请由管理员撤销锁定。"
            )
        return row
