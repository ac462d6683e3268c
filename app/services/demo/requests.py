"""Demo 依申请公开 cases in several states, created through the services (so every step is audited).

The dates are working days before today (`DemoDates.ago`), chosen so each case is where its story says
on any date: one answered and archived, one refused and reviewed, one overdue, one due in two working
days, one extended, one waiting for a 补正, one in consultation, one not yet confirmed. Every step of
every case is run in date order, so 受理编号 and 文书文号 follow the calendar like a real office's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from app.errors import BugError
from app.services.context import AppContext
from app.services.demo.dates import DemoDates
from app.services.permissions import Actor, Role
from app.services.requests.query import CaseFilter
from app.services.requests.types import LetterKind, Registration
from app.services.settings import registry

# The 负责人 who approves an extension (条例第三十三条); not a log-in account, so single-account mode stays.
DEMO_LEADER = Actor(None, "demo-leader", "张镇长", frozenset({Role.LEADER}))
CORRECTION_WORKING_DAYS = 15  # the 合理的补正期限 the office gives (条例第三十条)


def _reg(
    name: str, id_number: str, what: str, channel: str, arrived: date, kind: str = "自然人"
) -> Registration:
    return Registration(
        applicant_type=kind,
        name=name,
        id_type="居民身份证" if kind == "自然人" else "统一社会信用代码",
        id_number=id_number,
        contact="13916000000" if kind == "自然人" else "021-59750001",
        description=what,
        form_requested="纸质文本，邮寄" if channel != "网络" else "电子文本，电子邮件",
        channel=channel,
        arrived_at=datetime.combine(arrived, time(9, 30)),
    )


@dataclass(frozen=True)
class _Step:
    on: date
    run: Callable[[], object]


class _Plan:
    """The demo's steps, collected per case and then run in date order (a stable sort keeps each
    case's same-day steps in the order written)."""

    def __init__(self, ctx: AppContext, actor: Actor, today: date) -> None:
        self.requests, self.actor, self.today = ctx.requests, actor, today
        self.steps, self.letters = ctx.requests.steps, ctx.requests.letters
        self._ids: dict[str, int] = {}
        self._last: dict[str, date] = {}
        self._plan: list[_Step] = []

    def register(self, key: str, reg: Registration) -> None:
        def run() -> None:
            self._ids[key] = self.requests.register(self.actor, reg, self.today).detail.id

        self._add(key, reg.arrived_at.date(), run)

    def at(self, key: str, on: date, step: Callable[[int], object]) -> None:
        self._add(key, on, lambda: step(self._ids[key]))

    def letter(self, key: str, kind: LetterKind, on: date) -> None:
        self.at(key, on, lambda case: self.letters.issue(self.actor, case, kind, on))

    def _add(self, key: str, on: date, run: Callable[[], object]) -> None:
        if not self._last.get(key, on) <= on <= self.today:
            raise BugError(f"demo step of {key} out of order: {on} (today {self.today})")
        self._last[key] = on
        self._plan.append(_Step(on, run))

    def run(self) -> int:
        for step in sorted(self._plan, key=lambda s: s.on):
            step.run()
        return len(self._ids)


def seed_request_demo(ctx: AppContext, actor: Actor, today: date | None = None) -> int:
    """Eight cases placed before today; returns how many were created (none if any case exists)."""
    if ctx.requests.count(CaseFilter()) > 0:
        return 0
    day = today or ctx.clock.today()
    ctx.settings.set(actor, registry.LETTER_CODE, "赵府依")
    ctx.settings.set(actor, registry.REVIEW_BODY, "上海市青浦区人民政府")
    plan, dates = _Plan(ctx, actor, day), DemoDates(day, ctx.calendar.calendar())
    for case in (_refused, _answered, _extended, _overdue, _due_soon, _correction, _consulted, _unconfirmed):
        case(plan, dates)
    return plan.run()


def _answered(p: _Plan, d: DemoDates) -> None:
    """Answered on the 12th working day, served in person, archived: a closed case."""
    got, answered = d.ago(70), d.ago(58)
    what = f"{got.year}年赵巷村高龄老人营养补贴发放标准"
    p.register("answered", _reg("陈建国", "310229195803120419", what, "当面", got))
    p.letter("answered", LetterKind.RECEIPT, got)
    p.at(
        "answered", got, lambda c: p.steps.assign(p.actor, c, "社区事务受理服务中心", d.ago(61), got, p.today)
    )
    text = "随本告知书提供发放标准文件一份。"
    p.at("answered", answered, lambda c: p.steps.answer(p.actor, c, "R3.1", answered, text, today=p.today))
    p.letter("answered", LetterKind.ANSWER, answered)
    p.at("answered", answered, lambda c: p.steps.serve(p.actor, c, "当面", answered, answered, today=p.today))
    p.at("answered", d.ago(51), lambda c: p.steps.archive(p.actor, c, d.ago(51), p.today))


def _refused(p: _Plan, d: DemoDates) -> None:
    """Refused (third party's privacy), served by EMS, upheld on 行政复议: 表四's one case."""
    got, answered, sent, signed = d.ago(125), d.ago(111), d.ago(110), d.ago(108)
    filed, decided = d.ago(95), d.ago(55)
    what = "邻居宅基地审批材料及其身份证复印件"
    p.register("refused", _reg("吴强", "310229197511030051", what, "当面", got))
    why = "所申请材料含第三方身份证号、家庭住址等个人隐私，经书面征求意见，第三方不同意公开。"
    p.at("refused", answered, lambda c: p.steps.answer(p.actor, c, "R3.3.4", answered, why, today=p.today))
    p.letter("refused", LetterKind.ANSWER, answered)
    p.at(
        "refused",
        sent,
        lambda c: p.steps.serve(p.actor, c, "邮政EMS", sent, signed, "1180123456789", p.today),
    )
    body = "上海市青浦区人民政府"
    p.at(
        "refused",
        filed,
        lambda c: p.requests.remedies.add(p.actor, c, "复议", filed, body, "维持", decided, today=p.today),
    )


def _extended(p: _Plan, d: DemoDates) -> None:
    """Extended by 20 working days two days before its deadline (ago(7)): still open, due later."""
    got, decided = d.ago(27), d.ago(9)
    what = f"赵巷镇{got.year - 1}年征地补偿款发放明细"
    p.register(
        "extended", _reg("上海申律律师事务所", "31310000MD0123456X", what, "网络", got, "法律服务机构")
    )
    p.at("extended", got, lambda c: p.steps.confirm(p.actor, c, got, p.today))
    office = "规划建设和生态环境办公室"
    p.at("extended", d.ago(26), lambda c: p.steps.assign(p.actor, c, office, d.ago(13), d.ago(26), p.today))
    why = "涉及多个年度档案，需调档核实"
    p.at("extended", decided, lambda c: p.steps.extend(DEMO_LEADER, c, 20, "张镇长", decided, why, p.today))
    p.letter("extended", LetterKind.EXTENSION, decided)


def _overdue(p: _Plan, d: DemoDates) -> None:
    """Confirmed the day the fax came, handed to a 科室, not answered: overdue since ago(4)."""
    got = d.ago(24)
    p.register("overdue", _reg("孙丽", "310229196912120021", f"中步村{got.year}年低保对象名单", "传真", got))
    p.at("overdue", got, lambda c: p.steps.confirm(p.actor, c, got, p.today))
    office = "社区事务受理服务中心"
    p.at("overdue", d.ago(23), lambda c: p.steps.assign(p.actor, c, office, d.ago(8), d.ago(23), p.today))


def _due_soon(p: _Plan, d: DemoDates) -> None:
    """Received 18 working days ago: two working days left (即将到期)."""
    got = d.ago(18)
    what = f"赵巷镇{got.year}年农田水利项目招标结果"
    p.register("due_soon", _reg("钱伟", "310229198201010034", what, "当面", got))
    p.at("due_soon", got, lambda c: p.steps.assign(p.actor, c, "农业农村办", d.ago(3), got, p.today))


def _correction(p: _Plan, d: DemoDates) -> None:
    """补正 asked on the 3rd working day (within 7, 条例第三十条); the period runs past today."""
    got, sent = d.ago(14), d.ago(11)
    p.register("correction", _reg("周敏", "310229199002280044", "关于我家房子的那个文件", "当面", got))
    items = "请写明所需文件的名称、文号或房屋所在村组、年份等特征性描述。"
    until = d.after(sent, CORRECTION_WORKING_DAYS)
    p.at("correction", sent, lambda c: p.steps.notify_correction(p.actor, c, sent, items, until, p.today))
    p.letter("correction", LetterKind.CORRECTION, sent)


def _consulted(p: _Plan, d: DemoDates) -> None:
    """A third party consulted (条例第三十二条): the answer period is paused until it replies."""
    got, sent = d.ago(10), d.ago(5)
    what = f"赵巷建材厂{got.year}年排污许可执行报告"
    p.register(
        "consulted", _reg("青浦环保志愿者协会", "51310118MJ4567890Y", what, "挂号邮寄", got, "社会公益组织")
    )
    party = "上海赵巷建材有限公司"
    p.at("consulted", sent, lambda c: p.steps.consult(p.actor, c, True, party, sent, p.today))
    p.letter("consulted", LetterKind.THIRD_PARTY, sent)


def _unconfirmed(p: _Plan, d: DemoDates) -> None:
    """A letter by ordinary post, arrived one working day ago, not yet confirmed (条例第三十一条)."""
    got = d.ago(1)
    what = f"方夏村{got.year}年道路修缮工程预算"
    p.register("unconfirmed", _reg("刘芳", "310229198807150026", what, "平信", got))
