"""Demo 决策目录: the town's 2025 directory (one 听证 item, one adjusted), created through the services.

It stays the 2025 directory on every date after its last record (2025-09-29): its texts are about
2025—2027, and the `decisions` examples and tests read 2025. On an earlier date the whole directory
moves back by whole years, so nothing is dated after today and the stages keep their order.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date, timedelta
from typing import Any, TypeVar

from app.models.decision import Stage
from app.services.context import AppContext
from app.services.decisions.stages import LEGALITY_MIN_WORKING_DAYS, StageRecord
from app.services.decisions.types import ItemDraft, Procedures
from app.services.demo.dates import TEMPLATE_YEAR, latest_fitting_year, shift_text, shift_years
from app.services.permissions import Actor
from app.services.workdays.calendar import WorkCalendar

YEAR = TEMPLATE_YEAR
PUBLISHED_ON = date(2025, 3, 20)
PUBLICATION = ("赵府办〔2025〕27号", "保密审查单纸质件存镇党政办档案室（2025-03-18 审批）")
DELAYED = (date(2025, 6, 20), date(2025, 11, 30), "待区级农村集体资产管理细则出台后衔接，推迟完成时间")
ADDED_ON = (date(2025, 7, 15), "经镇政府常务会议研究，增补列入目录")
SUBJECT = "赵巷镇人民政府"
ITEMS: tuple[ItemDraft, ...] = (
    ItemDraft(
        "赵巷镇老旧小区综合改造实施方案",
        SUBJECT,
        "镇建设和管理办公室",
        "《上海市城市更新条例》《重大行政决策程序暂行条例》",
        Procedures(True, True, True, True, True, True),
        date(2025, 10, 31),
    ),
    ItemDraft(
        "赵巷镇镇级集体资产管理办法（修订）",
        SUBJECT,
        "镇农业农村服务中心",
        "《上海市农村集体资产监督管理条例》",
        Procedures(True, False, False, True, True, False),
        date(2025, 6, 30),
    ),
    ItemDraft(
        "赵巷镇农村生活污水治理三年行动计划（2025—2027年）",
        SUBJECT,
        "镇生态环境办公室",
        "《中华人民共和国水污染防治法》《上海市水资源管理若干规定》",
        Procedures(True, True, True, True, True, False),
        date(2025, 12, 31),
    ),
)
ADDED = ItemDraft(
    "赵巷镇农贸市场布局优化调整方案",
    SUBJECT,
    "镇经济发展办公室",
    "《上海市菜市场管理办法》",
    Procedures(True, False, True, True, True, False),
    date(2025, 12, 31),
)
# The hearing item, carried up to the meeting (its publication goes through a 保密审查单 in the app).
RENOVATION: tuple[StageRecord, ...] = (
    StageRecord(Stage.START, date(2025, 4, 10), people="镇建设和管理办公室", result="镇长办公会议决定启动"),
    StageRecord(
        Stage.CONSULT,
        date(2025, 6, 6),
        started_on=date(2025, 5, 6),
        channels="镇政府网站、镇政府公开栏、各居委会公开栏",
        opinions_received=46,
        opinions_adopted=38,
        not_adopted_reasons="8条涉及房屋产权调整，不属于本次改造范围，已逐条答复",
    ),
    StageRecord(
        Stage.HEARING,
        date(2025, 6, 20),
        started_on=date(2025, 6, 11),
        channels="2025年6月4日 镇政府网站发布听证公告",
        people="居民代表9人、人大代表2人、物业企业代表1人、专家1人",
        result="多数代表支持将加装电梯、雨污分流纳入改造内容",
    ),
    StageRecord(
        Stage.EXPERT,
        date(2025, 7, 2),
        channels="论证会",
        people="区建设工程专家3人（署名意见附后）",
        result="可行",
    ),
    StageRecord(
        Stage.RISK, date(2025, 7, 18), people="镇平安办", result="风险等级：低；已制定施工扰民应对预案"
    ),
    StageRecord(
        Stage.LEGALITY,
        date(2025, 9, 24),
        started_on=date(2025, 9, 15),
        people="镇司法所",
        result="合法，建议修改第六条表述",
    ),
    StageRecord(
        Stage.MEETING,
        date(2025, 9, 29),
        channels="镇政府常务会议（2025年第12次）",
        people="居民代表张建国、李秀英",
        notes="赞成，希望施工期间保障出行",
        result="原则通过，按审查意见修改后印发",
        dissent="无",
    ),
)
SEWAGE: tuple[StageRecord, ...] = (
    StageRecord(Stage.START, date(2025, 5, 12), people="镇生态环境办公室", result="镇长办公会议决定启动"),
    StageRecord(
        Stage.CONSULT,
        date(2025, 8, 15),
        started_on=date(2025, 7, 15),
        channels="镇政府网站、“赵巷发布”微信公众号",
        opinions_received=17,
        opinions_adopted=17,
    ),
)


Shiftable = TypeVar("Shiftable", ItemDraft, StageRecord)


def _last_date() -> date:
    records = (*RENOVATION, *SEWAGE)
    days = [d for r in records for d in (r.started_on, r.done_on) if d is not None]
    return max(PUBLISHED_ON, DELAYED[0], ADDED_ON[0], *days)


def directory_year(today: date) -> int:
    """2025, or the latest earlier year into which the whole directory fits by `today`."""
    return min(YEAR, latest_fitting_year(today, _last_date()))


def _shifted(value: Shiftable, years: int) -> Shiftable:
    changes: dict[str, Any] = {}
    for field in fields(value):
        old = getattr(value, field.name)
        if isinstance(old, date):
            changes[field.name] = shift_years(old, years)
        elif type(old) is str:  # not the Stage enum
            changes[field.name] = shift_text(old, years)
    return replace(value, **changes)


def _legal_period(record: StageRecord, calendar: WorkCalendar) -> StageRecord:
    """A shifted 合法性审查 keeps its 7 working days (条例第二十七条) whatever that year's holidays."""
    start, end = record.started_on, record.done_on
    if record.stage is not Stage.LEGALITY or start is None or end is None:
        return record
    while calendar.working_days_between(start, end) < LEGALITY_MIN_WORKING_DAYS:
        start -= timedelta(days=1)
    return replace(record, started_on=start)


def seed_decisions_demo(ctx: AppContext, actor: Actor, today: date | None = None) -> None:
    """Idempotent: does nothing if the demo year already has a directory."""
    day = today or ctx.clock.today()
    year = directory_year(day)
    shift, service, calendar = year - YEAR, ctx.decisions, ctx.calendar.calendar()
    if service.directory(year) is not None:
        return
    service.create_directory(actor, year)
    ids = [service.add_item(actor, year, _shifted(draft, shift)).id for draft in ITEMS]
    number, note = (shift_text(text, shift) for text in PUBLICATION)
    service.register_past_publication(actor, year, shift_years(PUBLISHED_ON, shift), number, note, day)
    delayed = _shifted(replace(ITEMS[1], planned_on=DELAYED[1]), shift)
    service.adjust_item(actor, ids[1], delayed, shift_years(DELAYED[0], shift), DELAYED[2])
    service.add_by_adjustment(
        actor, year, _shifted(ADDED, shift), shift_years(ADDED_ON[0], shift), ADDED_ON[1]
    )
    for item_id, records in ((ids[0], RENOVATION), (ids[2], SEWAGE)):
        for record in records:
            shifted = _legal_period(_shifted(record, shift), calendar)
            service.process.save_stage(actor, item_id, shifted, today=day)
