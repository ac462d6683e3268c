"""What the 工作台 shows for 决策目录: the yearly publication date, 反馈 deadlines, stages still missing."""

from __future__ import annotations

from datetime import date

from app.models.decision import Stage
from app.services.alerts import Alert, Urgency
from app.services.decisions.record import ProcessRecord
from app.services.decisions.types import DirectoryInfo, DirectoryStatus
from app.services.workdays.calendar import WorkCalendar

PAGE = "decisions"
DIRECTORY_WARNING_DAYS = 30  # 产品约定：目录公布前一个月起提示「即将到期」
PLAN_WARNING_DAYS = 30  # 产品约定：计划完成前一个月仍缺环节时提示


def directory_alerts(info: DirectoryInfo | None, today: date, due: date) -> list[Alert]:
    """The year's directory must be published by `due` (setting decision.directory_due, default 3月31日)."""
    if info is not None and info.status is DirectoryStatus.PUBLISHED:
        return []
    year = today.year
    state = "尚未新建" if info is None else f"编制中（{len(info.items)} 项）"
    detail = f"{year}年重大行政决策事项目录{state}，应于 {due.isoformat()} 前公布（须先经保密审查）。"
    entity_id = str(info.id) if info else ""
    if today > due:
        return [
            Alert(
                Urgency.OVERDUE, f"{year}年决策事项目录已逾期未公布", detail, PAGE, "决策目录", entity_id, due
            )
        ]
    if (due - today).days <= DIRECTORY_WARNING_DAYS:
        title = f"{year}年决策事项目录还剩 {(due - today).days} 天公布"
        return [Alert(Urgency.DUE_SOON, title, detail, PAGE, "决策目录", entity_id, due)]
    return [
        Alert(
            Urgency.REMINDER,
            f"{year}年决策事项目录于 {due.isoformat()} 前公布",
            detail,
            PAGE,
            "决策目录",
            entity_id,
            due,
        )
    ]


def process_alerts(record: ProcessRecord, today: date, calendar: WorkCalendar, warn_days: int) -> list[Alert]:
    item = record.item
    name, entity_id = f"「{item.name}」", str(item.id)
    result: list[Alert] = []
    feedback = record.view(Stage.FEEDBACK)
    if feedback.required and not feedback.done and record.decision_date is not None:
        if record.feedback_due is None:
            result.append(
                Alert(
                    Urgency.WAITING,
                    f"{name}无法计算意见采纳反馈期限",
                    record.feedback_problem,
                    PAGE,
                    "决策事项",
                    entity_id,
                )
            )
        else:
            due = record.feedback_due
            detail = (
                f"决策于 {record.decision_date.isoformat()} 作出，"
                f"公众意见采纳情况应于 {due.isoformat()} 前公布反馈。"
            )
            if today > due:
                result.append(
                    Alert(
                        Urgency.OVERDUE,
                        f"{name}意见采纳情况反馈已逾期",
                        detail,
                        PAGE,
                        "决策事项",
                        entity_id,
                        due,
                    )
                )
            else:
                left = calendar.working_days_between(today, due)
                urgency = Urgency.DUE_SOON if left <= warn_days else Urgency.WAITING
                title = f"{name}意见采纳情况反馈还剩 {left} 个工作日"
                result.append(Alert(urgency, title, detail, PAGE, "决策事项", entity_id, due))
    if record.published:
        return result
    missing = record.missing_text()
    planned = item.planned_on
    if today > planned:
        detail = f"计划完成时间 {planned.isoformat()} 已过，尚未公布决策结果" + (
            f"；缺少：{missing}。" if missing else "。"
        )
        result.append(
            Alert(Urgency.OVERDUE, f"{name}超过计划完成时间", detail, PAGE, "决策事项", entity_id, planned)
        )
    elif missing and record.view(Stage.MEETING).done:
        detail = f"已集体讨论决定，但缺少必经环节：{missing}，补齐后才能公布。"
        result.append(
            Alert(Urgency.WAITING, f"{name}缺少{missing}", detail, PAGE, "决策事项", entity_id, planned)
        )
    elif missing and (planned - today).days <= PLAN_WARNING_DAYS and record.view(Stage.START).done:
        detail = f"计划于 {planned.isoformat()} 完成，仍缺少：{missing}。"
        result.append(
            Alert(Urgency.DUE_SOON, f"{name}临近计划完成时间", detail, PAGE, "决策事项", entity_id, planned)
        )
    return result
