"""Demo 依申请公开 cases in several states, created through the services (so every step is audited)."""

from __future__ import annotations

from datetime import date, datetime, time

from app.services.context import AppContext
from app.services.permissions import Actor, Role
from app.services.request_types import LetterKind, Registration
from app.services.requests import CaseFilter

# The 负责人 who approves an extension (条例第三十三条); not a log-in account, so single-account mode stays.
DEMO_LEADER = Actor(None, "demo-leader", "张镇长", frozenset({Role.LEADER}))
D = date.fromisoformat


def _reg(
    name: str, id_number: str, what: str, channel: str, arrived: str, kind: str = "自然人"
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
        arrived_at=datetime.combine(D(arrived), time(9, 30)),
    )


def seed_request_demo(ctx: AppContext, actor: Actor) -> int:
    """Seven cases from 2026; returns how many were created (none if any case exists)."""
    requests = ctx.requests
    if requests.count(CaseFilter()) > 0:
        return 0
    today = date.today()
    ctx.settings.set(actor, "request.letter_code", "赵府依")
    ctx.settings.set(actor, "request.review_body", "上海市青浦区人民政府")
    steps, letters = requests.steps, requests.letters

    answered = requests.register(
        actor,
        _reg("陈建国", "310229195803120419", "2026年赵巷村高龄老人营养补贴发放标准", "当面", "2026-09-14"),
        today,
    ).detail
    letters.issue(actor, answered.id, LetterKind.RECEIPT, D("2026-09-14"))
    steps.assign(actor, answered.id, "社区事务受理服务中心", D("2026-09-25"), D("2026-09-14"), today)
    steps.answer(actor, answered.id, "R3.1", D("2026-09-30"), "随本告知书提供发放标准文件一份。", today=today)
    letters.issue(actor, answered.id, LetterKind.ANSWER, D("2026-09-30"))
    steps.serve(actor, answered.id, "当面", D("2026-09-30"), D("2026-09-30"), today=today)
    steps.archive(actor, answered.id, D("2026-10-09"), today)

    requests.register(
        actor, _reg("刘芳", "310229198807150026", "方夏村2026年道路修缮工程预算", "平信", "2026-11-20"), today
    )

    correction = requests.register(
        actor, _reg("周敏", "310229199002280044", "关于我家房子的那个文件", "当面", "2026-11-02"), today
    ).detail
    steps.notify_correction(
        actor,
        correction.id,
        D("2026-11-05"),
        "请写明所需文件的名称、文号或房屋所在村组、年份等特征性描述。",
        D("2026-11-30"),
        today,
    )
    letters.issue(actor, correction.id, LetterKind.CORRECTION, D("2026-11-05"))

    extended = requests.register(
        actor,
        _reg(
            "上海申律律师事务所",
            "31310000MD0123456X",
            "赵巷镇2025年征地补偿款发放明细",
            "网络",
            "2026-10-19",
            "法律服务机构",
        ),
        today,
    ).detail
    steps.confirm(actor, extended.id, D("2026-10-19"), today)
    steps.assign(actor, extended.id, "规划建设和生态环境办公室", D("2026-11-06"), D("2026-10-20"), today)
    steps.extend(
        DEMO_LEADER, extended.id, 20, "张镇长", D("2026-11-10"), "涉及多个年度档案，需调档核实", today
    )
    letters.issue(actor, extended.id, LetterKind.EXTENSION, D("2026-11-10"))

    consulted = requests.register(
        actor,
        _reg(
            "青浦环保志愿者协会",
            "51310118MJ4567890Y",
            "赵巷建材厂2026年排污许可执行报告",
            "挂号邮寄",
            "2026-11-09",
            "社会公益组织",
        ),
        today,
    ).detail
    steps.consult(actor, consulted.id, True, "上海赵巷建材有限公司", D("2026-11-16"), today)
    letters.issue(actor, consulted.id, LetterKind.THIRD_PARTY, D("2026-11-16"))

    refused = requests.register(
        actor,
        _reg("吴强", "310229197511030051", "邻居宅基地审批材料及其身份证复印件", "当面", "2026-06-08"),
        today,
    ).detail
    steps.answer(
        actor,
        refused.id,
        "R3.3.4",
        D("2026-06-26"),
        "所申请材料含第三方身份证号、家庭住址等个人隐私，经书面征求意见，第三方不同意公开。",
        today=today,
    )
    letters.issue(actor, refused.id, LetterKind.ANSWER, D("2026-06-26"))
    steps.serve(actor, refused.id, "邮政EMS", D("2026-06-29"), D("2026-07-01"), "1180123456789", today)
    requests.remedies.add(
        actor,
        refused.id,
        "复议",
        D("2026-07-20"),
        "上海市青浦区人民政府",
        "维持",
        D("2026-09-10"),
        today=today,
    )

    overdue = requests.register(
        actor, _reg("孙丽", "310229196912120021", "中步村2026年低保对象名单", "传真", "2026-10-09"), today
    ).detail
    steps.confirm(actor, overdue.id, D("2026-10-09"), today)
    steps.assign(actor, overdue.id, "社区事务受理服务中心", D("2026-10-30"), D("2026-10-10"), today)
    due_soon = requests.register(
        actor,
        _reg("钱伟", "310229198201010034", "赵巷镇2026年农田水利项目招标结果", "当面", "2026-10-26"),
        today,
    ).detail
    steps.assign(actor, due_soon.id, "农业农村办", D("2026-11-16"), D("2026-10-26"), today)
    return 8
