"""How a deadline was computed, day by day, as data and as printable Chinese text (for the case file)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from app.services.requests.deadlines import (
    CORRECTION_NOTICE_WORKING_DAYS,
    DeadlinePolicy,
    Pause,
    RequestEvents,
    effective_pauses,
    receipt_date,
    validate_extensions,
)
from app.services.workdays.calendar import DayKind, WorkCalendar, weekday_name
from app.services.workdays.provisional import provisional_note

ONE_DAY = timedelta(days=1)


class StepKind:
    COUNTED = "计入"
    SKIPPED = "跳过"
    PAUSED = "暂停"


@dataclass(frozen=True, slots=True)
class ExplanationStep:
    day: date
    kind: str  # 计入 / 跳过 / 暂停
    reason: str  # 工作日, 调休上班（国庆节，国办发明电〔2023〕7号）, 周末, 国庆节, 征求第三方意见…
    count: int | None = None  # the working-day number when counted


@dataclass(frozen=True)
class Explanation:
    title: str
    preamble: tuple[str, ...]
    steps: tuple[ExplanationStep, ...]
    due: date
    assumed_years: tuple[int, ...] = ()  # years without a notice the count crossed: the result is 暂定

    def render_text(self) -> str:
        lines = [self.title, *self.preamble, ""]
        for step in self.steps:
            label = f"第{step.count}个工作日" if step.count is not None else step.kind
            lines.append(f"{step.day.isoformat()} {weekday_name(step.day)}  {label}  {step.reason}")
        mark = "（暂定）" if self.assumed_years else ""
        lines += ["", f"结果：{cn_date(self.due)}（{weekday_name(self.due)}）{mark}"]
        return "\n".join(lines)


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def explain_count(
    calendar: WorkCalendar,
    start: date,
    n: int,
    pauses: Iterable[Pause],
    title: str,
    preamble: Iterable[str] = (),
) -> Explanation:
    """Walk day by day from the day after `start` until n working days outside every pause are counted."""
    ordered = sorted(pauses, key=lambda p: p.start)
    steps: list[ExplanationStep] = []
    lines = list(preamble)
    lines += [
        f"暂停计算：{cn_date(p.start)}（不含）至{cn_date(p.end)}（含），原因：{p.reason}" for p in ordered
    ]
    count, day = 0, start
    while count < n:
        day += ONE_DAY
        pause = next((p for p in ordered if p.start < day <= p.end), None)
        working = calendar.is_working_day(day)
        if pause is not None:
            steps.append(ExplanationStep(day, StepKind.PAUSED, pause.reason))
        elif working:
            count += 1
            entry = calendar.entry_for(day)
            reason = (
                f"调休上班（{entry.name}，{entry.source}）"
                if entry and entry.kind is DayKind.WORK
                else "工作日"
            )
            steps.append(ExplanationStep(day, StepKind.COUNTED, reason, count))
        else:
            entry = calendar.entry_for(day)
            reason = f"{entry.name}放假（{entry.source}）" if entry else "周末"
            steps.append(ExplanationStep(day, StepKind.SKIPPED, reason))
    assumed = calendar.assumed_years(start, day)
    if assumed:  # the result is 暂定: say which years were assumed and how (issue 18)
        lines.append(f"暂定：{provisional_note(assumed)}")
    return Explanation(title, tuple(lines), tuple(steps), day, assumed)


def explain(events: RequestEvents, calendar: WorkCalendar, policy: DeadlinePolicy) -> tuple[Explanation, ...]:
    """Explanations of the answer deadline and of the 补正 notice deadline (when a receipt date exists)."""
    received = receipt_date(events)
    if received is None:
        return ()
    shift = ONE_DAY if policy.count_receipt_day else timedelta(0)
    rule = (
        "计算口径：保守口径，收到当日（如为工作日）计为第1个工作日"
        if policy.count_receipt_day
        else "计算口径：收到当日不计入，自下一个工作日起算（民法典第二百零一条）"
    )
    head = [
        f"收到申请之日：{cn_date(received)}（{weekday_name(received)}），渠道：{events.channel}（条例第三十一条）",
        rule,
    ]
    result: list[Explanation] = []
    if events.correction_sent is None or events.correction_received is not None:
        start = events.correction_received or received
        extra = validate_extensions(events.extensions)
        total = policy.answer_working_days + extra
        lines = list(head)
        if events.correction_received is not None:
            lines.append(f"收到补正之日：{cn_date(start)}，答复期限自该日起重新计算（条例第三十条）")
        lines.append(f"答复期限：{policy.answer_working_days}个工作日（条例第三十三条第二款）")
        if extra:
            ext = events.extensions[0]
            lines.append(f"延长答复期限：{extra}个工作日，经{ext.approver}同意（条例第三十三条第二款）")
        pauses = effective_pauses(events, calendar, policy)
        result.append(explain_count(calendar, start - shift, total, pauses, "答复期限计算说明", lines))
    result.append(
        explain_count(
            calendar,
            received - shift,
            CORRECTION_NOTICE_WORKING_DAYS,
            (),
            "补正告知期限计算说明",
            [*head, f"补正告知期限：{CORRECTION_NOTICE_WORKING_DAYS}个工作日内一次性告知（条例第三十条）"],
        )
    )
    return tuple(result)


def render_all(explanations: Iterable[Explanation]) -> str:
    return "\n\n".join(item.render_text() for item in explanations)
