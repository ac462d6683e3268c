"""The stages of a 重大行政决策 (RULES §4.2, 国务院令第713号) as data, and the checks on each record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.errors import UserFacingError
from app.models.decision import Stage
from app.services.decisions.types import Procedures
from app.services.workdays.calendar import WorkCalendar

CONSULT_MIN_DAYS = 30  # 条例第十五条：公开征求意见的期限一般不少于30日（缩短须说明）
HEARING_MATERIALS_DAYS = 7  # 条例第十七条：听证会材料应当于召开听证会7日前送达听证参加人
LEGALITY_MIN_WORKING_DAYS = 7  # 条例第二十七条：送请合法性审查…一般不少于7个工作日
MAX_SHORT = 200
MAX_LONG = 5000
MAX_COUNT = 1_000_000


# The fields each stage records, with the label the clerk sees (the generic columns are reused per stage).
STAGE_FIELDS: dict[Stage, tuple[tuple[str, str], ...]] = {
    Stage.START: (
        ("done_on", "启动日期"),
        ("people", "提出单位/建议人"),
        ("result", "启动决定（会议或文件）"),
    ),
    Stage.CONSULT: (
        ("started_on", "征求意见开始日期"),
        ("done_on", "征求意见截止日期"),
        ("channels", "公开渠道"),
        ("opinions_received", "收到意见（条）"),
        ("opinions_adopted", "采纳意见（条）"),
        ("not_adopted_reasons", "未采纳的意见及理由"),
        ("exception_reason", "期限少于30日的理由"),
    ),
    Stage.HEARING: (
        ("channels", "听证公告（日期、渠道）"),
        ("started_on", "听证材料送达日期"),
        ("done_on", "听证会日期"),
        ("people", "听证参加人名单"),
        ("result", "听证意见要点"),
    ),
    Stage.EXPERT: (
        ("done_on", "论证日期"),
        ("channels", "论证方式（论证会/书面咨询/委托咨询）"),
        ("people", "论证专家（署名）"),
        ("result", "论证意见及采纳情况"),
    ),
    Stage.RISK: (
        ("done_on", "评估完成日期"),
        ("people", "评估单位"),
        ("result", "风险点、防范措施和处置预案"),
    ),
    Stage.LEGALITY: (
        ("started_on", "送审日期"),
        ("done_on", "审查意见日期"),
        ("people", "审查机构"),
        ("result", "合法性审查意见"),
        ("exception_reason", "审查时间少于7个工作日的理由"),
    ),
    Stage.MEETING: (
        ("done_on", "会议日期"),
        ("channels", "会议名称（如镇政府常务会议第8次）"),
        ("people", "列席的公众代表"),
        ("notes", "列席代表的意见"),
        ("result", "决定结果"),
        ("dissent", "不同意见（如实载明）"),
    ),
    Stage.PUBLISH: (
        ("done_on", "公布日期"),
        ("channels", "公布渠道"),
        ("result", "公布内容（决定文件、文号）"),
        ("document_id", "关联政策解读（公文登记编号）"),
    ),
    Stage.FEEDBACK: (("done_on", "反馈公布日期"), ("channels", "反馈渠道"), ("result", "意见采纳情况说明")),
    Stage.EXECUTION: (("done_on", "报告日期"), ("people", "执行单位"), ("result", "执行情况")),
    Stage.EVALUATION: (("done_on", "评估日期"), ("people", "评估单位"), ("result", "评估结论")),
}
DATE_FIELDS = ("started_on", "done_on")
COUNT_FIELDS = ("opinions_received", "opinions_adopted", "document_id")
# Texts a stage cannot be saved without (beyond its dates).
REQUIRED_TEXT: dict[Stage, tuple[str, ...]] = {
    Stage.CONSULT: ("channels",),
    Stage.HEARING: ("people",),
    Stage.LEGALITY: ("result",),
    Stage.MEETING: ("channels", "result"),
    Stage.PUBLISH: ("channels",),
}
BEFORE_PUBLICATION = (
    Stage.START,
    Stage.CONSULT,
    Stage.HEARING,
    Stage.EXPERT,
    Stage.RISK,
    Stage.LEGALITY,
    Stage.MEETING,
)
AFTER_PUBLICATION = (Stage.FEEDBACK, Stage.EXECUTION, Stage.EVALUATION)


@dataclass(frozen=True)
class StageRecord:
    stage: Stage
    done_on: date | None = None
    started_on: date | None = None
    channels: str = ""
    people: str = ""
    opinions_received: int | None = None
    opinions_adopted: int | None = None
    not_adopted_reasons: str = ""
    exception_reason: str = ""
    result: str = ""
    dissent: str = ""
    notes: str = ""
    document_id: int | None = None


@dataclass(frozen=True)
class AttachmentRef:
    id: int
    name: str
    sha256: str


@dataclass(frozen=True)
class StageInfo:
    record: StageRecord
    recorded_by: str
    attachments: tuple[AttachmentRef, ...] = field(default=())


def required_stages(procedures: Procedures) -> tuple[Stage, ...]:
    """Stages an item must go through, from its 履行程序 flags (启动 and 公布 always)."""
    wanted = {
        Stage.START: True,
        Stage.CONSULT: procedures.public_participation,
        Stage.HEARING: procedures.hearing,
        Stage.EXPERT: procedures.expert_review,
        Stage.RISK: procedures.risk_assessment,
        Stage.LEGALITY: procedures.legality_review,
        Stage.MEETING: procedures.collective_decision,
        Stage.PUBLISH: True,
        Stage.FEEDBACK: procedures.public_participation,  # 公众意见采纳情况 (RULES §4.2 SLA)
    }
    return tuple(stage for stage, needed in wanted.items() if needed)


def label(stage: Stage, name: str) -> str:
    return dict(STAGE_FIELDS[stage]).get(name, name)


def clean_record(record: StageRecord) -> StageRecord:
    """Trim texts, check lengths and counts; fields the stage does not use are emptied."""
    used = {name for name, _ in STAGE_FIELDS[record.stage]}
    values: dict[str, object] = {"stage": record.stage}
    for name in StageRecord.__dataclass_fields__:
        if name == "stage":
            continue
        value = getattr(record, name)
        if name not in used:
            value = None if name in DATE_FIELDS or name in COUNT_FIELDS else ""
        elif isinstance(value, str):
            value = value.strip()
            limit = MAX_SHORT if name == "channels" else MAX_LONG
            if len(value) > limit:
                raise UserFacingError(
                    f"「{label(record.stage, name)}」太长（{len(value)} 个字），请控制在 {limit} 个字以内。"
                )
        elif name in COUNT_FIELDS and value is not None and not 0 <= value <= MAX_COUNT:
            raise UserFacingError(f"「{label(record.stage, name)}」应为 0～{MAX_COUNT} 之间的整数。")
        values[name] = value
    clean = StageRecord(**values)  # type: ignore[arg-type]
    for name in [n for n in DATE_FIELDS if n in used]:
        if getattr(clean, name) is None:
            raise UserFacingError(f"请填写「{label(clean.stage, name)}」。")
    for name in REQUIRED_TEXT.get(clean.stage, ()):
        if not getattr(clean, name):
            raise UserFacingError(f"请填写「{label(clean.stage, name)}」。")
    received, adopted = clean.opinions_received, clean.opinions_adopted
    if received is not None and adopted is not None:
        if adopted > received:
            raise UserFacingError(f"采纳意见 {adopted} 条多于收到的 {received} 条，请检查。")
        if adopted < received and not clean.not_adopted_reasons:
            raise UserFacingError(
                f"有 {received - adopted} 条意见未采纳，"
                "请在「未采纳的意见及理由」中逐条说明（条例第十八条）。"
            )
    return clean


def check_periods(record: StageRecord, calendar: WorkCalendar) -> str:
    """The statutory periods of 征求意见, 听证 and 合法性审查; returns a short note on the period."""
    start, end = record.started_on, record.done_on
    if start is None or end is None:
        return ""
    if end < start:
        raise UserFacingError(
            f"「{label(record.stage, 'done_on')}」{end.isoformat()} 早于"
            f"「{label(record.stage, 'started_on')}」{start.isoformat()}，请检查日期。"
        )
    if record.stage is Stage.CONSULT:
        days = (end - start).days  # 民法典第二百零一条：开始的当日不计入
        if days < CONSULT_MIN_DAYS and not record.exception_reason:
            raise UserFacingError(
                f"公开征求意见期限为 {days} 日，少于 {CONSULT_MIN_DAYS} 日"
                "（重大行政决策程序暂行条例第十五条）。"
                "如因情况紧急等原因缩短期限，请填写「期限少于30日的理由」后再保存。"
            )
        return f"征求意见 {days} 日"
    if record.stage is Stage.HEARING:
        days = (end - start).days
        if days < HEARING_MATERIALS_DAYS:
            raise UserFacingError(
                f"听证材料只在听证会前 {days} 日送达，条例第十七条要求于召开听证会"
                f" {HEARING_MATERIALS_DAYS} 日前送达听证参加人。请改期召开听证会后再登记。"
            )
        return f"材料提前 {days} 日送达"
    if record.stage is Stage.LEGALITY:
        working = calendar.working_days_between(start, end)
        if working < LEGALITY_MIN_WORKING_DAYS and not record.exception_reason:
            raise UserFacingError(
                f"合法性审查时间为 {working} 个工作日，"
                f"少于 {LEGALITY_MIN_WORKING_DAYS} 个工作日（条例第二十七条）。"
                "请填写「审查时间少于7个工作日的理由」后再保存。"
            )
        return f"审查时间 {working} 个工作日"
    return ""


def record_fields(record: StageRecord | None) -> dict[str, object]:
    """Label → value for the audit log and the record sheet (dates as 2025-01-24)."""
    if record is None:
        return {}
    shown: dict[str, object] = {}
    for name, text in STAGE_FIELDS[record.stage]:
        value = getattr(record, name)
        shown[text] = value.isoformat() if isinstance(value, date) else value
    return shown
