"""What the ledger tells others: 工作台 alerts, the annual report's account, .xlsx and .docx exports."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import distinct, func, or_, select
from sqlalchemy.orm import Session

from app.models.workplan import WorkPlan, WorkTask, WorkTaskEvidence, WorkTaskNote
from app.services.alerts import Alert, Urgency
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.common import IsCancelled, Progress, SessionFactory, never_cancelled, no_progress
from app.services.formats.chinese import cn_date
from app.services.formats.xlsx import Cell
from app.services.permissions import Actor
from app.services.workplan.query import OPEN_STATUSES, TaskRow, WorkplanQueries, next_occurrence

DUE_SOON_DAYS = 14  # product decision (issue 11): plan tasks are weeks of work, so warn two weeks ahead
MAX_TASK_ALERTS = 20  # beyond this the 工作台 shows one summary line instead of a wall of tasks
PAGE = "tasks"
TASK_ENTITY, YEAR_ENTITY = "工作要点任务", "工作要点年份"  # what an alert opens on the 工作要点 page
FREQUENCY_LABEL = "第{instance}/{count}次"
LEDGER_NAME = "工作要点台账"
XLSX_HEADERS = (
    "序号", "工作要点", "所属标题", "任务", "次数", "牵头/责任单位", "科室",
    "到期日", "状态", "完成日期", "最新进展", "佐证材料",
)  # fmt: skip
XLSX_WIDTHS = (6, 30, 36, 40, 10, 24, 14, 12, 8, 12, 50, 36)
SEP = " › "
LABEL = re.compile(r"^[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]")


def task_alerts(sessions: SessionFactory, today: date) -> list[Alert]:
    """This year's (and next year's) open tasks due within two weeks or overdue, each recurring task only
    at its next occurrence (issue 21: no wall of 「每月…」 instances); older years in one line."""
    soon = today + timedelta(days=DUE_SOON_DAYS)
    current = WorkTask.year >= today.year
    with sessions() as session:
        rows = session.execute(
            select(
                WorkTask.id, WorkTask.item_id, WorkTask.title, WorkTask.due, WorkTask.instance,
                WorkTask.instance_count,
            )
            .where(
                current, WorkTask.status.in_(OPEN_STATUSES), WorkTask.due.is_not(None), WorkTask.due <= soon,
                or_(WorkTask.instance_count <= 1, WorkTask.id == next_occurrence(today)),
            )
            .order_by(WorkTask.due, WorkTask.id)
            .limit(MAX_TASK_ALERTS + 1)
        ).all()  # fmt: skip
        missed = _missed(session, [row.item_id for row in rows if row.instance_count > 1], today)
        undated = session.scalar(
            select(func.count())
            .select_from(WorkTask)
            .where(WorkTask.year == today.year, WorkTask.due.is_(None), WorkTask.status.in_(OPEN_STATUSES))
        )
        old = session.execute(
            select(func.count(distinct(WorkTask.item_id)), func.max(WorkTask.year)).where(
                WorkTask.year < today.year, WorkTask.status.in_(OPEN_STATUSES)
            )
        ).one()
    alerts: list[Alert] = []
    for task_id, item_id, title, due, instance, count in rows[:MAX_TASK_ALERTS]:
        assert due is not None
        times = f"（{FREQUENCY_LABEL.format(instance=instance, count=count)}）" if count > 1 else ""
        if due < today:
            urgency, state = Urgency.OVERDUE, f"已逾期 {(today - due).days} 天"
        else:
            urgency, state = Urgency.DUE_SOON, f"还有 {(due - today).days} 天到期"
        earlier = f"；此前另有 {missed[item_id]} 次未标记完成" if missed.get(item_id) else ""
        alerts.append(
            Alert(
                urgency,
                f"工作要点：{title}{times}",
                f"{state}（{due.isoformat()}）{earlier}",
                PAGE,
                TASK_ENTITY,
                str(task_id),
                due,
            )
        )
    if len(rows) > MAX_TASK_ALERTS:
        alerts.append(
            Alert(Urgency.OVERDUE, "还有更多工作要点任务已逾期或即将到期", "请在「工作要点」中查看。", PAGE)
        )
    if undated:
        alerts.append(
            Alert(
                Urgency.WAITING,
                f"{today.year}年有 {undated} 项工作要点任务未定到期日",
                "原文没有写明完成时限，请在「工作要点」中为它们确定到期日。",
                PAGE,
                YEAR_ENTITY,
                str(today.year),
            )
        )
    old_items, old_year = old
    if old_items:
        alerts.append(
            Alert(
                Urgency.REMINDER,
                f"往年还有 {old_items} 项工作要点任务未办结",
                f"请在「工作要点」中选择{old_year}年查看：已完成的标记为「已完成」，不再需要的标记为「不适用」。",
                PAGE,
                YEAR_ENTITY,
                str(old_year),
            )
        )
    return alerts


def _missed(session: Session, item_ids: list[int], today: date) -> dict[int, int]:
    """Per recurring item, its earlier occurrences still open although their date has passed."""
    if not item_ids:
        return {}
    query = (
        select(WorkTask.item_id, func.count())
        .where(WorkTask.item_id.in_(item_ids), WorkTask.status.in_(OPEN_STATUSES), WorkTask.due < today)
        .group_by(WorkTask.item_id)
    )
    return {item_id: count for item_id, count in session.execute(query)}


@dataclass(frozen=True)
class _Line:
    row: TaskRow
    note: str
    evidence: str
    completed_on: date | None


def _lines(
    sessions: SessionFactory, queries: WorkplanQueries, year: int
) -> Iterator[tuple[str, list[_Line]]]:
    """(plan title, its tasks with the latest note and the evidence list) in document order."""
    rows = queries.all_tasks(year)
    with sessions() as session:
        titles = dict(session.execute(select(WorkPlan.id, WorkPlan.title).where(WorkPlan.year == year)).all())
        notes: dict[int, str] = {}
        for task_id, text in session.execute(
            select(WorkTaskNote.task_id, WorkTaskNote.text)
            .join(WorkTask, WorkTask.id == WorkTaskNote.task_id)
            .where(WorkTask.year == year)
            .order_by(WorkTaskNote.day, WorkTaskNote.id)
        ):
            notes[task_id] = text
        evidence: dict[int, list[str]] = {}
        for task_id, kind, reference in session.execute(
            select(WorkTaskEvidence.task_id, WorkTaskEvidence.kind, WorkTaskEvidence.reference)
            .join(WorkTask, WorkTask.id == WorkTaskEvidence.task_id)
            .where(WorkTask.year == year)
            .order_by(WorkTaskEvidence.id)
        ):
            evidence.setdefault(task_id, []).append(f"{kind}：{reference}")
        completed = dict(
            session.execute(select(WorkTask.id, WorkTask.completed_on).where(WorkTask.year == year)).all()
        )
    for plan_id, title in titles.items():
        yield (
            title,
            [
                _Line(r, notes.get(r.id, ""), "；".join(evidence.get(r.id, [])), completed.get(r.id))
                for r in rows
                if r.plan_id == plan_id
            ],
        )


def _group(row: TaskRow) -> str:
    return row.heading_path.split(SEP)[0] if row.heading_path else row.title


def _counts(lines: list[_Line]) -> dict[str, int]:
    counts = {"已完成": 0, "进行中": 0, "未开始": 0, "不适用": 0}
    for line in lines:
        counts[line.row.status] += 1
    return counts


def report_summary(sessions: SessionFactory, queries: WorkplanQueries, year: int) -> str:
    """落实上级年度政务公开工作要点情况, for the annual report's 六、其他需要报告的事项."""
    paragraphs: list[str] = []
    for title, lines in _lines(sessions, queries, year):
        if not lines:
            continue
        c = _counts(lines)
        text = (
            f"{year}年，本机关对照《{title}》，将工作任务分解为{len(lines)}项逐项落实，"
            f"已完成{c['已完成']}项，正在推进{c['进行中']}项，尚未开始{c['未开始']}项"
        )
        text += f"，不适用{c['不适用']}项。" if c["不适用"] else "。"
        groups: dict[str, list[_Line]] = {}
        for line in lines:
            groups.setdefault(_group(line.row), []).append(line)
        for heading, members in groups.items():
            done = [m for m in members if m.row.status == "已完成"]
            details = "；".join(m.note.rstrip("。") for m in done if m.note)
            text += f"在“{LABEL.sub('', heading)}”方面，{len(members)}项任务已完成{len(done)}项"
            text += f"：{details}。" if details else "。"
        paragraphs.append(text)
    if not paragraphs:
        return f"{year}年未导入政务公开工作要点。"
    return "\n".join(paragraphs)


def export_xlsx(
    sessions: SessionFactory,
    queries: WorkplanQueries,
    actor: Actor,
    year: int,
    path: Path,
    progress: Progress = no_progress,
    is_cancelled: IsCancelled = never_cancelled,
) -> int:
    from app.services.formats.xlsx import write_rows

    rows: list[list[Cell]] = []
    for title, lines in _lines(sessions, queries, year):
        for line in lines:
            r = line.row
            rows.append(
                [
                    str(len(rows) + 1), title, r.heading_path, r.title, r.instance_label, r.units,
                    r.section or "", r.due or "未定", r.status, line.completed_on, line.note, line.evidence,
                ]
            )  # fmt: skip
            # (dates above are real Excel dates, issue 21)
    written = write_rows(
        path, f"{year}年工作要点台账", XLSX_HEADERS, rows, XLSX_WIDTHS, len(rows), progress, is_cancelled
    )
    with sessions.begin() as session:
        audit.record(
            session, actor, Action.EXPORT, LEDGER_NAME, year, 台账=LEDGER_NAME, file=str(path), count=written
        )
    return written


def export_docx(
    sessions: SessionFactory,
    queries: WorkplanQueries,
    actor: Actor,
    year: int,
    path: Path,
    office: str,
    today: date,
) -> Path:
    """落实情况 in the official layout, grouped by the plan's 一、 headings."""
    from app.services.formats.official_docx import OfficialDocument

    document = OfficialDocument()
    document.title(f"{year}年政务公开工作要点落实情况")
    body: list[str] = []
    for title, lines in _lines(sessions, queries, year):
        c = _counts(lines)
        body.append(
            f"对照《{title}》，共{len(lines)}项任务，已完成{c['已完成']}项，正在推进{c['进行中']}项。"
        )
        groups: dict[str, list[_Line]] = {}
        for line in lines:
            groups.setdefault(_group(line.row), []).append(line)
        for heading, members in groups.items():
            body.append(heading)
            for number, line in enumerate(members, start=1):
                r = line.row
                state = r.status + (f"（{cn_date(line.completed_on)}）" if line.completed_on else "")
                due = f"到期日{cn_date(r.due)}；" if r.due else ""
                progress_text = f"进展：{line.note.rstrip('。')}。" if line.note else ""
                body.append(
                    f"{number}.{LABEL.sub('', r.title)}{r.instance_label}：{due}{state}。{progress_text}"
                )
    document.body("\n".join(body) if body else f"{year}年未导入政务公开工作要点。")
    document.signature(office, today)
    document.save(path)
    with sessions.begin() as session:
        audit.record(session, actor, Action.EXPORT, "工作要点落实情况", year, file=str(path))
    return path
